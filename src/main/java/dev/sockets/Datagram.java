package dev.sockets;

import java.util.Objects;

/**
 * One datagram received by {@link UdpSocket#recvfrom(int)}: its bytes, who sent it, and whether
 * it was cut short.
 *
 * <pre>{@code
 * Datagram d = udp.recvfrom(1024);   // Datagram[b'ping' from 127.0.0.1:41234]
 * d.data().text();                   // "ping"
 * udp.sendto("pong", d.remote());
 * }</pre>
 *
 * <h2>Truncation is reported</h2>
 * A datagram longer than {@code recvfrom}'s {@code max} loses its tail; the OS keeps no rest to
 * read later. Python drops it silently; here {@link #truncated()} says so, and {@code toString()} too.
 *
 * @param data      the bytes received, at most the {@code max} asked for
 * @param remote    the address it came from: answer there with {@link UdpSocket#sendto(String, Endpoint)}
 * @param truncated true when the datagram was longer than {@code max} and its tail was dropped
 */
public record Datagram(Bytes data, Endpoint remote, boolean truncated) {

    /** Checks the parts are present. */
    public Datagram {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(remote, "remote");
    }

    /** {@code Datagram[b'ping' from 127.0.0.1:41234]}, with {@code , truncated to 4 bytes} when cut short. */
    @Override
    public String toString() {
        return "Datagram[" + data + " from " + remote.text()
                + (truncated ? ", truncated to " + data.length() + " bytes" : "") + "]";
    }
}
