package dev.sockets;

import java.util.Objects;

/**
 * What {@link Sockets#getnameinfo(Endpoint)} answers: a host name and a service name,
 * each falling back to the number where no name is known. Prints as Python's tuple:
 *
 * <pre>{@code
 * Sockets.getnameinfo(Endpoint.of("127.0.0.1", 80))                          // ('localhost', 'http')
 * Sockets.getnameinfo(Endpoint.of("127.0.0.1", 80), NameInfo.NI_NUMERICHOST) // ('127.0.0.1', 'http')
 * Sockets.getnameinfo(Endpoint.of("127.0.0.1", 123), NameInfo.NI_DGRAM)      // ('localhost', 'ntp')
 * }</pre>
 *
 * @param host    the host name, or the literal address
 * @param service the service name, or the port number as text
 */
public record NameInfo(String host, String service) {
    /** Flag: give the address as text; do not look its name up. */
    public static final int NI_NUMERICHOST = 1;
    /** Flag: give the port as a number; do not look its service up. */
    public static final int NI_NUMERICSERV = 2;
    /** Flag: give only the first label of the host name ({@code db} for {@code db.example.com}). */
    public static final int NI_NOFQDN = 4;
    /** Flag: fail with {@link HostNotFound} where the address has no name, instead of answering the address. */
    public static final int NI_NAMEREQD = 8;
    /** Flag: the service is a UDP one ({@code 123} is {@code ntp} over UDP, nothing over TCP). */
    public static final int NI_DGRAM = 16;

    /** Checks that both parts are present. */
    public NameInfo {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(service, "service");
    }

    /** Python's tuple: {@code ('localhost', 'http')}. */
    @Override
    public String toString() {
        return "('" + host + "', '" + service + "')";
    }
}
