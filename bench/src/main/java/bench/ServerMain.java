package bench;

import dev.sockets.Bytes;
import dev.sockets.Framing;
import dev.sockets.Server;
import dev.sockets.Sockets;
import dev.sockets.ThreadModel;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

/**
 * One echo server in a process of its own, so that the suite reads its CPU time, RSS and thread
 * count from /proc. Prints {@code PORT n} when it serves; then obeys lines on stdin:
 * {@code gc} (full GC, answers {@code OK} and the heap in use after it); end of input exits.
 *
 * <p>Every TCP server echoes what it reads, with TCP_NODELAY on the accepted sockets; every UDP
 * server sends each datagram back to its sender. Each is written the way its API is meant to be used.
 */
public final class ServerMain {
    static final int BACKLOG = 4096;

    public static void main(String[] args) throws Exception {
        String impl = args[0];
        AutoCloseable server = switch (impl) {
            case "lib", "lib-platform", "lib-virtual" -> lib(impl);
            case "lib-stream" -> libStream();
            case "lib-events" -> libEvents();
            case "lib-events-framed" -> libEventsFramed();
            case "raw-platform" -> raw(false);
            case "raw-virtual" -> raw(true);
            case "netty-epoll" -> netty(true);
            case "netty-nio" -> netty(false);
            case "lib-udp" -> libUdp();
            case "raw-udp" -> rawUdp();
            case "tls-raw", "tls-lib", "tls-lib-events", "netty-tls-jdk", "netty-tls-openssl" -> Tls.server(impl);
            default -> throw new IllegalArgumentException("unknown server " + impl);
        };
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("gc")) {
                System.gc();
                System.gc();
                var heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                System.out.println("OK " + heap.getUsed());
                System.out.flush();
            }
        }
        server.close();
        System.exit(0);
    }

    static void ready(int port) {
        System.out.println("PORT " + port);
        System.out.flush();
    }

    // ---- the library: the echo loop of the tutorial (recv up to 64 KiB, send it back)

    private static AutoCloseable lib(String impl) {
        ThreadModel model = switch (impl) {
            case "lib-platform" -> ThreadModel.PLATFORM;
            case "lib-virtual" -> ThreadModel.VIRTUAL;
            default -> ThreadModel.AUTO;
        };
        Server s = Sockets.tcp().noDelay(true).threads(model).maxConnections(20_000)
                .bind("127.0.0.1", 0).listen(BACKLOG)
                .onAccept(c -> {
                    for (Bytes b; !(b = c.recv(65536)).isEmpty(); ) {
                        c.send(b);
                    }
                });
        ready(s.port());
        return s;
    }

    /** The library's event-driven form: a receiver on its loops, no thread per connection. */
    private static AutoCloseable libEvents() {
        Server s = Sockets.tcp().noDelay(true).maxConnections(20_000)
                .bind("127.0.0.1", 0).onReceive(BACKLOG, (peer, data) -> peer.send(data));
        ready(s.port());
        return s;
    }

    /** The 4-byte big-endian length prefix of the framing scenario: Python's struct.pack('>I', n). */
    static final Framing FRAMING = Framing.lengthPrefixed(4, java.nio.ByteOrder.BIG_ENDIAN, 1 << 20);

    /** The event-driven form with a framing: the receiver gets whole frames and answers each with one. */
    private static AutoCloseable libEventsFramed() {
        Server s = Sockets.tcp().noDelay(true).maxConnections(20_000)
                .bind("127.0.0.1", 0).onReceive(FRAMING, (peer, frame) -> peer.sendFrame(FRAMING, frame));
        ready(s.port());
        return s;
    }

    /** The library with its stream API (input() and output()): what a bulk copy would use. */
    private static AutoCloseable libStream() {
        Server s = Sockets.tcp().noDelay(true).maxConnections(20_000)
                .bind("127.0.0.1", 0).listen(BACKLOG)
                .onAccept(c -> {
                    // As the raw server: one 64 KiB array, reads straight into it, no copies.
                    InputStream in = c.input();
                    OutputStream out = c.output();
                    byte[] buf = new byte[65536];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        out.write(buf, 0, n);
                    }
                });
        ready(s.port());
        return s;
    }

    private static AutoCloseable libUdp() {
        Server s = Sockets.udp().bind("127.0.0.1", 0).onDatagram((udp, d) -> udp.sendto(d.data(), d.remote()));
        ready(s.port());
        return s;
    }

    // ---- raw java.net: a blocking ServerSocket, a thread per connection, a 64 KiB array

    private static AutoCloseable raw(boolean virtual) throws IOException {
        var ss = new ServerSocket(0, BACKLOG, InetAddress.getByName("127.0.0.1"));
        Runnable acceptLoop = () -> {
            while (!ss.isClosed()) {
                Socket s;
                try {
                    s = ss.accept();
                    s.setTcpNoDelay(true);
                } catch (IOException e) {
                    continue;
                }
                Runnable echo = () -> {
                    try (s) {
                        InputStream in = s.getInputStream();
                        OutputStream out = s.getOutputStream();
                        byte[] buf = new byte[65536];
                        for (int n; (n = in.read(buf)) > 0; ) {
                            out.write(buf, 0, n);
                        }
                    } catch (IOException e) {
                        // the client went away
                    }
                };
                if (virtual) {
                    Vt.start(echo);
                } else {
                    Thread t = new Thread(echo);
                    t.setDaemon(true);
                    t.start();
                }
            }
        };
        Thread a = new Thread(acceptLoop, "accept");
        a.setDaemon(true);
        a.start();
        ready(ss.getLocalPort());
        return ss;
    }

    private static AutoCloseable rawUdp() throws IOException {
        var ch = DatagramChannel.open();
        ch.bind(new InetSocketAddress("127.0.0.1", 0));
        Thread t = new Thread(() -> {
            ByteBuffer b = ByteBuffer.allocateDirect(65536);
            while (ch.isOpen()) {
                try {
                    b.clear();
                    var from = ch.receive(b);
                    b.flip();
                    ch.send(b, from);
                } catch (IOException e) {
                    // closed, or an ICMP error from an earlier reply
                }
            }
        }, "udp");
        t.setDaemon(true);
        t.start();
        ready(((InetSocketAddress) ch.getLocalAddress()).getPort());
        return ch;
    }

    // ---- Netty 4.2: one boss and one worker event loop per core, a plain echo handler

    @ChannelHandler.Sharable
    static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static AutoCloseable netty(boolean epoll) throws InterruptedException {
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, io);
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(io);
        Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        var echo = new Echo();
        var ch = new ServerBootstrap().group(boss, workers).channel(type)
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(echo);
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        ready(((InetSocketAddress) ch.localAddress()).getPort());
        return () -> {
            ch.close().sync();
            boss.shutdownGracefully();
            workers.shutdownGracefully();
        };
    }
}
