package dev.sockets;

import java.io.IOException;

/** The peer closed the connection while data was still being sent (Python's {@code BrokenPipeError}). */
public class BrokenPipe extends SocketError {
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
    public BrokenPipe(Op op, String what, String reason, String hint, int errno, IOException cause, Address local,
                       Address remote) {
        super(Kind.BROKEN_PIPE, op, what, reason, hint, errno, cause, local, remote);
    }
}
