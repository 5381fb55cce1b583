package dev.sockets.internal.tls;

import dev.sockets.Connection;
import dev.sockets.Endpoint;
import dev.sockets.Host;
import dev.sockets.Listener;
import dev.sockets.internal.io.RealConnection;
import dev.sockets.internal.io.Tcp;
import dev.sockets.internal.io.TcpTransport;
import dev.sockets.internal.io.Transport;
import dev.sockets.internal.settings.Setting;
import dev.sockets.internal.settings.Settings;
import java.io.IOException;

/**
 * Opens TLS connections and listeners for a TLS spec's settings: TCP through {@link Tcp}, then
 * TLS on top. A connect runs the handshake before it returns; a listener's connections run theirs
 * on the thread that serves them ({@code accept}'s caller, or the handler's thread).
 */
public final class Tls {
    private Tls() {
    }

    /**
     * The settings TCP opens a TLS socket with: {@code TCP_NODELAY} on unless the spec sets it.
     * DEV-NOTE: a handshake is several small writes each way (a TLS 1.3 server's session ticket,
     * then its first data), and Nagle's algorithm holds the second until the first is acknowledged,
     * which a delayed ACK puts off by 40 ms: 20 handshakes a second here instead of hundreds. TLS
     * writes whole records, so Nagle has nothing to gather.
     */
    static Settings tcp(Settings s) {
        return s.isSet(Setting.NO_DELAY) ? s : s.with(Setting.NO_DELAY, true);
    }

    /** The same for a plain connection that STARTTLS upgrades. */
    private static Transport noDelay(Settings s, Transport plain) throws IOException {
        if (!s.isSet(Setting.NO_DELAY) && plain instanceof TcpTransport t) {
            t.socket().setTcpNoDelay(true);
        }
        return plain;
    }

    /** Connects with TCP, then runs the handshake as the client of {@code remote}'s host. */
    public static Connection connect(Settings s, Endpoint local, Endpoint remote) {
        var built = TlsContexts.of(s); // a certificate or key that cannot be used fails before any connect
        var c = (RealConnection) Tcp.connect(tcp(s), local, remote);
        return c.upgrade((plain, unread) -> new TlsTransport(plain, TlsContexts.client(s, built, remote.host(),
                remote.port().number()), unread));
    }

    /**
     * Listens with TCP; each accepted connection speaks TLS, in either server form. The
     * certificate and key are read here, once: a server that should show a renewed certificate
     * is restarted.
     */
    public static Listener listen(Settings s, Endpoint local, int backlog) {
        var built = TlsContexts.checkServer(s);
        return Tcp.listen(tcp(s), local, backlog, plain -> new TlsAcceptor(plain, () -> TlsContexts.server(s, built)),
                TlsPeer.maker(s, built));
    }

    /** Listens and serves with the event loops ({@code onReceive}); each connection's peer drives a TLS session. */
    public static dev.sockets.Server serve(Settings s, Endpoint local, int backlog, dev.sockets.Receiver receiver) {
        var built = TlsContexts.checkServer(s);
        return Tcp.serve(tcp(s), local, backlog, receiver, TlsPeer.maker(s, built));
    }

    /**
     * STARTTLS on an open plain connection: the client's side if {@code connect} made it, the
     * server's if a listener accepted it.
     */
    public static Connection startTls(Settings s, Connection c) {
        if (!(c instanceof RealConnection r)) {
            throw new IllegalArgumentException("expected a connection of this library but was " + c);
        }
        Host name = r.peerName();
        if (name == null) {
            var built = TlsContexts.checkServer(s);
            return r.upgrade((plain, unread) -> new TlsTransport(noDelay(s, plain), TlsContexts.server(s, built), unread));
        }
        var built = TlsContexts.of(s);
        int port = r.remote() instanceof Endpoint e ? e.port().number() : -1;
        return r.upgrade((plain, unread) -> new TlsTransport(noDelay(s, plain), TlsContexts.client(s, built, name, port),
                unread));
    }
}
