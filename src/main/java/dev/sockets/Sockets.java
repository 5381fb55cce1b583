package dev.sockets;

import java.util.List;

/**
 * The front door: every socket starts here, and so do the name services.
 *
 * <pre>{@code
 * import dev.sockets.*;
 *
 * var server = Sockets.tcp().bind("127.0.0.1", 0).listen(5)
 *                     .onAccept(c -> c.send("hi").close());
 * try (var c = Sockets.tcp().connect("127.0.0.1", server.port())) {
 *     System.out.println(c.recv(1024));   // b'hi'
 * }
 * Sockets.gethostname();                  // "myhost"
 * Sockets.getaddrinfo("localhost", "www"); // [(2, 1, 6, '', ('127.0.0.1', 80)), ...]
 * }</pre>
 */
public final class Sockets {
    private Sockets() {
    }

    /** This machine's host name, as Python's {@code socket.gethostname()}. */
    public static String gethostname() {
        return dev.sockets.internal.NameService.hostname();
    }

    /**
     * Resolves a host to one IPv4 address, as Python's {@code socket.gethostbyname()}.
     * A literal is returned as it is, without DNS.
     *
     * @throws HostNotFound if the name does not resolve to an IPv4 address
     * @throws AddressError if the text is not a hostname
     */
    public static Host gethostbyname(String host) {
        return dev.sockets.internal.NameService.gethostbyname(host);
    }

    /**
     * Resolves a host and a port to every address and socket type to try, as Python's
     * {@code socket.getaddrinfo(host, port)}: one entry per address and type (STREAM, DGRAM).
     *
     * @param host a hostname in any of the tutorial's forms
     * @param port a port number or a service name ({@code "www"})
     * @throws HostNotFound if the name does not resolve
     * @throws AddressError if the host or the port does not parse
     */
    public static List<AddrInfo> getaddrinfo(String host, String port) {
        return getaddrinfo(host, port, null, null, Protocol.DEFAULT, 0);
    }

    /** As {@link #getaddrinfo(String, String)}, with a port number. */
    public static List<AddrInfo> getaddrinfo(String host, int port) {
        return getaddrinfo(host, Integer.toString(port), null, null, Protocol.DEFAULT, 0);
    }

    /**
     * As {@link #getaddrinfo(String, String)}, narrowed and steered as C's {@code getaddrinfo}.
     *
     * @param family   only this family, or {@code null} for any (Python's {@code AF_UNSPEC})
     * @param type     only this type, or {@code null} for any
     * @param protocol only this protocol, or {@link Protocol#DEFAULT}
     * @param flags    {@link AddrInfo#AI_PASSIVE}, {@link AddrInfo#AI_CANONNAME},
     *                 {@link AddrInfo#AI_NUMERICHOST}, {@link AddrInfo#AI_NUMERICSERV}, or'ed
     */
    public static List<AddrInfo> getaddrinfo(String host, String port, Domain family, Type type,
                                             Protocol protocol, int flags) {
        return dev.sockets.internal.NameService.getaddrinfo(host, port, family, type, protocol, flags);
    }

    /**
     * The host name and service name of an endpoint, as Python's {@code socket.getnameinfo()}:
     * {@code getnameinfo(Endpoint.of("127.0.0.1", 80))} is {@code ('localhost', 'http')}.
     */
    public static NameInfo getnameinfo(Endpoint endpoint) {
        return dev.sockets.internal.NameService.getnameinfo(endpoint);
    }

    /**
     * The UDP spec with the OS's defaults, as Python's {@code socket(AF_INET, SOCK_DGRAM)}:
     * configure it, then {@code bind}, {@code connect} or {@code sendto}.
     *
     * <pre>{@code
     * var rx = Sockets.udp().bind("127.0.0.1", 9999);
     * Sockets.udp().sendto("hello", "127.0.0.1", 9999);
     * rx.recvfrom(1024);   // Datagram[b'hello' from 127.0.0.1:41234]
     * }</pre>
     */
    public static UdpSpec udp() {
        return UdpSpec.defaults();
    }
}
