package dev.sockets;

import dev.sockets.internal.words.Durations;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One socket the library opened in this JVM and has not closed, as {@link Sockets#open()} lists
 * it: what it is, its addresses, how long it has been open and the bytes it moved, read at the
 * moment of the listing.
 *
 * <pre>{@code
 * var s = Sockets.tcp().bind("127.0.0.1", 0).onAccept(c -> c.send("hi"));
 * Sockets.open().sockets().get(0)   // tcp server 127.0.0.1:40123, 0 s
 * }</pre>
 *
 * @param kind          the protocol and the role: {@code "tcp server"}, {@code "tls listener"},
 *                      {@code "unix connection"}, {@code "tcp peer"} (a connection an
 *                      {@code onReceive} server serves), {@code "udp socket"}
 * @param handle        the handle itself: a {@link Server}, {@link Listener}, {@link Connection},
 *                      {@link Peer} or {@link UdpSocket}, to close or ask more of
 * @param local         this end's address
 * @param remote        the other end's, empty for servers, listeners and unconnected UDP sockets
 * @param age           how long it has been open
 * @param bytesReceived what it received so far ({@code bytesReceived()} of the handle; a UDP
 *                      server's, its socket's); -1 for stream servers and listeners, which move
 *                      no bytes themselves (each connection has its own entry): the table prints
 *                      {@code -}, and {@link #toString()} leaves the counts out
 * @param bytesSent     what it sent so far; -1 where {@code bytesReceived} is
 */
public record OpenSocket(String kind, Object handle, Address local, Optional<Address> remote, Duration age,
                         long bytesReceived, long bytesSent) {

    /** Checks that every part is present. */
    public OpenSocket {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(age, "age");
    }

    /** {@code tcp connection 127.0.0.1:41234 -> 127.0.0.1:12345, 12 s, 5 bytes in, 2 out}. */
    @Override
    public String toString() {
        return kind + " " + show(local) + remote.map(r -> " -> " + show(r)).orElse("") + ", "
                + Durations.coarse(age) + (bytesReceived < 0 ? "" : ", " + bytesReceived + " bytes in, " + bytesSent + " out");
    }

    /** An address as the list shows it: the any address as {@code 0.0.0.0:5000}, since {@code :5000} reads poorly. */
    static String show(Address a) {
        return a instanceof Endpoint e && e.host() instanceof Host.Any ? "0.0.0.0:" + e.port().number() : a.text();
    }
}
