package dev.sockets.internal.time;

/**
 * Lets JShell's Ctrl-C stop a call that waits in the OS ({@code recv}, {@code readLine},
 * {@code accept}, {@code recvfrom}, ...), without closing the socket.
 *
 * <p>DEV-NOTE: JShell runs snippets in a second JVM (its main class is
 * {@code jdk.jshell.execution.RemoteExecutionControl}) and stops one, on Ctrl-C or
 * {@code JShell.stop()}, by throwing an exception into the snippet's thread through the debugger
 * interface ({@code JdiDefaultExecutionControl.stop}: JDI {@code ThreadReference.stop}, JVMTI
 * {@code StopThread}), on JDK 17 and 25 alike. The JVM delivers that exception only when the
 * thread runs Java code again: a read blocked in {@code poll(2)} does not until data or the end of
 * the stream come, so Ctrl-C did nothing. In JShell's JVM a call that may wait long therefore waits
 * in slices of {@link #SLICE_MILLIS}, coming back to Java between them, where the stop lands; the
 * socket and the bytes the kernel holds are untouched. Everywhere else, and on the library's
 * own threads (daemons, which JShell never stops), {@link #sliced()} is false and the
 * waits are what they were: {@link #ON} is a constant, so the test folds away.
 *
 * <p>The stop may land in any Java code of the snippet's thread, so no code a snippet's call runs
 * may swallow an {@link Error} ({@code catch (Throwable)} that goes on): {@code Threads.virtualFactory}
 * did, and a Ctrl-C during the first read of a session was lost there.
 */
public final class Interactive {
    /** True in the JVM where JShell runs snippets. */
    public static final boolean ON = detect();

    /** How long one slice of a wait lasts: a stop lands within about this much. */
    public static final int SLICE_MILLIS = 100;

    private Interactive() {
    }

    private static boolean detect() {
        String command = System.getProperty("sun.java.command", "");
        // The remote agent (the default), or the tool itself for --execution local.
        return command.startsWith("jdk.jshell.") || command.startsWith("jdk.internal.jshell.");
    }

    /** Whether the calling thread's waits go in slices: in JShell's JVM, on a thread that is not a daemon. */
    public static boolean sliced() {
        return ON && !Thread.currentThread().isDaemon();
    }

    /**
     * How long the next slice of a wait may last, in milliseconds (never 0): the slice, or less
     * when the caller's own timeout ends sooner.
     *
     * @param timeoutMillis the caller's timeout, 0 for none
     * @param deadlineNanos when that timeout ends, by {@link System#nanoTime()}
     */
    public static int slice(int timeoutMillis, long deadlineNanos) {
        if (timeoutMillis == 0) {
            return SLICE_MILLIS;
        }
        long left = (deadlineNanos - System.nanoTime() + 999_999) / 1_000_000;
        return (int) Math.max(1, Math.min(SLICE_MILLIS, left));
    }

    /** A selector wait (0: without end) cut to one slice. */
    public static long cap(long selectMillis) {
        return selectMillis == 0 ? SLICE_MILLIS : Math.min(selectMillis, SLICE_MILLIS);
    }
}
