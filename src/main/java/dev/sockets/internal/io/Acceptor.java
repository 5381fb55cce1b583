package dev.sockets.internal.io;

import dev.sockets.Address;
import java.io.IOException;

/** A listening socket, whatever its family: hands out one {@link Transport} per connection. */
public interface Acceptor {

    /** {@code "tcp"} or {@code "unix"}. */
    String kind();

    /** Blocks until a connection arrives, up to the timeout. */
    Transport accept() throws IOException;

    /** The accept timeout in milliseconds; 0 blocks without end. */
    void timeout(int millis) throws IOException;

    /** The address it listens on, with the port the OS chose for port 0. */
    Address address();

    /** False once the listening socket is closed, by {@link #close()} or under it (an interrupt closes a channel). */
    boolean isOpen();

    /**
     * True when each transport it hands out must finish opening ({@link Transport#handshake()},
     * a TLS handshake) on the thread that serves it, before it is used.
     */
    default boolean handshakes() {
        return false;
    }

    /** Closes; an accept blocked in another thread fails at once. Idempotent. */
    void close() throws IOException;
}
