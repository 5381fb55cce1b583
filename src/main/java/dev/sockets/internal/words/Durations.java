package dev.sockets.internal.words;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Durations as people write them, for every message and every printed spec: {@code 2 s},
 * {@code 300 ms}, {@code 1.5 s}, {@code 5 min}. {@code Duration.toString()} ({@code PT0.3S}) read
 * as noise to a new user.
 */
public final class Durations {
    private Durations() {
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /**
     * Zero as {@code 0 s}; whole hours as {@code h}, whole minutes as {@code min}; otherwise the largest of s, ms, µs
     * and ns under which the value is at least 1, with at most three decimals and no trailing
     * zeros. Negative durations keep their sign.
     */
    public static String human(Duration d) {
        if (d.isNegative()) {
            return "-" + human(d.negated());
        }
        if (d.isZero()) {
            return "0 s";
        }
        long seconds = d.getSeconds();
        int nanos = d.getNano();
        if (nanos == 0 && seconds > 0) {
            if (seconds % 3600 == 0) {
                return seconds / 3600 + " h";
            }
            if (seconds % 60 == 0) {
                return seconds / 60 + " min";
            }
            return seconds + " s";
        }
        BigDecimal total = BigDecimal.valueOf(seconds).multiply(BigDecimal.valueOf(NANOS_PER_SECOND)).add(BigDecimal.valueOf(nanos));
        if (seconds > 0) {
            return scaled(total, 9) + " s";
        }
        if (nanos >= 1_000_000) {
            return scaled(total, 6) + " ms";
        }
        if (nanos >= 1_000) {
            return scaled(total, 3) + " µs";
        }
        return nanos + " ns";
    }

    /** {@code nanos / 10^shift}, rounded to three decimals, without trailing zeros. */
    private static String scaled(BigDecimal nanos, int shift) {
        BigDecimal v = nanos.movePointLeft(shift).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
        return v.toPlainString();
    }

    /**
     * A duration as an age, in whole units of the largest that fits: {@code 0 s}, {@code 12 s},
     * {@code 3 min}, {@code 5 h}, {@code 2 d}. For how long a socket has been open, where a
     * precise {@link #human} reading ({@code 192.417 s}) is noise.
     */
    public static String coarse(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 48 * 3600) {
            return s / 3600 + " h";
        }
        return s / 86400 + " d";
    }
}
