package dev.sockets.internal.tls;

import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLEngine;

/**
 * One end of a TLS connection as the error messages need it: which side this is, the name the
 * peer's certificate must carry (a client's), what this side offers, and what checked the
 * peer's certificates.
 *
 * @param engine           the engine of this connection
 * @param client           true on the connecting side
 * @param expectedName     the name the server's certificate must be for (client), or null
 * @param protocols        the TLS versions this side offers
 * @param clientAuth       true when this server requires client certificates
 * @param hasCertificate   true when this side has a certificate to show
 * @param handshakeTimeout how long the handshake may take
 * @param trust            what checked the peer's chain, or null when nothing does ({@code insecure()})
 * @param keys             what chose the certificate this side shows, or null without one
 */
public record TlsSide(SSLEngine engine, boolean client, String expectedName, List<String> protocols, boolean clientAuth,
                      boolean hasCertificate, Duration handshakeTimeout, TrustRecorder trust,
                      KeyRecorder keys) {
}
