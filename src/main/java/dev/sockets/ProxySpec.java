package dev.sockets;

import dev.sockets.internal.proxy.RealProxy;
import java.util.Objects;

/**
 * A fault proxy's target, before it listens: what {@link Sockets#proxy(String, int)} returns.
 * It opens nothing until {@link #bind(String, int)}; it is an immutable value.
 *
 * <pre>{@code
 * var spec = Sockets.proxy("127.0.0.1", 8080);     // ProxySpec[-> 127.0.0.1:8080]
 * var proxy = spec.bind("127.0.0.1", 0);           // Proxy[127.0.0.1:40000 -> 127.0.0.1:8080, 0 open, 0 accepted]
 * }</pre>
 */
public final class ProxySpec {
    private final Address target;

    ProxySpec(Address target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    /** Where the proxy will relay to. */
    public Address target() {
        return target;
    }

    /**
     * Opens the proxy: listens on {@code host:port} (port 0: one the OS picks, see
     * {@link Proxy#port()}) and relays each connection to the target, with no fault until one is
     * set. The target is not tried here: each client's connection connects to it.
     *
     * @throws AddressError if the host or port does not parse
     * @throws SocketError if it cannot listen there ({@link AddressInUse}, ...)
     */
    public Proxy bind(String host, int port) {
        return RealProxy.open(Endpoint.of(host, port), target);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProxySpec p && p.target.equals(target);
    }

    @Override
    public int hashCode() {
        return target.hashCode();
    }

    /** {@code ProxySpec[-> 127.0.0.1:8080]}. */
    @Override
    public String toString() {
        return "ProxySpec[-> " + target.text() + "]";
    }
}
