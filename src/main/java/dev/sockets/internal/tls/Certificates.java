package dev.sockets.internal.tls;

import dev.sockets.AddressError;
import dev.sockets.Host;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes X.509 v3 certificates: the TBSCertificate in {@link Der}, signed with
 * {@link Signature}, read back with {@link CertificateFactory} (which checks the DER).
 */
public final class Certificates {
    private Certificates() {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";
    static final String RSA_SHA256 = "1.2.840.113549.1.1.11";
    static final String CN = "2.5.4.3";
    static final String SUBJECT_KEY_ID = "2.5.29.14";
    static final String KEY_USAGE = "2.5.29.15";
    static final String SUBJECT_ALT_NAME = "2.5.29.17";
    static final String BASIC_CONSTRAINTS = "2.5.29.19";
    static final String AUTHORITY_KEY_ID = "2.5.29.35";
    static final String EXT_KEY_USAGE = "2.5.29.37";
    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    /** A new EC P-256 key pair. */
    public static KeyPair p256() {
        try {
            var g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK 17 has EC P-256 (SunEC)", e);
        }
    }

    /**
     * The hosts a certificate names, each parsed by {@link Host}: names and IP literals only.
     *
     * @throws IllegalArgumentException if there are none
     * @throws AddressError if one does not parse, or is not a name or an address a certificate can carry
     */
    public static List<Host> hosts(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("give at least one name, as in selfSigned(\"localhost\", \"127.0.0.1\")");
        }
        var hosts = new ArrayList<Host>();
        for (String n : names) {
            java.util.Objects.requireNonNull(n, "name");
            Host h = Host.of(n);
            if (h instanceof Host.Any || h instanceof Host.Broadcast) {
                throw new AddressError(n, -1, "not a host name or an IP address",
                        "a certificate names hosts, as in \"localhost\" or \"127.0.0.1\"");
            }
            if (h instanceof Host.Ipv6 v6 && v6.zone() != null && !v6.zone().isEmpty()) {
                throw new AddressError(n, n.indexOf('%'), "a zone has no place in a certificate",
                        "give the address without %" + v6.zone());
            }
            if (h instanceof Host.Ipv6 v6 && v6.isMapped()) {
                // Java connects to ::ffff:a.b.c.d as to a.b.c.d, and reads a mapped iPAddress back as the IPv4 one.
                h = v6.ipv4().orElseThrow();
            }
            if (h instanceof Host.Name name && name.name().endsWith(".")) {
                // An absolute name is the same host; RFC 5280's dNSName has no final dot, and the JDK refuses one.
                h = Host.of(name.name().substring(0, name.name().length() - 1));
            }
            hosts.add(h);
        }
        return List.copyOf(hosts);
    }

    /**
     * A signed certificate.
     *
     * @param subjectName the CN
     * @param hosts       the subjectAltName entries; empty for an authority
     * @param subjectKey  the key the certificate is for
     * @param authority   whether it is a CA (keyCertSign, cRLSign) or a leaf (digitalSignature, server and client auth)
     * @param issuer      the issuer's certificate, or {@code null} for a self-signed one
     * @param issuerKey   the key that signs
     */
    public static X509Certificate make(String subjectName, List<Host> hosts, PublicKey subjectKey, boolean authority,
                                       X509Certificate issuer, PrivateKey issuerKey, Instant notBefore, Instant notAfter) {
        if (notAfter.isBefore(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is before notBefore " + notBefore);
        }
        try {
            byte[] spki = subjectKey.getEncoded();
            byte[] subject = name(subjectName);
            byte[] issuerName = issuer == null ? subject : issuer.getSubjectX500Principal().getEncoded();
            boolean ec = issuerKey.getAlgorithm().equals("EC");
            byte[] algorithm = ec ? Der.sequence(Der.oid(ECDSA_SHA256)) : Der.sequence(Der.oid(RSA_SHA256), Der.nul());
            byte[] serial = new byte[16];
            RANDOM.nextBytes(serial);
            // Positive, and 16 bytes long whatever the draw.
            serial[0] = (byte) ((serial[0] & 0x3f) | 0x40);

            var extensions = new ArrayList<byte[]>();
            extensions.add(extension(BASIC_CONSTRAINTS, true,
                    authority ? Der.sequence(Der.bool(true)) : Der.sequence()));
            extensions.add(extension(KEY_USAGE, true, authority ? Der.namedBits(5, 6) : Der.namedBits(0)));
            if (!authority) {
                extensions.add(extension(EXT_KEY_USAGE, false, Der.sequence(Der.oid(SERVER_AUTH), Der.oid(CLIENT_AUTH))));
            }
            if (!hosts.isEmpty()) {
                var san = new ArrayList<byte[]>();
                for (Host h : hosts) {
                    if (h instanceof Host.Ipv4 v4) {
                        san.add(Der.implicit(7, v4.bytes()));
                    } else if (h instanceof Host.Ipv6 v6) {
                        san.add(Der.implicit(7, v6.bytes()));
                    } else {
                        san.add(Der.implicit(2, h.text().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                    }
                }
                extensions.add(extension(SUBJECT_ALT_NAME, false, Der.sequence(san.toArray(byte[][]::new))));
            }
            extensions.add(extension(SUBJECT_KEY_ID, false, Der.octetString(keyId(spki))));
            if (issuer != null) {
                extensions.add(extension(AUTHORITY_KEY_ID, false,
                        Der.sequence(Der.implicit(0, keyId(issuer.getPublicKey().getEncoded())))));
            }

            byte[] tbs = Der.sequence(
                    Der.explicit(0, Der.integer(2)),
                    Der.integer(new BigInteger(1, serial)),
                    algorithm,
                    issuerName,
                    Der.sequence(Der.time(notBefore), Der.time(notAfter)),
                    subject,
                    spki,
                    Der.explicit(3, Der.sequence(extensions.toArray(byte[][]::new))));
            Signature s = Signature.getInstance(ec ? "SHA256withECDSA" : "SHA256withRSA");
            s.initSign(issuerKey);
            s.update(tbs);
            byte[] cert = Der.sequence(tbs, algorithm, Der.bitString(s.sign()));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(cert));
        } catch (GeneralSecurityException | Der.Malformed e) {
            throw new IllegalStateException("making a certificate failed: " + e.getMessage(), e);
        }
    }

    /** A Name of one CN, as a UTF8String (RFC 5280's choice for new certificates). */
    private static byte[] name(String cn) {
        return Der.sequence(Der.set(Der.sequence(Der.oid(CN), Der.utf8(cn))));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        // DER leaves out a BOOLEAN that has its DEFAULT (critical FALSE).
        return critical ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    /** RFC 5280 §4.2.1.2, method 1: the SHA-1 of the subjectPublicKey bits. */
    static byte[] keyId(byte[] spki) throws Der.Malformed, GeneralSecurityException {
        var r = Der.whole(spki, Der.SEQUENCE).children();
        r.next(Der.SEQUENCE);
        byte[] bits = r.next(Der.BIT_STRING).bits();
        return MessageDigest.getInstance("SHA-1").digest(bits);
    }
}
