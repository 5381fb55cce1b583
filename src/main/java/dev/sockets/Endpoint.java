package dev.sockets;

import io.vavr.control.Either;
import java.util.Objects;

/**
 * A host and a port: where a TCP or UDP socket is bound or connected.
 *
 * <pre>{@code
 * Endpoint.of("127.0.0.1", 80)         // 127.0.0.1:80
 * Endpoint.parse("[::1]:80")           // Right([::1]:80)
 * Endpoint.parse("localhost:www")      // Right(localhost:80)
 * }</pre>
 * The printed form always parses back to an equal value.
 *
 * @param host the host
 * @param port the port
 */
public record Endpoint(Host host, Port port) implements Address {

    /** Checks both parts are present. */
    public Endpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
    }

    /**
     * Parses {@code host:port}, {@code [ipv6]:port} or {@code [ipv6%zone]:port}; the port may be a
     * service name. Never throws.
     */
    public static Either<AddressError, Endpoint> parse(String text) {
        return dev.sockets.internal.EndpointParser.parse(text);
    }

    /**
     * Parses an endpoint, throwing where {@link #parse(String)} would return an error.
     *
     * @throws AddressError if the text is not an endpoint
     */
    public static Endpoint of(String text) {
        return parse(text).getOrElseThrow(AddressError::rethrowable);
    }

    /**
     * The endpoint for a hostname and a port number.
     *
     * @throws AddressError if the host does not parse
     * @throws IllegalArgumentException if the port is outside [0, 65535]
     */
    public static Endpoint of(String host, int port) {
        return new Endpoint(Host.of(host), Port.of(port));
    }

    /** The endpoint for a host and a port number. */
    public static Endpoint of(Host host, int port) {
        return new Endpoint(host, Port.of(port));
    }

    /** {@code 127.0.0.1:80}, {@code [::1]:80}, {@code localhost:80}, {@code :80} for the any address. */
    @Override
    public String text() {
        String h = host.text();
        return (host instanceof Host.Ipv6 ? "[" + h + "]" : h) + ":" + port.number();
    }

    @Override
    public String toString() {
        return text();
    }
}
