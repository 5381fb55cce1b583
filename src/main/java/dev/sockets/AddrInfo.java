package dev.sockets;

/**
 * One answer of {@link Sockets#getaddrinfo(String, String)}: a family, a socket type, a protocol,
 * a canonical name and an address, printed like Python's tuple
 * {@code (2, 1, 6, '', ('127.0.0.1', 80))}.
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
    /** Flag: fill in {@link #canonName()}. */
    public static final int AI_CANONNAME = 0x2;
    /** Flag: the host must be a literal; never ask DNS. */
    public static final int AI_NUMERICHOST = 0x4;
    /** Flag: the port must be a number; never look up a service name. */
    public static final int AI_NUMERICSERV = 0x400;
}
