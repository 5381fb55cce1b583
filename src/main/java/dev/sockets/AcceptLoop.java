package dev.sockets;

import dev.sockets.internal.Acceptor;
import dev.sockets.internal.Threads;
import dev.sockets.internal.Transport;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stream server: one platform thread accepts, each connection runs its handler on a thread
 * of its own ({@link Threads}, after the spec's {@link ThreadModel}), a semaphore bounds the
 * open connections.
 */
final class AcceptLoop implements ServerLoop {
    static final System.Logger LOG = System.getLogger("dev.sockets.Server");

    /** How long the loop pauses after a failed accept (EMFILE, say), so it does not spin. */
    private static final long BACKOFF_MILLIS = 100;
    /** How long close waits, after forcing connections closed, for their handlers to return. */
    private static final Duration AFTER_FORCE = Duration.ofSeconds(1);

    private final Listener listener;
    private final Acceptor acceptor;
    private final StreamConfig config;
    private final Handler handler;
    private final Semaphore permits;
    // Platform threads for connections (issue 5): pooled, shut down when the server closes.
    private final java.util.concurrent.ExecutorService platformThreads = Threads.platformPool();
    private final Map<Thread, Connection> active = new ConcurrentHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong idleClosed = new AtomicLong(); // issue 6
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Object change = new Object();
    // stopping: close() has begun (the accept loop's exit condition). open: still accepting, as
    // isOpen() reports it; cleared only once the listening socket is closed, so that a caller who
    // sees isOpen() false can rely on new connections being refused.
    private volatile boolean stopping;
    private volatile boolean open = true;
    private volatile boolean forcing;
    private Thread acceptThread;

    AcceptLoop(Listener listener, Acceptor acceptor, StreamConfig config, Handler handler) {
        this.listener = listener;
        this.acceptor = acceptor;
        this.config = config;
        this.handler = handler;
        this.permits = new Semaphore(config.maxConnections());
        Threads.check(config.threads());
    }

    void start() {
        acceptThread = Threads.startDaemon("sockets-accept-" + acceptor.address().text(), this::run);
    }

    private void run() {
        while (!stopping) {
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                break;
            }
            Transport t;
            try {
                t = acceptor.accept();
            } catch (IOException | RuntimeException e) {
                permits.release();
                if (stopping) {
                    break;
                }
                if (!listener.isOpen()) {
                    // Someone closed the listener itself: that ends the server too.
                    LOG.log(Level.DEBUG, "listener " + acceptor.address().text() + " closed; closing its server");
                    close(Server.DEFAULT_GRACE);
                    break;
                }
                LOG.log(Level.WARNING, "accept on " + acceptor.address().text() + " failed; retrying in "
                        + BACKOFF_MILLIS + " ms", e);
                pause();
                continue;
            }
            accepted.incrementAndGet();
            var c = config.connection(t);
            if (!config.idleTimeout().isZero()) {
                IdleReaper.watch(c, config.idleTimeout()); // issue 6: slowloris
            }
            try {
                // The thread model (issue 5): AUTO picks by the connections open now, counted by the
                // permits they hold (this one's included) rather than by handlers already running.
                int openBefore = config.maxConnections() - permits.availablePermits() - 1;
                Threads.serveConnection(config.threads(), openBefore, platformThreads, () -> serve(c));
            } catch (Throwable e) {
                // No thread to be had (out of memory, a thread limit): drop this one, keep accepting.
                c.close();
                permits.release();
                failed.incrementAndGet();
                LOG.log(Level.WARNING, "no thread for the connection from " + c.peer().text() + "; closed it", e);
                pause();
            }
        }
    }

    private void pause() {
        try {
            closing.await(BACKOFF_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(Connection c) {
        Thread me = Thread.currentThread();
        active.put(me, c);
        try {
            handler.handle(c);
        } catch (Throwable e) {
            if (forcing && (e instanceof SocketClosed || e instanceof InterruptedException)) {
                // The server closed it after the grace period: the handler did nothing wrong.
                LOG.log(Level.DEBUG, "closed the connection from " + c.peer().text() + " at server close");
            } else if (e instanceof SocketClosed && c.closedForIdle()) {
                // Issue 6: the idle timeout closed it; the reaper logged it already.
                idleClosed.incrementAndGet();
            } else {
                failed.incrementAndGet();
                LOG.log(Level.WARNING, "handler failed for the connection from " + c.peer().text()
                        + "; closed it, serving on", e);
            }
        } finally {
            c.closeAfterHandler();
            active.remove(me);
            permits.release();
            synchronized (change) {
                change.notifyAll();
            }
        }
    }

    @Override
    public String kind() {
        return acceptor.kind();
    }

    @Override
    public Address address() {
        return acceptor.address();
    }

    @Override
    public int open() {
        return active.size();
    }

    @Override
    public long accepted() {
        return accepted.get();
    }

    @Override
    public long failed() {
        return failed.get();
    }

    @Override
    public long idleClosed() {
        return idleClosed.get();
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
        listener.close();
        if (acceptThread != null && acceptThread != Thread.currentThread()) {
            acceptThread.interrupt();
            joinQuietly(acceptThread);
        }
        // Only now (issue 6, a race seen in ServerTest 5 times in 12): a thread blocked in accept
        // holds the listening socket alive inside its system call until the JDK's signal gets it
        // out, so a connect right after close() could still complete. Once the accept thread has
        // ended, the socket is gone and a caller who sees isOpen() false gets a refusal.
        open = false;
        Thread me = Thread.currentThread();
        waitForHandlers(System.nanoTime() + grace.toNanos(), me);
        if (othersActive(me)) {
            forcing = true;
            active.forEach((t, c) -> {
                if (t != me) {
                    c.close();
                    // Only while t still serves c: a pooled platform thread may serve another
                    // connection next (issue 5), which this interrupt must not reach.
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
                    LOG.log(Level.WARNING, "a handler for " + c.peer().text() + " is still running after the server closed;"
                            + " it ignores interrupts and a closed connection");
                }
            });
        }
        // Idle pooled threads end now, busy ones when their handler returns (issue 5).
        platformThreads.shutdown();
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

    private void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean await(Duration limit) throws InterruptedException {
        return ServerLoop.await(closedLatch, limit);
    }
}
