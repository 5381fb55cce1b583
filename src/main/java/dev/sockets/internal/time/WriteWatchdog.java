package dev.sockets.internal.time;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Ends blocking writes that make no progress: the JDK has no write timeout for a blocking
 * {@link java.net.Socket}, so a send to a peer that never reads would block forever.
 *
 * <p>DEV-NOTE: a first version armed a ScheduledThreadPoolExecutor timer per send; that doubled a
 * one-byte ping-pong round trip (25 to 50 us: the timer thread woke on every send). Now a send
 * only writes two volatile fields (progress time, in-send flag), and one shared daemon thread scans
 * the registered connections every tenth of the shortest timeout (5 ms to 1 s apart). A watch
 * that finds a send with no progress for its timeout closes the socket, which fails the blocked
 * write at once. The thread exits when nothing is registered, so a JVM without write timeouts
 * keeps no thread for it; sends on a connection without a write timeout never come here.
 */
public final class WriteWatchdog {
    private static final Set<Watch> WATCHED = ConcurrentHashMap.newKeySet();
    private static final Object LOCK = new Object();
    private static Thread thread;

    private WriteWatchdog() {
    }

    /** Registers {@code target} (until {@link Watch#cancel()}), with its timeout. */
    public static Watch register(Closeable target, long timeoutNanos) {
        var w = new Watch(target, timeoutNanos);
        WATCHED.add(w);
        synchronized (LOCK) {
            if (thread == null) {
                thread = new Thread(WriteWatchdog::run, "sockets-write-watchdog");
                thread.setDaemon(true);
                thread.start();
            } else {
                LockSupport.unpark(thread); // it may sleep longer than this timeout allows
            }
        }
        return w;
    }

    private static void run() {
        while (true) {
            long now = System.nanoTime();
            long sleep = TimeUnit.SECONDS.toNanos(1);
            for (Watch w : WATCHED) {
                sleep = Math.min(sleep, Math.max(TimeUnit.MILLISECONDS.toNanos(5), w.timeoutNanos / 10));
                if (w.writing && now - w.progressAt >= w.timeoutNanos) {
                    w.fire();
                }
            }
            synchronized (LOCK) {
                if (WATCHED.isEmpty()) {
                    thread = null;
                    return;
                }
            }
            LockSupport.parkNanos(sleep);
        }
    }

    /** One connection's write clock. */
    public static final class Watch {
        private final Closeable target;
        private final long timeoutNanos;
        private volatile long progressAt;
        private volatile boolean writing;
        private volatile boolean fired;

        private Watch(Closeable target, long timeoutNanos) {
            this.target = target;
            this.timeoutNanos = timeoutNanos;
        }

        /** The timeout, in nanoseconds. */
        public long timeoutNanos() {
            return timeoutNanos;
        }

        /** A send begins: the clock starts. */
        public void begin() {
            progressAt = System.nanoTime();
            writing = true;
        }

        /** The send moved on: the clock restarts. */
        public void progress() {
            progressAt = System.nanoTime();
        }

        /** The send is over (done or failed). */
        public void end() {
            writing = false;
        }

        /** True when this watch closed the socket: the write failed because it was stuck. */
        public boolean fired() {
            return fired;
        }

        /** Stops watching (the connection closed, or its write timeout changed). */
        public void cancel() {
            WATCHED.remove(this);
        }

        private void fire() {
            fired = true;
            WATCHED.remove(this);
            try {
                target.close();
            } catch (IOException | RuntimeException e) {
                // Closing is the whole point; if it fails the write stays blocked until the
                // caller's own close().
            }
        }
    }
}
