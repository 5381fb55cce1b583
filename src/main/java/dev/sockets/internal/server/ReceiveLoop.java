package dev.sockets.internal.server;

import dev.sockets.Address;
import dev.sockets.Peer;
import dev.sockets.Receiver;
import dev.sockets.Server;
import dev.sockets.UnixAddress;
import dev.sockets.internal.io.Inet;
import dev.sockets.internal.io.StreamConfig;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An event-driven stream server ({@code TcpBinding.onReceive}): one loop thread per core, each
 * with a selector of its own; each accepts from the shared listening channel and serves the
 * connections it accepted, running the {@link Receiver} for each read.
 *
 * <p>DEV-NOTE (BENCHMARKS.md, "The threading design, and why"): a thread per connection, platform or virtual, costs 14
 * to 17 µs of server CPU per round trip at 1,000 busy connections on 2 cores, Netty's epoll loop
 * 9 to 11: a parked thread costs a wake-up per message, and a virtual one a poller registration
 * and a read that finds nothing besides. A loop reads each ready connection once per wake-up and
 * answers inline: about 2 system calls per round trip, several connections per wake-up. Every
 * loop waits on the listening channel (level-triggered): a new client wakes them all and one
 * accepts it, which is cheaper on few cores than handing connections from one acceptor to the
 * others (a wake-up each).
 */
public final class ReceiveLoop implements ServerLoop {
    /** The most one read takes from a connection, per loop. */
    private static final int READ_BUFFER = 64 * 1024;
    /** The most connections one loop accepts per wake-up, so that accepting cannot starve serving. */
    private static final int ACCEPTS_PER_WAKEUP = 64;
    /** How often the timeouts are looked for, at most: once a second, more often for short timeouts. */
    private static final long SWEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ServerSocketChannel server;
    private final Address address;
    private final java.io.Closeable listener;
    // The local address of every accepted connection when the listener is bound to one address
    // (a Unix path, or a TCP address not the wildcard); null to ask each accepted channel.
    private final Address acceptedLocal;
    private final StreamConfig config;
    private final Map<SocketOption<?>, Object> perConnection;
    private final Receiver receiver;
    // Makes each connection's peer: plain, or TLS (chosen once here, so a plain read has no TLS branch).
    private final RealPeer.Maker peerMaker;
    // How long a TLS handshake may take (nanoseconds), kept by the sweep; 0 for a plain server.
    private final long beginNanos;
    // Whether the receiver overrides closed(): only then are closed connections queued for it.
    private final boolean notifiesClose;
    private final Worker[] workers;
    // The counters, and the bound: a slot is taken before an accept (a loop may then find
    // nothing), so that loops accepting at once cannot pass the bound together.
    private final ServerCore core;
    private final AtomicBoolean stopping = new AtomicBoolean();
    // Loops that still hold the listening channel in their selector. The JDK defers the close of a
    // registered channel until its last key is dropped, and the kernel completes handshakes on it
    // until then: isOpen() turns false only at zero, so that a caller who sees it false can rely on
    // new connections being refused (as onAccept promises).
    private final AtomicInteger holdingListener;
    private final CountDownLatch closedLatch;
    private final long idleNanos;
    private final long stallNanos;
    // A user's SO_LINGER makes close(2) wait: such channels are closed the JDK's way (see Worker.close).
    private final boolean lingers;
    // How often a loop looks for timed-out connections: a quarter of the shortest timeout, so
    // that a connection closes within 25% after its timeout, between 10 ms and a second.
    private final long sweepNanos;
    private final ClassLoader contextLoader = Thread.currentThread().getContextClassLoader();
    // Set by close(): when the loops give up waiting for connections to finish sending.
    private volatile long forceAt;

    /** A TCP server on a bound, non-blocking listening channel. */
    public ReceiveLoop(ServerSocketChannel server, StreamConfig config, Map<SocketOption<?>, Object> perConnection,
                Receiver receiver) throws IOException {
        this(server, Inet.endpoint((InetSocketAddress) server.getLocalAddress()), server, config, perConnection, receiver);
    }

    /**
     * A server on a bound, non-blocking listening channel at {@code address} (a {@link UnixAddress}
     * for a Unix domain one), whose {@code listener} closes it (and removes a Unix socket file).
     */
    public ReceiveLoop(ServerSocketChannel server, Address address, java.io.Closeable listener, StreamConfig config,
                Map<SocketOption<?>, Object> perConnection, Receiver receiver) throws IOException {
        this(server, address, listener, config, perConnection, receiver, RealPeer::new);
    }

    /** As above, with each connection's peer made by {@code peerMaker} (a TLS server's speak TLS). */
    public ReceiveLoop(ServerSocketChannel server, Address address, java.io.Closeable listener, StreamConfig config,
                Map<SocketOption<?>, Object> perConnection, Receiver receiver, RealPeer.Maker peerMaker)
            throws IOException {
        this.peerMaker = peerMaker;
        this.beginNanos = peerMaker.beginNanos();
        this.server = server;
        this.address = address;
        this.listener = listener;
        this.acceptedLocal = address instanceof UnixAddress
                || !((InetSocketAddress) server.getLocalAddress()).getAddress().isAnyLocalAddress() ? address : null;
        this.config = config;
        this.core = ServerCore.stream(address instanceof UnixAddress ? "unix" : "tcp", address, config.maxConnections(),
                config.maxBuffered());
        this.perConnection = Map.copyOf(perConnection);
        this.receiver = receiver;
        this.notifiesClose = overrides(receiver, "closed");
        this.idleNanos = config.idleTimeout().toNanos();
        this.stallNanos = config.writeTimeout().toNanos();
        this.lingers = perConnection.containsKey(java.net.StandardSocketOptions.SO_LINGER);
        long shortest = RealPeer.LINGER_NANOS; // a lingering close ends within a quarter of its 2 s too
        for (long t : new long[] {idleNanos, stallNanos, beginNanos}) {
            if (t > 0) {
                shortest = Math.min(shortest, t);
            }
        }
        this.sweepNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10), shortest / 4);
        int n = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.workers = new Worker[n];
        this.closedLatch = new CountDownLatch(n);
        this.holdingListener = new AtomicInteger(n);
        core.onPauseChange(this::wakeAll);
        core.budget().onRoom(this::wakeAll);
        try {
            for (int i = 0; i < n; i++) {
                workers[i] = new Worker(i);
            }
        } catch (IOException | RuntimeException e) {
            for (Worker w : workers) {
                if (w != null) {
                    w.selector.close();
                }
            }
            throw e;
        }
    }

    /** Wakes every loop: the bound's pause or resume, or room in the budget, for them to look at. */
    private void wakeAll() {
        for (Worker w : workers) {
            if (w != null) {
                w.selector.wakeup();
            }
        }
    }

    private static boolean overrides(Receiver r, String method) {
        try {
            return r.getClass().getMethod(method, Peer.class).getDeclaringClass() != Receiver.class;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }

    public void start() {
        int started = 0;
        try {
            for (Worker w : workers) {
                Thread t = new Thread(null, w, "sockets-loop-" + w.index + " " + address.text(), 0, false);
                t.setDaemon(true);
                t.setContextClassLoader(contextLoader);
                w.thread = t;
                t.start();
                started++;
            }
        } catch (RuntimeException | Error e) {
            // No thread to be had: stop the loops that run, close what is left, fail the call.
            stop(Duration.ZERO);
            closeListener();
            for (int i = started; i < workers.length; i++) {
                workers[i].closeSelector();
                closedLatch.countDown();
            }
            for (int i = 0; i < started; i++) {
                workers[i].selector.wakeup();
            }
            ServerLoop.awaitQuietly(closedLatch);
            throw e;
        }
    }

    @Override
    public ServerCore core() {
        return core;
    }

    @Override
    public boolean isOpen() {
        return holdingListener.get() > 0;
    }

    /**
     * Stops accepting at once; closes each connection once what was sent to it has gone out,
     * within {@code grace}; then closes the rest. Called from a receiver, it returns at once and
     * the loops finish behind it (waiting would wait for the very loop it runs on).
     */
    @Override
    public void close(Duration grace) {
        if (stop(grace)) {
            closeListener();
            for (Worker w : workers) {
                w.selector.wakeup();
            }
        }
        for (Worker w : workers) {
            if (w.thread == Thread.currentThread()) {
                return;
            }
        }
        ServerLoop.awaitQuietly(closedLatch);
    }

    /**
     * Begins the stop, once: the deadline is written before the flag, so that a loop that sees
     * the flag sees the deadline. True for the call that began it.
     */
    private synchronized boolean stop(Duration grace) {
        if (stopping.get()) {
            return false;
        }
        long nanos;
        try {
            nanos = grace.toNanos();
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE / 4; // "as long as it takes": three centuries
        }
        forceAt = System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 4);
        stopping.set(true);
        return true;
    }

    private void closeListener() {
        try {
            listener.close();
        } catch (IOException e) {
            // The descriptor is released either way, once the loops drop its keys.
        }
    }

    @Override
    public boolean await(Duration limit) throws InterruptedException {
        return ServerLoop.await(closedLatch, limit);
    }

    /** One loop: a selector, a thread, the connections it accepted. */
    public final class Worker implements Runnable, RealPeer.Loop {
        final int index;
        final Selector selector;
        private final SelectionKey acceptKey;
        private final ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER);
        // Its connections: the idle sweep and the close go through them. Closed from any thread.
        private final Set<RealPeer> peers = ConcurrentHashMap.newKeySet();
        // Connections closed, for the receiver's closed(): filled from any thread, emptied by the loop.
        private final java.util.concurrent.ConcurrentLinkedQueue<RealPeer> closedPeers = new java.util.concurrent.ConcurrentLinkedQueue<>();
        // Channels of connections closed on this thread, to close once the selector let go of them.
        private final java.util.List<SocketChannel> dropped = new java.util.ArrayList<>();
        volatile Thread thread;
        private long lastSweep = System.nanoTime();
        // Work other threads hand to this loop (a peer's option): run after each look at the selector.
        private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> tasks = new java.util.concurrent.ConcurrentLinkedQueue<>();
        // Set once the loop no longer runs tasks: from then on a caller runs its own.
        private volatile boolean ended;
        // Peers that paused reading for a partial frame until the budget has room, and the one of
        // them that reads on past the budget to finish its frame (null for none). Loop thread only.
        private final java.util.ArrayDeque<RealPeer> waitingForRoom = new java.util.ArrayDeque<>();
        private RealPeer finishing;

        // A client accepted with every slot taken, waiting for one (admit); null for none.
        private SocketChannel waiter;

        // The loop accepts again from then on, after a failed accept (System.nanoTime); 0 for none.
        private long acceptBackoffUntil;

        Worker(int index) throws IOException {
            this.index = index;
            this.selector = Selector.open();
            try {
                this.acceptKey = server.register(selector, SelectionKey.OP_ACCEPT);
            } catch (IOException | RuntimeException e) {
                closeSelector();
                throw e;
            }
        }

        @Override
        public Selector selector() {
            return selector;
        }

        @Override
        public boolean onLoop() {
            return Thread.currentThread() == thread;
        }

        @Override
        public void run() {
            try {
                boolean stopSeen = false;
                while (true) {
                    // Timed, for the sweep (idle, write and linger timeouts): until the next one is due.
                    long untilSweep = lastSweep + sweepNanos - System.nanoTime();
                    long timeout = Math.max(1, (untilSweep + 999_999) / 1_000_000);
                    if (stopSeen) {
                        timeout = Math.max(1, Math.min(timeout, TimeUnit.NANOSECONDS.toMillis(forceAt - System.nanoTime()) + 1));
                    }
                    if (acceptBackoffUntil != 0) {
                        long left = TimeUnit.NANOSECONDS.toMillis(acceptBackoffUntil - System.nanoTime()) + 1;
                        timeout = Math.max(1, timeout == 0 ? left : Math.min(timeout, left));
                    }
                    Thread.interrupted(); // a stray interrupt would make select return at once, for good
                    // Channels dropped before this look are let go of by it: then closed, below.
                    int dropping = dropped.size();
                    if (dropping > 0) {
                        selector.selectNow(this::ready);
                    } else {
                        selector.select(this::ready, timeout);
                    }
                    closeDropped(dropping);
                    if (!waitingForRoom.isEmpty() || finishing != null) {
                        resumeIfRoom();
                    }
                    runTasks();
                    notifyClosed();
                    if (!stopping.get()) {
                        admitWaiter();
                        watchAccepts();
                    }
                    if (stopping.get()) {
                        if (!stopSeen) {
                            stopSeen = true;
                            acceptKey.cancel();
                            // Drops the key, so that the listener's close completes. Readiness is
                            // ignored here (it is reported again by the next select): nothing is
                            // read for a server that is closing.
                            selector.selectNow(k -> { });
                            letGoOfListener();
                            if (waiter != null) {
                                closeQuietly(waiter);
                                waiter = null;
                                core.waitForSlot(false);
                            }
                            for (RealPeer p : peers) {
                                p.close();
                            }
                        }
                        if (peers.isEmpty()) {
                            break;
                        }
                        if (System.nanoTime() - forceAt >= 0) {
                            for (RealPeer p : peers) {
                                p.abort();
                            }
                            break;
                        }
                    }
                    sweep();
                    notifyClosed();
                }
            } catch (Throwable e) {
                // The loop's own machinery failed (callbacks and the log are caught inside): the
                // server closes itself, says so once, and join() throws what ended it. Each step
                // on its own, so that one that fails does not leave the others undone.
                core.died("the loop " + index + " of " + address.text() + " failed; closing the server", e);
                stop(Duration.ZERO);
                for (RealPeer p : peers) {
                    try {
                        p.abort();
                    } catch (Throwable ignored) {
                        // Its descriptor goes with the selector's close, below.
                    }
                }
                closeListener();
                for (Worker w : workers) {
                    w.selector.wakeup();
                }
            } finally {
                ended = true;
                runTasks();
                closeSelector();
                dropped.forEach(this::closeQuietly);
                if (waiter != null) {
                    closeQuietly(waiter);
                    core.waitForSlot(false);
                }
                notifyClosed();
                closedLatch.countDown();
            }
        }

        /** Whether this loop waits for new clients: not while the bound holds, nor during a back-off. */
        private void watchAccepts() {
            if (acceptBackoffUntil != 0 && System.nanoTime() - acceptBackoffUntil >= 0) {
                acceptBackoffUntil = 0;
            }
            // At the bound a loop still accepts, to give a client of another host its share (admit),
            // until it holds a client waiting for a slot.
            int want = waiter != null || acceptBackoffUntil != 0 ? 0 : SelectionKey.OP_ACCEPT;
            try {
                if (acceptKey.interestOps() != want) {
                    acceptKey.interestOps(want);
                }
            } catch (java.nio.channels.CancelledKeyException e) {
                // The listener was closed (the server is closing): nothing to watch.
            }
        }

        private void ready(SelectionKey k) {
            // A key in the batch may have been cancelled since (its connection closed by a send
            // that failed, or by another thread): that is no failure of the loop.
            try {
                if (k == acceptKey) {
                    acceptSome();
                    return;
                }
                RealPeer p = (RealPeer) k.attachment();
                int ops = k.readyOps();
                if ((ops & SelectionKey.OP_WRITE) != 0) {
                    p.writable();
                }
                if ((ops & SelectionKey.OP_READ) != 0) {
                    p.readable(in, receiver);
                }
            } catch (java.nio.channels.CancelledKeyException e) {
                // closed meanwhile
            }
        }

        private void acceptSome() {
            for (int i = 0; i < ACCEPTS_PER_WAKEUP && !stopping.get() && acceptBackoffUntil == 0 && waiter == null; i++) {
                boolean slot = core.tryTakeSlot();
                SocketChannel ch;
                try {
                    ch = server.accept();
                } catch (Throwable e) {
                    // Not only IOException (EMFILE): whatever the JDK throws here is the accept's
                    // failure, backed off from, not the end of the loop.
                    if (slot) {
                        core.releaseSlot();
                    }
                    acceptFailed(e);
                    return;
                }
                if (ch == null) {
                    if (slot) {
                        core.releaseSlot();
                    }
                    return;
                }
                if (!slot && !admit(ch)) {
                    return; // it waits for a slot (admitWaiter)
                }
                setUp(ch);
            }
        }

        /**
         * A client accepted with every slot taken: if its host holds at least two fewer
         * connections than the host holding the most, one of those is closed to make room
         * ({@link ServerCore#victim}) and true returned once a slot is had; else (or should
         * another loop take that slot first) the client waits, this loop accepting no more
         * meanwhile, and false. At most one client per loop waits so.
         */
        private boolean admit(SocketChannel ch) {
            Address remote;
            try {
                remote = remoteOf(ch);
            } catch (IOException | RuntimeException e) {
                closeQuietly(ch); // gone already
                return false;
            }
            RealPeer victim = ServerCore.victim(remote, allPeers(), RealPeer::remote);
            if (victim != null) {
                victim.abort(); // frees its slot
                core.countEvicted();
                core.logEvicted(victim.remote(), remote);
                if (core.tryTakeSlot()) {
                    return true;
                }
            }
            waiter = ch;
            core.waitForSlot(true);
            admitWaiter();
            return false;
        }

        /** The client waiting for a slot, if any: served once one is free (the bound's resume wakes the loop). */
        private void admitWaiter() {
            SocketChannel ch = waiter;
            if (ch != null && core.trySlot()) {
                waiter = null;
                core.waitForSlot(false);
                setUp(ch);
            }
        }

        private Iterable<RealPeer> allPeers() {
            var all = new java.util.ArrayList<RealPeer>();
            for (Worker w : workers) {
                all.addAll(w.peers);
            }
            return all;
        }

        private Address remoteOf(SocketChannel ch) throws IOException {
            return address instanceof UnixAddress
                    ? dev.sockets.internal.io.UnixTransport.address(ch.getRemoteAddress())
                    : Inet.endpoint((InetSocketAddress) ch.getRemoteAddress());
        }

        /** Sets up a connection accepted, whose slot is taken. */
        private void setUp(SocketChannel ch) {
            core.countAccepted();
            core.opened();
            RealPeer p;
            try {
                ch.configureBlocking(false);
                for (var o : perConnection.entrySet()) {
                    Inet.setOption(ch, o.getKey(), o.getValue());
                }
                Address remote = remoteOf(ch);
                Address local = acceptedLocal != null ? acceptedLocal : Inet.endpoint((InetSocketAddress) ch.getLocalAddress());
                p = peerMaker.make(this, ch, remote, local, config.charset(), core);
                var w = config.wiretap();
                if (w != null) {
                    p.tap(w.open("open " + (address instanceof UnixAddress ? "unix" : p.opensItself() ? "tls" : "tcp")
                            + " accept", local, remote));
                }
                peers.add(p);
            } catch (Throwable e) {
                // That client went away between accept and setup (a reset, say); or the JDK
                // failed for want of a resource: that one connection is dropped, not the loop.
                core.closed();
                core.releaseSlot();
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // dropping it either way
                }
                core.setupFailed(e);
                return;
            }
            if (!p.opensItself()) {
                try {
                    receiver.opened(p);
                } catch (Throwable e) {
                    failed(p, e);
                    p.abort();
                }
            }
            // DEV-NOTE (setup rate; BENCHMARKS.md, "Connection setup rate"): a client's first bytes have often come by the
            // time it is accepted; read them now rather than after a wait on the selector.
            // For a client that has sent nothing yet it costs a read that finds nothing; for
            // a short connection it saves a wake-up (BENCHMARKS.md). Not once the server is
            // closing (opened() may have closed it): no receive() then, as for any connection.
            if (!stopping.get()) {
                p.readAfterOpened(in, receiver);
            }
        }

        /** After a failed accept: ends the server if its listener is gone, else waits a moment (without blocking the loop). */
        private void acceptFailed(Throwable e) {
            switch (core.acceptFailed(e, stopping.get(), server.isOpen(), false)) {
                case STOP:
                    return;
                case END:
                    ReceiveLoop.this.close(Server.DEFAULT_GRACE);
                    return;
                default:
                    acceptBackoffUntil = ServerCore.backOffUntil();
            }
        }

        /** Closes the connections silent for longer than the idle timeout, and those that stopped reading what they were sent. */
        private void sweep() {
            long now = System.nanoTime();
            if (now - lastSweep < sweepNanos) {
                return;
            }
            lastSweep = now;
            for (RealPeer p : peers) {
                if (p.closing()) {
                    if (p.lingeredOut(now)) {
                        p.abort(); // closed by us, answered in full; the client never closed its side
                    }
                    // else: closing; neither idle nor stalled, whatever its clocks say
                } else if (beginNanos > 0 && p.beginOverdue(now)) {
                    p.beginTimedOut(); // a TLS handshake that did not finish in time: logged and closed
                } else if (stallNanos > 0 && p.stalled(now, stallNanos)) {
                    core.countFailed();
                    ServerCore.log(Level.WARNING, "the client " + p.remote().text() + " read nothing of what it was sent for "
                            + dev.sockets.internal.words.Durations.human(config.writeTimeout()) + " (the writeTimeout); closed it", null);
                    p.abort();
                } else if (idleNanos > 0 && now - p.lastActive > idleNanos) {
                    core.countIdleClosed();
                    p.abort();
                }
            }
        }

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
            if (ended) {
                runTasks(); // the loop is gone: whoever comes last runs what is left
            } else {
                selector.wakeup();
            }
        }

        /** Runs what other threads handed over; each task reports its own failure to its caller. */
        private void runTasks() {
            for (Runnable t; (t = tasks.poll()) != null; ) {
                t.run();
            }
        }

        /** A connection closed (from any thread): frees its slot, and lets accepting go on if the bound held it. */
        @Override
        public void closed(RealPeer p) {
            if (peers.remove(p)) {
                core.closed();
                core.releaseSlot();
                if (notifiesClose && p.wasOpened()) {
                    closedPeers.add(p);
                    if (!onLoop()) {
                        selector.wakeup();
                    }
                }
            }
        }

        /** The loop thread: runs the receiver's closed() for the connections closed since the last time. */
        private void notifyClosed() {
            for (RealPeer p; (p = closedPeers.poll()) != null; ) {
                try {
                    receiver.closed(p);
                } catch (Throwable e) {
                    core.callbackFailed("receiver's closed()", p.remote(), e);
                } finally {
                    Thread.interrupted();
                }
            }
        }

        @Override
        public void failed(RealPeer p, Throwable e) {
            core.callbackFailed("receiver", p.remote(), e);
        }

        @Override
        public void brokeFraming(RealPeer p, String framing, String reason, String hint) {
            core.framingBroken(p.remote(), framing, reason, hint);
        }

        @Override
        public boolean finishing(RealPeer p) {
            return p == finishing;
        }

        @Override
        public void waitForRoom(RealPeer p) {
            waitingForRoom.add(p); // the loop looks for room before it waits again (run)
        }

        @Override
        public void frameDone(RealPeer p) {
            if (p == finishing) {
                finishing = null; // its turn past the budget ends with its frame: the next waiter's comes
            }
        }

        /**
         * Peers wait for room in the budget. If there is some, every one of them reads again (each
         * that takes more of it while it is over pauses again; all, not one, since a read may
         * complete a frame and give back what it held). If there is none, one of them reads on past
         * the budget until its frame is whole ({@link #finishing}): else peers that all hold part of
         * a frame, all paused, would wait for each other for good. And the budget is told to wake
         * the loops when there is room: each time, since another loop's look may have used up the
         * last wake-up.
         */
        private void resumeIfRoom() {
            if (finishing != null && !finishing.holdsPartialFrame()) {
                finishing = null; // closed (on any thread), or its frame went without a smaller hold after it
            }
            if (waitingForRoom.isEmpty()) {
                return;
            }
            MemoryBudget b = core.budget();
            b.wantRoom(); // before the look, so that a release between the two wakes this loop
            if (!b.over()) {
                for (RealPeer p; (p = waitingForRoom.poll()) != null; ) {
                    p.roomAgain();
                }
                return;
            }
            for (RealPeer p; finishing == null && (p = waitingForRoom.poll()) != null; ) {
                p.roomAgain();
                if (p.holdsPartialFrame()) {
                    finishing = p;
                }
            }
        }

        @Override
        public void log(Level level, String message, Throwable e) {
            ServerCore.log(level, message, e);
        }

        /**
         * Closes a connection's channel. On the loop thread the key is dropped first and the
         * channel closed after the loop's next look at its selector, which does not wait then
         * (see {@link #closeDropped}).
         * DEV-NOTE (setup rate; BENCHMARKS.md, "Connection setup rate"): the JDK cannot close a channel a selector still holds;
         * it shuts its output and asks SO_LINGER (two system calls), and closes it when the
         * selector lets go. Letting go first makes the close one plain close(2).
         */
        @Override
        public void close(SelectionKey key, SocketChannel channel) {
            if (Thread.currentThread() == thread && !lingers) {
                key.cancel();
                dropped.add(channel);
                return;
            }
            closeQuietly(channel);
            // The JDK closes a registered channel's descriptor when its selector lets go of it:
            // the loop takes a look now rather than at its next event.
            if (Thread.currentThread() != thread) {
                selector.wakeup();
            }
        }

        /**
         * The loop thread: closes the first {@code n} channels whose keys it dropped, which its
         * selector has let go of since. Those dropped meanwhile wait for the next look, which
         * then does not block (see run).
         */
        private void closeDropped(int n) {
            if (n == 0) {
                return;
            }
            for (int i = 0; i < n; i++) {
                closeQuietly(dropped.get(i));
            }
            dropped.subList(0, n).clear();
        }

        private void closeQuietly(SocketChannel ch) {
            try {
                ch.close();
            } catch (IOException e) {
                // The descriptor is released either way.
            }
        }

        void closeSelector() {
            try {
                selector.close();
            } catch (IOException e) {
                // released either way
            }
            letGoOfListener();
        }

        private boolean letGo;

        /** Once per loop, from its own thread (or before it started): its key is gone. */
        private void letGoOfListener() {
            if (!letGo) {
                letGo = true;
                holdingListener.decrementAndGet();
            }
        }
    }
}
