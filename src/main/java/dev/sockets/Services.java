package dev.sockets;

import java.util.Optional;

/**
 * The services database: port numbers by name and back, like C's {@code getservbyname} and
 * {@code getservbyport}. Read from {@code /etc/services}, with a built-in table of the common
 * services where that file is missing or lacks a name. STUB signatures: issue 2 fills them in.
 */
public final class Services {
    private Services() {
    }

    /** The port of a service: {@code byName("www", Protocol.TCP)} is port 80. */
    public static Optional<Port> byName(String name, Protocol protocol) {
        return dev.sockets.internal.ServiceTable.byName(name, protocol);
    }

    /** The name of a service: {@code byPort(Port.of(80), Protocol.TCP)} is {@code http}. */
    public static Optional<String> byPort(Port port, Protocol protocol) {
        return dev.sockets.internal.ServiceTable.byPort(port, protocol);
    }
}
