package dev.sockets;

import java.io.IOException;

/** The peer closed the connection while data was still being sent (Python's {@code BrokenPipeError}). */
public class BrokenPipe extends SocketError {
    /**
     * Creates the error.
     *
     * @param message the whole message: operation, address, reason, hint
     * @param cause   the JDK's exception, or {@code null}
     * @param local   the local address involved, or {@code null}
     * @param remote  the remote address involved, or {@code null}
     */
    public BrokenPipe(String message, IOException cause, Address local, Address remote) {
        super(Kind.BROKEN_PIPE, message, cause, local, remote);
    }
}
