package dev.sockets.internal.io;

import dev.sockets.internal.time.Threads;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Busy polling before a blocking read, for a connection read by a platform thread: asks the
 * socket how many bytes wait ({@code available()}, one cheap system call) until some do or a
 * short window passes, and only then lets the read block.
 *
 * <p>DEV-NOTE (BENCHMARKS.md, "The threading design, and why"): a blocking read that finds nothing parks the thread, and
 * the answer then waits for the OS, and on a VM for the hypervisor, to wake a sleeping CPU: 35 to
 * 40 µs of a 50 µs loopback round trip here. Polling keeps the CPU awake for an answer that comes
 * within the window (the round trip fell to 9 µs with both ends polling), as Linux's
 * {@code SO_BUSY_POLL} does for NIC queues. It costs CPU, and on a machine whose cores are all
 * busy it takes CPU from the threads that would write the answer; so it is bounded: the window;
 * at most one poller per two cores in the process (none on one core); and one score for the
 * whole process, up one with each poll answered in time, down four with each poll that missed
 * and one with each look that found bytes already waiting (a system call for nothing): polling
 * pays only if four in five are answered. Below zero only one read in 256 polls, to notice when answers come
 * fast again; such a probe answered in time puts the score back to zero. So a process that serves ping-pong polls, and one whose polls miss (many
 * connections, slow peers, a saturated machine, short connections whose last read waits for an
 * end of stream that {@code available()} cannot see) soon stops.
 */
public final class BusyPoll {
    private static final int MAX_SCORE = 16;
    private static final int MIN_SCORE = -16;
    private static final int MISS_COST = 4;
    // A probe that misses costs a window: one in 256 reads keeps that under 0.2 µs a read (1% of
    // a round trip in the 1,000-connection load, where one in 64 cost 4%).
    private static final int PROBE_EVERY = 256;

    /** The default window in microseconds: {@code -Dsockets.busyPoll=<µs>}, 0 turns it off. */
    public static final long DEFAULT_MICROS = Math.min(Math.max(0, Long.getLong("sockets.busyPoll", 50)), 1000);

    /** Never polls. */
    public static final BusyPoll OFF = new BusyPoll(0);

    /** What the polls of a process have earned: one for every connection, so that short connections learn too. */
    static final class Score {
        private final int maxPollers;
        private final AtomicInteger pollers = new AtomicInteger();
        // Racy on purpose: a heuristic read and written by every reader needs no more than plain ints.
        private volatile int score;
        private int reads;

        Score(int maxPollers) {
            this.maxPollers = maxPollers;
        }

        int score() {
            return score;
        }
    }

    // One poller per two cores; none on one core, where a poll would take the CPU from the peer.
    private static final Score PROCESS = new Score(Runtime.getRuntime().availableProcessors() / 2);

    private final long windowNanos;
    private final Score shared;

    /** A poller with this window, sharing the process's score; a window of 0 never polls. */
    public BusyPoll(long windowNanos) {
        this(windowNanos, PROCESS);
    }

    BusyPoll(long windowNanos, Score shared) {
        this.windowNanos = windowNanos;
        this.shared = shared;
    }

    /** Forgets what the process's polls have earned, as at its start: for tests that count polls. */
    public static void resetProcessScore() {
        PROCESS.score = 0;
        PROCESS.reads = 0;
    }

    /**
     * The poller for a connection over {@code t} read by {@code reader}: {@link #OFF} for a window of 0,
     * a virtual thread (polling would hold its carrier) or a transport that cannot count waiting bytes.
     */
    public static BusyPoll forReader(long windowNanos, Transport t, Thread reader) {
        return windowNanos > 0 && t.countsAvailable() && !Threads.isVirtual(reader) ? new BusyPoll(windowNanos) : OFF;
    }

    /** Polls until bytes wait on {@code t} or the window passes; returns at once when it should not poll. */
    public void beforeRead(Transport t) {
        if (windowNanos <= 0) {
            return;
        }
        Score s = shared;
        boolean probe = s.score < 0;
        if (probe && ++s.reads % PROBE_EVERY != 0) {
            return;
        }
        if (s.pollers.incrementAndGet() > s.maxPollers) {
            s.pollers.decrementAndGet();
            return;
        }
        try {
            if (t.available() != 0) {
                // Bytes already wait: the read will not block, and this look was a system call for
                // nothing. A point off, so that a busy server or a bulk stream, whose reads always
                // find bytes, stops looking.
                s.score = Math.max(s.score - 1, MIN_SCORE);
                return;
            }
            long end = System.nanoTime() + windowNanos;
            do {
                Thread.onSpinWait();
                if (t.available() != 0) {
                    // A probe answered in time: answers come fast again (a process that talked to a
                    // slow peer now talks to a quick one), so polling resumes at once rather than
                    // after sixteen answered probes, 4,096 reads (the first rounds of a ping-pong).
                    s.score = probe ? 0 : Math.min(s.score + 1, MAX_SCORE);
                    return;
                }
            } while (System.nanoTime() - end < 0);
            s.score = Math.max(s.score - MISS_COST, MIN_SCORE);
        } catch (IOException e) {
            // The read that follows meets the same trouble and reports it.
        } finally {
            s.pollers.decrementAndGet();
        }
    }
}
