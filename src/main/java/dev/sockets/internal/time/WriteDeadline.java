package dev.sockets.internal.time;

import java.io.Closeable;
import java.io.IOException;

/**
 * A blocking stream's write timeout: closes the target when a send has made no progress for the
 * timeout, which fails the blocked write at once. The JDK has no write timeout for a blocking
 * {@link java.net.Socket}, so a send to a peer that never reads would block for ever.
 *
 * <p>DEV-NOTE: a first version armed a ScheduledThreadPoolExecutor timer per send; that doubled a
 * one-byte ping-pong round trip (25 to 50 us: the timer thread woke on every send). A send here
 * stamps two volatile fields (progress time, in-send flag) and reads the state; nothing is armed
 * per send. The deadline, on {@link Deadlines}' thread, reads the stamps when it comes: a send
 * stuck since its last progress for the timeout closes the target; a send still moving is looked
 * at again at its last progress plus the timeout; with no send in progress the deadline leaves the
 * heap ({@link Deadlines.Deadline#sleep()}) and the next send puts it back, so a quiet connection
 * costs the thread nothing and a busy one re-arms at most once per timeout.
 */
public final class WriteDeadline extends Deadlines.Deadline {
    private Closeable target; // null once cancelled
    private final long timeoutNanos;
    private volatile long progressAt;
    private volatile boolean writing;

    private WriteDeadline(Closeable target, long timeoutNanos) {
        this.target = target;
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * Watches the sends on {@code target} from now on, until {@link #cancel()}. Nothing is armed
     * until the first send.
     */
    public static WriteDeadline watch(Closeable target, long timeoutNanos) {
        var w = new WriteDeadline(target, timeoutNanos);
        w.sleep();
        return w;
    }

    /** The timeout, in nanoseconds. */
    public long timeoutNanos() {
        return timeoutNanos;
    }

    /**
     * When a send last began or moved on ({@link System#nanoTime()}): the server's idle clock reads
     * it, on the deadline thread, to tell a stalled send from a slow one. Nothing on the send path.
     */
    public long progressAt() {
        return progressAt;
    }

    /** A send begins: the clock starts. */
    public void begin() {
        progressAt = System.nanoTime();
        writing = true;
        // After the flag: the deadline thread puts it to sleep before it reads the flag again.
        if (dormant()) {
            wake(timeoutNanos);
        }
    }

    /** The send moved on: the clock restarts. */
    public void progress() {
        progressAt = System.nanoTime();
    }

    /** The send is over (done or failed). */
    public void end() {
        writing = false;
    }

    @Override
    protected long due(long now) {
        if (!writing) {
            if (!sleep()) {
                return 0; // cancelled meanwhile
            }
            // A send that began after the look above may have seen it awake and not armed it:
            // whichever of the two wakes it first keeps it.
            if (writing) {
                wake(timeoutNanos);
            }
            return 0;
        }
        long left = progressAt + timeoutNanos - now;
        if (left > 0) {
            return left;
        }
        if (fire()) {
            try {
                target.close();
            } catch (IOException | RuntimeException e) {
                // Closing is the whole point; if it fails the write stays blocked until the
                // caller's own close().
            }
        }
        return 0;
    }

    @Override
    protected void cancelled() {
        target = null;
    }
}
