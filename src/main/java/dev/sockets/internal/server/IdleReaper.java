package dev.sockets.internal.server;

import dev.sockets.Connection;
import dev.sockets.internal.io.RealConnection;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Closes server connections on which nothing was sent or received for the spec's idle timeout
 * (a client that connects and sends nothing, slowloris, must not hold a connection
 * slot for ever).
 *
 * <p>DEV-NOTE: one daemon thread for the whole JVM scans the watched connections; it sleeps until
 * the earliest deadline (at least 10 ms, at most 1 s apart) and exits when nothing is watched, so
 * a JVM without servers keeps no thread for it. A connection records activity with one volatile
 * write per read or send; a send in progress is never idle (the write timeout covers a stuck one).
 */
public final class IdleReaper {
    private static final System.Logger LOG = System.getLogger("dev.sockets.Server");
    private static final Set<Watch> WATCHED = ConcurrentHashMap.newKeySet();
    private static final Object LOCK = new Object();
    private static Thread thread;
    // When the reaper means to look next (System.nanoTime()); a watch due before then wakes it.
    // DEV-NOTE (BENCHMARKS.md): waking it for every new connection cost two futex calls and a context
    // switch per connection, with the default 5-minute timeout always due long after its next look.
    private static volatile long nextLook;

    private IdleReaper() {
    }

    /** Watches {@code c} from now on; the watch ends when the connection closes. */
    public static Watch watch(RealConnection c, Duration timeout) {
        var w = new Watch(c, timeout);
        c.watchIdle(w);
        WATCHED.add(w);
        synchronized (LOCK) {
            if (thread == null) {
                thread = new Thread(IdleReaper::run, "sockets-idle-reaper");
                thread.setDaemon(true);
                thread.start();
            } else if (w.lastActive + w.timeoutNanos - nextLook < 0) {
                // It sleeps until nextLook: let it see this earlier deadline.
                LockSupport.unpark(thread);
            }
        }
        return w;
    }

    private static void run() {
        while (true) {
            long now = System.nanoTime();
            long sleep = TimeUnit.SECONDS.toNanos(1);
            // Before the look, the latest it may sleep to: a watch this look misses, added later,
            // then compares with a time no earlier than the one it will wake at.
            nextLook = now + sleep;
            for (Watch w : WATCHED) {
                long left = w.lastActive + w.timeoutNanos - now;
                if (w.writing || left > 0) {
                    sleep = Math.min(sleep, w.writing ? w.timeoutNanos : left);
                    continue;
                }
                w.fire();
            }
            synchronized (LOCK) {
                if (WATCHED.isEmpty()) {
                    thread = null;
                    return;
                }
            }
            long nap = Math.max(TimeUnit.MILLISECONDS.toNanos(10), sleep);
            nextLook = System.nanoTime() + nap;
            LockSupport.parkNanos(nap);
        }
    }

    /** One connection's idle clock. */
    public static final class Watch implements RealConnection.IdleWatch {
        private final Connection connection;
        private final long timeoutNanos;
        private final Duration timeout;
        private volatile long lastActive = System.nanoTime();
        private volatile boolean writing;
        private volatile boolean fired;

        private Watch(Connection connection, Duration timeout) {
            this.connection = connection;
            this.timeout = timeout;
            this.timeoutNanos = timeout.toNanos();
        }

        @Override
        public void active() {
            lastActive = System.nanoTime();
        }

        @Override
        public void writing(boolean on) {
            writing = on;
            lastActive = System.nanoTime();
        }

        @Override
        public Duration timeout() {
            return timeout;
        }

        @Override
        public boolean fired() {
            return fired;
        }

        @Override
        public void cancel() {
            WATCHED.remove(this);
        }

        private void fire() {
            fired = true;
            WATCHED.remove(this);
            connection.close();
            LOG.log(System.Logger.Level.DEBUG, "closed the connection from " + connection.remote().text()
                    + ": idle for " + timeout + " (idleTimeout)");
        }
    }
}
