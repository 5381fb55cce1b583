package dev.sockets.internal.settings;

import dev.sockets.internal.words.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * The one wording of a rejected setting, for every spec: {@code expected <what> > 0 but was v},
 * {@code expected <what> >= 0 but was v}, {@code expected <what> in [a, b] but was v}, durations
 * written as people write them ({@code 2 s}, {@code 300 ms}). A spec never builds such a message
 * itself, so the same setting reads the same in TCP, UDP and Unix.
 */
public final class Check {
    private Check() {
    }

    /** {@code n}, unless it is not above zero. */
    public static int positive(String what, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("expected " + what + " > 0 but was " + n);
        }
        return n;
    }

    /** {@code n}, unless it is not above zero. */
    public static long positive(String what, long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("expected " + what + " > 0 but was " + n);
        }
        return n;
    }

    /** {@code n}, unless it is outside {@code [min, max]}. */
    public static int inRange(String what, int n, int min, int max) {
        if (n < min || n > max) {
            throw new IllegalArgumentException("expected " + what + " in [" + min + ", " + max + "] but was " + n);
        }
        return n;
    }

    /** {@code d}, unless it is null or negative. */
    public static Duration nonNegative(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException("expected " + what + " >= 0 but was " + Durations.human(d));
        }
        return d;
    }

    /** {@code d}, unless it is null, zero or negative. */
    public static Duration positive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("expected " + what + " > 0 but was " + Durations.human(d));
        }
        return d;
    }

    /**
     * A read timeout: {@code d}, unless it is null, zero or negative. Zero is refused because it
     * means opposite things in the two worlds users come from: "wait forever" to a Java socket,
     * "never wait" to Python's {@code settimeout(0)}.
     */
    public static Duration timeout(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isZero()) {
            throw new IllegalArgumentException("expected " + what + " > 0 but was 0 s: 0 waits forever on a Java socket"
                    + " and never waits in Python; noTimeout() waits forever (the default), and onReceive or onDatagram"
                    + " serve without blocking");
        }
        return positive(what, d);
    }

    /**
     * {@code d}, unless it is null, negative or above {@code max}; {@code hint} (may be empty)
     * follows the message after {@code "; "}, to say why the bound is there.
     */
    public static Duration upTo(String what, Duration d, Duration max, String hint) {
        nonNegative(what, d);
        if (d.compareTo(max) > 0) {
            throw new IllegalArgumentException("expected " + what + " in [0, " + Durations.human(max) + "] but was "
                    + Durations.human(d) + (hint.isEmpty() ? "" : "; " + hint));
        }
        return d;
    }

    /**
     * {@code d}, unless it is null or outside {@code [min, max]}; {@code hint} (may be empty)
     * follows the message after {@code "; "}.
     */
    public static Duration between(String what, Duration d, Duration min, Duration max, String hint) {
        Objects.requireNonNull(d, what);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException("expected " + what + " in [" + Durations.human(min) + ", " + Durations.human(max)
                    + "] but was " + Durations.human(d) + (hint.isEmpty() ? "" : "; " + hint));
        }
        return d;
    }
}
