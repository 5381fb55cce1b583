package dev.sockets;

import java.io.IOException;

/** A deadline passed before the operation finished (Python's {@code socket.timeout} / {@code TimeoutError}). */
public class Timeout extends SocketError {
    /**
     * Creates the error.
     *
     * @param message the whole message: operation, address, reason, hint
     * @param cause   the JDK's exception, or {@code null}
     * @param local   the local address involved, or {@code null}
     * @param remote  the remote address involved, or {@code null}
     */
    public Timeout(String message, IOException cause, Address local, Address remote) {
        super(Kind.TIMED_OUT, message, cause, local, remote);
    }
}
