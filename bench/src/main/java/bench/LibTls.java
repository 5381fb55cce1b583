package bench;

import dev.sockets.Bytes;
import dev.sockets.Connection;
import dev.sockets.Server;
import dev.sockets.Sockets;
import dev.sockets.TlsSpec;
import java.io.InputStream;

/**
 * The library's TLS for the suite (found by {@link Tls} by name): its servers, written as the
 * plain ones of {@link ServerMain} with {@code Sockets.tls()} in place of {@code Sockets.tcp()},
 * and its client. The identity is the suite's PKCS#12 file; TLS 1.3 only, as the baselines.
 */
public final class LibTls implements Tls.Lib {
    public LibTls() {
    }

    private static TlsSpec server() {
        return Sockets.tls().certificate(Tls.keystorePath(), Tls.PASSWORD).protocols(Tls.PROTOCOLS);
    }

    @Override
    public AutoCloseable server(String impl) {
        Server s = switch (impl) {
            case "tls-lib" -> server().noDelay(true).maxConnections(20_000)
                    .bind(Loads.HOST, 0).listen(ServerMain.BACKLOG)
                    .onAccept(c -> {
                        for (Bytes b; !(b = c.recv(65536)).isEmpty(); ) {
                            c.send(b);
                        }
                    });
            case "tls-lib-events" -> server().noDelay(true).maxConnections(20_000)
                    .bind(Loads.HOST, 0).onReceive(ServerMain.BACKLOG, (peer, data) -> peer.send(data));
            default -> throw new IllegalArgumentException("unknown library TLS server " + impl);
        };
        ServerMain.ready(s.port());
        return s;
    }

    private static volatile TlsSpec client;

    @Override
    public Loads.Client client(int port) throws Exception {
        TlsSpec spec = client;
        if (spec == null) {
            // One spec for the process, as a program keeps one: it trusts the suite's certificate.
            spec = Sockets.tls().trust(Tls.truststore()).protocols(Tls.PROTOCOLS).noDelay(true);
            client = spec;
        }
        return new Client(spec.connect(Loads.HOST, port));
    }

    static final class Client implements Loads.Client {
        final Connection c;
        final InputStream in;

        Client(Connection c) {
            this.c = c;
            in = c.input();
        }

        @Override
        public void send(byte[] b, int off, int len) {
            c.send(b, off, len);
        }

        @Override
        public boolean recvFully(byte[] b, int off, int len) {
            Bytes got = c.recvExactly(len);
            System.arraycopy(got.toByteArray(), 0, b, off, len);
            return true;
        }

        @Override
        public int recv(byte[] b, int off, int len) throws java.io.IOException {
            return in.read(b, off, len);
        }

        @Override
        public void shutdownOutput() {
            c.shutdownOutput();
        }

        @Override
        public void close() {
            c.close();
        }
    }
}
