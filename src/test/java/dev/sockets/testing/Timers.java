package dev.sockets.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What a test may assert about when a timer fired. Not before the time set: the library's own
 * promise, which no machine can excuse. Late by less than the time set plus five seconds: a timer
 * that forgot to fire, or fired on a wrong unit, is caught, while a scheduler that wakes the
 * thread late (two busy cores shared with other builds, a long pause of the JVM) is not a
 * failure; the suite's other bounds of "not absurdly late" leave the same five seconds.
 * How late it came is a measurement: record it with {@link ReliabilityLog#timing}, and read it in
 * RELIABILITY.md's table of timers.
 */
public final class Timers {
    private Timers() {
    }

    /**
     * Asserts the bounds above and returns how late the timer fired, in nanoseconds.
     *
     * @param what      the timer, for the failure message
     * @param set       the time set
     * @param tookNanos from before the call that armed the timer until the call ended with it
     */
    public static long late(String what, Duration set, long tookNanos) {
        long late = tookNanos - set.toNanos();
        assertTrue(late >= 0, what + " fired before the time set: after " + micros(tookNanos) + " for " + set.toMillis() + " ms");
        assertTrue(late < set.toNanos() + TimeUnit.SECONDS.toNanos(5),
                what + " fired " + micros(late) + " late for " + set.toMillis() + " ms: more than the time set plus five seconds");
        return late;
    }

    private static String micros(long nanos) {
        return TimeUnit.NANOSECONDS.toMicros(nanos) + " us";
    }
}
