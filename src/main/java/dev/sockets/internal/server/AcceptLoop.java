package dev.sockets.internal.server;

import dev.sockets.Handler;
import dev.sockets.Listener;
import dev.sockets.Server;
import dev.sockets.SocketClosed;
import dev.sockets.ThreadModel;
import dev.sockets.internal.io.Acceptor;
import dev.sockets.internal.io.RealConnection;
import dev.sockets.internal.io.StreamConfig;
import dev.sockets.internal.io.Transport;
import dev.sockets.internal.time.Threads;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stream server. Platform threads take turns at the listener (leader/follower): the thread
 * whose accept returns a connection serves it itself, after making sure another thread waits in
 * accept, and goes back to accepting when its handler returns. A connection on a virtual thread
 * ({@link Threads#virtualFor}, after the spec's {@link ThreadModel}) is started by the thread that
 * accepted it, which goes on accepting. A semaphore bounds the open connections.
 *
 * <p>DEV-NOTE (setup rate; BENCHMARKS.md, "Connection setup rate"): handing each accepted connection to a
 * pooled thread cost the library 2.7 context switches per short connection (perf stat, 20,000
 * connections, 4 clients); taking turns, 2.1, and 7 to 14% more connections per second. The JDK
 * lets one thread at a time into a listener's accept: the others wait on its lock.
 */
public final class AcceptLoop implements ServerLoop {
    /** How long close waits, after forcing connections closed, for their handlers to return. */
    private static final Duration AFTER_FORCE = Duration.ofSeconds(1);
    /**
     * How many threads wait at the listener, for good; a thread whose handler returns when as
     * many wait becomes a spare instead. Two: one in the accept, one next in line on the JDK's
     * accept lock; more would only queue there, each connection then waking the next of them.
     */
    public static final int MAX_WAITING = 2;
    /** How long a spare thread waits to be called to the listener before it ends. */
    private static final long SPARE_SECONDS = 30;

    private final Listener listener;
    private final Acceptor acceptor;
    private final StreamConfig config;
    private final Handler handler;
    private final ServerCore core;
    private final Map<Thread, RealConnection> active = new ConcurrentHashMap<>();
    // Connections closed to make room at the bound (admit), until their handler returns; and those
    // of them whose slot goes to the client that made them close, not back to the semaphore.
    private final Set<RealConnection> evicted = ConcurrentHashMap.newKeySet();
    private final Set<RealConnection> handOver = ConcurrentHashMap.newKeySet();
    // Threads at the listener: waiting for a permit, in accept, or about to be. Never 0 while
    // the server runs, but for the moment between a serving thread's decrement and its spawn
    // (and, should no thread be had, until a handler returns and its thread rejoins).
    private final AtomicInteger waiting = new AtomicInteger();
    // Threads inside acceptor.accept(), or past it with a connection not yet in `active`:
    // close() waits for them (see close and run).
    private final AtomicInteger inAccept = new AtomicInteger();
    // Threads whose handler returned while enough waited at the listener: spawn() calls one
    // back (a wake-up) before it starts a thread (some 100 us); each ends after SPARE_SECONDS.
    private final SynchronousQueue<Boolean> spareCall = new SynchronousQueue<>();
    private final Set<Thread> spares = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Object change = new Object();
    // stopping: close() has begun (the accept loop's exit condition). open: still accepting, as
    // isOpen() reports it; cleared only once no thread is left in accept, so that a caller who
    // sees isOpen() false can rely on new connections being refused.
    private volatile boolean stopping;
    private volatile boolean open = true;
    private volatile boolean forcing;
    // Every thread of this server starts with the context class loader of the code that started
    // the server, not that of the handler thread that happens to start it.
    private final ClassLoader contextLoader = Thread.currentThread().getContextClassLoader();

    public AcceptLoop(Listener listener, Acceptor acceptor, StreamConfig config, Handler handler) {
        this.listener = listener;
        this.acceptor = acceptor;
        this.config = config;
        this.handler = handler;
        this.core = ServerCore.stream(acceptor.kind(), acceptor.address(), config.maxConnections(),
                config.maxBuffered());
        Threads.check(config.threads());
    }

    public void start() {
        waiting.incrementAndGet();
        Threads.startPlatform(this::run, acceptor.address().text(), contextLoader);
    }

    /**
     * One thread's turns (see {@link #turns}). A throwable that escapes them is a failure of the
     * server's own machinery (callbacks, accept and the log are caught inside): this thread's place
     * at the listener is lost with it, so the server closes itself, says so once, and
     * {@code join()} throws it, rather than run on with fewer accepting threads than it counts.
     */
    private void run() {
        try {
            turns();
        } catch (Throwable e) {
            core.died("an accepting thread of " + acceptor.address().text() + " failed; closing the server", e);
            try {
                close(Server.DEFAULT_GRACE);
            } catch (Throwable ignored) {
                // Closing as far as it goes: the failure is logged and kept for join().
            }
        }
    }

    /** Accept, then serve what was accepted (or start a virtual thread for it), until the server closes. */
    private void turns() {
        for (int permit; (permit = takePermit()) != CLOSING; ) {
            // A late interrupt (a handler's watchdog, say) must not reach the accept, which for a
            // channel would close the listener, nor the next handler.
            Thread.interrupted();
            inAccept.incrementAndGet();
            // Until the connection is in `active` (or dropped) this thread counts as in accept:
            // close() waits for it, so that no handler can start after close() returned.
            boolean inAcceptNow = true;
            try {
                Transport t;
                try {
                    t = acceptor.accept();
                } catch (Throwable e) {
                    leftAccept();
                    inAcceptNow = false;
                    if (permit == SLOT) {
                        core.releaseSlot();
                    }
                    if (acceptFailed(e)) {
                        break;
                    }
                    continue;
                }
                if (permit == FULL && !admit(t)) {
                    closeQuietly(t); // the server is closing
                    break;
                }
                core.countAccepted();
                RealConnection c;
                try {
                    c = config.connection(t);
                    c.budget(core.budget());
                    if (!config.idleTimeout().isZero()) {
                        IdleReaper.watch(c, config.idleTimeout()); // slowloris: SECURITY.md
                    }
                } catch (Throwable e) {
                    closeQuietly(t);
                    core.releaseSlot();
                    core.setupFailed(e);
                    continue;
                }
                // The thread model: AUTO picks by the connections open now, this one not counted.
                int openBefore = core.opened();
                if (Threads.virtualFor(config.threads(), openBefore)) {
                    Thread v = null;
                    try {
                        v = Threads.newVirtualThread(() -> serve(c));
                        active.put(v, c);
                        v.start();
                    } catch (Throwable e) {
                        if (v != null) {
                            active.remove(v);
                        }
                        drop(c, e);
                    }
                    continue;
                }
                // This thread serves c: another must wait at the listener meanwhile.
                if (waiting.decrementAndGet() == 0 && !spawn()) {
                    waiting.incrementAndGet();
                    drop(c, null);
                    continue;
                }
                active.put(Thread.currentThread(), c);
                leftAccept();
                inAcceptNow = false;
                Thread.interrupted();
                serve(c);
            } finally {
                if (inAcceptNow) {
                    leftAccept();
                }
            }
            // The handler may have left its interrupt behind: cleared before the next accept too.
            Thread.interrupted();
            if (!rejoin() && !spare()) {
                return;
            }
        }
    }

    /** After a failed accept: true if the server is closing (or now closed), false to try again. */
    private boolean acceptFailed(Throwable e) {
        // Someone closed the listener itself (or an interrupt closed its channel): that ends the server too.
        switch (core.acceptFailed(e, stopping, acceptor.isOpen(), !listener.isOpen())) {
            case STOP:
                return true;
            case END:
                close(Server.DEFAULT_GRACE);
                return true;
            default:
                ServerCore.backOff(closing);
                return false;
        }
    }

    private static void closeQuietly(Transport t) {
        try {
            t.close();
        } catch (IOException | RuntimeException e) {
            // Dropping it either way.
        }
    }

    /** Waits as a spare until spawn() calls: true to go back to the listener, false to end. */
    private boolean spare() {
        Thread me = Thread.currentThread();
        spares.add(me);
        try {
            // close() interrupts the spares after it set stopping: one that checks here first
            // ends, one already in poll is interrupted out of it.
            return !stopping && spareCall.poll(SPARE_SECONDS, TimeUnit.SECONDS) != null && !stopping;
        } catch (InterruptedException e) {
            return false;
        } finally {
            spares.remove(me);
            Thread.interrupted();
        }
    }

    // What takePermit found.
    private static final int SLOT = 0;
    private static final int FULL = 1;
    private static final int CLOSING = 2;

    /**
     * A slot under maxConnections ({@link #SLOT}); or {@link #FULL} when every slot is taken, and
     * the thread accepts all the same, to learn who the client is ({@link #admit}); or
     * {@link #CLOSING}. At most the {@link #MAX_WAITING} threads at the listener accept past the
     * bound, each holding one client until it is admitted.
     */
    private int takePermit() {
        if (stopping) {
            return CLOSING;
        }
        if (!core.tryTakeSlot()) {
            return FULL;
        }
        if (!stopping) {
            return SLOT;
        }
        // close() released one permit to wake the threads waiting for one: pass it on.
        core.releaseSlot();
        return CLOSING;
    }

    /**
     * A client accepted with every slot taken: if its host holds at least two fewer connections
     * than the host holding the most, one of those is closed and its slot handed to this client
     * ({@link ServerCore#victim}); else the client waits for a slot, as under the plain bound.
     * False once the server is closing.
     */
    private boolean admit(Transport t) {
        Map.Entry<Thread, RealConnection> v = ServerCore.victim(t.remote(), active.entrySet(), e -> e.getValue().remote());
        if (v != null) {
            RealConnection victim = v.getValue();
            evicted.add(victim);
            handOver.add(victim);
            victim.close();
            core.countEvicted();
            core.logEvicted(victim.remote(), t.remote());
            // While the victim's thread still serves it, its finally hands its slot over (serve);
            // if it left meanwhile, take the claim back, unless it saw it already.
            if (active.get(v.getKey()) == victim || !handOver.remove(victim)) {
                return !stopping;
            }
        }
        core.waitForSlot(true);
        try {
            while (!stopping) {
                try {
                    core.takeSlot();
                } catch (InterruptedException e) {
                    // Only a stray interrupt can land here (close() releases permits instead).
                    continue;
                }
                if (!stopping) {
                    return true;
                }
                // close() released one permit to wake the threads waiting for one: pass it on.
                core.releaseSlot();
            }
            return false;
        } finally {
            core.waitForSlot(false);
        }
    }

    private void leftAccept() {
        if (inAccept.decrementAndGet() == 0 && stopping) {
            synchronized (change) {
                change.notifyAll();
            }
        }
    }

    /** Starts another thread at the listener; false if none could be had. */
    private boolean spawn() {
        if (stopping) {
            return true;
        }
        waiting.incrementAndGet();
        if (spareCall.offer(Boolean.TRUE)) {
            return true;
        }
        try {
            Threads.startPlatform(this::run, acceptor.address().text(), contextLoader);
            return true;
        } catch (Throwable e) {
            waiting.decrementAndGet();
            ServerCore.log(Level.WARNING, "no thread to accept on " + acceptor.address().text(), e);
            return false;
        }
    }

    /** After serving: back to the listener, unless enough threads wait there already. */
    private boolean rejoin() {
        for (int n = waiting.get(); n < MAX_WAITING; n = waiting.get()) {
            if (waiting.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    /** No thread to serve {@code c}: closes it and keeps accepting. */
    private void drop(RealConnection c, Throwable why) {
        // No thread to be had (out of memory, a thread limit): drop this one, keep accepting.
        c.close();
        core.closed();
        core.releaseSlot();
        core.countFailed();
        ServerCore.log(Level.WARNING, "no thread for the connection from " + c.remote().text() + "; closed it", why);
        ServerCore.backOff(closing);
    }

    /** Runs the handler on this thread; the caller put this thread and {@code c} in {@code active} first. */
    private void serve(RealConnection c) {
        Thread me = Thread.currentThread();
        try {
            handler.handle(c);
        } catch (Throwable e) {
            if (forcing && (e instanceof SocketClosed || e instanceof InterruptedException)) {
                // The server closed it after the grace period: the handler did nothing wrong.
                ServerCore.log(Level.DEBUG, "closed the connection from " + c.remote().text() + " at server close", null);
            } else if (e instanceof SocketClosed && c.closedForIdle()) {
                // The idle timeout closed it; the reaper logged it already.
                core.countIdleClosed();
            } else if (e instanceof SocketClosed && evicted.contains(c)) {
                // Closed to make room for another host's client (admit): counted and logged there.
            } else {
                core.callbackFailed("handler", c.remote(), e);
            }
        } finally {
            // Before the close: once its peer sees the end of the stream, AUTO no longer counts it.
            core.closed();
            c.closeAfterHandler();
            active.remove(me);
            // Empty but at the bound: the two lookups cost nothing on the way to the next accept.
            if (evicted.isEmpty() || !evicted.remove(c) || !handOver.remove(c)) {
                core.releaseSlot();
            }
            synchronized (change) {
                change.notifyAll();
            }
        }
    }

    @Override
    public ServerCore core() {
        return core;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close(Duration grace) {
        synchronized (this) {
            if (stopping) {
                // Someone else is closing, or has closed: wait for them.
                ServerLoop.awaitQuietly(closedLatch);
                return;
            }
            stopping = true;
        }
        closing.countDown();
        // Wakes the threads waiting for a permit; each passes it on (takePermit).
        core.releaseSlot();
        spares.forEach(Thread::interrupt);
        listener.close();
        // Only now (a race seen in ServerTest 5 times in 12): a thread blocked in accept
        // holds the listening socket alive inside its system call until the JDK's signal gets it
        // out, so a connect right after close() could still complete. Once no thread is left in
        // accept, the socket is gone and a caller who sees isOpen() false gets a refusal.
        awaitOutOfAccept();
        open = false;
        Thread me = Thread.currentThread();
        waitForHandlers(System.nanoTime() + grace.toNanos(), me);
        if (othersActive(me)) {
            forcing = true;
            active.forEach((t, c) -> {
                if (t != me) {
                    c.close();
                    // Only while t still serves c: a reused platform thread may serve another
                    // connection next, which this interrupt must not reach.
                    active.computeIfPresent(t, (k, v) -> {
                        if (v == c) {
                            t.interrupt();
                        }
                        return v;
                    });
                }
            });
            waitForHandlers(System.nanoTime() + AFTER_FORCE.toNanos(), me);
            active.forEach((t, c) -> {
                if (t != me) {
                    ServerCore.log(Level.WARNING, "a handler for " + c.remote().text() + " is still running after the server closed;"
                            + " it ignores interrupts and a closed connection", null);
                }
            });
        }
        closedLatch.countDown();
    }

    private boolean othersActive(Thread me) {
        int n = active.size();
        return n > 1 || (n == 1 && !active.containsKey(me));
    }

    private void waitForHandlers(long deadline, Thread me) {
        boolean interrupted = false;
        synchronized (change) {
            while (othersActive(me)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(change, left);
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitOutOfAccept() {
        boolean interrupted = false;
        synchronized (change) {
            while (inAccept.get() > 0) {
                try {
                    change.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean await(Duration limit) throws InterruptedException {
        return ServerLoop.await(closedLatch, limit);
    }
}
