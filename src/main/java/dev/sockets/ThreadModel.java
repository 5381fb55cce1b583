package dev.sockets;

/**
 * Which threads run a server's handlers ({@code onAccept}, {@code onDatagram}): set it with
 * {@code threads(...)} on a spec. Left alone it is {@link #AUTO}, which is what most programs want.
 *
 * <pre>{@code
 * Sockets.tcp().threads(ThreadModel.VIRTUAL).bind("", 8080).listen().onAccept(c -> ...);
 * }</pre>
 *
 * <h2>The trade-off</h2>
 * A <em>platform</em> thread blocked in a read is woken by the kernel directly: the lowest
 * latency for a few busy connections, but each costs an OS thread and its stack (some 70 KiB
 * resident once it ran), so ten thousand connections cost ten thousand OS threads.
 * A <em>virtual</em> thread (Java 21+) costs a few KiB of heap while it waits, but each wake-up
 * goes through the JDK's poller and a carrier thread: on a loopback ping-pong it answers 1.5 to 3
 * times as slowly. {@link #AUTO} takes the best of both: the few busy connections of a small
 * server get platform threads, and the thousands of a big one cost a few KiB each. Platform
 * threads are reused, since starting one costs more than accepting a connection: they take
 * turns at the listener and the one that accepts a connection serves it. Two threads wait at the
 * listener as long as the server runs; others with nothing to do wait 30 s for a turn, then end.
 * A handler that sets a {@code ThreadLocal} should remove it: the next connection on that thread
 * would see it (a thread the server starts inherits none). See BENCHMARKS.md for the measurements.
 *
 * <p>Whatever the model, each wake-up of a connection's thread costs CPU: at a thousand busy
 * connections, half as much again per message as an event loop. A server of many busy connections
 * that can answer each message without blocking uses {@link TcpBinding#onReceive(Receiver)}
 * instead, whose loop threads (one per core) serve all connections.
 */
public enum ThreadModel {
    /**
     * Platform threads for the first connections open at once (16, see
     * {@link #PLATFORM_FIRST}), virtual threads for the connections beyond them on Java 21+;
     * always platform threads on Java 17. The system property {@code -Dsockets.threads=platform}
     * (or {@code virtual}) turns {@code AUTO} into that model, for measuring.
     */
    AUTO,
    /** A platform (OS) thread for every connection: the lowest latency, the most memory per connection. */
    PLATFORM,
    /**
     * A virtual thread for every connection: the least memory and the fastest connection setup,
     * a slower wake-up. Needs Java 21+: on Java 17 starting a server with it fails with
     * {@link IllegalStateException}.
     */
    VIRTUAL;

    /** How many connections {@link #AUTO} serves on platform threads at once before it turns to virtual threads. */
    public static final int PLATFORM_FIRST = 16;
}
