package dev.sockets.internal.server;

import dev.sockets.Connection;
import dev.sockets.internal.io.RealConnection;
import dev.sockets.internal.time.Deadlines;
import java.time.Duration;

/**
 * Closes server connections on which nothing was sent or received for the spec's idle timeout
 * (a client that connects and sends nothing, slowloris, must not hold a connection
 * slot for ever). What counts as idle is here; the timing is {@link Deadlines}'.
 *
 * <p>DEV-NOTE: a connection records activity with one volatile write per read or send, and arms
 * nothing: its deadline, when it comes, reads the last activity and moves itself to the last
 * activity plus the timeout. A send in progress is never idle (the write timeout covers a stuck
 * one): it is looked at again a timeout later. Arming at accept does not wake the deadline thread
 * unless it comes before the thread's next look (at most a second away), which the default
 * 5-minute timeout never does (BENCHMARKS.md: a wake-up per connection cost two futex calls and
 * a context switch).
 */
public final class IdleReaper {
    private static final System.Logger LOG = System.getLogger("dev.sockets.Server");

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
        private Connection connection; // null once cancelled
        private final long timeoutNanos;
        private final Duration timeout;
        private volatile long lastActive = System.nanoTime();
        private volatile boolean writing;

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
        protected long due(long now) {
            if (writing) {
                return timeoutNanos;
            }
            long left = lastActive + timeoutNanos - now;
            if (left > 0) {
                return left;
            }
            if (fire()) {
                connection.close();
                LOG.log(System.Logger.Level.DEBUG, "closed the connection from " + connection.remote().text()
                        + ": idle for " + dev.sockets.internal.words.Durations.human(timeout) + " (idleTimeout)");
            }
            return 0;
        }

        @Override
        protected void cancelled() {
            connection = null;
        }
    }
}
