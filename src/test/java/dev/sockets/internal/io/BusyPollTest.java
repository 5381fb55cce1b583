package dev.sockets.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.internal.time.Threads;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Busy polling before a read blocks (BENCHMARKS.md, "The threading design, and why"): when it polls, how long, and when it stops. */
@Timeout(30)
class BusyPollTest {
    private static final long WINDOW = TimeUnit.MILLISECONDS.toNanos(2);

    /** A transport whose available() answers {@code answer(callNumber)}; nothing else is used. */
    static final class Counting extends dev.sockets.testing.StubTransport {
        final AtomicInteger calls = new AtomicInteger();
        final IntUnaryOperator answer;
        final boolean counts;

        Counting(IntUnaryOperator answer) {
            this(answer, true);
        }

        Counting(IntUnaryOperator answer, boolean counts) {
            this.answer = answer;
            this.counts = counts;
        }

        @Override
        public int available() {
            return answer.applyAsInt(calls.incrementAndGet());
        }

        @Override
        public boolean countsAvailable() {
            return counts;
        }
    }

    @Test
    void a_poll_returns_as_soon_as_bytes_arrive_and_earns_a_point() {
        var score = new BusyPoll.Score(1);
        var t = new Counting(n -> n < 4 ? 0 : 10);
        new BusyPoll(TimeUnit.SECONDS.toNanos(10), score).beforeRead(t);
        assertEquals(4, t.calls.get(), "three empty answers, then bytes");
        assertEquals(1, score.score());
    }

    @Test
    void a_poll_that_misses_waits_out_its_window_then_costs_four_points() {
        var score = new BusyPoll.Score(1);
        var t = new Counting(n -> 0);
        long t0 = System.nanoTime();
        new BusyPoll(WINDOW, score).beforeRead(t);
        assertTrue(System.nanoTime() - t0 >= WINDOW, "polled for the whole window");
        assertTrue(t.calls.get() > 1, "asked more than once: " + t.calls.get());
        assertEquals(-4, score.score());
    }

    @Test
    void bytes_already_waiting_cost_a_point_so_that_busy_servers_and_bulk_streams_stop_looking() {
        var score = new BusyPoll.Score(1);
        var poll = new BusyPoll(WINDOW, score);
        var t = new Counting(n -> 5);
        poll.beforeRead(t);
        assertEquals(1, t.calls.get(), "one look, no polling");
        assertEquals(-1, score.score());
        var later = new Counting(n -> 5);
        for (int i = 0; i < 256; i++) {
            poll.beforeRead(later);
        }
        assertEquals(1, later.calls.get(), "below zero only the 256th read looks");
    }

    @Test
    void one_core_never_polls() {
        var t = new Counting(n -> 0);
        new BusyPoll(WINDOW, new BusyPoll.Score(0)).beforeRead(t);
        assertEquals(0, t.calls.get());
    }

    @Test
    void after_a_miss_only_one_read_in_256_polls_until_polls_pay_again() {
        var score = new BusyPoll.Score(1);
        var poll = new BusyPoll(TimeUnit.MICROSECONDS.toNanos(100), score);
        poll.beforeRead(new Counting(n -> 0)); // a miss: -4
        var polled = new AtomicInteger();
        for (int i = 1; i <= 512; i++) {
            var t = new Counting(n -> 0);
            poll.beforeRead(t);
            if (t.calls.get() > 0) {
                polled.incrementAndGet();
            }
        }
        assertEquals(2, polled.get(), "the 256th and the 512th read probed");
        assertEquals(-12, score.score(), "both probes missed");
        // Answers come fast again: the next probe that is answered puts the score back to zero.
        for (int i = 0; i < 255; i++) {
            poll.beforeRead(new Counting(n -> n < 2 ? 0 : 1));
        }
        assertEquals(-12, score.score(), "no probe yet");
        poll.beforeRead(new Counting(n -> n < 2 ? 0 : 1));
        assertEquals(0, score.score(), "one answered probe makes up for the misses");
        var t = new Counting(n -> n < 2 ? 0 : 1);
        poll.beforeRead(t);
        assertEquals(2, t.calls.get(), "at zero every read polls again");
    }

    @Test
    void no_more_threads_poll_at_once_than_allowed() throws Exception {
        var score = new BusyPoll.Score(1);
        var polling = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var first = new Counting(n -> {
            if (n == 1) {
                return 0; // the look before polling: nothing yet
            }
            polling.countDown();
            return release.getCount() == 0 ? 1 : 0;
        });
        var a = new Thread(() -> new BusyPoll(TimeUnit.SECONDS.toNanos(20), score).beforeRead(first));
        a.start();
        assertTrue(polling.await(10, TimeUnit.SECONDS));
        var second = new Counting(n -> 0);
        new BusyPoll(TimeUnit.SECONDS.toNanos(20), score).beforeRead(second);
        assertEquals(0, second.calls.get(), "the second reader went straight to its read");
        release.countDown();
        a.join();
        assertEquals(1, score.score());
    }

    @Test
    void a_window_of_zero_or_a_transport_that_cannot_count_never_polls() {
        var counts = new Counting(n -> 0);
        assertSame(BusyPoll.OFF, BusyPoll.forReader(0, counts, Thread.currentThread()));
        assertSame(BusyPoll.OFF, BusyPoll.forReader(WINDOW, new Counting(n -> -1, false), Thread.currentThread()));
        assertTrue(BusyPoll.forReader(WINDOW, counts, Thread.currentThread()) != BusyPoll.OFF, "a platform thread polls");
        BusyPoll.OFF.beforeRead(counts);
        assertEquals(0, counts.calls.get());
    }

    @Test
    void a_virtual_thread_never_polls_it_would_hold_its_carrier() throws Exception {
        var counts = new Counting(n -> 0);
        Assumptions.assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21");
        var virtual = Threads.startConnection(dev.sockets.ThreadModel.VIRTUAL, 0, () -> { });
        virtual.join();
        assertSame(BusyPoll.OFF, BusyPoll.forReader(WINDOW, counts, virtual));
    }
}
