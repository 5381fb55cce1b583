package dev.sockets.internal.tls;

import dev.sockets.Connection;
import dev.sockets.Endpoint;
import dev.sockets.Host;
import dev.sockets.Listener;
import dev.sockets.internal.io.RealConnection;
import dev.sockets.internal.io.Tcp;
import dev.sockets.internal.settings.Settings;

/**
 * Opens TLS connections and listeners for a TLS spec's settings: TCP through {@link Tcp}, then
 * TLS on top. A connect runs the handshake before it returns; a listener's connections run theirs
 * on the thread that serves them ({@code accept}'s caller, or the handler's thread).
 */
public final class Tls {
    private Tls() {
    }

    /** Connects with TCP, then runs the handshake as the client of {@code remote}'s host. */
    public static Connection connect(Settings s, Endpoint local, Endpoint remote) {
        var built = TlsContexts.of(s); // a certificate or key that cannot be used fails before any connect
        var c = (RealConnection) Tcp.connect(s, local, remote);
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
        return Tcp.listen(s, local, backlog, plain -> new TlsAcceptor(plain, () -> TlsContexts.server(s, built)),
                TlsPeer.maker(s, built));
    }

    /** Listens and serves with the event loops ({@code onReceive}); each connection's peer drives a TLS session. */
    public static dev.sockets.Server serve(Settings s, Endpoint local, int backlog, dev.sockets.Receiver receiver) {
        var built = TlsContexts.checkServer(s);
        return Tcp.serve(s, local, backlog, receiver, TlsPeer.maker(s, built));
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
            return r.upgrade((plain, unread) -> new TlsTransport(plain, TlsContexts.server(s, built), unread));
        }
        var built = TlsContexts.of(s);
        int port = r.remote() instanceof Endpoint e ? e.port().number() : -1;
        return r.upgrade((plain, unread) -> new TlsTransport(plain, TlsContexts.client(s, built, name, port), unread));
    }
}
