package dev.sockets;

import java.util.Objects;

/**
 * One answer of {@link Sockets#getaddrinfo(String, String)}: a family, a socket type, a protocol,
 * a canonical name and an address, printed like Python's tuple so that the tutorial's output
 * reads the same:
 *
 * <pre>{@code
 * Sockets.getaddrinfo("localhost", "www")
 * // [(2, 1, 6, '', ('127.0.0.1', 80))]
 * new AddrInfo(Domain.INET6, Type.STREAM, Protocol.TCP, "", Endpoint.of("[::1]:80"))
 * // (10, 1, 6, '', ('::1', 80, 0, 0))
 * }</pre>
 *
 * <p>The numbers are Linux's, as Python prints them: family 2 is {@link Domain#INET}, 10
 * {@link Domain#INET6}; type 1 is {@link Type#STREAM}, 2 {@link Type#DGRAM}; protocol 6 is
 * {@link Protocol#TCP}, 17 {@link Protocol#UDP}. An IPv6 address has Python's four parts: the
 * address (with its {@code %zone}), the port, the flow info (always 0) and the scope id (the zone's
 * interface index, or 0).
 *
 * <p>One difference from Python, on purpose: Python (3.7 and later) prints
 * {@code ('fe80::1', 80, 0, 1)} for {@code fe80::1%lo}, the zone only as the scope id; here the
 * address keeps its zone as written, {@code ('fe80::1%lo', 80, 0, 1)}, because a Java program
 * passes on the text, not the tuple: the address pasted into {@code connect} reaches the same
 * interface. The canonical name of a literal ({@link #AI_CANONNAME}) is that same text, as Python's.
 *
 * @param family    the address family
 * @param type      the socket type
 * @param protocol  the protocol
 * @param canonName the canonical name, {@code ""} unless {@code AI_CANONNAME} was asked for
 * @param address   the address and port
 */
public record AddrInfo(Domain family, Type type, Protocol protocol, String canonName, Endpoint address) {
    /** Flag: the address is for binding ({@code ""} means the any address). */
    public static final int AI_PASSIVE = 0x1;
    /** Flag: fill in {@link #canonName()} of the first answer. */
    public static final int AI_CANONNAME = 0x2;
    /** Flag: the host must be a literal; never ask DNS. */
    public static final int AI_NUMERICHOST = 0x4;
    /** Flag: the port must be a number; never look up a service name. */
    public static final int AI_NUMERICSERV = 0x400;

    /** Checks that every part is present. */
    public AddrInfo {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(canonName, "canonName");
        Objects.requireNonNull(address, "address");
    }

    /** Python's tuple: {@code (2, 1, 6, '', ('127.0.0.1', 80))}, {@code (10, 1, 6, '', ('::1', 80, 0, 0))}. */
    @Override
    public String toString() {
        Host h = address.host();
        String host;
        if (h instanceof Host.Any) {
            host = family == Domain.INET6 ? "::" : "0.0.0.0";
        } else if (h instanceof Host.Broadcast) {
            host = "255.255.255.255";
        } else {
            host = h.text();
        }
        var s = new StringBuilder().append('(').append(family.number()).append(", ").append(type.number())
                .append(", ").append(protocol.number()).append(", '").append(canonName).append("', ('")
                .append(host).append("', ").append(address.port().number());
        if (family == Domain.INET6) {
            s.append(", 0, ").append(h instanceof Host.Ipv6 ? scopeId(((Host.Ipv6) h).zone()) : 0);
        }
        return s.append("))").toString();
    }

    private static int scopeId(String zone) {
        if (zone.isEmpty()) {
            return 0;
        }
        if (zone.length() < 10 && zone.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Integer.parseInt(zone);
        }
        try {
            var nif = java.net.NetworkInterface.getByName(zone);
            return nif == null ? 0 : nif.getIndex();
        } catch (java.net.SocketException e) {
            return 0;
        }
    }
}
