package dev.sockets.internal.server;

import dev.sockets.Address;
import dev.sockets.Endpoint;
import dev.sockets.Host;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * What the three server loops ({@link AcceptLoop}, {@link ReceiveLoop}, {@link DatagramLoop})
 * share, written once: the counters a {@code Server} reports, the log and its wording for a
 * callback that threw, the policy after a failed accept (end the server, or back off for
 * {@link #BACKOFF_MILLIS}), and the {@code maxConnections} bound with its pause and resume.
 *
 * <p>The log is written here and nowhere else in the loops, for two reasons. A logger can throw
 * (the first record of a JVM loads the time-zone data, a file to open, and with no descriptor
 * left the formatter throws an {@code Error} that {@code java.util.logging} does not catch): every
 * call goes through {@link #log}, which swallows and counts what the logger throws, so that
 * logging cannot end a loop's thread. And a failure can repeat many times a second (accept with no
 * descriptor left, every back-off): {@link #acceptFailed} logs the first of a run with its stack
 * trace, then at most one line a second with a count, and one line when accepting works again.
 * A loop whose own machinery failed reports it through {@link #died}: logged once, kept for
 * {@code join()} to throw.
 *
 * <p>DEV-NOTE (setup rate; BENCHMARKS.md, "Connection setup rate"): a final class whose hot
 * methods are one atomic each, as the loops' own fields were: the JIT inlines them, so an
 * accepted connection or a read costs what it did before.
 */
public final class ServerCore {
    /** The one logger of every server. */
    public static final System.Logger LOG = System.getLogger("dev.sockets.Server");

    /** How long a loop waits after a failed accept or receive (EMFILE, say), so that it does not spin. */
    public static final long BACKOFF_MILLIS = 100;
    static final long BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(BACKOFF_MILLIS);

    /** How long a repeating failure waits between two of its log lines: the first, then a count. */
    static final long REPEAT_LOG_NANOS = TimeUnit.SECONDS.toNanos(1);

    // What the logger threw since the start, in this JVM (the logger is the JVM's): lost records.
    private static final AtomicLong LOG_FAILURES = new AtomicLong();

    /** What a loop does after a failed accept (or receive). */
    public enum AfterFailure {
        /** The server is closing: leave quietly. */
        STOP,
        /** The listening socket is gone: close the server. */
        END,
        /** Something passing (out of descriptors, an ICMP error): wait {@link #BACKOFF_MILLIS} and go on. */
        BACK_OFF
    }

    private final String kind;
    private final MemoryBudget budget;
    private final Address address;
    // What a connection (or datagram) is called in a log line.
    private final String unit;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong idleClosed = new AtomicLong();
    private final AtomicLong evicted = new AtomicLong();
    // Connections accepted and not yet closed.
    private final AtomicInteger open = new AtomicInteger();
    // Slots under maxConnections: a blocking loop waits for one, an event loop pauses accepting.
    private final Semaphore slots;
    // Clients accepted past the bound that wait for a slot: a loop about to accept leaves free slots to them.
    private final AtomicInteger waitingForSlot = new AtomicInteger();
    private final AtomicBoolean paused = new AtomicBoolean();
    private volatile Runnable resume = () -> { };
    // Failed accepts (or receives), and connections that could not be set up: runs of them are
    // logged a line a second.
    private final Repeated acceptFailures;
    private final Repeated setupFailures;
    // What ended the server, when its machinery failed (not a close): join() throws it.
    private final java.util.concurrent.atomic.AtomicReference<Throwable> death = new java.util.concurrent.atomic.AtomicReference<>();

    /** A stream server's core: {@code maxConnections} bounds its open connections, {@code maxBuffered} what they buffer. */
    public static ServerCore stream(String kind, Address address, int maxConnections, long maxBuffered) {
        return new ServerCore(kind, address, "connection", maxConnections, maxBuffered);
    }

    /** A datagram server's core: no connections, no bound. */
    public static ServerCore datagram(Address address) {
        return new ServerCore("udp", address, "datagram", Integer.MAX_VALUE, Long.MAX_VALUE);
    }

    private ServerCore(String kind, Address address, String unit, int maxConnections, long maxBuffered) {
        this.budget = new MemoryBudget(maxBuffered);
        this.kind = kind;
        this.address = address;
        this.unit = unit;
        this.slots = new Semaphore(maxConnections);
        this.acceptFailures = new Repeated(("udp".equals(kind) ? "receive on " : "accept on ") + address.text());
        this.setupFailures = new Repeated("setting up a connection accepted on " + address.text());
    }

    public String kind() {
        return kind;
    }

    public Address address() {
        return address;
    }

    // The counters: what Server.accepted(), failed(), idleClosed() and open() report.

    public void countAccepted() {
        accepted.incrementAndGet();
        // One volatile read per accept: true only during a run of failed accepts.
        if (acceptFailures.running) {
            acceptFailures.ended();
        }
    }

    /**
     * For a loop with one thread that counts: a plain increment published with release.
     * DEV-NOTE: no locked instruction per datagram (UDP within 5% of a raw channel: BENCHMARKS.md, "UDP").
     */
    public void countAcceptedByOneThread() {
        accepted.setRelease(accepted.getPlain() + 1);
    }

    public long accepted() {
        return accepted.get();
    }

    public void countFailed() {
        failed.incrementAndGet();
    }

    public long failed() {
        return failed.get();
    }

    public void countIdleClosed() {
        idleClosed.incrementAndGet();
    }

    public long idleClosed() {
        return idleClosed.get();
    }

    public void countEvicted() {
        evicted.incrementAndGet();
    }

    public long evicted() {
        return evicted.get();
    }

    /** A connection is set up; returns how many were open before it. */
    public int opened() {
        return open.getAndIncrement();
    }

    public void closed() {
        open.decrementAndGet();
    }

    public int open() {
        return open.get();
    }

    // The log.

    /**
     * A user's callback ({@code "handler"}, {@code "receiver"}, {@code "receiver's closed()"})
     * threw for the connection or datagram from {@code from}: counted and logged, in one wording.
     */
    public void callbackFailed(String callback, Address from, Throwable e) {
        failed.incrementAndGet();
        log(Level.WARNING, callback + " failed for the " + unit + " from " + from.text()
                + ("connection".equals(unit) ? "; closed it, serving on" : "; serving on"), e);
    }

    /**
     * A connection accepted could not be set up (the client reset it meanwhile, say): counted and
     * logged, a run of them a line a second.
     */
    public void setupFailed(Throwable e) {
        failed.incrementAndGet();
        setupFailures.failed(Level.WARNING, "could not set up a connection accepted on " + address.text() + "; closed it", e);
    }

    // Clients' faults, each kind a line a second at most: a flood of scanners, stalled clients
    // or clients of another protocol is a few lines, not a line each.
    private final ClientFaults handshakes = new ClientFaults("failed handshakes");
    private final ClientFaults framings = new ClientFaults("framing errors");

    /**
     * A client's TLS handshake failed ({@code why}: the library's words, never the client's bytes)
     * and its connection was closed: logged at INFO, a run of them a line a second with the count.
     * Not counted in {@link #failed()}, which counts the user's callbacks (as the thread-per-connection
     * form, where a failed handshake never reaches the handler either).
     */
    public void handshakeFailed(Address from, String why) {
        handshakes.log("the TLS handshake with the client " + from.text() + " failed: " + why + "; closed it");
    }

    /**
     * A client broke the framing of an {@code onReceive(framing, ...)} server ({@code framing}, as
     * it prints): a frame over {@code maxFrame}, or its stream ended inside a frame; {@code reason}
     * and {@code hint} are the {@code SocketError}'s, never the client's bytes. Logged as
     * {@link #handshakeFailed} is, and for the same reason not counted in {@link #failed()}: the
     * client is at fault, not the receiver, which never saw the frame.
     */
    public void framingBroken(Address from, String framing, String reason, String hint) {
        framings.log("the client " + from.text() + " broke the framing " + framing + ": " + reason + "; " + hint);
    }

    /**
     * One kind of client fault that closes its connection: the first logged at INFO, then at
     * most a line a second, which says how many more there were since the last line. Guarded by
     * itself.
     */
    private final class ClientFaults {
        private final String plural;
        private long unlogged;
        private long lineAt;
        private boolean logged;

        ClientFaults(String plural) {
            this.plural = plural;
        }

        void log(String line) {
            synchronized (this) {
                long now = System.nanoTime();
                if (logged && now - lineAt < REPEAT_LOG_NANOS) {
                    unlogged++;
                    return;
                }
                if (unlogged > 0) {
                    line += " (and " + unlogged + " more " + plural + " on " + address.text() + " in the last "
                            + Repeated.human(now - lineAt) + ")";
                }
                unlogged = 0;
                lineAt = now;
                logged = true;
            }
            ServerCore.log(Level.INFO, line, null);
        }
    }

    /**
     * Logs through the server's logger; {@code e} may be null. What the logger throws (an
     * {@code Error} when it cannot open a file it needs, say) is swallowed and counted: the loop
     * that logs goes on. The first such failure in the JVM is told once on {@code System.err},
     * which needs no new descriptor, with the record it lost.
     */
    public static void log(Level level, String message, Throwable e) {
        try {
            if (e == null) {
                LOG.log(level, message);
            } else {
                LOG.log(level, message, e);
            }
        } catch (Throwable failure) {
            if (LOG_FAILURES.getAndIncrement() == 0) {
                try {
                    System.err.println("dev.sockets.Server: the logger failed (" + failure + "); this record and any"
                            + " later one it fails on are lost: " + level + ": " + message + (e == null ? "" : " (" + e + ")"));
                } catch (Throwable ignored) {
                    // Nowhere left to tell it: counted.
                }
            }
        }
    }

    /** How many log records the logger failed on (it threw) in this JVM. */
    public static long logFailures() {
        return LOG_FAILURES.get();
    }

    /**
     * The loop's machinery failed with {@code e} (not a callback: those are caught where they run):
     * logged once, at ERROR, with {@code message}; the first such failure is what {@link #death}
     * returns. The caller then closes the server.
     */
    public void died(String message, Throwable e) {
        if (death.compareAndSet(null, e)) {
            log(Level.ERROR, message, e);
        } else {
            log(Level.DEBUG, message, e);
        }
    }

    /** What ended the server if its machinery failed ({@link #died}); null if it was closed, or runs. */
    public Throwable death() {
        return death.get();
    }

    // The accept-failure policy.

    /**
     * After a failed accept (or receive): {@link AfterFailure#STOP} if the server is closing,
     * {@link AfterFailure#END} if the listening socket is closed ({@code ownerClosed}: by its
     * owner, which ends the server quietly; else under it, an interrupt say, which is logged),
     * else {@link AfterFailure#BACK_OFF}, logged. The caller closes the server on END and waits
     * on BACK_OFF ({@link #backOff}, or {@link #backOffUntil} for a loop that must not block).
     */
    public AfterFailure acceptFailed(Throwable e, boolean stopping, boolean socketOpen, boolean ownerClosed) {
        if (stopping) {
            return AfterFailure.STOP;
        }
        if (!socketOpen || ownerClosed) {
            if (ownerClosed) {
                log(Level.DEBUG, listening() + address.text() + " closed; closing its server", null);
            } else {
                log(Level.WARNING, listening() + address.text()
                        + " closed under the server (an interrupt closes a channel); closing the server", e);
            }
            return AfterFailure.END;
        }
        // A datagram socket's receive fails for an ICMP error from an earlier reply: routine, so DEBUG.
        // Out of descriptors, accept fails at every back-off: a run is a few lines, not a trace each.
        acceptFailures.failed("udp".equals(kind) ? Level.DEBUG : Level.WARNING, acceptFailures.what + " failed; retrying in "
                + BACKOFF_MILLIS + " ms", e);
        return AfterFailure.BACK_OFF;
    }

    /**
     * A failure that can repeat at every back-off (EMFILE on accept, say): the first of a run is
     * logged as given, with its stack trace; then at most one line a second, with how many more
     * failed and the last reason; and, for accepts, one line when one succeeds again. A run ends
     * at that success, or when the failure has not come back for a second.
     * DEV-NOTE: a lock, on failures only; the one cost on the success path is the volatile read
     * of {@link #running} in {@link #countAccepted}.
     */
    private static final class Repeated {
        final String what;
        volatile boolean running;
        private long began;
        private long last;
        private long lastLine;
        private long count;
        private long unlogged;

        Repeated(String what) {
            this.what = what;
        }

        void failed(Level level, String firstLine, Throwable e) {
            String line = null;
            Throwable trace = null;
            synchronized (this) {
                long now = System.nanoTime();
                if (running && now - last > REPEAT_LOG_NANOS && unlogged == 0) {
                    running = false; // quiet for a second, all told: a new run
                }
                last = now;
                if (!running) {
                    running = true;
                    began = now;
                    lastLine = now;
                    count = 1;
                    unlogged = 0;
                    line = firstLine;
                    trace = e;
                } else {
                    count++;
                    unlogged++;
                    if (now - lastLine >= REPEAT_LOG_NANOS) {
                        line = what + " failed " + unlogged + " more times in " + human(now - lastLine) + " (last: " + e
                                + "); retrying every " + BACKOFF_MILLIS + " ms";
                        unlogged = 0;
                        lastLine = now;
                    }
                }
            }
            if (line != null) {
                log(level, line, trace);
            }
        }

        void ended() {
            String line;
            synchronized (this) {
                if (!running) {
                    return;
                }
                running = false;
                line = what + " works again, after " + count + (count == 1 ? " failure" : " failures") + " over "
                        + human(last - began);
            }
            log(Level.INFO, line, null);
        }

        private static String human(long nanos) {
            return dev.sockets.internal.words.Durations.human(java.time.Duration.ofMillis(TimeUnit.NANOSECONDS.toMillis(nanos)));
        }
    }

    private String listening() {
        return "udp".equals(kind) ? "socket " : "listener ";
    }

    /** Blocks for the back-off, or until {@code closing} counts down. */
    public static void backOff(java.util.concurrent.CountDownLatch closing) {
        try {
            closing.await(BACKOFF_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** When a loop that must not block accepts again: a {@link System#nanoTime} never 0. */
    public static long backOffUntil() {
        long t = System.nanoTime() + BACKOFF_NANOS;
        return t == 0 ? 1 : t;
    }

    // The maxConnections bound.

    /** Waits for a slot under the bound (a blocking loop). */
    public void takeSlot() throws InterruptedException {
        slots.acquire();
    }

    /**
     * Takes a slot if one is free and no client accepted past the bound waits for one (it comes
     * first: {@link #waitForSlot}), without pausing anything. One volatile read more per accept.
     */
    public boolean tryTakeSlot() {
        return waitingForSlot.get() == 0 && slots.tryAcquire();
    }

    /** A client accepted past the bound begins ({@code true}) or ends waiting for a slot. */
    public void waitForSlot(boolean begins) {
        if (begins) {
            waitingForSlot.incrementAndGet();
        } else {
            waitingForSlot.decrementAndGet();
        }
    }

    /**
     * Takes a slot if one is free (an event loop); else pauses accepting and returns false.
     * {@code onResume} runs (from the thread that frees a slot) when accepting may go on.
     */
    public boolean trySlot() {
        if (slots.tryAcquire()) {
            return true;
        }
        if (paused.compareAndSet(false, true)) {
            // A connection may have closed between the try and the flag: then no close is left
            // to lift the pause, so look again.
            if (slots.availablePermits() > 0 && paused.compareAndSet(true, false)) {
                return false;
            }
            resume.run();
        }
        return false;
    }

    /** Frees a slot; resumes accepting if the bound had paused it. */
    public void releaseSlot() {
        slots.release();
        if (paused.get() && paused.compareAndSet(true, false)) {
            resume.run();
        }
    }

    /** True while the bound holds accepting. */
    public boolean paused() {
        return paused.get();
    }

    /** What wakes the loops when the pause begins or ends (an event loop's selectors). */
    public void onPauseChange(Runnable r) {
        this.resume = r;
    }

    // Fair share at the bound.

    /**
     * The connection to close so that a client from {@code newcomer} may be served, when every
     * slot is taken: one of {@code open} from the peer host that holds the most of them, if that
     * host holds at least two more than {@code newcomer}'s host; else null (the newcomer waits for
     * a slot, as under the plain bound). Peers are told apart by host, not port; Unix peers are
     * not told apart at all (null).
     *
     * <p>DEV-NOTE (fair share): one client could hold every slot by trickling a byte on each,
     * which resets the idle clock, and starve everyone else. A minimum data rate or a deadline
     * for a first message would also close honest quiet connections (the benchmarks' 10,000 idle
     * ones), and a per-address cap would refuse them; sharing only at the bound costs nothing
     * below it, and takes from a host only what another host needs. The margin of two keeps two
     * hosts from taking a slot back and forth. The scan is O(open), once per client accepted at
     * the bound: no bookkeeping per connection on the hot path. The victim is any connection of
     * that host (the first found), not the oldest: ordering would cost per connection, and
     * every connection of the host holding the most is its share's excess.
     */
    public static <T> T victim(Address newcomer, Iterable<T> open, Function<T, Address> addressOf) {
        if (!(newcomer instanceof Endpoint)) {
            return null;
        }
        Map<Host, Integer> perHost = new HashMap<>();
        for (T c : open) {
            if (addressOf.apply(c) instanceof Endpoint e) {
                perHost.merge(e.host(), 1, Integer::sum);
            }
        }
        Host top = null;
        int most = 0;
        for (var e : perHost.entrySet()) {
            if (e.getValue() > most) {
                top = e.getKey();
                most = e.getValue();
            }
        }
        if (top == null || perHost.getOrDefault(((Endpoint) newcomer).host(), 0) + 2 > most) {
            return null;
        }
        for (T c : open) {
            if (addressOf.apply(c) instanceof Endpoint e && e.host().equals(top)) {
                return c;
            }
        }
        return null;
    }

    /** Logs a connection closed to make room for a client from another host. */
    public void logEvicted(Address victim, Address newcomer) {
        log(Level.DEBUG, "closed the connection from " + victim.text() + " so that " + newcomer.text()
                + " may be served: every slot (maxConnections) was taken and its host held the most", null);
    }

    /**
     * {@code 2 open, 17 accepted}, with {@code , 1 failed} when any failed and {@code , 3 evicted}
     * when any were: every server prints so.
     */
    public String summary() {
        long e = evicted.get();
        // The budget only while some is in use, so that an idle server prints as it always did.
        long used = budget.used();
        return summary(open(), accepted(), failed()) + (e > 0 ? ", " + e + " evicted" : "")
                + (used > 0 ? ", " + MemoryBudget.mib(used) + " of " + MemoryBudget.mib(budget.limit()) + " buffered" : "");
    }

    /** What this server's connections may buffer at once (SECURITY.md). */
    public MemoryBudget budget() {
        return budget;
    }

    /** {@code 2 open, 17 accepted}, with {@code , 1 failed} when any failed. */
    public static String summary(int open, long accepted, long failed) {
        return open + " open, " + accepted + " accepted" + (failed > 0 ? ", " + failed + " failed" : "");
    }
}
