package dev.sockets;

/**
 * What {@link Sockets#getnameinfo(Endpoint)} answers: a host name and a service name,
 * each falling back to the number where no name is known. Prints as Python's tuple
 * {@code ('localhost', 'http')}.
 *
 * @param host    the host name, or the literal address
 * @param service the service name, or the port number as text
 */
public record NameInfo(String host, String service) {
    @Override
    public String toString() {
        return "('" + host + "', '" + service + "')";
    }
}
