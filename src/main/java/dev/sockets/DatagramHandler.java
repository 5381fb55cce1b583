package dev.sockets;

/**
 * What a UDP {@link Server} runs for each datagram: {@link UdpSocket#onDatagram(DatagramHandler)}.
 *
 * <pre>{@code
 * var echo = Sockets.udp().bind("127.0.0.1", 9999)
 *                   .onDatagram((udp, d) -> udp.sendto(d.data(), d.remote()));
 * }</pre>
 *
 * <p>It may throw anything: the server logs the failure with the sender's address, counts it
 * in {@link Server#failed()} and goes on receiving.
 */
@FunctionalInterface
public interface DatagramHandler {
    /**
     * Handles one datagram.
     *
     * @param socket the socket it arrived on: answer with {@code socket.sendto(..., d.remote())}
     * @param d      the datagram, whole (up to 65,535 bytes)
     * @throws Exception anything; logged, never fatal to the server
     */
    void handle(UdpSocket socket, Datagram d) throws Exception;
}
