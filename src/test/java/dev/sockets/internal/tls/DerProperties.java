package dev.sockets.internal.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sockets.SocketError;
import dev.sockets.TlsError;
import dev.sockets.TlsIdentity;
import dev.sockets.testing.Gens;
import dev.sockets.testing.Pbt;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Properties of the library's DER: what it writes reads back, here and in the JDK, and no input breaks the reader. */
class DerProperties {

    @Test
    void every_integer_written_reads_back() {
        Pbt.qt(2_000).forAll(Gens.randoms(), Gens.ints(0, 300)).checkAssert((random, bits) -> Pbt.unchecked(() -> {
            BigInteger v = new BigInteger(bits, random);
            if (random.nextBoolean()) {
                v = v.negate();
            }
            assertEquals(v, Der.whole(Der.integer(v), Der.INTEGER).integer());
        }));
    }

    @Test
    void every_oid_written_reads_back_here_and_in_the_jdk() {
        Pbt.qt(2_000).forAll(Gens.ints(0, 2), Gens.ints(0, 39), Gens.lists(Gens.longs(0, Long.MAX_VALUE >> 8), 0, 8))
                .checkAssert((first, second, rest) -> Pbt.unchecked(() -> {
                    String oid = first + "." + second + rest.stream().map(a -> "." + a).collect(Collectors.joining());
                    byte[] der = Der.oid(oid);
                    assertEquals(oid, Der.whole(der, Der.OID).oid());
                    // The JDK reads it as an attribute type of a Name; it prints OIDs it has no keyword for dotted.
                    String name = new javax.security.auth.x500.X500Principal(Der.sequence(Der.set(Der.sequence(der,
                            Der.utf8("x"))))).getName(javax.security.auth.x500.X500Principal.RFC2253);
                    if (Character.isDigit(name.charAt(0))) {
                        assertEquals(oid + "=#0c0178", name);
                    }
                }));
    }

    @Test
    void every_length_written_reads_back() {
        Pbt.qt(300).forAll(Gens.frequency(Gens.weight(3, Gens.ints(0, 300)), Gens.weight(1, Gens.ints(0, 70_000))))
                .checkAssert(n -> Pbt.unchecked(() -> {
                    byte[] content = new byte[n];
                    new Random(n).nextBytes(content);
                    assertArrayEquals(content, Der.whole(Der.octetString(content), Der.OCTET_STRING).contents());
                }));
    }

    @Test
    void every_validity_written_is_the_one_the_jdk_reads_utctime_through_2049() {
        // From 1950 to 9999: RFC 5280 writes UTCTime through 2049 and GeneralizedTime after.
        long from = Instant.parse("1950-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        Pbt.qt(60).forAll(Gens.longs(from, to), Gens.longs(from, to)).checkAssert((a, b) -> Pbt.unchecked(() -> {
            Instant notBefore = Instant.ofEpochSecond(Math.min(a, b));
            Instant notAfter = Instant.ofEpochSecond(Math.max(a, b));
            var id = TlsIdentity.selfSigned(notBefore, notAfter, "localhost");
            assertEquals(notBefore, id.certificate().getNotBefore().toInstant());
            assertEquals(notAfter, id.expires());
            int tag = Der.time(notAfter)[0];
            assertEquals(notAfter.atZone(ZoneOffset.UTC).getYear() < 2050 ? Der.UTC_TIME : Der.GENERALIZED_TIME, tag);
        }));
    }

    @Test
    void any_bytes_are_walked_or_refused_as_malformed() {
        Pbt.qt(20_000).forAll(Gens.bytes(64)).checkAssert(b -> {
            try {
                Der.check(b, Pem.MAX_DEPTH);
            } catch (Der.Malformed m) {
                if (m.position() < 0 || m.position() > b.length) {
                    fail("position " + m.position() + " outside " + b.length + " bytes");
                }
            }
        });
    }

    private static final byte[] CERT = encoded(TlsIdentity.selfSigned("localhost", "127.0.0.1"));

    private static byte[] encoded(TlsIdentity id) {
        try {
            return id.certificate().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new AssertionError(e);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    /** The reader's result on a certificate file: the certificates, or the library's own error. */
    private static void certificatesOrTlsError(byte[] file) {
        try {
            Pem.certificates(file, "c.pem");
        } catch (TlsError e) {
            assertEquals(SocketError.Op.PARSE, e.operation());
            if (!e.getMessage().startsWith("parse c.pem: ")) {
                fail(e.getMessage());
            }
        }
    }

    @Test
    void any_cut_of_a_certificate_file_is_refused_with_the_librarys_error() {
        byte[] file = pem("CERTIFICATE", CERT).getBytes(StandardCharsets.US_ASCII);
        // Up to the last dash of the END line; the final newline alone may go.
        Pbt.qt(2_000).forAll(Gens.ints(0, file.length - 2)).checkAssert(n -> {
            byte[] cut = Arrays.copyOf(file, n);
            try {
                Pem.certificates(cut, "c.pem");
                fail("a cut at " + n + " of " + file.length + " bytes was read");
            } catch (TlsError e) {
                // what the property wants
            }
        });
    }

    @Test
    void any_damage_to_a_certificate_or_key_gives_a_value_or_the_librarys_error() {
        var id = TlsIdentity.selfSigned("localhost");
        List<byte[]> ders = List.of(CERT, id.privateKey().getEncoded());
        Pbt.qt(3_000).forAll(Gens.ints(0, 1), Gens.randoms(), Gens.ints(1, 8)).checkAssert((which, random, flips) -> {
            byte[] der = ders.get(which).clone();
            for (int i = 0; i < flips; i++) {
                der[random.nextInt(der.length)] ^= (byte) (1 + random.nextInt(255));
            }
            if (which == 0) {
                certificatesOrTlsError(pem("CERTIFICATE", der).getBytes(StandardCharsets.US_ASCII));
            } else {
                for (String label : List.of("PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY")) {
                    try {
                        Pem.privateKey(pem(label, der).getBytes(StandardCharsets.US_ASCII), "k.pem");
                    } catch (TlsError e) {
                        assertEquals(SocketError.Op.PARSE, e.operation());
                    }
                }
            }
        });
    }
}
