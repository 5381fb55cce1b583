package dev.sockets.internal;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Ends blocking writes that make no progress: the JDK has no write timeout for a blocking
 * {@link java.net.Socket}, so a send to a peer that never reads would block forever.
 *
 * <p>DEV-NOTE: one watch per {@code send} call, not per chunk: the writer records progress in a
 * volatile field after each chunk, and the watch, when it fires, either finds progress and
 * re-arms itself for (last progress + timeout), or finds none and closes the socket, which fails
 * the blocked write at once. One shared daemon thread serves every connection; it exits after a
 * second without watches, so an idle JVM keeps no thread for it. Sends on a connection without
 * a write timeout never come here (no cost on the fast path).
 */
public final class WriteWatchdog {
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private WriteWatchdog() {
    }

    private static ScheduledThreadPoolExecutor timer() {
        var t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "sockets-write-watchdog");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        t.setKeepAliveTime(1, TimeUnit.SECONDS);
        t.allowCoreThreadTimeOut(true);
        return t;
    }

    /** Starts watching a write on {@code target}; call {@link Watch#progress()} after each chunk. */
    public static Watch watch(Closeable target, long timeoutNanos) {
        var w = new Watch(target, timeoutNanos);
        w.arm(timeoutNanos);
        return w;
    }

    /** One send being watched. */
    public static final class Watch implements Runnable {
        private final Closeable target;
        private final long timeoutNanos;
        private volatile long lastProgress = System.nanoTime();
        private volatile boolean done;
        private volatile boolean fired;
        private volatile ScheduledFuture<?> next;

        private Watch(Closeable target, long timeoutNanos) {
            this.target = target;
            this.timeoutNanos = timeoutNanos;
        }

        private void arm(long delayNanos) {
            ScheduledFuture<?> f = TIMER.schedule(this, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
            next = f;
            if (done) {
                // finish() ran while this re-armed: drop the new timer too.
                f.cancel(false);
            }
        }

        /** The writer moved on: restarts the clock. */
        public void progress() {
            lastProgress = System.nanoTime();
        }

        /** The send is over (done or failed): stops watching. */
        public void finish() {
            done = true;
            ScheduledFuture<?> f = next;
            if (f != null) {
                f.cancel(false);
            }
        }

        /** True when this watch closed the socket: the write failed because it was stuck. */
        public boolean fired() {
            return fired;
        }

        @Override
        public void run() {
            if (done) {
                return;
            }
            long idle = System.nanoTime() - lastProgress;
            if (idle < timeoutNanos) {
                arm(timeoutNanos - idle);
                return;
            }
            fired = true;
            try {
                target.close();
            } catch (IOException | RuntimeException e) {
                // Closing is the whole point; a failure to close leaves the write blocked, which
                // the caller's close() will still end.
            }
        }
    }
}
