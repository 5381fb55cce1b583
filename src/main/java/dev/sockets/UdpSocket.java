package dev.sockets;

import java.net.SocketOption;
import java.util.Optional;

/**
 * An open UDP socket: sends and receives datagrams, joins multicast groups. Made by
 * {@link UdpSpec#bind(String, int)} or {@link UdpSpec#connect(String, int)}; close it when done.
 *
 * <pre>{@code
 * try (var udp = Sockets.udp().bind("127.0.0.1", 9999)) {   // UdpSocket[127.0.0.1:9999]
 *     Datagram d = udp.recvfrom(1024);                       // blocks until one arrives
 *     udp.sendto("pong", d.remote());
 * }
 * }</pre>
 *
 * <h2>Threads</h2>
 * One socket may be used by several threads: sends run side by side, receives take turns.
 * {@link #close()} from another thread ends a blocked {@code recvfrom} with {@link SocketClosed};
 * so does interrupting the thread that waits, which closes the socket, as the JDK's blocking I/O does.
 *
 * <h2>Comparison with Python</h2>
 * The same verbs ({@code sendto}, {@code recvfrom}, {@code send}, {@code recv}), with four
 * differences: {@code recvfrom} returns a {@link Datagram} that says when it was truncated;
 * sending to a broadcast address without {@code broadcast(true)} explains itself;
 * {@link #join(String)} needs to know the interface (the spec's {@code multicastInterface}, or an
 * argument) instead of letting the OS pick one, so that no group is joined on a network by accident;
 * and a connected socket refuses to send an empty datagram ({@code b''}), which the JDK would drop
 * without a word: send it from a socket of {@code Sockets.udp().bind(...)}.
 *
 * <p>It prints as {@code UdpSocket[127.0.0.1:9999]}, {@code UdpSocket[127.0.0.1:40000 ->
 * 127.0.0.1:9999]}, {@code UdpSocket[0.0.0.0:5007, joined 239.1.2.3 on lo]}, {@code
 * UdpSocket[closed, was 127.0.0.1:9999]}.
 */
public interface UdpSocket extends AutoCloseable {

    /** The address this socket is bound to, with the port the OS chose for port 0. */
    Endpoint local();

    /** The default peer given to {@link UdpSpec#connect(String, int)}, if this socket was made that way; empty for a bound socket. */
    Optional<Endpoint> remote();

    /**
     * The value this socket has now for an option, as Python's {@code s.getsockopt(...)}:
     * {@code udp.option(StandardSocketOptions.SO_RCVBUF)} tells the size the OS gave, which may
     * differ from what the spec asked for (Linux doubles it: 65536 asked reads 131072).
     *
     * @throws IllegalArgumentException for an option a datagram socket does not have
     * @throws SocketClosed once the socket is closed
     */
    <T> T option(SocketOption<T> option);

    /**
     * Sets an option on this open socket, as Python's {@code s.setsockopt(...)}; returns this socket.
     *
     * @throws IllegalArgumentException for an option a datagram socket does not have, or a value it does not take
     * @throws SocketClosed once the socket is closed
     */
    <T> UdpSocket option(SocketOption<T> option, T value);

    /** True until {@link #close()}. */
    boolean isOpen();

    /**
     * Sends one datagram to a host and port, as Python's {@code s.sendto(data, (host, port))};
     * the text goes as UTF-8. Returns this socket, for chaining.
     *
     * @throws PermissionDenied to a broadcast address without {@code broadcast(true)} on the spec
     * @throws SocketError of kind {@link SocketError.Kind#MESSAGE_TOO_LONG} for more bytes than one datagram holds (65,507 over IPv4)
     * @throws IllegalStateException on a connected socket, to another address than its peer
     */
    UdpSocket sendto(String data, String host, int port);

    /** As {@link #sendto(String, String, int)}, the bytes as they are. */
    UdpSocket sendto(byte[] data, String host, int port);

    /** As {@link #sendto(String, String, int)}. */
    UdpSocket sendto(Bytes data, String host, int port);

    /** As {@link #sendto(String, String, int)}, to an endpoint: {@code udp.sendto("pong", d.remote())}. */
    UdpSocket sendto(String data, Endpoint to);

    /** As {@link #sendto(String, Endpoint)}, the bytes as they are. */
    UdpSocket sendto(byte[] data, Endpoint to);

    /** As {@link #sendto(String, Endpoint)}. */
    UdpSocket sendto(Bytes data, Endpoint to);

    // The same forms of address as bind and connect take (SpecShapeTest holds them equal).

    private static Port udpPort(String port) {
        return Port.parse(port, Protocol.UDP).getOrElseThrow(e -> e);
    }

    /** As {@link #sendto(String, String, int)}, the port a number or a UDP service name. */
    default UdpSocket sendto(String data, String host, String port) {
        return sendto(data, new Endpoint(Host.of(host), udpPort(port)));
    }

    /** As {@link #sendto(String, String, int)}, the port a number or a UDP service name. */
    default UdpSocket sendto(byte[] data, String host, String port) {
        return sendto(data, new Endpoint(Host.of(host), udpPort(port)));
    }

    /** As {@link #sendto(String, String, int)}, the port a number or a UDP service name. */
    default UdpSocket sendto(Bytes data, String host, String port) {
        return sendto(data, new Endpoint(Host.of(host), udpPort(port)));
    }

    /** As {@link #sendto(String, String, int)}. */
    default UdpSocket sendto(String data, String host, Port port) {
        return sendto(data, new Endpoint(Host.of(host), port));
    }

    /** As {@link #sendto(String, String, int)}. */
    default UdpSocket sendto(byte[] data, String host, Port port) {
        return sendto(data, new Endpoint(Host.of(host), port));
    }

    /** As {@link #sendto(String, String, int)}. */
    default UdpSocket sendto(Bytes data, String host, Port port) {
        return sendto(data, new Endpoint(Host.of(host), port));
    }

    /** As {@link #sendto(String, String, int)}, the host an IPv4 address in an int. */
    default UdpSocket sendto(String data, int host, int port) {
        return sendto(data, new Endpoint(Host.of(host), Port.of(port)));
    }

    /** As {@link #sendto(String, String, int)}, the host an IPv4 address in an int. */
    default UdpSocket sendto(byte[] data, int host, int port) {
        return sendto(data, new Endpoint(Host.of(host), Port.of(port)));
    }

    /** As {@link #sendto(String, String, int)}, the host an IPv4 address in an int. */
    default UdpSocket sendto(Bytes data, int host, int port) {
        return sendto(data, new Endpoint(Host.of(host), Port.of(port)));
    }

    /** As {@link #sendto(String, String, int)}, the host an IPv4 address in an int and the port a number or a UDP service name. */
    default UdpSocket sendto(String data, int host, String port) {
        return sendto(data, new Endpoint(Host.of(host), udpPort(port)));
    }

    /** As {@link #sendto(String, String, int)}, the host an IPv4 address in an int and the port a number or a UDP service name. */
    default UdpSocket sendto(byte[] data, int host, String port) {
        return sendto(data, new Endpoint(Host.of(host), udpPort(port)));
    }

    /** As {@link #sendto(String, String, int)}, the host an IPv4 address in an int and the port a number or a UDP service name. */
    default UdpSocket sendto(Bytes data, int host, String port) {
        return sendto(data, new Endpoint(Host.of(host), udpPort(port)));
    }

    /** As {@link #sendto(String, String, int)}, the host an IPv4 address in an int. */
    default UdpSocket sendto(String data, int host, Port port) {
        return sendto(data, new Endpoint(Host.of(host), port));
    }

    /** As {@link #sendto(String, String, int)}, the host an IPv4 address in an int. */
    default UdpSocket sendto(byte[] data, int host, Port port) {
        return sendto(data, new Endpoint(Host.of(host), port));
    }

    /** As {@link #sendto(String, String, int)}, the host an IPv4 address in an int. */
    default UdpSocket sendto(Bytes data, int host, Port port) {
        return sendto(data, new Endpoint(Host.of(host), port));
    }

    /** As {@link #sendto(String, String, int)}. */
    default UdpSocket sendto(String data, Host host, int port) {
        return sendto(data, new Endpoint(host, Port.of(port)));
    }

    /** As {@link #sendto(String, String, int)}. */
    default UdpSocket sendto(byte[] data, Host host, int port) {
        return sendto(data, new Endpoint(host, Port.of(port)));
    }

    /** As {@link #sendto(String, String, int)}. */
    default UdpSocket sendto(Bytes data, Host host, int port) {
        return sendto(data, new Endpoint(host, Port.of(port)));
    }

    /** As {@link #sendto(String, String, int)}, the port a number or a UDP service name. */
    default UdpSocket sendto(String data, Host host, String port) {
        return sendto(data, new Endpoint(host, udpPort(port)));
    }

    /** As {@link #sendto(String, String, int)}, the port a number or a UDP service name. */
    default UdpSocket sendto(byte[] data, Host host, String port) {
        return sendto(data, new Endpoint(host, udpPort(port)));
    }

    /** As {@link #sendto(String, String, int)}, the port a number or a UDP service name. */
    default UdpSocket sendto(Bytes data, Host host, String port) {
        return sendto(data, new Endpoint(host, udpPort(port)));
    }

    /** As {@link #sendto(String, String, int)}. */
    default UdpSocket sendto(String data, Host host, Port port) {
        return sendto(data, new Endpoint(host, port));
    }

    /** As {@link #sendto(String, String, int)}. */
    default UdpSocket sendto(byte[] data, Host host, Port port) {
        return sendto(data, new Endpoint(host, port));
    }

    /** As {@link #sendto(String, String, int)}. */
    default UdpSocket sendto(Bytes data, Host host, Port port) {
        return sendto(data, new Endpoint(host, port));
    }

    /**
     * Gives this socket a default peer, as Python's {@code s.connect((host, port))} on a datagram
     * socket: {@link #send(String) send} goes there, and only its datagrams are received. Works on
     * a bound socket, and again on a connected one (a new peer); no packet is sent. Returns this socket.
     *
     * <pre>{@code
     * var s = Sockets.udp().bind("127.0.0.1", 5000).connect("127.0.0.1", 9999);
     * s.send("ping");
     * }</pre>
     *
     * @throws PermissionDenied for a broadcast address without {@code broadcast(true)}
     */
    UdpSocket connect(Endpoint peer);

    /** Takes the default peer away again: back to a bound socket that receives from anyone and sends with {@code sendto}. */
    UdpSocket disconnect();

    /** As {@link #connect(Endpoint)}. */
    default UdpSocket connect(String host, int port) {
        return connect(new Endpoint(Host.of(host), Port.of(port)));
    }

    /** As {@link #connect(Endpoint)}, the port a number or a UDP service name. */
    default UdpSocket connect(String host, String port) {
        return connect(new Endpoint(Host.of(host), udpPort(port)));
    }

    /** As {@link #connect(Endpoint)}. */
    default UdpSocket connect(String host, Port port) {
        return connect(new Endpoint(Host.of(host), port));
    }

    /** As {@link #connect(Endpoint)}, the host an IPv4 address in an int. */
    default UdpSocket connect(int host, int port) {
        return connect(new Endpoint(Host.of(host), Port.of(port)));
    }

    /** As {@link #connect(Endpoint)}, the host an IPv4 address in an int and the port a number or a UDP service name. */
    default UdpSocket connect(int host, String port) {
        return connect(new Endpoint(Host.of(host), udpPort(port)));
    }

    /** As {@link #connect(Endpoint)}, the host an IPv4 address in an int. */
    default UdpSocket connect(int host, Port port) {
        return connect(new Endpoint(Host.of(host), port));
    }

    /** As {@link #connect(Endpoint)}. */
    default UdpSocket connect(Host host, int port) {
        return connect(new Endpoint(host, Port.of(port)));
    }

    /** As {@link #connect(Endpoint)}, the port a number or a UDP service name. */
    default UdpSocket connect(Host host, String port) {
        return connect(new Endpoint(host, udpPort(port)));
    }

    /** As {@link #connect(Endpoint)}. */
    default UdpSocket connect(Host host, Port port) {
        return connect(new Endpoint(host, port));
    }

    /**
     * Makes every later receive on this socket give up after {@code timeout}, as Python's
     * {@code s.settimeout(seconds)}; returns this socket. A receive already waiting in another
     * thread keeps the time it started with.
     *
     * @throws IllegalArgumentException for zero or less: {@link #noTimeout()} waits without end
     */
    UdpSocket timeout(java.time.Duration timeout);

    /** Makes receives wait without end again, as Python's {@code s.settimeout(None)}: the default. */
    UdpSocket noTimeout();

    /**
     * Sends one datagram to the connected peer, as Python's {@code s.send(data)}; text as UTF-8.
     *
     * @throws IllegalStateException if this socket has no peer (made by {@code bind}, and not connected since)
     * @throws IllegalArgumentException for zero bytes, which Java cannot send on a connected
     *         socket (Python can); {@code sendto} on a bound socket can
     */
    UdpSocket send(String data);

    /** As {@link #send(String)}. */
    UdpSocket send(Bytes data);

    /** As {@link #send(String)}, the bytes as they are. */
    UdpSocket send(byte[] data);

    /**
     * Blocks until a datagram arrives and returns at most {@code max} of its bytes, as Python's
     * {@code s.recv(max)}: from the peer on a connected socket, from anyone on a bound one. The
     * rest of a longer datagram is lost; {@link #recvfrom(int)} tells whether that happened, and
     * who sent it.
     *
     * @throws ConnectionRefused if an earlier datagram found no receiver at the peer (ICMP port unreachable)
     * @throws Timeout           if the timeout passes first
     */
    Bytes recv(int max);

    /**
     * Blocks until a datagram arrives and returns at most {@code max} of its bytes with its sender,
     * as Python's {@code s.recvfrom(max)}. A longer datagram is cut to {@code max} bytes and
     * {@link Datagram#truncated()} says so.
     *
     * @param max the most bytes to keep; 65,535 or more keeps every datagram whole
     * @throws Timeout      if the spec's {@link UdpSpec#timeout(Duration) timeout} passes first
     * @throws SocketClosed if the socket is closed, before or during the wait
     * @throws IllegalArgumentException if {@code max} is negative
     */
    Datagram recvfrom(int max);

    /**
     * Joins a multicast group on the spec's {@link UdpSpec#multicastInterface(String) multicastInterface},
     * so that datagrams sent to the group reach this socket. Returns this socket.
     *
     * @throws IllegalStateException if the spec names no multicast interface: use {@link #join(String, String)}
     * @throws AddressError if the address is not a multicast group
     */
    UdpSocket join(String group);

    /**
     * Joins a multicast group on an interface named ({@code "lo"}) or given by one of its addresses.
     *
     * <pre>{@code
     * var rx = Sockets.udp().reuseAddress(true).bind("", 5007).join("239.1.2.3", "lo");
     * }</pre>
     *
     * @throws AddressError if the address is not a multicast group, or no interface has that name
     */
    UdpSocket join(String group, String networkInterface);

    /** Leaves a group joined with {@link #join(String)}. Returns this socket. */
    UdpSocket leave(String group);

    /**
     * Leaves a group joined on an interface.
     *
     * @throws IllegalStateException if this socket has not joined that group there
     */
    UdpSocket leave(String group, String networkInterface);

    /**
     * Starts serving in the background and returns at once: a thread of the server's receives
     * each datagram and runs {@code handler} with this socket and it, one datagram at a time, in
     * the order they arrive. The server owns this socket from now on: {@link Server#close()}
     * closes it, and {@code recvfrom} here is refused.
     *
     * <pre>{@code
     * var server = Sockets.udp().bind("127.0.0.1", 9999)
     *                     .onDatagram((udp, d) -> udp.sendto(d.data(), d.remote()));
     * server            // Server[udp 127.0.0.1:9999, 0 received]
     * server.close();
     * }</pre>
     *
     * @throws IllegalStateException if a server already serves this socket
     * @throws SocketClosed if the socket is closed
     */
    Server onDatagram(DatagramHandler handler);

    // ---- wiretap: this socket's datagrams recorded, as socat -v ----------------------------

    /**
     * Starts recording each datagram this socket sends or receives, with the peer's address, on
     * standard error, as {@link UdpSpec#wiretap()} does for every socket of a spec (a tap it had
     * is replaced). Returns this socket.
     */
    UdpSocket wiretap();

    /**
     * As {@link #wiretap()}, appending to {@code file} (created readable by its owner only).
     *
     * @throws IllegalArgumentException if {@code file} is a directory or its directory does not exist
     */
    UdpSocket wiretap(java.nio.file.Path file);

    /** As {@link #wiretap()}, to {@code out}; the tap never closes it. */
    UdpSocket wiretap(java.io.PrintStream out);

    /** Closes the socket: leaves its groups, frees its port, and ends a blocked receive. Idempotent. */
    void close();
}
