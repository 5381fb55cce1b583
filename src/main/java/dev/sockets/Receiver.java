package dev.sockets;

/**
 * What an event-driven server ({@link TcpBinding#onReceive(Receiver)}) does with the data a
 * client sends: runs on the server's loop thread each time some arrives.
 *
 * <pre>{@code
 * Receiver echo = (peer, data) -> peer.send(data);
 * Receiver upper = (peer, data) -> peer.send(data.text().toUpperCase()); // ASCII only: see below
 * }</pre>
 *
 * <p>Data comes as TCP delivers it: one message may arrive in pieces, several in one, and a
 * piece may end inside a UTF-8 character, so {@code data.text()} of one piece may show
 * {@code \uFFFD}: a text protocol collects bytes up to its delimiter and decodes then (see
 * {@code examples/EventChat.java}), or the server is made with a {@link Framing}
 * ({@link TcpBinding#onReceive(Framing, Receiver)}), and each call gets one whole frame. The receiver must not block: the loop thread serves many
 * connections. There is one loop per core, and connections are spread over them: state that
 * connections share must be thread-safe (a {@code ConcurrentHashMap}); one connection's calls
 * all come on its one loop. It may throw anything: the
 * server logs it with the peer's address, closes that connection, counts it in
 * {@link Server#failed()} and goes on.
 *
 * <p>A server that keeps something per connection (who is in a chat room, a half-read line) also
 * implements {@link #opened} and {@link #closed}, as asyncio's {@code connection_made} and
 * {@code connection_lost}:
 *
 * <pre>{@code
 * Set<Peer> room = ConcurrentHashMap.newKeySet();
 * Sockets.tcp().bind("127.0.0.1", 0).onReceive(new Receiver() {
 *     public void opened(Peer p) { room.add(p); }
 *     public void receive(Peer from, Bytes data) { room.forEach(p -> p.send(data)); }
 *     public void closed(Peer p) { room.remove(p); }
 * });
 * }</pre>
 */
@FunctionalInterface
public interface Receiver {
    /**
     * Handles data received from one connection.
     *
     * @param peer the connection it came from, to answer on
     * @param data what came, never empty; under {@code onReceive(framing, receiver)} one whole
     *             frame, which may be empty
     * @throws Exception anything; logged, never fatal to the server
     */
    void receive(Peer peer, Bytes data) throws Exception;

    /**
     * A connection was accepted: runs once per connection, on its loop thread, before any
     * {@link #receive}. Does nothing unless overridden. If it throws, the connection is closed
     * (and {@link #closed} still runs).
     *
     * @param peer the new connection
     * @throws Exception anything; logged and counted in {@link Server#failed()}
     */
    default void opened(Peer peer) throws Exception {
    }

    /**
     * A connection is closed, by either side, a failure, a timeout or the server's close: runs
     * once per connection whose {@link #opened} ran, on its loop thread, after the last
     * {@link #receive}. Does nothing unless overridden.
     *
     * @param peer the connection, closed
     * @throws Exception anything; logged and counted in {@link Server#failed()}
     */
    default void closed(Peer peer) throws Exception {
    }
}
