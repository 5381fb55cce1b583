package dev.sockets;

/**
 * Where a socket is: an {@link Endpoint} (a host and a port) for TCP and UDP, or a
 * {@link UnixAddress} (a path) for Unix domain sockets.
 *
 * <p>{@link Connection#remote()} and {@link Listener#address()} return this type because the
 * same connection type serves both; where you know it is TCP, {@code c.remote().endpoint()}
 * gives the {@link Endpoint}.
 */
public sealed interface Address permits Endpoint, UnixAddress {

    /** The text form: {@code 127.0.0.1:80}, {@code [::1]:80}, {@code unix:/tmp/app.sock}. */
    String text();

    /**
     * This address as an {@link Endpoint}.
     *
     * @throws IllegalStateException for a Unix domain address, which has no host and port
     */
    default Endpoint endpoint() {
        if (this instanceof Endpoint e) {
            return e;
        }
        throw new IllegalStateException("expected a host and port but was the Unix address " + text());
    }
}
