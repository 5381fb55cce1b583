package dev.sockets.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.SocketError;
import dev.sockets.TlsError;
import dev.sockets.TlsIdentity;
import dev.sockets.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys and certificates from files as openssl writes them, and every way a file can be wrong. */
class PemTest {
    @TempDir
    Path dir;

    /** The key made by openssl is the one read: its signature verifies with openssl's public key. */
    private void assertSameKey(PrivateKey k, String file) throws Exception {
        Tools.run(dir, "openssl", "pkey", "-in", file, "-pubout", "-outform", "der", "-out", file + ".pub");
        var pub = java.security.KeyFactory.getInstance(k.getAlgorithm()).generatePublic(
                new java.security.spec.X509EncodedKeySpec(Files.readAllBytes(dir.resolve(file + ".pub"))));
        String alg = k.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        Signature s = Signature.getInstance(alg);
        s.initSign(k);
        s.update(new byte[] {1, 2, 3});
        byte[] sig = s.sign();
        s.initVerify(pub);
        s.update(new byte[] {1, 2, 3});
        assertTrue(s.verify(sig), file);
    }

    private String head(String file) throws Exception {
        return Files.readAllLines(dir.resolve(file)).get(0);
    }

    @Test
    void pkcs8_keys_from_openssl_genpkey_load() throws Exception {
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.pem");
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "ec.pem");
        assertEquals("-----BEGIN PRIVATE KEY-----", head("rsa.pem"));
        assertEquals("-----BEGIN PRIVATE KEY-----", head("ec.pem"));
        PrivateKey rsa = Pem.privateKey(dir.resolve("rsa.pem"));
        assertInstanceOf(RSAPrivateCrtKey.class, rsa);
        assertSameKey(rsa, "rsa.pem");
        PrivateKey ec = Pem.privateKey(dir.resolve("ec.pem"));
        assertEquals(384, ((ECPrivateKey) ec).getParams().getCurve().getField().getFieldSize());
        assertSameKey(ec, "ec.pem");
    }

    @Test
    void a_pkcs1_rsa_key_from_openssl_genrsa_traditional_loads() throws Exception {
        Tools.run(dir, "openssl", "genrsa", "-traditional", "-out", "rsa1.pem", "2048");
        assertEquals("-----BEGIN RSA PRIVATE KEY-----", head("rsa1.pem"));
        PrivateKey k = Pem.privateKey(dir.resolve("rsa1.pem"));
        assertEquals(2048, ((RSAPrivateCrtKey) k).getModulus().bitLength());
        assertSameKey(k, "rsa1.pem");
    }

    @Test
    void a_sec1_ec_key_from_openssl_ecparam_loads_after_its_parameters_block() throws Exception {
        Tools.run(dir, "openssl", "ecparam", "-genkey", "-name", "prime256v1", "-out", "ec1.pem");
        assertEquals("-----BEGIN EC PARAMETERS-----", head("ec1.pem"));
        assertTrue(Files.readString(dir.resolve("ec1.pem")).contains("-----BEGIN EC PRIVATE KEY-----"));
        PrivateKey k = Pem.privateKey(dir.resolve("ec1.pem"));
        assertEquals(256, ((ECPrivateKey) k).getParams().getCurve().getField().getFieldSize());
        assertSameKey(k, "ec1.pem");
        Tools.run(dir, "openssl", "ecparam", "-genkey", "-noout", "-name", "secp384r1", "-out", "ec2.pem");
        assertSameKey(Pem.privateKey(dir.resolve("ec2.pem")), "ec2.pem");
    }

    @Test
    void an_identity_loads_from_an_openssl_certificate_and_a_traditional_key() throws Exception {
        Tools.run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key8.pem", "-out", "cert.pem",
                "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        Tools.run(dir, "openssl", "rsa", "-in", "key8.pem", "-traditional", "-out", "key.pem");
        var id = TlsIdentity.load(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        assertEquals(List.of("localhost", "127.0.0.1"), id.names());
        assertTrue(id.toString().contains("RSA 2048"), id.toString());
    }

    private static final String ENCRYPTED = ": the private key is encrypted; give it unencrypted (openssl pkcs8 -topk8"
            + " -nocrypt -in key.pem -out key-plain.pem), or as a PKCS#12 file with its password";

    @Test
    void encrypted_keys_are_refused_with_how_to_give_them() throws Exception {
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes256",
                "-pass", "pass:secret", "-out", "enc8.pem");
        Tools.run(dir, "openssl", "genrsa", "-traditional", "-aes256", "-passout", "pass:secret", "-out", "enc1.pem", "2048");
        Tools.run(dir, "openssl", "ec", "-in", "enc8.pem", "-passin", "pass:secret", "-aes256", "-passout", "pass:secret",
                "-out", "encec.pem");
        assertEquals("-----BEGIN ENCRYPTED PRIVATE KEY-----", head("enc8.pem"));
        assertTrue(Files.readString(dir.resolve("enc1.pem")).contains("Proc-Type: 4,ENCRYPTED"));
        assertTrue(Files.readString(dir.resolve("encec.pem")).contains("Proc-Type: 4,ENCRYPTED"));
        for (String f : List.of("enc8.pem", "enc1.pem", "encec.pem")) {
            Path p = dir.resolve(f);
            var e = assertThrows(TlsError.class, () -> Pem.privateKey(p));
            assertEquals("parse " + p + ENCRYPTED, e.getMessage());
            assertEquals(SocketError.Op.PARSE, e.operation());
        }
        // The command in the hint works, and its output loads.
        Tools.run(dir, "openssl", "pkcs8", "-topk8", "-nocrypt", "-in", "enc8.pem", "-passin", "pass:secret",
                "-out", "plain.pem");
        Pem.privateKey(dir.resolve("plain.pem"));
    }

    @Test
    void a_bundle_of_certificates_reads_in_order_between_other_text() throws Exception {
        var ca = TlsIdentity.authority("Test CA");
        var leaf = ca.issue("localhost");
        leaf.writePem(dir);
        // openssl pkcs12 -nokeys and many bundles put "Bag Attributes" and comments between blocks.
        String text = "# a comment\nBag Attributes\n    localKeyID: 01\n" + Files.readString(dir.resolve("cert.pem"))
                .replace("\n", "\r\n");
        Files.writeString(dir.resolve("bundle.pem"), text);
        List<X509Certificate> certs = Pem.certificates(dir.resolve("bundle.pem"));
        assertEquals(leaf.chain(), certs);
    }

    private TlsError refusedCert(String content) throws Exception {
        Path p = dir.resolve("c.pem");
        Files.write(p, content.getBytes(StandardCharsets.ISO_8859_1));
        return assertThrows(TlsError.class, () -> Pem.certificates(p));
    }

    private TlsError refusedKey(String content) throws Exception {
        Path p = dir.resolve("k.pem");
        Files.write(p, content.getBytes(StandardCharsets.ISO_8859_1));
        return assertThrows(TlsError.class, () -> Pem.privateKey(p));
    }

    @Test
    void a_file_without_what_was_asked_says_what_it_found() throws Exception {
        var id = TlsIdentity.selfSigned("localhost");
        id.writePem(dir);
        String p = dir.toString();
        var noCert = assertThrows(TlsError.class, () -> Pem.certificates(dir.resolve("key.pem")));
        assertEquals("parse " + p + "/key.pem: no certificate: found only PRIVATE KEY;"
                + " give a PEM file of certificates (-----BEGIN CERTIFICATE-----)", noCert.getMessage());
        var noKey = assertThrows(TlsError.class, () -> Pem.privateKey(dir.resolve("cert.pem")));
        assertEquals("parse " + p + "/cert.pem: no private key: found only CERTIFICATE; give a PEM file of an"
                + " unencrypted key (-----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY)", noKey.getMessage());
        assertEquals("parse " + p + "/c.pem: no certificate: the file is empty;"
                + " give a PEM file of certificates (-----BEGIN CERTIFICATE-----)", refusedCert("").getMessage());
        assertEquals("parse " + p + "/c.pem: no certificate: found no PEM block (no -----BEGIN line);"
                + " give a PEM file of certificates (-----BEGIN CERTIFICATE-----)", refusedCert("hello\n").getMessage());
        Path der = dir.resolve("cert.der");
        Files.write(der, id.certificate().getEncoded());
        var derError = assertThrows(TlsError.class, () -> Pem.certificates(der));
        assertEquals("parse " + der + ": no certificate: found no PEM block; the file looks like binary DER;"
                + " give a PEM file of certificates (-----BEGIN CERTIFICATE-----); convert DER with openssl x509"
                + " -inform der -in cert.der -out cert.pem", derError.getMessage());
    }

    @Test
    void malformed_files_are_refused_naming_the_file_and_the_place() throws Exception {
        var id = TlsIdentity.selfSigned("localhost");
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(id.certificate().getEncoded());
        String p = dir.resolve("c.pem").toString();
        assertEquals("parse " + p + ": bad base64 in the CERTIFICATE block at line 3, column 5 (a character that is not base64)",
                refusedCert("junk\n-----BEGIN CERTIFICATE-----\nMIIB*x==\n-----END CERTIFICATE-----\n").getMessage());
        assertEquals("parse " + p + ": bad base64 in the CERTIFICATE block at line 1 (its length or padding is wrong)",
                refusedCert("-----BEGIN CERTIFICATE-----\nMIIBx\n-----END CERTIFICATE-----\n").getMessage());
        assertEquals("parse " + p + ": the CERTIFICATE block at line 1 has no END line (the file is cut short?)",
                refusedCert("-----BEGIN CERTIFICATE-----\n" + b64.substring(0, 100)).getMessage());
        assertEquals("parse " + p + ": the CERTIFICATE block at line 1 ends at line 3 with another label",
                refusedCert("-----BEGIN CERTIFICATE-----\nAAAA\n-----END PRIVATE KEY-----\n").getMessage());
        // A certificate cut short: the DER length says more than is there (its header is 30 82 hi lo).
        byte[] der = id.certificate().getEncoded();
        String cut = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(der, 120));
        var truncated = refusedCert("-----BEGIN CERTIFICATE-----\n" + cut + "\n-----END CERTIFICATE-----\n");
        assertEquals("parse " + p + ": malformed DER in the CERTIFICATE block at line 1: truncated: an element of "
                + (der.length - 4) + " bytes with 116 left at byte 0", truncated.getMessage());
        assertInstanceOf(Der.Malformed.class, truncated.getCause());
        // Well-formed DER that is not a certificate.
        String notCert = Base64.getEncoder().encodeToString(Der.sequence(Der.integer(1)));
        assertEquals("parse " + p + ": malformed DER in the CERTIFICATE block at line 1: expected tag 0x30, found 0x02 at byte 2",
                refusedCert("-----BEGIN CERTIFICATE-----\n" + notCert + "\n-----END CERTIFICATE-----\n").getMessage());
        // A key whose DER is an RSA key cut short.
        String k = dir.resolve("k.pem").toString();
        String shortKey = Base64.getEncoder().encodeToString(Der.sequence(Der.integer(0), Der.integer(5)));
        assertEquals("parse " + k + ": malformed DER in the RSA PRIVATE KEY block at line 1: expected an element, found the end at byte 8",
                refusedKey("-----BEGIN RSA PRIVATE KEY-----\n" + shortKey + "\n-----END RSA PRIVATE KEY-----\n").getMessage());
        // A PKCS#8 key of an algorithm the library does not know.
        String odd = Base64.getEncoder().encodeToString(Der.sequence(Der.integer(0), Der.sequence(Der.oid("1.2.3.4")),
                Der.octetString(new byte[] {1})));
        assertEquals("parse " + k + ": the key in the PRIVATE KEY block at line 1 is of algorithm 1.2.3.4, which the library"
                + " does not know; use an RSA, EC or Ed25519 key",
                refusedKey("-----BEGIN PRIVATE KEY-----\n" + odd + "\n-----END PRIVATE KEY-----\n").getMessage());
    }

    @Test
    void missing_unreadable_and_odd_files_are_socket_errors_naming_the_file() throws Exception {
        Path missing = dir.resolve("nope.pem");
        var e = assertThrows(SocketError.class, () -> Pem.certificates(missing));
        assertEquals("parse " + missing + ": no such file; check the path", e.getMessage());
        assertEquals(SocketError.Kind.OTHER, e.kind());
        Path noDir = dir.resolve("nodir/key.pem");
        assertEquals("parse " + noDir + ": no such file; the directory " + dir.resolve("nodir") + " does not exist",
                assertThrows(SocketError.class, () -> Pem.privateKey(noDir)).getMessage());
        assertEquals("parse " + dir + ": a directory, not a file; give the path of a file",
                assertThrows(SocketError.class, () -> Pem.privateKey(dir)).getMessage());
        assertEquals("parse /dev/zero: not a regular file; give the path of a file",
                assertThrows(SocketError.class, () -> Pem.privateKey(Path.of("/dev/zero"))).getMessage());
        Path fifo = dir.resolve("fifo");
        Tools.run(dir, "mkfifo", "fifo");
        assertEquals("parse " + fifo + ": not a regular file; give the path of a file",
                assertThrows(SocketError.class, () -> Pem.privateKey(fifo)).getMessage());
    }

    @Test
    void a_pkcs12_file_needs_the_right_password_and_pem_text_is_told_apart() throws Exception {
        TlsIdentity.selfSigned("localhost").writePem(dir);
        Tools.run(dir, "openssl", "pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem", "-out", "id.p12",
                "-passout", "pass:pw");
        assertEquals(1, java.util.Collections.list(Pem.pkcs12(dir.resolve("id.p12"), "pw".toCharArray()).aliases()).size());
        var pemGiven = assertThrows(TlsError.class, () -> Pem.pkcs12(dir.resolve("cert.pem"), "pw".toCharArray()));
        assertEquals("parse " + dir.resolve("cert.pem") + ": not a PKCS#12 file: it is PEM text;"
                + " give PEM files as a certificate file and a key file", pemGiven.getMessage());
    }
}
