package dev.sockets;

import java.io.IOException;

/** The OS refused for lack of privilege: a port below 1024, say, or a broadcast without {@code broadcast(true)} (Python's {@code PermissionError}). */
public class PermissionDenied extends SocketError {
    /**
     * Creates the error.
     *
     * @param message the whole message: operation, address, reason, hint
     * @param cause   the JDK's exception, or {@code null}
     * @param local   the local address involved, or {@code null}
     * @param remote  the remote address involved, or {@code null}
     */
    public PermissionDenied(String message, IOException cause, Address local, Address remote) {
        super(Kind.PERMISSION, message, cause, local, remote);
    }
}
