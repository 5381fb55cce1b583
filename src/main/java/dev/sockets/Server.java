package dev.sockets;

import java.time.Duration;

/**
 * A server running in the background: what {@link Listener#onAccept(Handler)},
 * {@link TcpBinding#onReceive(Receiver)} and {@link UdpSocket#onDatagram} return.
 *
 * <pre>{@code
 * var server = Sockets.tcp().bind("", 12345).listen(5)
 *                     .onAccept(c -> c.send("Thank you for connecting"));
 * server             // Server[tcp 0.0.0.0:12345, 0 open, 0 accepted]
 * server.close();    // stop accepting, give running handlers 3 s, close the rest
 * }</pre>
 *
 * <h2>Threads</h2>
 * Each connection runs its handler on a thread of its own, chosen by the spec's
 * {@link ThreadModel} ({@code threads(...)}): unless set, platform threads for the first 16
 * connections open at once and virtual threads beyond them on Java 21+ (platform threads on
 * Java 17). These are daemon threads: they do not keep the JVM alive, so a program that only
 * serves calls {@link #join()}. The system property {@code -Dsockets.threads=platform} (or
 * {@code virtual}) turns the default into that model, for measuring. A server of
 * {@link TcpBinding#onReceive(Receiver)} has no thread per connection: one loop thread per core
 * serves them all.
 *
 * <h2>Failures</h2>
 * A handler that throws is logged (System.Logger {@code dev.sockets.Server}, level WARNING)
 * with the peer's address; its connection is closed, {@link #failed()} counts it, and the
 * server goes on. A failed accept (out of file descriptors, say) is logged and retried.
 *
 * <h2>Idle connections</h2>
 * A connection on which nothing is sent or received for the spec's {@code idleTimeout}
 * (5 minutes unless set) is closed, so that clients which connect and say nothing cannot hold
 * the {@code maxConnections} slots; {@link #idleClosed()} counts them.
 *
 * <h2>A fair share at the bound</h2>
 * When every {@code maxConnections} slot is taken, a new client still gets served if its host
 * holds at least two connections fewer than the host holding the most: one connection of that
 * host is closed to make room ({@link #evicted()} counts them). So one client cannot starve the
 * others by holding every slot, even while it keeps each connection busy; a client alone (or
 * the host holding the most) waits for a slot, as before. Below the bound nothing changes.
 *
 * <p>It prints as {@code Server[tcp 0.0.0.0:12345, 2 open, 17 accepted]}, with
 * {@code , 12 MiB of 64 MiB buffered} while any of its memory budget (the spec's
 * {@code maxBuffered}) is in use, and {@code , closed} after close.
 */
public interface Server extends AutoCloseable {

    /** How long {@link #close()} lets running handlers finish: 3 seconds. */
    Duration DEFAULT_GRACE = Duration.ofSeconds(3);

    /** Where it serves, with the port the OS chose for port 0. */
    Address address();

    /**
     * Where it serves, as an {@link Endpoint}.
     *
     * @throws IllegalStateException for a Unix domain server
     */
    Endpoint endpoint();

    /**
     * The port it serves on.
     *
     * @throws IllegalStateException for a Unix domain server
     */
    int port();

    /** Connections open now; always 0 for {@link UdpSocket#onDatagram}, which has none. */
    int open();

    /** Connections accepted since the start; for {@link UdpSocket#onDatagram}, datagrams received. */
    long accepted();

    /** Handlers that threw since the start. */
    long failed();

    /**
     * Connections the spec's {@code idleTimeout} closed since the start: clients that sent and
     * received nothing for that long. Not counted in {@link #failed()}.
     */
    long idleClosed();

    /**
     * Connections closed since the start to make room, when every {@code maxConnections} slot was
     * taken, for a client from a host holding at least two fewer than theirs (see the class
     * description). Not counted in {@link #failed()}; printed by {@code toString()} as
     * {@code , 3 evicted} only when not 0.
     */
    long evicted();

    /**
     * True until {@link #close()} begins, or until the server closes itself because its own
     * machinery failed (then {@link #join()} throws why).
     */
    boolean isOpen();

    /**
     * Blocks until the server is closed (by another thread, or a handler): for a program that
     * only serves.
     *
     * <pre>{@code
     * Sockets.tcp().bind("", 12345).listen().onAccept(c -> c.send("hi")).join();
     * }</pre>
     *
     * @throws SocketError of kind OTHER if the waiting thread is interrupted (its flag stays set),
     *     or if the server closed itself because its own machinery failed (not a handler: that
     *     is counted in {@link #failed()} and served on); the failure is its cause's cause, and
     *     the server logged it once
     */
    void join();

    /**
     * Blocks until the server is closed or {@code limit} passes.
     *
     * @return true if it is closed
     * @throws SocketError as {@link #join()} does
     */
    boolean join(Duration limit);

    /** Closes with the default grace of 3 seconds; see {@link #close(Duration)}. */
    void close();

    /**
     * Closes the server: stops accepting at once, lets running handlers finish within
     * {@code grace}, then closes the connections still open (their reads and sends fail with
     * {@link SocketClosed}) and interrupts their threads. Blocks until then; returns at once
     * the second time. For {@code onReceive} ({@link TcpBinding#onReceive(Receiver)},
     * {@link UnixBinding#onReceive(Receiver)}), each connection is closed as {@link Peer#close()}
     * does, within {@code grace}: once what was sent to it has gone out, then waiting up to 2 s for
     * the client to close its side; called from a receiver, this returns at once and the loops
     * finish behind it (they cannot wait for themselves).
     *
     * @throws IllegalArgumentException for a negative grace
     */
    void close(Duration grace);
}
