package dev.sockets.internal.server;

import dev.sockets.internal.io.RealConnection;
import dev.sockets.internal.time.Deadlines;
import dev.sockets.internal.time.WriteDeadline;
import java.time.Duration;

/**
 * Closes server connections on which nothing was sent or received for the spec's idle timeout
 * (a client that connects and sends nothing, slowloris, must not hold a connection
 * slot for ever). What counts as idle is here; the timing is {@link Deadlines}'.
 *
 * <p>DEV-NOTE: a connection records activity with one volatile write per read or send, and arms
 * nothing: its deadline, when it comes, reads the last activity and moves itself to the last
 * activity plus the timeout. A send in progress is idle when it made no progress for the
 * timeout: a client that never reads must not hold the connection past the idle timeout any more
 * than one that never writes. Its progress is the write deadline's stamp
 * ({@link WriteDeadline#progressAt()}), read here on the deadline thread only, so the send path
 * pays nothing more; without a write deadline (writeTimeout set to ZERO) there is no stamp, and
 * a send in progress is never idle. Arming at accept does not wake the deadline thread
 * unless it comes before the thread's next look (at most a second away), which the default
 * 5-minute timeout never does (BENCHMARKS.md: a wake-up per connection cost two futex calls and
 * a context switch).
 */
public final class IdleReaper {

    private IdleReaper() {
    }

    /** Watches {@code c} from now on; the watch ends when the connection closes. */
    public static Watch watch(RealConnection c, Duration timeout) {
        var w = new Watch(c, timeout);
        c.watchIdle(w);
        Deadlines.arm(w, w.timeoutNanos);
        return w;
    }

    /** One connection's idle clock. */
    public static final class Watch extends Deadlines.Deadline implements RealConnection.IdleWatch {
        private RealConnection connection; // null once cancelled
        private final long timeoutNanos;
        private final Duration timeout;
        private volatile long lastActive = System.nanoTime();
        private volatile boolean writing;

        private Watch(RealConnection connection, Duration timeout) {
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
        protected long due(long now) {
            RealConnection c = connection;
            if (c == null) {
                return 0; // cancelled meanwhile
            }
            boolean sending = writing;
            long since = lastActive;
            if (sending) {
                WriteDeadline d = c.writeDeadline();
                if (d == null) {
                    return timeoutNanos; // no progress stamps: a send is never idle
                }
                long moved = d.progressAt();
                if (moved - since > 0) {
                    since = moved; // nanoTime order: compare differences
                }
            }
            long left = since + timeoutNanos - now;
            if (left > 0) {
                return left;
            }
            if (fire()) {
                c.close();
                ServerCore.log(System.Logger.Level.DEBUG, "closed the connection from " + c.remote().text()
                        + (sending ? ": a send made no progress for " : ": idle for ")
                        + dev.sockets.internal.words.Durations.human(timeout) + " (idleTimeout)", null);
            }
            return 0;
        }

        @Override
        protected void cancelled() {
            connection = null;
        }
    }
}
