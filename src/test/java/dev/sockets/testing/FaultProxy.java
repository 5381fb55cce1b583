package dev.sockets.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A userland fault proxy on 127.0.0.1 between a client and a server, written on plain java.net
 * (independent of the library under test). Each direction is pumped by a thread of its own that
 * can delay each chunk, cut the stream into tiny chunks, reset both sides after a number of
 * bytes (SO_LINGER 0), or stop forwarding altogether (a peer that vanished without a word).
 *
 * <pre>{@code
 * try (var proxy = FaultProxy.to(server.port()).chunk(1, 7).delayMillis(1)) {
 *     Sockets.tcp().connect("127.0.0.1", proxy.port()) ...
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {
    private final ServerSocket listening;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong resets = new AtomicLong();
    private final Thread acceptor;
    private volatile int minChunk = 1 << 16;
    private volatile int maxChunk = 1 << 16;
    private volatile long delayNanos;
    private volatile long resetAfter = -1;
    private volatile boolean blackhole;
    private final java.util.Random random;

    private FaultProxy(int target, long seed) throws IOException {
        this.target = target;
        this.random = new java.util.Random(seed);
        listening = new ServerSocket();
        listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        acceptor = new Thread(this::acceptLoop, "fault-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy to 127.0.0.1:{@code target} that forwards faithfully until told otherwise. */
    public static FaultProxy to(int target) throws IOException {
        return new FaultProxy(target, 42);
    }

    /** A proxy with its own seed for the random chunk sizes. */
    public static FaultProxy to(int target, long seed) throws IOException {
        return new FaultProxy(target, seed);
    }

    /** The port clients connect to. */
    public int port() {
        return listening.getLocalPort();
    }

    /** Forwards in chunks of a random size in [min, max] bytes, each in a write of its own. */
    public FaultProxy chunk(int min, int max) {
        minChunk = min;
        maxChunk = max;
        return this;
    }

    /** Waits this long before forwarding each chunk. */
    public FaultProxy delayMillis(long millis) {
        delayNanos = TimeUnit.MILLISECONDS.toNanos(millis);
        return this;
    }

    /** Resets both sides (SO_LINGER 0) once this many bytes went from client to server. */
    public FaultProxy resetAfter(long bytes) {
        resetAfter = bytes;
        return this;
    }

    /** From now on forwards nothing, in either direction, and closes nothing: a peer that vanished. */
    public FaultProxy blackhole() {
        blackhole = true;
        return this;
    }

    /** Bytes forwarded so far, both directions. */
    public long forwarded() {
        return forwarded.get();
    }

    /** Connections reset so far. */
    public long resets() {
        return resets.get();
    }

    private void acceptLoop() {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket server = new Socket(java.net.Proxy.NO_PROXY);
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 5000);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                pump(client, server, true);
                pump(server, client, false);
            } catch (IOException e) {
                if (listening.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean upstream) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[1 << 16];
            long sent = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                while (true) {
                    int max;
                    synchronized (random) {
                        max = minChunk + (maxChunk > minChunk ? random.nextInt(maxChunk - minChunk + 1) : 0);
                    }
                    int n = in.read(buf, 0, Math.min(buf.length, max));
                    if (n < 0) {
                        if (!blackhole) {
                            to.shutdownOutput();
                        }
                        return;
                    }
                    if (blackhole) {
                        continue; // swallowed
                    }
                    long d = delayNanos;
                    if (d > 0) {
                        LockSupport.parkNanos(d); // the fault itself: a slow link, not a wait for readiness
                    }
                    long limit = resetAfter;
                    if (upstream && limit >= 0 && sent + n > limit) {
                        int part = (int) (limit - sent);
                        out.write(buf, 0, part);
                        out.flush();
                        resets.incrementAndGet(); // before the reset: a client that sees it may read the count
                        reset(from);
                        reset(to);
                        return;
                    }
                    out.write(buf, 0, n);
                    sent += n;
                    forwarded.addAndGet(n);
                }
            } catch (IOException e) {
                // One side went away: the other pump sees it too.
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "fault-proxy-" + (upstream ? "up" : "down"));
        t.setDaemon(true);
        t.start();
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException ignored) {
            // Already gone: the reset happened anyway.
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Closing.
        }
    }

    @Override
    public void close() {
        closeQuietly2();
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeQuietly2() {
        try {
            listening.close();
        } catch (IOException ignored) {
            // Closing.
        }
    }
}
