package dev.sockets;

import java.io.IOException;

/** The socket was closed before or during the operation. */
public class SocketClosed extends SocketError {
    /**
     * Creates the error.
     *
     * @param message the whole message: operation, address, reason, hint
     * @param cause   the JDK's exception, or {@code null}
     * @param local   the local address involved, or {@code null}
     * @param remote  the remote address involved, or {@code null}
     */
    public SocketClosed(String message, IOException cause, Address local, Address remote) {
        super(Kind.CLOSED, message, cause, local, remote);
    }
}
