package dev.sockets;

import dev.sockets.internal.words.MessageText;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * What a TLS handshake agreed: the version, the cipher suite, the peer's certificates and the
 * application protocol (ALPN). {@link Connection#tls()} returns it for a TLS connection.
 *
 * <pre>{@code
 * var c = Sockets.tls().trust(Path.of("ca.pem")).alpn("h2", "http/1.1").connect("localhost", 8443);
 * c.tls().get()      // TlsInfo[TLSv1.3 TLS_AES_128_GCM_SHA256, peer CN=localhost (expires 2027-01-01), alpn h2]
 * }</pre>
 *
 * @param protocol         the TLS version: {@code "TLSv1.3"} or {@code "TLSv1.2"}
 * @param cipherSuite      the cipher suite, by its IANA name: {@code "TLS_AES_128_GCM_SHA256"}
 * @param peerCertificates the chain the peer showed, its own certificate first; empty when it showed none
 *                         (a client, unless the server asked with {@code clientAuth(true)})
 * @param alpn             the application protocol both sides chose, or {@code ""} when none was
 */
public record TlsInfo(String protocol, String cipherSuite, List<X509Certificate> peerCertificates, String alpn) {

    /** Checks for nulls and copies the list. */
    public TlsInfo {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        peerCertificates = List.copyOf(peerCertificates);
        Objects.requireNonNull(alpn, "alpn");
    }

    /** The peer's own certificate, the first of its chain; empty when it showed none. */
    public Optional<X509Certificate> peerCertificate() {
        return peerCertificates.isEmpty() ? Optional.empty() : Optional.of(peerCertificates.get(0));
    }

    /** The subject of a certificate as RFC 2253 writes it ({@code CN=localhost}), escaped for printing. */
    static String subject(X509Certificate c) {
        return MessageText.quote(c.getSubjectX500Principal().getName(X500Principal.RFC2253));
    }

    /** {@code TlsInfo[TLSv1.3 TLS_AES_128_GCM_SHA256, peer CN=localhost (expires 2027-01-01), alpn h2]}. */
    @Override
    public String toString() {
        var s = new StringBuilder("TlsInfo[").append(protocol).append(' ').append(cipherSuite);
        peerCertificate().ifPresentOrElse(c -> s.append(", peer ").append(subject(c)).append(" (expires ")
                        .append(c.getNotAfter().toInstant().atOffset(ZoneOffset.UTC).toLocalDate()).append(')'),
                () -> s.append(", no peer certificate"));
        if (!alpn.isEmpty()) {
            s.append(", alpn ").append(MessageText.quote(alpn));
        }
        return s.append(']').toString();
    }
}
