package dev.sockets.testing;

/**
 * How big the load and leak tests run: {@code -Dsockets.scale=full} (the reliability stage of
 * .ci/run, once, on the default JDK) runs the counts RELIABILITY.md reports; the default run (both JDKs,
 * every build) runs smaller counts of the same scenarios.
 */
public final class Scale {
    private Scale() {
    }

    /** True in the full run. */
    public static boolean full() {
        return "full".equals(System.getProperty("sockets.scale"));
    }

    /** {@code full} in the full run, {@code normal} otherwise. */
    public static int of(int normal, int full) {
        return full() ? full : normal;
    }
}
