package dev.sockets.internal.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class DeadlinesTest {
    /** Far more than any deadline here may be late, on a machine whose cores other processes use. */
    private static final long LATE = TimeUnit.SECONDS.toNanos(10);

    @Test
    void a_deadline_fires_at_its_time_not_before_and_not_absurdly_late() throws Exception {
        long[] nanos = {0, 30_000_000, 150_000_000, 400_000_000};
        var latch = new CountDownLatch(nanos.length);
        var firedAt = new AtomicLong[nanos.length];
        long start = System.nanoTime();
        // Armed latest first: each new one is the earliest, and must wake the thread.
        for (int i = nanos.length - 1; i >= 0; i--) {
            var at = firedAt[i] = new AtomicLong();
            Deadlines.after(nanos[i], () -> {
                at.set(System.nanoTime());
                latch.countDown();
            });
        }
        assertTrue(latch.await(LATE + nanos[nanos.length - 1], TimeUnit.NANOSECONDS), "every deadline fired");
        for (int i = 0; i < nanos.length; i++) {
            long took = firedAt[i].get() - start;
            assertTrue(took >= nanos[i], "deadline " + i + " fired " + took + " ns after arming, before its " + nanos[i]);
            assertTrue(took < nanos[i] + LATE, "deadline " + i + " fired absurdly late: " + took + " ns");
        }
    }

    @Test
    void a_cancelled_deadline_never_fires_and_a_fired_one_cannot_be_cancelled() throws Exception {
        var cancelledRan = new AtomicInteger();
        var cancelled = new ArrayList<Deadlines.Deadline>();
        for (int i = 0; i < 100; i++) {
            cancelled.add(Deadlines.after(TimeUnit.MILLISECONDS.toNanos(20 + i), cancelledRan::incrementAndGet));
        }
        for (Deadlines.Deadline d : cancelled) {
            assertTrue(d.cancel(), "not fired yet: cancel wins");
            assertFalse(d.fired());
        }
        // A later one: once it fired, the thread went past every cancelled one.
        var later = new CountDownLatch(1);
        var last = Deadlines.after(TimeUnit.MILLISECONDS.toNanos(200), later::countDown);
        assertTrue(later.await(LATE, TimeUnit.NANOSECONDS), "the deadline after them fired");
        assertEquals(0, cancelledRan.get(), "cancelled deadlines ran");
        assertTrue(last.fired());
        assertFalse(last.cancel(), "a deadline that fired reports it to a late cancel");
    }

    @Test
    void the_thread_starts_with_the_first_deadline_and_ends_when_nothing_is_armed() throws Exception {
        awaitNoThread("before the test, left by an earlier one");
        assertNull(thread(), "no deadline, no thread");
        var d = Deadlines.after(TimeUnit.MINUTES.toNanos(10), () -> { });
        Thread t = thread();
        assertNotNull(t, "the first deadline starts " + Deadlines.THREAD_NAME);
        assertTrue(t.isDaemon(), "a daemon: it never keeps a script alive");
        // Armed, it stays (it is not idle, however far the deadline).
        t.join(TimeUnit.NANOSECONDS.toMillis(Deadlines.LINGER_NANOS) * 2);
        assertTrue(t.isAlive(), "the thread ended while a deadline was armed");
        assertTrue(d.cancel());
        t.join(TimeUnit.NANOSECONDS.toMillis(LATE));
        assertFalse(t.isAlive(), "the thread outlived its last deadline");
        // And the next deadline starts another.
        var fired = new CountDownLatch(1);
        Deadlines.after(0, fired::countDown);
        assertTrue(fired.await(LATE, TimeUnit.NANOSECONDS));
    }

    @Test
    void cancelled_deadlines_far_off_leave_the_heap_without_waiting_for_their_time() throws Exception {
        var keep = Deadlines.after(TimeUnit.MINUTES.toNanos(10), () -> { });
        try {
            for (int i = 0; i < 20_000; i++) {
                Deadlines.after(TimeUnit.MINUTES.toNanos(5), () -> { }).cancel();
            }
            long end = System.nanoTime() + LATE;
            while (Deadlines.queued() > 10_000 && System.nanoTime() < end) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            assertTrue(Deadlines.queued() <= 10_000, "cancelled deadlines held: " + Deadlines.queued());
        } finally {
            keep.cancel();
        }
    }

    @Test
    void a_stuck_send_closes_its_target_after_the_write_timeout() throws Exception {
        var closed = new CountDownLatch(1);
        long timeout = TimeUnit.MILLISECONDS.toNanos(100);
        var w = WriteDeadline.watch(closed::countDown, timeout);
        long start = System.nanoTime();
        w.begin();
        assertTrue(closed.await(LATE, TimeUnit.NANOSECONDS), "the stuck send's target was closed");
        assertTrue(System.nanoTime() - start >= timeout, "closed before the write timeout");
        assertTrue(w.fired(), "the send can tell it timed out");
        w.end();
    }

    @Test
    void a_write_timeout_without_a_send_in_progress_never_fires_and_the_next_stuck_send_is_timed() throws Exception {
        var closes = new AtomicInteger();
        var closed = new CountDownLatch(1);
        long timeout = TimeUnit.MILLISECONDS.toNanos(50);
        var w = WriteDeadline.watch(() -> {
            closes.incrementAndGet();
            closed.countDown();
        }, timeout);
        w.begin();
        w.end();
        // Due at the send's start plus the timeout, it finds no send; one due later shows it looked.
        var after = new CountDownLatch(1);
        Deadlines.after(3 * timeout, after::countDown);
        assertTrue(after.await(LATE, TimeUnit.NANOSECONDS));
        assertEquals(0, closes.get(), "closed though no send was in progress");
        assertFalse(w.fired());
        long start = System.nanoTime();
        w.begin();
        assertTrue(closed.await(LATE, TimeUnit.NANOSECONDS), "a send stuck after a quiet spell is timed");
        assertTrue(System.nanoTime() - start >= timeout, "closed before the write timeout");
        assertEquals(1, closes.get());
    }

    private static Thread thread() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(Deadlines.THREAD_NAME) && t.isAlive()) {
                return t;
            }
        }
        return null;
    }

    private static void assertNull(Object o, String message) {
        assertEquals(null, o, message);
    }

    private static void awaitNoThread(String when) throws InterruptedException {
        Thread t = thread();
        if (t != null) {
            t.join(TimeUnit.NANOSECONDS.toMillis(LATE));
        }
        assertFalse(Deadlines.running(), Deadlines.THREAD_NAME + " still running " + when);
    }
}
