package dev.sockets;

import java.io.IOException;

/** The local address a bind asked for is taken (Python's {@code OSError: [Errno 98] Address already in use}). */
public class AddressInUse extends SocketError {
    /**
     * Creates the error; the engine's {@code Errors} builds it.
     *
     * @param op     what the program was doing
     * @param what   the operation and the address as the message starts, already escaped
     * @param reason what went wrong, in a few words
     * @param hint   what to do, or {@code ""}
     * @param errno  the OS's error number (Linux's), or 0 where there is none
     * @param cause  the JDK's exception, or {@code null}
     * @param local  the local address involved, or {@code null}
     * @param remote the remote address involved, or {@code null}
     */
    public AddressInUse(Op op, String what, String reason, String hint, int errno, IOException cause, Address local,
                         Address remote) {
        super(Kind.ADDRESS_IN_USE, op, what, reason, hint, errno, cause, local, remote);
    }
}
