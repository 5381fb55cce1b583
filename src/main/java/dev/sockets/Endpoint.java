package dev.sockets;

import io.vavr.control.Either;
import java.util.Objects;

/**
 * A host and a port: where a TCP or UDP socket is bound or connected.
 *
 * <pre>{@code
 * Endpoint.of("127.0.0.1", 80)         // 127.0.0.1:80
 * Endpoint.parse("[::1]:80")           // Right([::1]:80)
 * Endpoint.parse("[fe80::1%eth0]:80")  // Right([fe80::1%eth0]:80)
 * Endpoint.parse("localhost:www")      // Right(localhost:80): the service is looked up at once
 * Endpoint.parse(":80")                // Right(:80): the any address
 * Endpoint.parse("<broadcast>:9999")   // Right(<broadcast>:9999)
 * Endpoint.parse("::1")
 * // Left(`::1`: IPv6 address without brackets and port at position 0; an IPv6 address needs brackets and a port; try `[::1]:80`)
 * Endpoint.parse("http://localhost:8080/x")
 * // Left(`http://localhost:8080/x`: a URL, not an endpoint at position 0; drop the scheme `http://` and what follows the port; try `localhost:8080`)
 * }</pre>
 *
 * <h2>Text</h2>
 * The printed form always parses back to an equal value: an IPv6 host is bracketed, the port is
 * its number (a service name given to {@code parse} is resolved to its TCP port there), and the
 * any address prints as nothing before the colon. A host name is kept as a name, not resolved; an
 * internationalized one prints in its ASCII form ({@code xn--bcher-kva.example:80}), the form that
 * parses back and is resolved (its {@link #host()} prints both forms).
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
     * TCP service name. Never throws, blocks or resolves.
     *
     * @return the endpoint, or an {@link AddressError} whose position points into {@code text}
     */
    public static Either<AddressError, Endpoint> parse(String text) {
        return dev.sockets.internal.words.EndpointParser.parse(text);
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
     * @throws AddressError if the port is outside [0, 65535]
     */
    public static Endpoint of(String host, int port) {
        return new Endpoint(Host.of(host), Port.of(port));
    }

    /**
     * The endpoint for a hostname and a port number or TCP service name:
     * {@code Endpoint.of("localhost", "www")} is {@code localhost:80}.
     *
     * @throws AddressError if the host or the port does not parse
     */
    public static Endpoint of(String host, String port) {
        Host h = Host.of(host);
        return new Endpoint(h, Port.of(java.util.Objects.requireNonNull(port, "port")));
    }

    /**
     * The endpoint for a host and a port number.
     *
     * @throws AddressError if the port is outside [0, 65535]
     */
    public static Endpoint of(Host host, int port) {
        return new Endpoint(host, Port.of(port));
    }

    /** {@code 127.0.0.1:80}, {@code [::1]:80}, {@code localhost:80}, {@code :80} for the any address. */
    @Override
    public String text() {
        String h = host.text();
        return (host instanceof Host.Ipv6 ? "[" + h + "]" : h) + ":" + port.number();
    }

    /** The same as {@link #text()}: {@code 127.0.0.1:80}. */
    @Override
    public String toString() {
        return text();
    }
}
