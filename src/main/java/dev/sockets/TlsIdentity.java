package dev.sockets;

import java.nio.file.Path;
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

    private TlsIdentity() {
    }

    /**
     * A new EC P-256 key and a self-signed certificate for these DNS names and IP addresses, valid
     * from an hour ago for 7 days. The first name is the certificate's CN.
     *
     * @param names host names and IPv4/IPv6 literals ({@code "localhost"}, {@code "127.0.0.1"}, {@code "::1"})
     * @return the identity
     * @throws IllegalArgumentException if no name is given
     * @throws AddressError if a name is not a host name or an IP literal
     */
    public static TlsIdentity selfSigned(String... names) {
        throw new UnsupportedOperationException("not yet");
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
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * A certificate authority, valid from an hour ago for 7 days, that signs identities with
     * {@link #issue(String...)}. Trust it ({@code Sockets.tls().trust(ca)}) to trust what it issues.
     *
     * @param name the authority's common name ({@code "Test CA"})
     * @return the authority's identity
     */
    public static TlsIdentity authority(String name) {
        throw new UnsupportedOperationException("not yet");
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
        throw new UnsupportedOperationException("not yet");
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
        throw new UnsupportedOperationException("not yet");
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
        throw new UnsupportedOperationException("not yet");
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
        throw new UnsupportedOperationException("not yet");
    }

    /** This identity's own certificate, the first of its {@link #chain()}. */
    public X509Certificate certificate() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The certificate chain, this identity's own first, then each issuer. */
    public List<X509Certificate> chain() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The private key of {@link #certificate()}. */
    public PrivateKey privateKey() {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * A new in-memory PKCS#12 key store holding the key and chain under the alias {@code identity},
     * with an empty password: what a {@code KeyManagerFactory} takes.
     */
    public KeyStore keyStore() {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * A new in-memory PKCS#12 key store holding the chain's last certificate (the root) as a trusted
     * entry: what a {@code TrustManagerFactory} takes to trust this identity.
     */
    public KeyStore trustStore() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The DNS names and IP addresses the certificate is for, as given ({@code [localhost, 127.0.0.1]}). */
    public List<String> names() {
        throw new UnsupportedOperationException("not yet");
    }

    /** When the certificate stops being valid. */
    public Instant expires() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Whether this identity is an authority, which can {@link #issue(String...)} identities. */
    public boolean isAuthority() {
        throw new UnsupportedOperationException("not yet");
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
        throw new UnsupportedOperationException("not yet");
    }
}
