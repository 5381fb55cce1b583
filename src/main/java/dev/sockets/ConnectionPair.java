package dev.sockets;

import java.util.Objects;

/**
 * Two connections joined to each other, as Python's {@code socketpair()}: what one sends the
 * other receives. Made by {@link Sockets#socketpair()}; for tests and pipelines between threads.
 *
 * <pre>{@code
 * try (var p = Sockets.socketpair()) {
 *     p.a().send("ping");
 *     p.b().recv(4);      // b'ping'
 * }
 * }</pre>
 *
 * @param a one end
 * @param b the other end
 */
public record ConnectionPair(Connection a, Connection b) implements AutoCloseable {

    /** Checks both ends are present. */
    public ConnectionPair {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
    }

    /** Closes both ends. */
    @Override
    public void close() {
        try {
            a.close();
        } finally {
            b.close();
        }
    }

    /** {@code ConnectionPair[unix, open]}. */
    @Override
    public String toString() {
        String kind = a.local() instanceof UnixAddress ? "unix" : "tcp " + a.local().text() + " <-> " + b.local().text();
        return "ConnectionPair[" + kind + (a.isOpen() || b.isOpen() ? ", open]" : ", closed]");
    }
}
