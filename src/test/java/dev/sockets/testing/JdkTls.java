package dev.sockets.testing;

import dev.sockets.TlsIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The JDK's own SSLSocket and SSLServerSocket as the side under test of {@link TlsInterop}: the
 * scenarios pass with them before the library's TLS runs them, so a failure with the library is
 * the library's, not the harness's or the peer's.
 */
public final class JdkTls implements TlsInterop.Client, TlsInterop.Server {

    static SSLContext context(TlsIdentity key, TlsIdentity trust) throws Exception {
        KeyManagerFactory kmf = null;
        if (key != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(key.keyStore(), new char[0]);
        }
        TrustManagerFactory tmf = null;
        if (trust != null) {
            tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust.trustStore());
        }
        var ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
        return ctx;
    }

    record Streams(Socket s) implements TlsInterop.Duplex {
        @Override
        public InputStream in() {
            try {
                return s.getInputStream();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public OutputStream out() {
            try {
                return s.getOutputStream();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws IOException {
            s.close();
        }
    }

    static SSLSocket clientSocket(SSLContext ctx, Socket plain, int port, String protocol) throws IOException {
        var s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, "localhost", port, true);
        SSLParameters p = s.getSSLParameters();
        if (protocol != null) {
            p.setProtocols(new String[] {protocol});
        }
        p.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(p);
        s.setUseClientMode(true);
        s.startHandshake();
        return s;
    }

    static Socket plain(int port) throws IOException {
        var s = new Socket();
        s.setSoTimeout(120_000);
        s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 10_000);
        return s;
    }

    @Override
    public TlsInterop.Duplex connect(int port, String protocol, TlsIdentity ca, TlsIdentity certificate) throws Exception {
        return new Streams(clientSocket(context(certificate, ca), plain(port), port, protocol));
    }

    @Override
    public TlsInterop.Upgradable connectPlain(int port, TlsIdentity ca) throws Exception {
        Socket s = plain(port);
        return new Upgradable(s, () -> new Streams(clientSocket(context(null, ca), s, port, null)));
    }

    interface Upgrade {
        TlsInterop.Duplex run() throws Exception;
    }

    record Upgradable(Socket s, Upgrade upgrade) implements TlsInterop.Upgradable {
        @Override
        public InputStream in() {
            return new Streams(s).in();
        }

        @Override
        public OutputStream out() {
            return new Streams(s).out();
        }

        @Override
        public TlsInterop.Duplex startTls() throws Exception {
            return upgrade.run();
        }

        @Override
        public void close() throws IOException {
            s.close();
        }
    }

    /** A thread per connection, as a plain blocking server is written; the accept loop ends when closed. */
    record Running(ServerSocket ss, Thread acceptor) implements TlsInterop.Running {
        @Override
        public int port() {
            return ss.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            ss.close();
            acceptor.join(10_000);
        }
    }

    static Running acceptLoop(ServerSocket ss, Consumer<Socket> each) {
        Thread t = new Thread(() -> {
            // Bounded: a test makes a handful of connections.
            for (int i = 0; i < 1000 && !ss.isClosed(); i++) {
                try {
                    Socket s = ss.accept();
                    s.setSoTimeout(120_000);
                    Thread h = new Thread(() -> each.accept(s), "jdk-tls-conn");
                    h.setDaemon(true);
                    h.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "jdk-tls-accept");
        t.setDaemon(true);
        t.start();
        return new Running(ss, t);
    }

    @Override
    public TlsInterop.Running serve(String protocol, TlsIdentity identity, TlsIdentity clientCa, TlsInterop.Handler handler)
            throws Exception {
        var ss = (SSLServerSocket) context(identity, clientCa).getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        ss.setEnabledProtocols(new String[] {protocol});
        ss.setNeedClientAuth(clientCa != null);
        return acceptLoop(ss, s -> {
            try (s) {
                // The handshake first: a refused client never reaches the handler.
                ((SSLSocket) s).startHandshake();
                handler.handle(new Streams(s));
            } catch (Exception e) {
                // The peer's side of the scenario says what went wrong.
            }
        });
    }

    @Override
    public TlsInterop.Running servePlain(TlsIdentity identity, Consumer<TlsInterop.Upgradable> handler) throws Exception {
        SSLContext ctx = context(identity, null);
        var ss = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        return acceptLoop(ss, s -> {
            try (s) {
                handler.accept(new Upgradable(s, () -> {
                    // The form for a server: nothing read ahead of the handshake (null), server mode.
                    var t = (SSLSocket) ctx.getSocketFactory().createSocket(s, null, true);
                    t.startHandshake();
                    return new Streams(t);
                }));
            } catch (IOException e) {
                // as above
            }
        });
    }
}
