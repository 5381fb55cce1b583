package bench;

import dev.sockets.Bytes;
import dev.sockets.Connection;
import dev.sockets.Sockets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clients that load a server. Each loop is bounded twice: by a count and by a deadline;
 * a loop that hits its deadline returns what it measured and says so.
 */
final class Loads {
    static final String HOST = "127.0.0.1";

    private Loads() {
    }

    /** One client connection, the library's or a raw java.net one. */
    interface Client extends AutoCloseable {
        void send(byte[] b, int off, int len) throws IOException;

        /** Reads into b until len bytes came; false at the end of the stream. */
        boolean recvFully(byte[] b, int off, int len) throws IOException;

        /** Reads what comes, at most len; -1 at the end. */
        int recv(byte[] b, int off, int len) throws IOException;

        void shutdownOutput() throws IOException;

        @Override
        void close() throws IOException;
    }

    static Client connect(boolean lib, int port) throws IOException {
        return lib ? new LibClient(port) : new RawClient(port);
    }

    static final class LibClient implements Client {
        final Connection c;
        final InputStream in;

        LibClient(int port) {
            c = Sockets.tcp().noDelay(true).connect(HOST, port);
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
        public int recv(byte[] b, int off, int len) throws IOException {
            // The library's stream view: big reads land in the caller's array, as a bulk reader would use it.
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

    static final class RawClient implements Client {
        final Socket s;
        final InputStream in;
        final OutputStream out;

        RawClient(int port) throws IOException {
            s = new Socket();
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(HOST, port));
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

    // ---- ping-pong -----------------------------------------------------------------------

    /** Round-trip times in ns of {@code count} 64-byte ping-pongs on an open connection. */
    static long[] pingPong(Client c, int count, long deadline) throws IOException {
        byte[] msg = new byte[64];
        byte[] back = new byte[64];
        long[] rtt = new long[count];
        int done = 0;
        for (; done < count; done++) {
            long t0 = System.nanoTime();
            if (t0 > deadline) {
                break;
            }
            c.send(msg, 0, 64);
            if (!c.recvFully(back, 0, 64)) {
                throw new IOException("the server closed the connection");
            }
            rtt[done] = System.nanoTime() - t0;
        }
        return Arrays.copyOf(rtt, done);
    }

    // ---- bulk ----------------------------------------------------------------------------

    /** Sends {@code total} bytes in 64 KiB writes through the echo server; bytes per second of the round journey. */
    static double bulk(boolean lib, int port, long total, long deadline) throws Exception {
        try (Client c = connect(lib, port)) {
            return bulk(c, total, deadline);
        }
    }

    /** The same on an open connection (a TLS one: its handshake is not timed), which the caller closes. */
    static double bulk(Client c, long total, long deadline) throws Exception {
        byte[] chunk = new byte[64 * 1024];
        var received = new AtomicLong();
        var failure = new AtomicReference<Throwable>();
        {
            long t0 = System.nanoTime();
            Thread reader = new Thread(() -> {
                byte[] b = new byte[64 * 1024];
                try {
                    while (received.get() < total && System.nanoTime() < deadline) {
                        int n = c.recv(b, 0, b.length);
                        if (n < 0) {
                            break;
                        }
                        received.addAndGet(n);
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "bulk-reader");
            reader.start();
            long sent = 0;
            while (sent < total && System.nanoTime() < deadline && failure.get() == null) {
                int n = (int) Math.min(chunk.length, total - sent);
                c.send(chunk, 0, n);
                sent += n;
            }
            reader.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            long t1 = System.nanoTime();
            if (failure.get() != null) {
                throw new IOException("bulk read failed", failure.get());
            }
            if (received.get() < total) {
                System.err.println("  bulk: deadline after " + received.get() + " of " + total + " bytes");
            }
            return received.get() * 1e9 / (t1 - t0);
        }
    }

    // ---- many connections ----------------------------------------------------------------

    /** Opens {@code n} connections (blocking connects), non-blocking afterwards. */
    static List<SocketChannel> open(int port, int n, long deadline) throws IOException {
        var list = new ArrayList<SocketChannel>(n);
        var to = new InetSocketAddress(HOST, port);
        for (int i = 0; i < n && System.nanoTime() < deadline; i++) {
            SocketChannel ch = SocketChannel.open();
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.connect(to);
            list.add(ch);
        }
        return list;
    }

    private static final class Conn {
        final SocketChannel ch;
        final ByteBuffer buf = ByteBuffer.allocate(64);
        int rounds;

        Conn(SocketChannel ch) {
            this.ch = ch;
        }
    }

    /**
     * Every channel does {@code rounds} 64-byte round trips, all at once, driven by one selector
     * thread; returns the number of round trips completed (the caller times it).
     */
    static long roundTrips(List<SocketChannel> chs, int rounds, long deadline) throws IOException {
        return roundTrips(chs, rounds, deadline, new byte[64]);
    }

    /**
     * As {@link #roundTrips(List, int, long)} with {@code message} (64 bytes) as each request: a
     * framed server needs a valid frame, which the echo servers send back as they get it.
     */
    static long roundTrips(List<SocketChannel> chs, int rounds, long deadline, byte[] message) throws IOException {
        if (message.length != 64) {
            throw new IllegalArgumentException("expected a 64-byte message but was " + message.length);
        }
        ByteBuffer msg = ByteBuffer.wrap(message.clone());
        long total = 0;
        int finished = 0;
        try (Selector sel = Selector.open()) {
            for (SocketChannel ch : chs) {
                ch.configureBlocking(false);
                ch.register(sel, SelectionKey.OP_READ, new Conn(ch));
                msg.clear();
                while (msg.hasRemaining()) {
                    ch.write(msg);
                }
            }
            while (finished < chs.size() && System.nanoTime() < deadline) {
                if (sel.select(1000) == 0) {
                    continue;
                }
                var it = sel.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    Conn c = (Conn) k.attachment();
                    if (c.ch.read(c.buf) < 0) {
                        throw new IOException("the server closed a connection");
                    }
                    if (!c.buf.hasRemaining()) {
                        c.buf.clear();
                        total++;
                        if (++c.rounds == rounds) {
                            finished++;
                            k.cancel();
                        } else {
                            msg.clear();
                            while (msg.hasRemaining()) {
                                c.ch.write(msg);
                            }
                        }
                    }
                }
            }
            sel.selectNow(); // flush the cancelled keys before the channels go back to blocking
        }
        for (SocketChannel ch : chs) {
            ch.configureBlocking(true);
        }
        return total;
    }

    /** One 64-byte round trip on a blocking channel. */
    static void roundTrip(SocketChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64);
        while (b.hasRemaining()) {
            ch.write(b);
        }
        b.clear();
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new IOException("the server closed a connection");
            }
        }
    }

    static void closeAll(List<SocketChannel> chs) {
        for (SocketChannel ch : chs) {
            try {
                ch.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    // ---- connection setup ----------------------------------------------------------------

    /** {@code threads} clients each connect, exchange one byte, close, {@code count / threads} times; connections per second. */
    static double setup(boolean lib, int port, int count, int threads, long deadline) throws Exception {
        var done = new AtomicLong();
        var failure = new AtomicReference<Throwable>();
        var ts = new Thread[threads];
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            ts[t] = new Thread(() -> {
                byte[] one = new byte[1];
                try {
                    for (int i = 0; i < count / threads && System.nanoTime() < deadline; i++) {
                        try (Client c = connect(lib, port)) {
                            c.send(one, 0, 1);
                            if (!c.recvFully(one, 0, 1)) {
                                throw new IOException("no echo");
                            }
                        }
                        done.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "setup-" + t);
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        long t1 = System.nanoTime();
        if (failure.get() != null) {
            throw new IOException("setup failed after " + done.get(), failure.get());
        }
        return done.get() * 1e9 / (t1 - t0);
    }

    // ---- UDP -----------------------------------------------------------------------------

    /**
     * Datagrams of {@code size} bytes echoed per second, {@code window} in flight, for
     * {@code millis}; a window lost on the way is sent again after 20 ms of silence.
     */
    static double udp(int port, int size, int window, long millis) throws IOException {
        try (DatagramChannel ch = DatagramChannel.open(); Selector sel = Selector.open()) {
            ch.connect(new InetSocketAddress(HOST, port));
            ch.configureBlocking(false);
            ch.register(sel, SelectionKey.OP_READ);
            ByteBuffer out = ByteBuffer.allocateDirect(size);
            ByteBuffer in = ByteBuffer.allocateDirect(65536);
            long received = 0;
            long t0 = System.nanoTime();
            long end = t0 + millis * 1_000_000;
            for (int i = 0; i < window; i++) {
                out.clear();
                ch.write(out);
            }
            while (System.nanoTime() < end) {
                if (sel.select(20) == 0) {
                    for (int i = 0; i < window; i++) {
                        out.clear();
                        ch.write(out);
                    }
                    continue;
                }
                sel.selectedKeys().clear();
                while (true) {
                    in.clear();
                    int n = ch.read(in);
                    if (n <= 0) {
                        break;
                    }
                    received++;
                    out.clear();
                    ch.write(out);
                }
            }
            return received * 1e9 / (System.nanoTime() - t0);
        }
    }
}
