package dev.sockets;

import java.util.Optional;

/**
 * The services database: port numbers by name and back, like C's {@code getservbyname} and
 * {@code getservbyport}.
 *
 * <pre>{@code
 * Services.byName("www", Protocol.TCP)          // Optional[Port 80 (http)]: www is an alias of http
 * Services.byName("ntp", Protocol.UDP)          // Optional[Port 123]
 * Services.byPort(Port.of(22), Protocol.TCP)    // Optional[ssh]
 * }</pre>
 *
 * <h2>Where the answers come from</h2>
 * {@code /etc/services}, read once on first use, and where that file is missing or lacks a name,
 * a built-in table of about sixty common services (echo, ftp, ssh, smtp, domain, http/www, pop3,
 * imap, https, mysql, postgresql, ...), which agrees with Debian's file.
 *
 * <h2>Matching</h2>
 * As glibc: names and aliases are case-sensitive ({@code WWW} is not found), the first line that
 * matches wins, and {@code byPort} answers the official name ({@code http}, not {@code www}).
 * {@link Protocol#DEFAULT} means either protocol, as a null protocol does in C: TCP's entry first.
 */
public final class Services {
    private Services() {
    }

    /**
     * The port of a service: {@code byName("www", Protocol.TCP)} is port 80.
     *
     * @return the port, or empty where no service of that name runs over that protocol
     */
    public static Optional<Port> byName(String name, Protocol protocol) {
        return dev.sockets.internal.words.ServiceTable.byName(name, protocol);
    }

    /**
     * The official name of a service: {@code byPort(Port.of(80), Protocol.TCP)} is {@code http}.
     *
     * @return the name, or empty where no service is known on that port and protocol
     */
    public static Optional<String> byPort(Port port, Protocol protocol) {
        return dev.sockets.internal.words.ServiceTable.byPort(port, protocol);
    }
}
