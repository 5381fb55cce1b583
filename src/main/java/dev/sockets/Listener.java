package dev.sockets;

import java.net.SocketOption;


/**
 * A listening socket (TCP or Unix domain): accept connections one by one, or serve them all in
 * the background.
 *
 * <pre>{@code
 * // the tutorial's server.py: one connection at a time
 * var listener = Sockets.tcp().bind(Sockets.gethostname(), 12345).listen(5);
 * while (true) {
 *     try (var c = listener.accept()) {
 *         System.out.println("Got connection from " + c.remote());
 *         c.send("Thank you for connecting");
 *     }
 * }
 *
 * // or in the background: returns at once
 * var server = Sockets.tcp().bind("", 12345).listen().onAccept(c -> c.send("Thank you for connecting"));
 * }</pre>
 *
 * <p>Close it when done ({@code try (var l = ...)} works); once it serves through
 * {@link #onAccept(Handler)} or {@link #onReceive(Receiver)}, the {@link Server} owns it and
 * closes it.
 *
 * <p>It prints as {@code Listener[tcp 127.0.0.1:5000]}, with {@code , serving} or {@code ,
 * closed}.
 */
public interface Listener extends AutoCloseable {

    /** The address it listens on, with the port the OS chose for port 0. */
    Address address();

    /**
     * The address as an {@link Endpoint}.
     *
     * @throws IllegalStateException for a Unix domain listener
     */
    Endpoint endpoint();

    /**
     * The port it listens on: the one the OS chose when bound with port 0.
     *
     * @throws IllegalStateException for a Unix domain listener
     */
    int port();

    /** True until {@link #close()} (or until its server closes). */
    boolean isOpen();

    /**
     * The value the listening socket has now for an option, as Python's {@code getsockopt}:
     * {@code listener.option(StandardSocketOptions.SO_RCVBUF)}, the size the OS gave.
     *
     * @throws IllegalArgumentException for an option a listening socket of this kind does not have
     * @throws SocketClosed once the listener is closed
     */
    <T> T option(SocketOption<T> option);

    /**
     * Sets an option on the listening socket, as Python's {@code setsockopt}; returns this listener.
     * Connections accepted later inherit what the OS passes on (buffer sizes, say).
     *
     * @throws IllegalArgumentException for an option a listening socket of this kind does not have, or a value it does not take
     * @throws SocketClosed once the listener is closed
     */
    <T> Listener option(SocketOption<T> option, T value);

    /**
     * Blocks until a client connects and returns the connection (Python's {@code accept()}),
     * waiting at most the spec's {@code timeout} if one was set.
     *
     * @throws Timeout if no client connects within the timeout
     * @throws SocketClosed if the listener is closed
     * @throws IllegalStateException if a {@link Server} is serving this listener
     */
    Connection accept();

    /**
     * Starts serving in the background and returns at once: each connection runs
     * {@code handler} on a thread of its own (the spec's {@link ThreadModel}) and is closed when the handler
     * returns. At the spec's {@code maxConnections} open, accepting waits. The server owns this
     * listener from now on.
     *
     * <pre>{@code
     * var server = Sockets.tcp().bind("127.0.0.1", 0).listen()
     *                     .onAccept(c -> c.send("Thank you for connecting"));
     * server.port();     // the port to connect to
     * server.close();
     * }</pre>
     *
     * @throws IllegalStateException if a server already serves this listener, or the spec asks
     *                               for {@link ThreadModel#VIRTUAL} on Java 17 to 20
     * @throws SocketClosed if the listener is closed
     */
    Server onAccept(Handler handler);

    /**
     * Starts serving in the background with event loops and returns at once: the
     * {@code receiver} runs for every piece of data a client sends, as
     * {@link TcpBinding#onReceive(Receiver)} describes, on this listener's address and with the
     * backlog given to {@code listen}. The server owns this listener from now on: closing either
     * closes both.
     *
     * <pre>{@code
     * var echo = Sockets.tcp().bind("127.0.0.1", 0).listen(5)
     *                   .onReceive((peer, data) -> peer.send(data));
     * echo.port();       // the listener's port
     * }</pre>
     *
     * <p>A Unix domain listener hands its own socket to the loops. A TCP listener's socket has
     * no channel for them, so its address and port are bound again for the loops at once: a
     * client that connected before this call and was not yet accepted is refused. A TLS listener's
     * loops run each client's handshake, as {@link TlsBinding#onReceive(Receiver)} describes.
     *
     * @throws IllegalStateException if a server already serves this listener
     * @throws SocketClosed if the listener is closed
     * @throws AddressInUse if another socket took the TCP port in the moment it was free
     */
    Server onReceive(Receiver receiver);

    /**
     * As {@link #onReceive(Receiver)}, with the stream cut into frames: the receiver gets each
     * whole frame (without its prefix or delimiter, possibly empty), however TCP split or joined
     * them, as {@link TcpBinding#onReceive(Framing, Receiver)} describes.
     *
     * <pre>{@code
     * var f = Framing.delimited("\n", 8192);
     * Sockets.tcp().bind("127.0.0.1", 0).listen(5).onReceive(f, (peer, line) -> peer.sendFrame(f, line));
     * }</pre>
     */
    Server onReceive(Framing framing, Receiver receiver);

    /**
     * Closes the listening socket; an {@code accept} blocked in another thread fails. Once a
     * {@link Server} serves it, this closes that server too, with its default grace. Does nothing
     * the second time.
     */
    void close();
}
