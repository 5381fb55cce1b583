import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Raw echo servers for the setup-rate analysis in BENCHMARKS.md (bench/run's setup scenario runs
 * {@code nio 4} beside its servers): each prints PORT and its port, echoes on 127.0.0.1 until its
 * standard input closes. {@code java SetupLab MODE [THREADS]}:
 * <ul>
 *   <li>{@code serial}: one thread accepts and serves each connection in turn;
 *   <li>{@code pooled}: one thread accepts and hands each connection to a pooled thread;
 *   <li>{@code multi K}: K threads that each accept and serve in turn, none kept at the listener
 *       (while all K serve, none accepts: K slow clients would stop it, not a design for blocking handlers);
 *   <li>{@code nio K}: the same over blocking NIO channels;
 *   <li>{@code adaptor K}: the same over NIO channels read through their {@code Socket} adaptor;
 *   <li>{@code lfs}: threads take turns, one always kept at the listener (woken, or started, when
 *       the last one takes a connection), two at most waiting, the rest spares: the library's rule.
 * </ul>
 */
public class SetupLab {
    static void echo(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] b = new byte[65536];
            for (int n; (n = in.read(b)) > 0; ) {
                out.write(b, 0, n);
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    static void start(Runnable r) {
        Thread t = new Thread(r);
        t.setDaemon(true);
        t.start();
    }

    public static void main(String[] a) throws Exception {
        String mode = a[0];
        int k = a.length > 1 ? Integer.parseInt(a[1]) : 1;
        int port;
        if (mode.equals("adaptor")) {
            // NIO channels read and written through their java.net.Socket adaptor, as a library
            // built on Socket streams would use them.
            var ssc = ServerSocketChannel.open();
            ssc.bind(new InetSocketAddress("127.0.0.1", 0), 4096);
            port = ((InetSocketAddress) ssc.getLocalAddress()).getPort();
            for (int i = 0; i < k; i++) {
                start(() -> {
                    while (ssc.isOpen()) {
                        try {
                            echo(ssc.accept().socket());
                        } catch (IOException e) {
                            // next
                        }
                    }
                });
            }
        } else if (mode.equals("nio")) {
            var ssc = ServerSocketChannel.open();
            ssc.bind(new InetSocketAddress("127.0.0.1", 0), 4096);
            port = ((InetSocketAddress) ssc.getLocalAddress()).getPort();
            for (int i = 0; i < k; i++) {
                start(() -> {
                    var buf = ByteBuffer.allocateDirect(65536);
                    while (ssc.isOpen()) {
                        try (var ch = ssc.accept()) {
                            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                            buf.clear();
                            while (ch.read(buf) > 0) {
                                buf.flip();
                                while (buf.hasRemaining()) {
                                    ch.write(buf);
                                }
                                buf.clear();
                            }
                        } catch (IOException e) {
                            // the client went away
                        }
                    }
                });
            }
        } else {
            var ss = new ServerSocket();
            ss.bind(new InetSocketAddress("127.0.0.1", 0), 4096);
            port = ss.getLocalPort();
            switch (mode) {
                case "serial" -> start(() -> {
                    while (!ss.isClosed()) {
                        try {
                            echo(ss.accept());
                        } catch (IOException e) {
                            // next
                        }
                    }
                });
                case "pooled" -> {
                    var pool = new ThreadPoolExecutor(0, 1000, 30, TimeUnit.SECONDS, new SynchronousQueue<>());
                    start(() -> {
                        while (!ss.isClosed()) {
                            try {
                                Socket s = ss.accept();
                                pool.execute(() -> echo(s));
                            } catch (IOException e) {
                                // next
                            }
                        }
                    });
                }
                case "multi" -> {
                    for (int i = 0; i < k; i++) {
                        start(() -> {
                            while (!ss.isClosed()) {
                                try {
                                    echo(ss.accept());
                                } catch (IOException e) {
                                    // next
                                }
                            }
                        });
                    }
                }
                case "lfs" -> new Turns(ss).start();
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
        }
        System.out.println("PORT " + port);
        System.out.flush();
        var in = new BufferedReader(new InputStreamReader(System.in));
        while (in.readLine() != null) {
            // until the input closes
        }
        System.exit(0);
    }

    /** The library's rule in raw code: one thread always at the listener, two at most, spares. */
    static final class Turns {
        final ServerSocket ss;
        final AtomicInteger waiting = new AtomicInteger();
        final SynchronousQueue<Boolean> spare = new SynchronousQueue<>();

        Turns(ServerSocket ss) {
            this.ss = ss;
        }

        void start() {
            waiting.incrementAndGet();
            SetupLab.start(this::loop);
        }

        void spawn() {
            waiting.incrementAndGet();
            if (!spare.offer(Boolean.TRUE)) {
                SetupLab.start(this::loop);
            }
        }

        void loop() {
            while (!ss.isClosed()) {
                Socket s;
                try {
                    s = ss.accept();
                } catch (IOException e) {
                    continue;
                }
                if (waiting.decrementAndGet() == 0) {
                    spawn();
                }
                echo(s);
                boolean back = false;
                for (int n; (n = waiting.get()) < 2; ) {
                    if (waiting.compareAndSet(n, n + 1)) {
                        back = true;
                        break;
                    }
                }
                try {
                    if (!back && spare.poll(30, TimeUnit.SECONDS) == null) {
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
