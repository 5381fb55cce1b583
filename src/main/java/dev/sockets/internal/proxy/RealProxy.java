package dev.sockets.internal.proxy;

import dev.sockets.Address;
import dev.sockets.Endpoint;
import dev.sockets.Proxy;
import dev.sockets.SocketError;
import dev.sockets.UnixAddress;
import dev.sockets.internal.errors.Errors;
import dev.sockets.internal.io.Inet;
import dev.sockets.internal.registry.Registry;
import dev.sockets.internal.settings.Check;
import dev.sockets.internal.tap.Tap;
import dev.sockets.internal.tap.Wiretap;
import dev.sockets.internal.time.Threads;
import dev.sockets.internal.words.Durations;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link Proxy}: one accept thread, and two blocking pumps per connection ({@link Link}).
 * The faults are fields read by the pumps before each write, so switching one reaches the
 * connections open now; every wait of a pump (a delay, the bandwidth's pacing, a black hole) is
 * on one condition that each switch signals.
 *
 * <p>DEV-NOTE: no timer here. The delay and the pacing are the faults themselves: the pump that
 * carries the bytes waits out its own deadline on the condition, so no thread but the pump has
 * anything to do at that moment. The connect to a TCP target is bounded by the JDK's own timed
 * connect.
 */
public final class RealProxy implements Proxy, Registry.Entry {

    /** How long a client's connection waits for the target to accept. */
    static final int CONNECT_MILLIS = 10_000;
    /** The pause between two pieces under {@link #chunk(int)}, so a prompt reader sees each alone. */
    static final long CHUNK_GAP_NANOS = 100_000;
    private static final int BUFFER = 64 * 1024;
    private static final AtomicLong LINKS = new AtomicLong();

    private final Endpoint bound;
    private final Address target;
    private final String where;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<Link> links = ConcurrentHashMap.newKeySet();   // open: counted by open()
    private final Set<Link> running = ConcurrentHashMap.newKeySet(); // with a thread still running: joined by close
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Thread acceptor;
    private final long opened = System.nanoTime(); // for Sockets.open()

    private volatile ServerSocketChannel listener; // null while refusing
    private volatile boolean open = true;
    private volatile long delayUp;
    private volatile long delayDown;
    private volatile long bandwidth;
    private volatile int chunk;
    private volatile long resetAfter = -1;
    private volatile long closeAfter = -1;
    private volatile boolean blackhole;
    private volatile boolean acceptorParked; // waiting in awaitListening, out of accept(2)
    private volatile Wiretap wiretap; // null when off: connections accepted from then on are tapped

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong cut = new AtomicLong();
    private final AtomicLong bytesUp = new AtomicLong();
    private final AtomicLong bytesDown = new AtomicLong();

    private RealProxy(ServerSocketChannel listener, Endpoint bound, Address target) {
        this.listener = listener;
        this.bound = bound;
        this.target = target;
        this.where = bound.text() + " -> " + target.text();
        this.acceptor = Threads.startDaemon("sockets-proxy " + where, this::acceptLoop);
        Registry.opened(this);
    }

    /**
     * Listens on {@code at} and relays to {@code target}.
     *
     * @throws SocketError if it cannot listen there
     */
    public static RealProxy open(Endpoint at, Address target) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(target, "target");
        ServerSocketChannel ch = listen(at);
        Endpoint bound;
        try {
            bound = Inet.endpoint((InetSocketAddress) ch.getLocalAddress());
        } catch (IOException e) {
            closeQuietly(ch);
            throw Errors.map(SocketError.Op.BIND, at, null, e, null);
        }
        return new RealProxy(ch, bound, target);
    }

    private static ServerSocketChannel listen(Endpoint at) {
        InetSocketAddress isa = new InetSocketAddress(Inet.resolve(at.host(), null, SocketError.Op.BIND).get(0),
                at.port().number());
        ServerSocketChannel ch = null;
        try {
            ch = ServerSocketChannel.open();
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(isa, 1024);
            return ch;
        } catch (IOException e) {
            closeQuietly(ch);
            throw Errors.map(SocketError.Op.BIND, at, null, e, null);
        }
    }

    // ------------------------------------------------------------------ faults

    @Override
    public Proxy delay(Duration delay) {
        Check.nonNegative("delay", delay);
        return delay(delay, delay);
    }

    @Override
    public Proxy delay(Duration up, Duration down) {
        Check.nonNegative("up", up);
        Check.nonNegative("down", down);
        return change(() -> {
            delayUp = up.toNanos();
            delayDown = down.toNanos();
        });
    }

    @Override
    public Proxy bandwidth(long bytesPerSecond) {
        Check.positive("bytesPerSecond", bytesPerSecond);
        return change(() -> bandwidth = bytesPerSecond);
    }

    @Override
    public Proxy chunk(int maxBytes) {
        Check.positive("maxBytes", maxBytes);
        return change(() -> chunk = maxBytes);
    }

    @Override
    public Proxy resetAfter(long bytes) {
        return change(() -> resetAfter = nonNegative(bytes));
    }

    @Override
    public Proxy closeAfter(long bytes) {
        return change(() -> closeAfter = nonNegative(bytes));
    }

    @Override
    public Proxy blackhole() {
        return change(() -> blackhole = true);
    }

    @Override
    public Proxy refuse() {
        lock.lock();
        try {
            ServerSocketChannel l = listener;
            if (l != null && !closing.get()) {
                listener = null;
                closeQuietly(l); // the acceptor's accept fails and it waits for heal()
                // The socket lives on until the acceptor's accept(2) returns (the call holds it):
                // a connect before that would still get through. Wait for it to leave, bounded.
                long left = TimeUnit.SECONDS.toNanos(5);
                while (!acceptorParked && acceptor.isAlive() && left > 0) {
                    left = changed.awaitNanos(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        return this;
    }

    @Override
    public Proxy heal() {
        lock.lock();
        try {
            delayUp = 0;
            delayDown = 0;
            bandwidth = 0;
            chunk = 0;
            resetAfter = -1;
            closeAfter = -1;
            blackhole = false;
            changed.signalAll();
            if (listener == null && !closing.get()) {
                listener = listen(bound); // last: if another socket took the port, the rest is healed
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        return this;
    }

    private static long nonNegative(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("expected bytes >= 0 but was " + bytes);
        }
        return bytes;
    }

    /** Sets a fault, wakes every waiting pump, and cuts the connections already past a new limit. */
    private Proxy change(Runnable set) {
        lock.lock();
        try {
            set.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Link l : links) {
            l.cutIfPast();
        }
        return this;
    }

    // ------------------------------------------------------------------ accepting

    private void acceptLoop() {
        while (open) {
            ServerSocketChannel l = listener;
            if (l == null) {
                awaitListening();
                continue;
            }
            SocketChannel client;
            try {
                client = l.accept();
            } catch (IOException e) {
                if (!open || listener != l) {
                    continue; // closed, or refusing: the loop sees which
                }
                // Out of descriptors, say: back off a little rather than spin on the failure.
                failed.incrementAndGet();
                pause(TimeUnit.MILLISECONDS.toNanos(100));
                continue;
            }
            accepted.incrementAndGet();
            if (listener != l) {
                // refuse() came while this one was in the backlog: it is refused too.
                reset(client);
                continue;
            }
            var link = new Link(client);
            links.add(link);
            running.add(link);
            link.start();
        }
    }

    private void awaitListening() {
        lock.lock();
        try {
            acceptorParked = true;
            changed.signalAll();
            while (open && listener == null) {
                changed.awaitUninterruptibly();
            }
        } finally {
            acceptorParked = false;
            lock.unlock();
        }
    }

    private void pause(long nanos) {
        lock.lock();
        try {
            long left = nanos;
            while (open && left > 0) {
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private SocketChannel connectTarget() throws IOException {
        if (target instanceof UnixAddress u) {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(u.path()));
                return ch;
            } catch (IOException e) {
                closeQuietly(ch);
                throw e;
            }
        }
        Endpoint e = (Endpoint) target;
        SocketAddress sa = new InetSocketAddress(Inet.resolve(e.host(), null, SocketError.Op.CONNECT).get(0),
                e.port().number());
        SocketChannel ch = SocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.socket().connect(sa, CONNECT_MILLIS);
            return ch;
        } catch (IOException ex) {
            closeQuietly(ch);
            throw ex;
        }
    }

    // ------------------------------------------------------------------ one connection

    /**
     * One client's connection and its connection to the target, with a pump each way. The
     * thread that starts it connects to the target and then pumps upstream; the downstream pump
     * starts once the target answered.
     */
    final class Link {
        private final long id = LINKS.incrementAndGet();
        private final SocketChannel client;
        private volatile SocketChannel server;
        private final AtomicLong up = new AtomicLong(); // relayed upstream on this link: the cut limits count these
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile boolean finishing; // closeAfter: both sides got their FIN, pumps only drain
        private final AtomicInteger pumps = new AtomicInteger(2);
        private final AtomicInteger threads = new AtomicInteger(1);
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile Thread upThread;
        private volatile Thread downThread;
        private volatile Tap tap; // the proxy's wiretap when this link reached its target, or null

        Link(SocketChannel client) {
            this.client = client;
        }

        void start() {
            upThread = Threads.startDaemon("sockets-proxy-" + id + " up " + where, this::runUp);
        }

        private void runUp() {
            try {
                if (!awaitOpen()) {
                    end(false);
                    return;
                }
                try {
                    client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                } catch (IOException | UnsupportedOperationException e) {
                    // a client that already left: the pump sees it
                }
                try {
                    server = connectTarget();
                } catch (IOException | SocketError e) {
                    failed.incrementAndGet();
                    end(true);
                    return;
                }
                Wiretap w = wiretap;
                if (w != null) {
                    tap = w.open("open proxy " + where, clientAddress(), target);
                }
                if (ended.get()) {
                    closeQuietly(server);
                    return;
                }
                cutIfPast();
                if (ended.get()) {
                    return;
                }
                threads.incrementAndGet();
                downThread = Threads.startDaemon("sockets-proxy-" + id + " down " + where, () -> {
                    try {
                        pump(server, client, false);
                    } finally {
                        threadEnded();
                    }
                });
                pump(client, server, true);
            } catch (RuntimeException | Error e) {
                end(true);
                throw e;
            } finally {
                threadEnded();
            }
        }

        private void threadEnded() {
            if (threads.decrementAndGet() == 0) {
                running.remove(this);
            }
        }

        /** Under a black hole, a new connection waits here before it reaches the target. */
        private boolean awaitOpen() {
            lock.lock();
            try {
                while (blackhole && open && !ended.get() && !closing.get()) {
                    changed.awaitUninterruptibly();
                }
                return open && !ended.get() && !closing.get();
            } finally {
                lock.unlock();
            }
        }

        /**
         * Relays one direction until its end of stream (passed on as a half close), a fault
         * that cuts the link, or a failure (passed on as a reset).
         */
        private void pump(SocketChannel from, SocketChannel to, boolean upstream) {
            ByteBuffer buf = ByteBuffer.allocate(BUFFER);
            long[] next = {0}; // the bandwidth's and the chunk gap's earliest time for the next write
            try {
                while (true) {
                    buf.clear();
                    int n = from.read(buf);
                    long at = System.nanoTime();
                    if (n < 0) {
                        Tap t = tap;
                        if (t != null) {
                            if (upstream) {
                                t.note("the client's end of stream");
                            } else {
                                t.endOfStream();
                            }
                        }
                        if (!finishing) {
                            if (!awaitTurn(upstream, at, next[0])) {
                                end(false);
                                return;
                            }
                            to.shutdownOutput();
                        }
                        break;
                    }
                    if (finishing) {
                        continue; // after closeAfter: read and dropped
                    }
                    buf.flip();
                    while (buf.hasRemaining()) {
                        if (!awaitTurn(upstream, at, next[0])) {
                            if (finishing) {
                                break;
                            }
                            end(false); // ended already, or the proxy closes
                            return;
                        }
                        int piece = buf.remaining();
                        int max = chunk;
                        if (max > 0) {
                            piece = Math.min(piece, 1 + ThreadLocalRandom.current().nextInt(max));
                        }
                        long rate = bandwidth;
                        if (rate > 0) {
                            piece = (int) Math.min(piece, Math.max(1, rate / 50));
                        }
                        if (upstream) {
                            long limit = limit();
                            if (limit >= 0) {
                                long room = limit - up.get();
                                if (room <= 0) {
                                    cutIfPast();
                                    break;
                                }
                                piece = (int) Math.min(piece, room);
                            }
                        }
                        // Counted before the write: the peer may answer before this thread runs again.
                        (upstream ? bytesUp : bytesDown).addAndGet(piece);
                        if (upstream) {
                            up.addAndGet(piece);
                        }
                        ByteBuffer slice = buf.duplicate();
                        slice.limit(buf.position() + piece);
                        Tap t = tap;
                        if (t != null) {
                            if (upstream) {
                                t.sent(slice);
                            } else {
                                t.received(buf.array(), buf.position(), piece);
                            }
                        }
                        while (slice.hasRemaining()) {
                            to.write(slice);
                        }
                        buf.position(buf.position() + piece);
                        long now = System.nanoTime();
                        long gap = 0;
                        if (rate > 0) {
                            gap = piece * 1_000_000_000L / rate;
                            next[0] = Math.max(now, next[0]) + gap;
                        }
                        if (max > 0) {
                            next[0] = Math.max(next[0], now + CHUNK_GAP_NANOS);
                        }
                        if (upstream && cutIfPast()) {
                            break;
                        }
                    }
                }
            } catch (IOException e) {
                if (!ended.get() && !finishing) {
                    end(true); // a reset on one side is a reset on the other
                }
            } finally {
                if (pumps.decrementAndGet() == 0) {
                    end(false);
                }
            }
        }

        /**
         * Waits out the faults before a write of what was read at {@code at}: the black hole,
         * the delay, the pacing. False if the link ended (or, after closeAfter, only drains).
         */
        private boolean awaitTurn(boolean upstream, long at, long notBefore) {
            lock.lock();
            try {
                while (true) {
                    if (ended.get() || finishing || !open) {
                        return false;
                    }
                    if (blackhole) {
                        if (closing.get()) {
                            return false; // held for good: nothing to wait the grace for
                        }
                        changed.awaitUninterruptibly();
                        continue;
                    }
                    long due = Math.max(at + (upstream ? delayUp : delayDown), notBefore);
                    long wait = due - System.nanoTime();
                    if (wait <= 0) {
                        return true;
                    }
                    changed.awaitNanos(wait);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                lock.unlock();
            }
        }

        /** The smaller of the two cut limits in force, or -1. */
        private long limit() {
            long r = resetAfter;
            long c = closeAfter;
            return r < 0 ? c : c < 0 ? r : Math.min(r, c);
        }

        /** Cuts the link if a limit in force has been reached; true if it is cut (now or before). */
        boolean cutIfPast() {
            if (ended.get() || finishing) {
                return true;
            }
            if (server == null) {
                return false; // not connected yet: the link checks once it is
            }
            long r = resetAfter;
            long c = closeAfter;
            long sent = up.get();
            boolean reset = r >= 0 && sent >= r;
            boolean close = c >= 0 && sent >= c;
            if (!reset && !close) {
                return false;
            }
            if (reset && (!close || r <= c)) {
                if (ended.compareAndSet(false, true)) {
                    note("reset both sides after " + sent + " bytes (resetAfter)");
                    cut.incrementAndGet(); // before the reset: a client that sees it may read the count
                    resetBoth();
                    finish();
                }
            } else {
                synchronized (this) {
                    if (!finishing && !ended.get()) {
                        note("closed both sides after " + sent + " bytes (closeAfter)");
                        cut.incrementAndGet();
                        finishing = true;
                        shutdownOutput(client);
                        shutdownOutput(server);
                        wake();
                    }
                }
            }
            return true;
        }

        private void note(String what) {
            Tap t = tap;
            if (t != null) {
                t.note(what);
            }
        }

        private Address clientAddress() {
            try {
                return Inet.endpoint((InetSocketAddress) client.getRemoteAddress());
            } catch (IOException | RuntimeException e) {
                return bound; // the client already left: its link ends at once
            }
        }

        /** Ends the link: both sides reset ({@code abrupt}) or closed. */
        void end(boolean abrupt) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            if (abrupt) {
                note("reset both sides");
            }
            if (abrupt) {
                resetBoth();
            } else {
                closeQuietly(client);
                closeQuietly(server);
            }
            finish();
        }

        private void resetBoth() {
            reset(client);
            SocketChannel s = server;
            if (s != null) {
                reset(s);
            }
        }

        private void finish() {
            Tap t = tap;
            if (t != null) {
                t.close();
            }
            links.remove(this);
            wake();
            done.countDown();
        }

        void join(long deadline) throws InterruptedException {
            for (Thread t : new Thread[] {upThread, downThread}) {
                long left = deadline - System.nanoTime();
                if (t != null && left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(t, left);
                }
            }
        }
    }

    private void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static void shutdownOutput(SocketChannel ch) {
        if (ch == null) {
            return;
        }
        try {
            ch.shutdownOutput();
        } catch (IOException e) {
            // already gone: it has its end
        }
    }

    /** Closes with SO_LINGER 0, so the peer gets an RST; a Unix socket has none and just closes. */
    private static void reset(SocketChannel ch) {
        try {
            ch.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException | UnsupportedOperationException e) {
            // a Unix socket, or one already closed: a plain close is the most there is
        }
        closeQuietly(ch);
    }

    private static void closeQuietly(java.nio.channels.Channel ch) {
        if (ch == null) {
            return;
        }
        try {
            ch.close();
        } catch (IOException e) {
            // closing: nothing to tell
        }
    }

    // ------------------------------------------------------------------ Server

    @Override
    public Address target() {
        return target;
    }

    @Override
    public Address address() {
        return bound;
    }

    @Override
    public Endpoint endpoint() {
        return bound;
    }

    @Override
    public int port() {
        return bound.port().number();
    }

    @Override
    public int open() {
        return links.size();
    }

    @Override
    public long accepted() {
        return accepted.get();
    }

    @Override
    public long failed() {
        return failed.get();
    }

    /** The proxy has no idle timeout. */
    @Override
    public long idleClosed() {
        return 0;
    }

    /** The proxy has no connection bound. */
    @Override
    public long evicted() {
        return 0;
    }

    @Override
    public long bytesUp() {
        return bytesUp.get();
    }

    @Override
    public long bytesDown() {
        return bytesDown.get();
    }

    @Override
    public long cut() {
        return cut.get();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void join() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(e);
        }
    }

    @Override
    public boolean join(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        try {
            return closed.await(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(e);
        }
    }

    private SocketError interrupted(InterruptedException e) {
        String r = "interrupted while waiting for the proxy to close";
        var io = new java.io.InterruptedIOException(r);
        io.initCause(e);
        return Errors.of(SocketError.Kind.OTHER, SocketError.Op.JOIN).local(bound).at(bound.text())
                .because(r, "").cause(io).error();
    }

    @Override
    public void close() {
        close(DEFAULT_GRACE);
    }

    // ------------------------------------------------------------------ wiretap

    @Override
    public Proxy wiretap() {
        wiretap = Wiretap.stderr();
        return this;
    }

    @Override
    public Proxy wiretap(java.nio.file.Path file) {
        wiretap = Wiretap.to(file);
        return this;
    }

    @Override
    public Proxy wiretap(java.io.PrintStream out) {
        wiretap = Wiretap.to(out);
        return this;
    }

    // ------------------------------------------------------------------ Sockets.open(), closeAll()

    @Override
    public int closeOrder() {
        return 0;
    }

    @Override
    public dev.sockets.OpenSocket describe(long now) {
        return new dev.sockets.OpenSocket("tcp proxy", this, bound, Optional.of(target), Duration.ofNanos(now - opened),
                bytesUp(), bytesDown());
    }

    @Override
    public void close(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("expected grace >= 0 but was " + grace);
        }
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        Registry.closed(this);
        lock.lock();
        try {
            ServerSocketChannel l = listener;
            listener = null;
            closeQuietly(l);
            changed.signalAll(); // connections held in a black hole end now; the others relay on for the grace
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        try {
            long graceEnd = System.nanoTime() + grace.toNanos();
            for (Link l : links) {
                long left = graceEnd - System.nanoTime();
                if (left <= 0 || !l.done.await(left, TimeUnit.NANOSECONDS)) {
                    break;
                }
            }
            lock.lock();
            try {
                open = false;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            for (Link l : links) {
                l.end(false);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            TimeUnit.NANOSECONDS.timedJoin(acceptor, Math.max(1, deadline - System.nanoTime()));
            for (Link l : running) {
                l.join(deadline);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            open = false;
            closed.countDown();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * {@code Proxy[127.0.0.1:40000 -> 127.0.0.1:8080, delay=100 ms, 3 open, 12 accepted, 1200 bytes up, 5400 bytes down]},
     * the bytes once there are any.
     */
    @Override
    public String toString() {
        var b = new StringBuilder("Proxy[").append(where);
        long du = delayUp;
        long dd = delayDown;
        if (du == dd && du > 0) {
            b.append(", delay=").append(Durations.human(Duration.ofNanos(du)));
        } else if (du != dd) {
            b.append(", delay=").append(Durations.human(Duration.ofNanos(du))).append(" up/")
                    .append(Durations.human(Duration.ofNanos(dd))).append(" down");
        }
        if (bandwidth > 0) {
            b.append(", bandwidth=").append(bandwidth).append(" B/s");
        }
        if (chunk > 0) {
            b.append(", chunk=").append(chunk);
        }
        if (resetAfter >= 0) {
            b.append(", resetAfter=").append(resetAfter);
        }
        if (closeAfter >= 0) {
            b.append(", closeAfter=").append(closeAfter);
        }
        if (blackhole) {
            b.append(", blackhole");
        }
        if (listener == null && !closing.get()) {
            b.append(", refusing");
        }
        b.append(", ").append(open()).append(" open, ").append(accepted()).append(" accepted");
        if (cut() > 0) {
            b.append(", ").append(cut()).append(" cut");
        }
        if (failed() > 0) {
            b.append(", ").append(failed()).append(" failed");
        }
        if (bytesUp() > 0 || bytesDown() > 0) { // short until then: JShell cuts a variable's value at 80 characters
            b.append(", ").append(bytesUp()).append(" bytes up, ").append(bytesDown()).append(" bytes down");
        }
        return b.append(isOpen() ? "]" : ", closed]").toString();
    }
}
