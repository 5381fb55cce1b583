package dev.sockets.internal.time;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.locks.LockSupport;

/**
 * The one timer of the blocking sockets: the connect timeout, the write timeout and the idle
 * timeout. One daemon thread, {@value #THREAD_NAME}, sleeps until the earliest deadline of a heap
 * and runs each deadline's {@link Deadline#due(long)} when it comes, never before. The thread
 * starts with the first deadline armed and ends when none has been armed for {@link #LINGER_NANOS}:
 * a JVM that connected once keeps no thread of it a second or two later.
 *
 * <p>DEV-NOTE: what the hot paths pay. Arming takes one lock and a heap insertion, and wakes the
 * thread only when the new deadline comes before the thread's next look (it looks at least once a
 * second, so a 10 s connect timeout or a 5 min idle timeout never wakes it). Cancelling is a CAS:
 * the entry stays in the heap and the thread drops it when it reaches the top; when the heap has
 * doubled since the last sweep, the thread sweeps the cancelled ones out at once, so a server
 * that accepts thousands of connections a second with a 5-minute idle timeout holds at most twice
 * its live deadlines. A deadline that moves on all the time (a connection's last activity, a
 * send's last progress) is not re-armed at each move: the owner stamps the time in a volatile
 * field, and {@link Deadline#due(long)} reads the stamp when the deadline comes and says when to
 * look again (see {@link WriteDeadline}, and the server's idle reaper).
 */
public final class Deadlines {
    /** The name of the thread, for thread dumps and the tests that look for leaked threads. */
    public static final String THREAD_NAME = "sockets-deadlines";
    /** How long the thread stays with nothing armed before it ends. */
    static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The longest sleep: the thread looks at least this often, so a cancelled top entry is dropped soon. */
    private static final long MAX_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Fewer entries than this are never swept: dropped at the top, they cost nothing. */
    private static final int SWEEP_FLOOR = 1024;

    static final int ARMED = 0;
    static final int DORMANT = 1;
    static final int CANCELLED = 2;
    static final int FIRED = 3;

    private static final Object LOCK = new Object();
    // Guarded by LOCK: the heap (by due time), the thread, when it means to look next, the size
    // after the last sweep.
    private static final PriorityQueue<Deadline> HEAP = new PriorityQueue<>(
            (a, b) -> Long.compare(a.at - b.at, 0)); // nanoTime order: compare differences
    private static Thread thread;
    private static long nextLook;
    private static int swept;

    private Deadlines() {
    }

    /**
     * Something that happens at a time unless cancelled first. A subclass says what happens in
     * {@link #due(long)}, which may also ask to be looked at again later.
     */
    public abstract static class Deadline {
        private static final AtomicIntegerFieldUpdater<Deadline> STATE =
                AtomicIntegerFieldUpdater.newUpdater(Deadline.class, "state");
        private volatile int state = ARMED;
        private long at; // guarded by LOCK

        /**
         * The time came (on the deadline thread, never before it). Call {@link #fire()} before
         * acting, so that a cancel that won does not see the action.
         *
         * @return nanoseconds until it is due again (the deadline moved on), or 0 or less when done
         */
        protected abstract long due(long now);

        /**
         * Stops it. The entry stays in the heap until the thread reaches it.
         *
         * @return true if it had not fired (it never will now); false if it fired first
         */
        public final boolean cancel() {
            while (true) {
                int s = state;
                if (s == FIRED) {
                    return false;
                }
                if (s == CANCELLED) {
                    return true;
                }
                if (STATE.compareAndSet(this, s, CANCELLED)) {
                    cancelled();
                    return true;
                }
            }
        }

        /**
         * Lets go of what the action would have needed, once a cancel won: the entry may stay in
         * the heap a while, and must not keep a closed connection's buffers with it. Runs at most
         * once, and never with {@link #fire()} true.
         */
        protected void cancelled() {
        }

        /** Claims the firing: true once, unless cancelled first. */
        protected final boolean fire() {
            return STATE.compareAndSet(this, ARMED, FIRED);
        }

        /** True once it fired. */
        public final boolean fired() {
            return state == FIRED;
        }

        /**
         * Leaves the heap without firing, until {@link #wake(long)}: an owner with nothing to
         * time (a connection not sending) then costs the thread nothing.
         *
         * @return false if it was cancelled or fired meanwhile
         */
        protected final boolean sleep() {
            return STATE.compareAndSet(this, ARMED, DORMANT);
        }

        /** True while it sleeps: {@link #wake(long)} would arm it. */
        protected final boolean dormant() {
            return state == DORMANT;
        }

        /**
         * Back into the heap after {@link #sleep()}, due {@code nanos} from now. Exactly one of
         * the threads that try wakes it.
         *
         * @return true if this call armed it
         */
        protected final boolean wake(long nanos) {
            if (STATE.compareAndSet(this, DORMANT, ARMED)) {
                insert(this, System.nanoTime() + nanos);
                return true;
            }
            return false;
        }
    }

    /** Runs {@code action} in {@code nanos} unless the returned deadline is cancelled first. */
    public static Deadline after(long nanos, Runnable action) {
        var d = new OneShot(action);
        arm(d, nanos);
        return d;
    }

    /** Arms {@code d}, new, to come due in {@code nanos}. */
    public static void arm(Deadline d, long nanos) {
        insert(d, System.nanoTime() + nanos);
    }

    /** Puts {@code d} at the time that it is due. Someone is meant to wait for the deadline then. */
    private static void insert(Deadline d, long at) {
        synchronized (LOCK) {
            d.at = at;
            HEAP.add(d);
            if (thread == null) {
                Thread t = new Thread(Deadlines::run, THREAD_NAME);
                t.setDaemon(true);
                thread = t;
                nextLook = at;
                t.start();
            } else if (at - nextLook < 0) {
                // It sleeps past this one: let it see it.
                nextLook = at;
                LockSupport.unpark(thread);
            }
        }
    }

    /** The entries in the heap, cancelled ones not yet dropped included; for tests. */
    static int queued() {
        synchronized (LOCK) {
            return HEAP.size();
        }
    }

    /** True while the thread is alive; for tests. */
    static boolean running() {
        synchronized (LOCK) {
            return thread != null;
        }
    }

    private static void run() {
        List<Deadline> ready = new ArrayList<>();
        long idleSince = 0;
        boolean idle = false;
        while (true) {
            long now;
            long wake;
            synchronized (LOCK) {
                now = System.nanoTime();
                Deadline head;
                while ((head = HEAP.peek()) != null) {
                    if (head.state == CANCELLED) {
                        HEAP.poll();
                    } else if (head.at - now <= 0) {
                        ready.add(HEAP.poll());
                    } else {
                        break;
                    }
                }
                if (HEAP.size() > 2 * swept + SWEEP_FLOOR) {
                    HEAP.removeIf(d -> d.state == CANCELLED);
                    swept = HEAP.size();
                }
                if (!ready.isEmpty()) {
                    idle = false;
                    wake = now; // it comes straight back after running them
                } else if (head == null) {
                    if (!idle) {
                        idle = true;
                        idleSince = now;
                    }
                    if (now - idleSince >= LINGER_NANOS) {
                        // Nothing armed for a while: end; the next deadline starts another thread.
                        thread = null;
                        swept = 0;
                        return;
                    }
                    wake = idleSince + LINGER_NANOS;
                } else {
                    idle = false;
                    wake = head.at - now > MAX_SLEEP_NANOS ? now + MAX_SLEEP_NANOS : head.at;
                }
                nextLook = wake;
            }
            if (ready.isEmpty()) {
                LockSupport.parkNanos(wake - now);
                continue;
            }
            for (Deadline d : ready) {
                long again;
                try {
                    again = d.state == ARMED ? d.due(now) : 0;
                } catch (RuntimeException | Error e) {
                    // A deadline's own failure must not end the timer of every other socket.
                    again = 0;
                }
                if (again > 0) {
                    synchronized (LOCK) {
                        d.at = now + again;
                        HEAP.add(d);
                    }
                }
            }
            ready.clear();
        }
    }

    /** A deadline that runs an action once. */
    private static final class OneShot extends Deadline {
        private Runnable action; // null once cancelled

        OneShot(Runnable action) {
            this.action = action;
        }

        @Override
        protected long due(long now) {
            if (fire()) {
                action.run();
            }
            return 0;
        }

        @Override
        protected void cancelled() {
            action = null;
        }
    }
}
