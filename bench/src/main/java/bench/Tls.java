package bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for the suite: the identity every server presents, the raw JDK server and client (the
 * baseline), and Netty's TLS servers (the references). The library's own TLS servers and client
 * are in {@code LibTls}, reached by name, so that the suite builds and measures its baselines on
 * a library without TLS.
 *
 * <p>Every TLS figure is TLS 1.3 on loopback, an EC P-256 certificate for {@code localhost} and
 * {@code 127.0.0.1}, verified by every client against that certificate alone, host name included.
 */
final class Tls {
    /** The system property that hands a server process the identity: a PKCS#12 file. */
    static final String KEYSTORE_PROPERTY = "bench.tls.keystore";
    static final char[] PASSWORD = "bench-only".toCharArray();
    static final String[] PROTOCOLS = {"TLSv1.3"};

    private Tls() {
    }

    // ---- the identity ---------------------------------------------------------------------------

    /**
     * A self-signed EC P-256 identity for localhost and 127.0.0.1 in a PKCS#12 file in {@code dir},
     * made by the JDK's keytool (the JDK has no API that makes a certificate).
     */
    static Path makeKeystore(Path dir) throws IOException, InterruptedException {
        Path ks = dir.resolve("bench-tls.p12");
        Files.deleteIfExists(ks);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "bench", "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("keytool failed: " + said.strip());
        }
        return ks;
    }

    static Path keystorePath() {
        String p = System.getProperty(KEYSTORE_PROPERTY);
        if (p == null) {
            throw new IllegalStateException("no -D" + KEYSTORE_PROPERTY + "=<PKCS#12 file>");
        }
        return Path.of(p);
    }

    static KeyStore keystore() throws Exception {
        var ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystorePath())) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    /** The keystore with the certificate alone: what the clients trust. */
    static KeyStore truststore() throws Exception {
        KeyStore ks = keystore();
        var trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("bench", ks.getCertificate("bench"));
        return trust;
    }

    static KeyManagerFactory keyManagers() throws Exception {
        var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keystore(), PASSWORD);
        return kmf;
    }

    static SSLContext serverContext() throws Exception {
        var ctx = SSLContext.getInstance("TLS");
        ctx.init(keyManagers().getKeyManagers(), null, null);
        return ctx;
    }

    private static volatile SSLContext clientContext;

    /** One client context for the process, as a program that makes many connections keeps one. */
    static SSLContext clientContext() throws Exception {
        SSLContext c = clientContext;
        if (c == null) {
            synchronized (Tls.class) {
                if (clientContext == null) {
                    var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                    tmf.init(truststore());
                    var ctx = SSLContext.getInstance("TLS");
                    ctx.init(null, tmf.getTrustManagers(), null);
                    clientContext = ctx;
                }
                c = clientContext;
            }
        }
        return c;
    }

    // ---- the raw JDK client -------------------------------------------------------------------

    /** A blocking SSLSocket, TLS 1.3, the host name verified as HTTPS does: the baseline's client. */
    static final class RawClient implements Loads.Client {
        final SSLSocket s;
        /**
         * Whether the session was resumed: a resumed TLS 1.3 session keeps the creation time of the
         * session it resumes, which began before this connection did.
         */
        final boolean resumed;
        final InputStream in;
        final OutputStream out;

        RawClient(int port) throws Exception {
            long started = System.currentTimeMillis();
            var tcp = new Socket();
            tcp.setTcpNoDelay(true);
            tcp.connect(new InetSocketAddress(Loads.HOST, port));
            s = (SSLSocket) clientContext().getSocketFactory().createSocket(tcp, Loads.HOST, port, true);
            SSLParameters p = s.getSSLParameters();
            p.setProtocols(PROTOCOLS);
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
            s.startHandshake();
            resumed = s.getSession().getCreationTime() < started;
            in = s.getInputStream();
            out = s.getOutputStream();
        }

        @Override
        public void send(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public boolean recvFully(byte[] b, int off, int len) throws IOException {
            return in.readNBytes(b, off, len) == len;
        }

        @Override
        public int recv(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public void shutdownOutput() throws IOException {
            s.shutdownOutput();
        }

        @Override
        public void close() throws IOException {
            s.close();
        }
    }

    // ---- the library, reached by name ------------------------------------------------------------

    /** What the suite needs of the library's TLS: {@code LibTls} implements it once the library has TLS. */
    interface Lib {
        /** A server of the library ({@code tls-lib}: onAccept; {@code tls-lib-events}: onReceive), its port printed. */
        AutoCloseable server(String impl) throws Exception;

        /** The library's TLS client, trusting the suite's certificate. */
        Loads.Client client(int port) throws Exception;
    }

    private static final Lib LIB = loadLib();

    private static Lib loadLib() {
        try {
            return (Lib) Class.forName("bench.LibTls").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** The library's TLS, or null when this build of the library has none. */
    static Lib lib() {
        return LIB;
    }

    static Loads.Client connect(String server, int port) throws Exception {
        if (server.startsWith("tls-lib")) {
            if (LIB == null) {
                throw new IllegalStateException("the library has no TLS in this build");
            }
            return LIB.client(port);
        }
        return new RawClient(port);
    }

    // ---- the servers ---------------------------------------------------------------------------

    static AutoCloseable server(String impl) throws Exception {
        return switch (impl) {
            case "tls-raw" -> raw();
            case "netty-tls-jdk" -> netty(SslProvider.JDK);
            case "netty-tls-openssl" -> netty(SslProvider.OPENSSL);
            case "tls-lib", "tls-lib-events" -> {
                if (LIB == null) {
                    throw new IllegalStateException("the library has no TLS in this build");
                }
                yield LIB.server(impl);
            }
            default -> throw new IllegalArgumentException("unknown TLS server " + impl);
        };
    }

    /** SSLServerSocket, a platform thread per connection, a 64 KiB array: the JDK's own TLS, plainly used. */
    private static AutoCloseable raw() throws Exception {
        var ss = (SSLServerSocket) serverContext().getServerSocketFactory()
                .createServerSocket(0, ServerMain.BACKLOG, InetAddress.getByName(Loads.HOST));
        ss.setEnabledProtocols(PROTOCOLS);
        Thread a = new Thread(() -> {
            while (!ss.isClosed()) {
                Socket s;
                try {
                    s = ss.accept();
                    s.setTcpNoDelay(true);
                } catch (IOException e) {
                    continue;
                }
                Thread t = new Thread(() -> {
                    try (s) {
                        InputStream in = s.getInputStream();
                        OutputStream out = s.getOutputStream();
                        byte[] buf = new byte[65536];
                        for (int n; (n = in.read(buf)) > 0; ) {
                            out.write(buf, 0, n);
                        }
                    } catch (IOException e) {
                        // the client went away, or its handshake failed
                    }
                });
                t.setDaemon(true);
                t.start();
            }
        }, "accept");
        a.setDaemon(true);
        a.start();
        ServerMain.ready(ss.getLocalPort());
        return ss;
    }

    /** Netty epoll (as {@code netty-epoll}) with an SslHandler first in each pipeline. */
    private static AutoCloseable netty(SslProvider provider) throws Exception {
        if (provider == SslProvider.OPENSSL && !OpenSsl.isAvailable()) {
            throw new IllegalStateException("Netty's OpenSSL provider is not available: " + OpenSsl.unavailabilityCause());
        }
        SslContext ssl = SslContextBuilder.forServer(keyManagers()).sslProvider(provider)
                .protocols(PROTOCOLS).build();

        var io = EpollIoHandler.newFactory();
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, io);
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(io);
        var echo = new ServerMain.Echo();
        var ch = new ServerBootstrap().group(boss, workers).channel(EpollServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, ServerMain.BACKLOG)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(ssl.newHandler(c.alloc()), echo);
                    }
                })
                .bind(Loads.HOST, 0).sync().channel();
        ServerMain.ready(((InetSocketAddress) ch.localAddress()).getPort());
        return () -> {
            ch.close().sync();
            boss.shutdownGracefully();
            workers.shutdownGracefully();
        };
    }

    /** The TLS servers of a scenario in the suite's order: the baseline first, the library's where it has TLS. */
    static List<String> servers(boolean withNetty) {
        var l = new java.util.ArrayList<String>();
        if (LIB != null) {
            l.add("tls-lib");
            l.add("tls-lib-events");
        }
        l.add("tls-raw");
        if (withNetty) {
            l.add("netty-tls-jdk");
            l.add("netty-tls-openssl");
        }
        return l;
    }
}
