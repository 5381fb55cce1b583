package dev.sockets;

import dev.sockets.internal.tls.Certificates;
import dev.sockets.internal.tls.Pem;
import dev.sockets.internal.words.MessageText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Objects;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A private key and its certificate chain: what a TLS server shows, or a client that must prove
 * who it is. Immutable; made in-process, without keytool or openssl:
 * <pre>{@code
 * var id = TlsIdentity.selfSigned("localhost", "127.0.0.1");
 * // TlsIdentity[CN=localhost, names [localhost, 127.0.0.1], EC P-256, expires 2026-12-09, self-signed]
 * Sockets.tls().certificate(id) ...      Sockets.tls().trust(id) ...
 * id.writePem(Path.of("."));             // cert.pem + key.pem, for curl --cacert and openssl
 * }</pre>
 * For chains and client certificates, an authority signs identities:
 * <pre>{@code
 * var ca = TlsIdentity.authority("Test CA");
 * var server = ca.issue("localhost");    // chain [localhost, Test CA]
 * }</pre>
 */
public final class TlsIdentity {

    /** The alias of the key entry in {@link #keyStore()}. */
    private static final String ALIAS = "identity";
    /** Clocks disagree: a certificate made now is valid from a while ago. */
    private static final Duration SKEW = Duration.ofHours(1);
    /** A throwaway identity is short-lived: a leaked one is soon worthless. */
    private static final Duration LIFETIME = Duration.ofDays(7);

    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final List<String> names;

    private TlsIdentity(PrivateKey key, List<X509Certificate> chain) {
        this.key = Objects.requireNonNull(key, "key");
        this.chain = List.copyOf(chain);
        this.names = namesOf(this.chain.get(0));
    }

    /** The subjectAltName's DNS names and addresses, addresses as {@link Host} prints them. */
    private static List<String> namesOf(X509Certificate c) {
        var out = new ArrayList<String>();
        try {
            var sans = c.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    Object type = san.get(0);
                    Object value = san.get(1);
                    if (Integer.valueOf(2).equals(type) && value instanceof String s) {
                        out.add(s);
                    } else if (Integer.valueOf(7).equals(type) && value instanceof String s) {
                        out.add(Host.parse(s).map(Host::text).getOrElse(s));
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            // A certificate whose names do not parse names none the library can show.
        }
        return List.copyOf(out);
    }

    /** Whether the key is the private half of the certificate's key: a signature made with one verifies with the other. */
    private static boolean matches(PrivateKey k, X509Certificate c) {
        String alg = k.getAlgorithm();
        String sigAlg = switch (alg) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "Ed448" -> alg;
            default -> null;
        };
        if (sigAlg == null || !alg.equals(c.getPublicKey().getAlgorithm())) {
            return sigAlg == null;
        }
        try {
            byte[] probe = "dev.sockets key check".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(sigAlg);
            s.initSign(k);
            s.update(probe);
            byte[] sig = s.sign();
            s.initVerify(c.getPublicKey());
            s.update(probe);
            return s.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /**
     * A new EC P-256 key and a self-signed certificate for these DNS names and IP addresses, valid
     * from an hour ago for 7 days. The first name is the certificate's CN. An absolute name
     * ({@code "example.test."}) is written without its final dot, and an IPv4-mapped IPv6 address
     * ({@code "::ffff:127.0.0.1"}) as the IPv4 address Java connects to.
     *
     * @param names host names and IPv4/IPv6 literals ({@code "localhost"}, {@code "127.0.0.1"}, {@code "::1"})
     * @return the identity
     * @throws IllegalArgumentException if no name is given
     * @throws AddressError if a name is not a host name or an IP literal
     */
    public static TlsIdentity selfSigned(String... names) {
        Instant now = Instant.now();
        return selfSigned(now.minus(SKEW), now.plus(LIFETIME), names);
    }

    /**
     * As {@link #selfSigned(String...)}, valid only between these instants: for testing what a peer
     * does with an expired certificate, or one not yet valid.
     *
     * @param notBefore the first instant the certificate is valid
     * @param notAfter  the last instant it is valid; not before {@code notBefore}
     * @param names     host names and IP literals
     * @return the identity
     */
    public static TlsIdentity selfSigned(Instant notBefore, Instant notAfter, String... names) {
        List<Host> hosts = Certificates.hosts(names);
        KeyPair pair = Certificates.p256();
        X509Certificate cert = Certificates.make(hosts.get(0).text(), hosts, pair.getPublic(), false, null,
                pair.getPrivate(), notBefore, notAfter);
        return new TlsIdentity(pair.getPrivate(), List.of(cert));
    }

    /**
     * A certificate authority, valid from an hour ago for 7 days, that signs identities with
     * {@link #issue(String...)}. Trust it ({@code Sockets.tls().trust(ca)}) to trust what it issues.
     *
     * @param name the authority's common name ({@code "Test CA"})
     * @return the authority's identity
     */
    public static TlsIdentity authority(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an authority needs a name, as in authority(\"Test CA\")");
        }
        Instant now = Instant.now();
        KeyPair pair = Certificates.p256();
        X509Certificate cert = Certificates.make(name, List.of(), pair.getPublic(), true, null, pair.getPrivate(),
                now.minus(SKEW), now.plus(LIFETIME));
        return new TlsIdentity(pair.getPrivate(), List.of(cert));
    }

    /**
     * An identity for these names signed by this authority: its chain is [the new certificate,
     * this authority's certificate]. Valid from an hour ago for 7 days, and never past the
     * authority's own end.
     *
     * @param names host names and IP literals
     * @return the identity
     * @throws IllegalStateException if this identity is not an authority
     */
    public TlsIdentity issue(String... names) {
        Instant now = Instant.now();
        Instant end = now.plus(LIFETIME);
        Instant caEnd = expires();
        return issue(now.minus(SKEW), end.isAfter(caEnd) ? caEnd : end, names);
    }

    /**
     * As {@link #issue(String...)}, valid only between these instants: for an expired or not yet
     * valid certificate in a chain that is otherwise fine.
     *
     * @param notBefore the first instant the certificate is valid
     * @param notAfter  the last instant it is valid
     * @param names     host names and IP literals
     * @return the identity
     */
    public TlsIdentity issue(Instant notBefore, Instant notAfter, String... names) {
        if (!isAuthority()) {
            throw new IllegalStateException(this + " is not an authority and cannot issue certificates;"
                    + " make one with TlsIdentity.authority(name)");
        }
        List<Host> hosts = Certificates.hosts(names);
        KeyPair pair = Certificates.p256();
        X509Certificate cert = Certificates.make(hosts.get(0).text(), hosts, pair.getPublic(), false, certificate(),
                key, notBefore, notAfter);
        var newChain = new ArrayList<X509Certificate>();
        newChain.add(cert);
        newChain.addAll(chain);
        return new TlsIdentity(pair.getPrivate(), newChain);
    }

    /**
     * Reads an identity from PEM files, as servers configured for openssl keep them.
     *
     * @param certPem one or more certificates, the identity's own first
     * @param keyPem  its private key, unencrypted: PKCS#8, PKCS#1 (RSA) or SEC1 (EC)
     * @return the identity
     * @throws TlsError if a file holds no certificate or key, an encrypted key, or does not parse
     * @throws SocketError if a file is missing or cannot be read
     */
    public static TlsIdentity load(Path certPem, Path keyPem) {
        List<X509Certificate> certs = Pem.certificates(certPem);
        PrivateKey k = Pem.privateKey(keyPem);
        if (!matches(k, certs.get(0))) {
            throw new TlsError(SocketError.Op.PARSE, "parse " + MessageText.quote(keyPem.toString(), 300),
                    "the key does not belong to the first certificate of " + certPem + " (" + certs.get(0)
                    .getSubjectX500Principal().getName() + ")", "give the key made with that certificate", null, null, null);
        }
        return new TlsIdentity(k, certs);
    }

    /**
     * Reads an identity from a PKCS#12 file ({@code openssl pkcs12 -export}, {@code keytool}); its
     * first key entry is used.
     *
     * @param pkcs12   the file
     * @param password its password; an empty array for none
     * @return the identity
     * @throws TlsError if the password is wrong or the file holds no key
     * @throws SocketError if the file is missing or cannot be read
     */
    public static TlsIdentity load(Path pkcs12, char[] password) {
        KeyStore ks = Pem.pkcs12(pkcs12, password);
        String what = "parse " + MessageText.quote(pkcs12.toString(), 300);
        try {
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias)) {
                    java.security.Key k = ks.getKey(alias, password);
                    java.security.cert.Certificate[] certs = ks.getCertificateChain(alias);
                    if (!(k instanceof PrivateKey pk) || certs == null || certs.length == 0) {
                        continue;
                    }
                    var chain = new ArrayList<X509Certificate>();
                    for (var c : certs) {
                        if (!(c instanceof X509Certificate x)) {
                            throw new TlsError(SocketError.Op.PARSE, what, "a certificate of the PKCS#12 file is not X.509",
                                    "", null, null, null);
                        }
                        chain.add(x);
                    }
                    return new TlsIdentity(pk, chain);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new TlsError(SocketError.Op.PARSE, what, "cannot read the key of the PKCS#12 file",
                    "is its key password the file's password?", new java.io.IOException(e), null, null);
        }
        throw new TlsError(SocketError.Op.PARSE, what, "no private key with its certificate in the PKCS#12 file",
                "export the key with it: openssl pkcs12 -export -inkey key.pem -in cert.pem -out id.p12", null, null, null);
    }

    /** This identity's own certificate, the first of its {@link #chain()}. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The certificate chain, this identity's own first, then each issuer. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The private key of {@link #certificate()}. */
    public PrivateKey privateKey() {
        return key;
    }

    /**
     * A new in-memory PKCS#12 key store holding the key and chain under the alias {@code identity},
     * with an empty password: what a {@code KeyManagerFactory} takes.
     */
    public KeyStore keyStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, key, new char[0], chain.toArray(new X509Certificate[0]));
            return ks;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("an in-memory PKCS#12 store refused the identity", e);
        }
    }

    /**
     * A new in-memory PKCS#12 key store holding the chain's last certificate (the root) as a trusted
     * entry: what a {@code TrustManagerFactory} takes to trust this identity.
     */
    public KeyStore trustStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("root", chain.get(chain.size() - 1));
            return ks;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("an in-memory PKCS#12 store refused the certificate", e);
        }
    }

    /**
     * The DNS names and IP addresses the certificate is for (its subjectAltName), addresses as
     * {@link Host} prints them: {@code [localhost, 127.0.0.1, ::1]}. Empty for an authority.
     */
    public List<String> names() {
        return names;
    }

    /** When the certificate stops being valid. */
    public Instant expires() {
        return certificate().getNotAfter().toInstant();
    }

    /** Whether this identity is an authority, which can {@link #issue(String...)} identities. */
    public boolean isAuthority() {
        return certificate().getBasicConstraints() >= 0;
    }

    /**
     * Writes {@code cert.pem} (the chain) and {@code key.pem} (the key, PKCS#8, mode 0600 where the
     * file system has POSIX modes) into a directory, for curl, openssl or another program.
     *
     * @param dir an existing directory
     * @return {@code dir}
     * @throws SocketError if the files cannot be written
     */
    public Path writePem(Path dir) {
        var certs = new StringBuilder();
        try {
            for (X509Certificate c : chain) {
                certs.append(pem("CERTIFICATE", c.getEncoded()));
            }
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate has an encoding", e);
        }
        Pem.write(dir.resolve("cert.pem"), certs.toString(), false);
        Pem.write(dir.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded()), true);
        return dir;
    }

    /**
     * The subject, the names, the key, the end date and who signed it:
     * {@code TlsIdentity[CN=localhost, names [localhost, 127.0.0.1], EC P-256, expires 2026-12-09, self-signed]}.
     */
    @Override
    public String toString() {
        X509Certificate c = certificate();
        var s = new StringBuilder("TlsIdentity[").append(c.getSubjectX500Principal().getName());
        if (isAuthority()) {
            s.append(", authority");
        }
        if (!names.isEmpty()) {
            s.append(", names ").append(names);
        }
        s.append(", ").append(describe(c.getPublicKey()))
                .append(", expires ").append(expires().atZone(ZoneOffset.UTC).toLocalDate());
        boolean selfSigned = c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
        s.append(selfSigned ? ", self-signed" : ", issued by " + c.getIssuerX500Principal().getName());
        return s.append(']').toString();
    }

    /** {@code EC P-256}, {@code RSA 2048}, {@code Ed25519}. */
    private static String describe(java.security.PublicKey k) {
        if (k instanceof java.security.interfaces.ECKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return "EC " + (bits == 256 || bits == 384 || bits == 521 ? "P-" + bits : bits + " bits");
        }
        if (k instanceof java.security.interfaces.RSAKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        return k.getAlgorithm();
    }
}
