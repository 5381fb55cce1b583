package dev.sockets;

import java.io.IOException;

/** The local address a bind asked for is taken (Python's {@code OSError: [Errno 98] Address already in use}). */
public class AddressInUse extends SocketError {
    /**
     * Creates the error.
     *
     * @param message the whole message: operation, address, reason, hint
     * @param cause   the JDK's exception, or {@code null}
     * @param local   the local address involved, or {@code null}
     * @param remote  the remote address involved, or {@code null}
     */
    public AddressInUse(String message, IOException cause, Address local, Address remote) {
        super(Kind.ADDRESS_IN_USE, message, cause, local, remote);
    }
}
