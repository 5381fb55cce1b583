package dev.sockets;

/**
 * What an event-driven server ({@link TcpBinding#onReceive(Receiver)}) does with the data a
 * client sends: runs on the server's loop thread each time some arrives.
 *
 * <pre>{@code
 * Receiver echo = (peer, data) -> peer.send(data);
 * Receiver upper = (peer, data) -> peer.send(data.text().toUpperCase());
 * }</pre>
 *
 * <p>Data comes as TCP delivers it: one message may arrive in pieces, several in one. The
 * receiver must not block: the loop thread serves many connections. It may throw anything: the
 * server logs it with the peer's address, closes that connection, counts it in
 * {@link Server#failed()} and goes on.
 */
@FunctionalInterface
public interface Receiver {
    /**
     * Handles data received from one connection.
     *
     * @param peer the connection it came from, to answer on
     * @param data what came, never empty
     * @throws Exception anything; logged, never fatal to the server
     */
    void receive(Peer peer, Bytes data) throws Exception;
}
