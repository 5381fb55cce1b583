package dev.sockets;

import java.io.IOException;

/** The peer reset the connection (Python's {@code ConnectionResetError}). */
public class ConnectionReset extends SocketError {
    /**
     * Creates the error.
     *
     * @param message the whole message: operation, address, reason, hint
     * @param cause   the JDK's exception, or {@code null}
     * @param local   the local address involved, or {@code null}
     * @param remote  the remote address involved, or {@code null}
     */
    public ConnectionReset(String message, IOException cause, Address local, Address remote) {
        super(Kind.RESET, message, cause, local, remote);
    }
}
