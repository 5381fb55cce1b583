package dev.sockets.testing;

import dev.sockets.Bytes;
import dev.sockets.Connection;
import dev.sockets.Server;
import dev.sockets.Sockets;
import dev.sockets.TlsIdentity;
import dev.sockets.TlsSpec;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The library's TLS as the side under test of {@link TlsInterop}: its client
 * ({@code Sockets.tls().connect}), its {@code onAccept} server ({@link #ON_ACCEPT}) and its
 * {@code onReceive} server ({@link #ON_RECEIVE}), and {@code startTls} on both sides.
 */
public final class LibraryTls implements TlsInterop.Client, TlsInterop.Server {
    /** The client, and the {@code listen().onAccept} server. */
    public static final LibraryTls ON_ACCEPT = new LibraryTls(false);
    /** The client, and the event-driven {@code onReceive} server where a scenario allows it. */
    public static final LibraryTls ON_RECEIVE = new LibraryTls(true);

    private final boolean events;

    private LibraryTls(boolean events) {
        this.events = events;
    }

    @Override
    public String toString() {
        return events ? "onReceive" : "onAccept";
    }

    record Streams(Connection c) implements TlsInterop.Duplex {
        @Override
        public InputStream in() {
            return c.input();
        }

        @Override
        public OutputStream out() {
            return c.output();
        }

        @Override
        public void close() {
            c.close();
        }
    }

    record Plain(Connection c, TlsSpec upgrade) implements TlsInterop.Upgradable {
        @Override
        public InputStream in() {
            return c.input();
        }

        @Override
        public OutputStream out() {
            return c.output();
        }

        @Override
        public TlsInterop.Duplex startTls() {
            return new Streams(c.startTls(upgrade));
        }

        @Override
        public void close() {
            c.close();
        }
    }

    /**
     * {@code onReceive} on a TLS binding, or a visible skip (never a pass) while the library's
     * build has none: the onReceive rows of the interop tests then show as skipped with the reason.
     */
    static Server onReceive(dev.sockets.TlsBinding binding, dev.sockets.Receiver receiver) {
        try {
            return binding.onReceive(receiver);
        } catch (UnsupportedOperationException e) {
            org.junit.jupiter.api.Assumptions.abort("this build of the library: " + e.getMessage());
            throw e;
        }
    }

    record Running(Server s) implements TlsInterop.Running {
        @Override
        public int port() {
            return s.port();
        }

        @Override
        public void close() {
            s.close();
        }
    }

    @Override
    public TlsInterop.Duplex connect(int port, String protocol, TlsIdentity ca, TlsIdentity certificate) {
        TlsSpec spec = Sockets.tls().trust(ca).protocols(protocol);
        if (certificate != null) {
            spec = spec.certificate(certificate);
        }
        // 127.0.0.1, the address the certificate names: the check is the library's own.
        return new Streams(spec.connect("127.0.0.1", port));
    }

    @Override
    public TlsInterop.Upgradable connectPlain(int port, TlsIdentity ca) {
        return new Plain(Sockets.tcp().connect("127.0.0.1", port), Sockets.tls().trust(ca));
    }

    static TlsSpec server(String protocol, TlsIdentity identity, TlsIdentity clientCa) {
        TlsSpec spec = Sockets.tls().certificate(identity).protocols(protocol);
        return clientCa == null ? spec : spec.trust(clientCa).clientAuth(true);
    }

    @Override
    public TlsInterop.Running serve(String protocol, TlsIdentity identity, TlsIdentity clientCa, TlsInterop.Handler handler) {
        if (events) {
            throw new UnsupportedOperationException("onReceive serves what its receiver does: serveEcho or serveHttps");
        }
        return new Running(server(protocol, identity, clientCa).bind("127.0.0.1", 0).listen()
                .onAccept(c -> handler.handle(new Streams(c))));
    }

    @Override
    public TlsInterop.Running servePlain(TlsIdentity identity, Consumer<TlsInterop.Upgradable> handler) {
        // STARTTLS upgrades a Connection: an onAccept server's, whichever form is under test.
        TlsSpec upgrade = Sockets.tls().certificate(identity);
        return new Running(Sockets.tcp().bind("127.0.0.1", 0).listen().onAccept(c -> handler.accept(new Plain(c, upgrade))));
    }

    @Override
    public TlsInterop.Running serveEcho(String protocol, TlsIdentity identity, TlsIdentity clientCa, long n,
            TlsInterop.Echoed echoed) throws Exception {
        if (!events) {
            return TlsInterop.Server.super.serveEcho(protocol, identity, clientCa, n, echoed);
        }
        var sha = new TlsPeers.Sha();
        return new Running(onReceive(server(protocol, identity, clientCa).bind("127.0.0.1", 0), new dev.sockets.Receiver() {
            @Override
            public void opened(dev.sockets.Peer peer) {
                echoed.handled.incrementAndGet();
            }

            @Override
            public void receive(dev.sockets.Peer peer, Bytes data) {
                byte[] b = data.toByteArray();
                sha.update(b, 0, b.length);
                peer.send(b);
                if (sha.count() >= n) {
                    echoed.received.complete(sha);
                    peer.close();
                }
            }
        }));
    }

    @Override
    public TlsInterop.Running serveHttps(String protocol, TlsIdentity identity, long n, CompletableFuture<String> sent)
            throws Exception {
        if (!events) {
            return TlsInterop.Server.super.serveHttps(protocol, identity, n, sent);
        }
        return new Running(onReceive(server(protocol, identity, null).bind("127.0.0.1", 0), new dev.sockets.Receiver() {
            private final StringBuilder request = new StringBuilder();

            @Override
            public void receive(dev.sockets.Peer peer, Bytes data) throws Exception {
                if (request.length() > 8192 || sent.isDone()) {
                    return;
                }
                request.append(data.text());
                if (request.indexOf("\r\n\r\n") >= 0) {
                    peer.send(TlsInterop.httpHeader(n));
                    // A send never blocks: the body waits in the peer's queue and goes out as curl reads.
                    var out = new OutputStream() {
                        @Override
                        public void write(int b) {
                            peer.send(new byte[] {(byte) b});
                        }

                        @Override
                        public void write(byte[] b, int off, int len) {
                            peer.send(b, off, len);
                        }
                    };
                    sent.complete(TlsPeers.send(out, n));
                    peer.close();
                }
            }
        }));
    }
}
