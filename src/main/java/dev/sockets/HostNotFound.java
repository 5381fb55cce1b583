package dev.sockets;

import java.io.IOException;

/** A host name did not resolve to any address (Python's {@code socket.gaierror}). */
public class HostNotFound extends SocketError {
    /**
     * Creates the error.
     *
     * @param message the whole message: operation, address, reason, hint
     * @param cause   the JDK's exception, or {@code null}
     * @param local   the local address involved, or {@code null}
     * @param remote  the remote address involved, or {@code null}
     */
    public HostNotFound(String message, IOException cause, Address local, Address remote) {
        super(Kind.HOST_NOT_FOUND, message, cause, local, remote);
    }
}
