package dev.sockets;

import java.io.IOException;

/** Nobody accepted the connection: the port is closed on that host (Python's {@code ConnectionRefusedError}). */
public class ConnectionRefused extends SocketError {
    /**
     * Creates the error.
     *
     * @param message the whole message: operation, address, reason, hint
     * @param cause   the JDK's exception, or {@code null}
     * @param local   the local address involved, or {@code null}
     * @param remote  the remote address involved, or {@code null}
     */
    public ConnectionRefused(String message, IOException cause, Address local, Address remote) {
        super(Kind.REFUSED, message, cause, local, remote);
    }
}
