package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.Tools;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Identities made in-process: what the certificates say, that other TLS stacks accept them, and that they work for TLS. */
class TlsIdentityTest {
    @TempDir
    Path dir;

    /** The certificate read back from its bytes by the JDK's parser, as a peer would read it. */
    private static X509Certificate reparsed(X509Certificate c) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(c.getEncoded()));
    }

    @Test
    void a_self_signed_identity_names_its_hosts_and_is_a_leaf_for_server_and_client_auth() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var id = TlsIdentity.selfSigned("localhost", "127.0.0.1", "::1", "example.test");
        X509Certificate c = reparsed(id.certificate());
        c.verify(c.getPublicKey());
        assertEquals(3, c.getVersion());
        assertEquals("CN=localhost", c.getSubjectX500Principal().getName());
        assertEquals(c.getSubjectX500Principal(), c.getIssuerX500Principal());
        assertEquals("SHA256withECDSA", c.getSigAlgName());
        assertEquals("EC", c.getPublicKey().getAlgorithm());
        var sans = new ArrayList<List<?>>(c.getSubjectAlternativeNames());
        assertEquals(List.of(List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"),
                List.of(2, "example.test")), sans);
        assertEquals(List.of("localhost", "127.0.0.1", "::1", "example.test"), id.names());
        assertEquals(-1, c.getBasicConstraints());
        assertTrue(c.getCriticalExtensionOIDs().containsAll(List.of("2.5.29.19", "2.5.29.15")));
        boolean[] usage = c.getKeyUsage();
        assertTrue(usage[0], "digitalSignature");
        for (int i = 1; i < usage.length; i++) {
            assertFalse(usage[i], "key usage bit " + i);
        }
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), c.getExtendedKeyUsage());
        assertTrue(c.getExtensionValue("2.5.29.14") != null, "subjectKeyIdentifier");
        assertEquals(null, c.getExtensionValue("2.5.29.35"), "no authorityKeyIdentifier on a self-signed certificate");
        assertTrue(c.getSerialNumber().signum() > 0);
        assertEquals(16, c.getSerialNumber().toByteArray().length);
        // Valid from an hour ago for seven days: a certificate made now works on a peer whose clock is a little behind.
        Instant from = c.getNotBefore().toInstant();
        assertFalse(from.isAfter(before.minus(Duration.ofHours(1)).plusSeconds(1)), "valid from an hour ago: " + from);
        assertEquals(Duration.ofDays(7).plusHours(1), Duration.between(from, c.getNotAfter().toInstant()));
        assertEquals(c.getNotAfter().toInstant(), id.expires());
        assertEquals(List.of(id.certificate()), id.chain());
        assertFalse(id.isAuthority());
    }

    @Test
    void serial_numbers_differ() {
        assertFalse(TlsIdentity.selfSigned("localhost").certificate().getSerialNumber()
                .equals(TlsIdentity.selfSigned("localhost").certificate().getSerialNumber()));
    }

    @Test
    void an_identity_prints_its_subject_names_key_end_and_issuer() {
        var id = TlsIdentity.selfSigned("localhost", "127.0.0.1");
        String day = id.expires().atZone(ZoneOffset.UTC).toLocalDate().toString();
        assertEquals("TlsIdentity[CN=localhost, names [localhost, 127.0.0.1], EC P-256, expires " + day + ", self-signed]",
                id.toString());
        var ca = TlsIdentity.authority("Test CA");
        assertEquals("TlsIdentity[CN=Test CA, authority, EC P-256, expires " + day + ", self-signed]", ca.toString());
        assertEquals("TlsIdentity[CN=localhost, names [localhost], EC P-256, expires " + day + ", issued by CN=Test CA]",
                ca.issue("localhost").toString());
    }

    @Test
    void an_authority_signs_identities_whose_chain_leads_to_it() throws Exception {
        var ca = TlsIdentity.authority("Test CA");
        X509Certificate root = reparsed(ca.certificate());
        root.verify(root.getPublicKey());
        assertTrue(ca.isAuthority());
        assertEquals(Integer.MAX_VALUE, root.getBasicConstraints());
        boolean[] usage = root.getKeyUsage();
        assertTrue(usage[5] && usage[6], "keyCertSign and cRLSign");
        assertFalse(usage[0]);
        assertEquals(List.of(), ca.names());

        var leaf = ca.issue("localhost", "127.0.0.1");
        assertEquals(List.of(leaf.certificate(), ca.certificate()), leaf.chain());
        X509Certificate c = reparsed(leaf.certificate());
        c.verify(ca.certificate().getPublicKey());
        assertEquals("CN=Test CA", c.getIssuerX500Principal().getName());
        assertEquals(List.of("localhost", "127.0.0.1"), leaf.names());
        assertFalse(leaf.isAuthority());
        // The authority key identifier is the CA's subject key identifier (both are DER OCTET STRINGs around the id).
        byte[] ski = root.getExtensionValue("2.5.29.14");
        byte[] aki = c.getExtensionValue("2.5.29.35");
        byte[] keyId = java.util.Arrays.copyOfRange(ski, 4, ski.length);
        byte[] akiId = java.util.Arrays.copyOfRange(aki, 6, aki.length);
        assertArrayEquals(keyId, akiId);
        assertFalse(leaf.expires().isAfter(ca.expires()), "a leaf never outlives its authority");

        // The JDK's PKIX validation accepts the chain with the authority as the only anchor.
        var params = new java.security.cert.PKIXParameters(ca.trustStore());
        params.setRevocationEnabled(false);
        java.security.cert.CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(c)), params);
    }

    @Test
    void only_an_authority_issues() {
        var id = TlsIdentity.selfSigned("localhost");
        var e = assertThrows(IllegalStateException.class, () -> id.issue("other"));
        assertTrue(e.getMessage().endsWith("is not an authority and cannot issue certificates;"
                + " make one with TlsIdentity.authority(name)"), e.getMessage());
    }

    @Test
    void names_are_checked_as_hosts() {
        assertThrows(IllegalArgumentException.class, () -> TlsIdentity.selfSigned());
        var bad = assertThrows(AddressError.class, () -> TlsIdentity.selfSigned("localhost", "256.1.1.1"));
        assertEquals("256.1.1.1", bad.input());
        var empty = assertThrows(AddressError.class, () -> TlsIdentity.selfSigned(""));
        assertEquals("not a host name or an IP address", empty.reason());
        var zone = assertThrows(AddressError.class, () -> TlsIdentity.selfSigned("fe80::1%lo"));
        assertEquals("a zone has no place in a certificate", zone.reason());
        assertThrows(AddressError.class, () -> TlsIdentity.authority("Test CA").issue("bad name!"));
    }

    @Test
    void expired_and_not_yet_valid_certificates_for_tests_of_dates() throws Exception {
        Instant now = Instant.now();
        var expired = TlsIdentity.selfSigned(now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(3)), "localhost");
        assertThrows(CertificateExpiredException.class, () -> expired.certificate().checkValidity());
        var early = TlsIdentity.selfSigned(now.plus(Duration.ofDays(3)), now.plus(Duration.ofDays(10)), "localhost");
        assertThrows(CertificateNotYetValidException.class, () -> early.certificate().checkValidity());
        var ca = TlsIdentity.authority("Test CA");
        var old = ca.issue(now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)), "localhost");
        assertThrows(CertificateExpiredException.class, () -> old.certificate().checkValidity());
        old.certificate().verify(ca.certificate().getPublicKey());
        // Past 2049 RFC 5280 wants GeneralizedTime; the JDK reads the date back exactly.
        Instant far = Instant.parse("2051-03-04T05:06:07Z");
        assertEquals(far, TlsIdentity.selfSigned(now, far, "localhost").expires());
    }

    @Test
    void the_key_store_holds_the_key_and_chain_and_the_trust_store_the_root() throws Exception {
        var ca = TlsIdentity.authority("Test CA");
        var leaf = ca.issue("localhost");
        KeyStore ks = leaf.keyStore();
        assertEquals(List.of("identity"), java.util.Collections.list(ks.aliases()));
        assertEquals(leaf.privateKey(), ks.getKey("identity", new char[0]));
        assertEquals(2, ks.getCertificateChain("identity").length);
        KeyStore ts = leaf.trustStore();
        String alias = ts.aliases().nextElement();
        assertTrue(ts.isCertificateEntry(alias));
        assertEquals(ca.certificate(), ts.getCertificate(alias));
    }

    @Test
    void an_identity_completes_a_tls_handshake_with_client_authentication() throws Exception {
        var ca = TlsIdentity.authority("Test CA");
        var server = ca.issue("localhost", "127.0.0.1");
        var client = ca.issue("client");
        SSLContext serverCtx = context(server, ca);
        SSLContext clientCtx = context(client, ca);
        try (SSLServerSocket listener = (SSLServerSocket) serverCtx.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            listener.setSoTimeout(10_000);
            CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.setSoTimeout(10_000);
                    String peer = ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
                    s.getOutputStream().write(s.getInputStream().read());
                    return peer;
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            try (SSLSocket s = (SSLSocket) clientCtx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                    listener.getLocalPort())) {
                s.setSoTimeout(10_000);
                var p = s.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS"); // checks the server's 127.0.0.1 iPAddress entry
                s.setSSLParameters(p);
                OutputStream out = s.getOutputStream();
                out.write(42);
                out.flush();
                InputStream in = s.getInputStream();
                assertEquals(42, in.read());
                assertEquals("CN=localhost", ((X509Certificate) s.getSession().getPeerCertificates()[0])
                        .getSubjectX500Principal().getName());
            }
            assertEquals("CN=client", served.get(20, TimeUnit.SECONDS));
        }
    }

    private static SSLContext context(TlsIdentity id, TlsIdentity trusted) throws Exception {
        var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(id.keyStore(), new char[0]);
        var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted.trustStore());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    @Test
    void written_pem_files_load_back_and_the_key_is_private() throws Exception {
        var ca = TlsIdentity.authority("Test CA");
        var leaf = ca.issue("localhost", "127.0.0.1");
        assertEquals(dir, leaf.writePem(dir));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("key.pem"))));
        String key = Files.readString(dir.resolve("key.pem"));
        assertTrue(key.startsWith("-----BEGIN PRIVATE KEY-----\n") && key.endsWith("-----END PRIVATE KEY-----\n"), key);
        var back = TlsIdentity.load(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        assertEquals(leaf.chain(), back.chain());
        assertEquals(leaf.privateKey(), back.privateKey());
        assertEquals(leaf.names(), back.names());
        assertEquals(leaf.toString(), back.toString());
        // Written again over itself: replaced, still 0600.
        leaf.writePem(dir);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("key.pem"))));
    }

    @Test
    void a_key_that_is_not_the_certificates_is_refused() throws Exception {
        TlsIdentity.selfSigned("localhost").writePem(dir);
        Path other = Files.createDirectory(dir.resolve("other"));
        TlsIdentity.selfSigned("localhost").writePem(other);
        var e = assertThrows(TlsError.class, () -> TlsIdentity.load(dir.resolve("cert.pem"), other.resolve("key.pem")));
        assertEquals("parse " + other.resolve("key.pem") + ": the key does not belong to the first certificate of "
                + dir.resolve("cert.pem") + " (CN=localhost); give the key made with that certificate", e.getMessage());
    }

    @Test
    void openssl_reads_written_certificates_and_verifies_the_chain() throws Exception {
        var ca = TlsIdentity.authority("Test CA");
        Path caDir = Files.createDirectory(dir.resolve("ca"));
        ca.writePem(caDir);
        var leaf = ca.issue("localhost", "127.0.0.1", "::1");
        leaf.writePem(dir);
        String text = String.join("\n", Tools.run(dir, "openssl", "x509", "-noout", "-text", "-in", "cert.pem"));
        assertTrue(text.contains("DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1"), text);
        assertTrue(text.contains("CA:FALSE"), text);
        assertTrue(text.contains("TLS Web Server Authentication, TLS Web Client Authentication"), text);
        assertTrue(text.contains("Issuer: CN = Test CA"), text);
        String caText = String.join("\n", Tools.run(dir, "openssl", "x509", "-noout", "-text", "-in", "ca/cert.pem"));
        assertTrue(caText.contains("CA:TRUE") && caText.contains("Certificate Sign, CRL Sign"), caText);
        assertEquals(List.of("cert.pem: OK"), Tools.run(dir, "openssl", "verify", "-CAfile", "ca/cert.pem", "cert.pem"));
        // openssl agrees the key is the certificate's.
        assertEquals(Tools.run(dir, "openssl", "pkey", "-in", "key.pem", "-pubout"),
                Tools.run(dir, "openssl", "x509", "-in", "cert.pem", "-noout", "-pubkey"));
    }

    @Test
    void pythons_ssl_loads_written_pem_files() throws Exception {
        TlsIdentity.selfSigned("localhost", "127.0.0.1").writePem(dir);
        TlsIdentity.authority("Test CA").issue("localhost").writePem(Files.createDirectory(dir.resolve("issued")));
        assertEquals(List.of("loaded", "loaded"), Tools.run(dir, "python3", "-c",
                "import ssl\n"
                + "for d in ('.', 'issued'):\n"
                + "    ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).load_cert_chain(d + '/cert.pem', d + '/key.pem')\n"
                + "    print('loaded')\n"));
    }

    @Test
    void a_pkcs12_file_from_openssl_loads_with_its_password() throws Exception {
        var ca = TlsIdentity.authority("Test CA");
        var leaf = ca.issue("localhost");
        leaf.writePem(dir);
        Tools.run(dir, "openssl", "pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem", "-out", "id.p12",
                "-passout", "pass:s3cret");
        var back = TlsIdentity.load(dir.resolve("id.p12"), "s3cret".toCharArray());
        assertEquals(leaf.chain(), back.chain());
        assertEquals(leaf.privateKey(), back.privateKey());
        var wrong = assertThrows(TlsError.class, () -> TlsIdentity.load(dir.resolve("id.p12"), "nope".toCharArray()));
        assertEquals("parse " + dir.resolve("id.p12") + ": wrong password for the PKCS#12 file; check the password given with it",
                wrong.getMessage());
    }

    @Test
    void a_pkcs12_file_without_a_key_is_refused_with_how_to_export_one() throws Exception {
        TlsIdentity.selfSigned("localhost").writePem(dir);
        Tools.run(dir, "openssl", "pkcs12", "-export", "-nokeys", "-in", "cert.pem", "-out", "certs.p12",
                "-passout", "pass:pw");
        var e = assertThrows(TlsError.class, () -> TlsIdentity.load(dir.resolve("certs.p12"), "pw".toCharArray()));
        assertEquals("parse " + dir.resolve("certs.p12") + ": no private key with its certificate in the PKCS#12 file;"
                + " export the key with it: openssl pkcs12 -export -inkey key.pem -in cert.pem -out id.p12", e.getMessage());
    }

    @Test
    void writing_into_a_missing_directory_is_a_socket_error_naming_it() {
        Path missing = dir.resolve("missing");
        var e = assertThrows(SocketError.class, () -> TlsIdentity.selfSigned("localhost").writePem(missing));
        assertEquals("write " + missing.resolve("cert.pem") + ": the directory " + missing + " does not exist; create it first",
                e.getMessage());
        assertFalse(Files.exists(missing));
    }
}
