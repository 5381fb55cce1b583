package dev.sockets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The one unchecked failure of this library: something in the environment went wrong
 * (an address in use, a refused connection, a timeout, a peer that reset).
 *
 * <p>The message names the operation, the address and, where it helps, what to do next:
 * <pre>{@code
 * try {
 *     Sockets.tcp().connect("127.0.0.1", 1);
 * } catch (ConnectionRefused e) {
 *     System.out.println(e.getMessage());
 *     // connect to 127.0.0.1:1: connection refused; is a server listening on port 1?
 * }
 * }</pre>
 *
 * <h2>Why unchecked</h2>
 * Scripts and JShell lambdas cannot carry checked exceptions comfortably, and a socket
 * program can rarely recover locally from a failure deep inside a read. So every failure
 * is a {@code SocketError}; catch the subtype you can handle ({@link ConnectionRefused},
 * {@link Timeout}, ...) or test {@link #kind()}.
 *
 * <h2>What is a {@code SocketError}, and what is not</h2>
 * Everything a user can provoke with an address, a port or the network is a {@code SocketError},
 * so that {@code catch (SocketError e)} works as Python's {@code except OSError}: a host or port
 * that does not parse, a port given as an int out of range ({@code bind("", 70000)} is an
 * {@link AddressError}, as {@code Port.parse("70000")} is), a name that does not resolve, and
 * every failure of the OS. Only programming errors are not: a {@code null} argument
 * ({@code NullPointerException}), a negative duration or a setting out of its range
 * ({@code IllegalArgumentException}), a call the socket's state does not allow
 * ({@code IllegalStateException}).
 *
 * <h2>Cause</h2>
 * {@link #getCause()} is always an {@link IOException}: the JDK's own where the failure came
 * from the JDK, or, where the library found the problem itself (a malformed address, a deadline
 * it keeps), an {@code IOException} that says so. Stack traces are kept in full:
 * in a REPL they are often the only map the user has.
 */
public class SocketError extends UncheckedIOException {

    /** What kind of failure this is, for code that branches on it. */
    public enum Kind {
        /** A host or port that does not parse ({@link AddressError}). */
        BAD_ADDRESS,
        /** A host name that does not resolve ({@link HostNotFound}). */
        HOST_NOT_FOUND,
        /** The local address is taken ({@link AddressInUse}). */
        ADDRESS_IN_USE,
        /** Nobody listens at the remote address ({@link ConnectionRefused}). */
        REFUSED,
        /** The peer reset the connection ({@link ConnectionReset}). */
        RESET,
        /** The peer closed while we were writing ({@link BrokenPipe}). */
        BROKEN_PIPE,
        /** No route to the address. */
        UNREACHABLE,
        /** A deadline passed ({@link Timeout}). */
        TIMED_OUT,
        /** The socket was already closed ({@link SocketClosed}). */
        CLOSED,
        /** The OS refused for lack of privilege ({@link PermissionDenied}). */
        PERMISSION,
        /** The JVM or the OS cannot do what was asked (an unsupported family or option). */
        UNSUPPORTED,
        /** Anything else; see the cause. */
        OTHER
    }

    private final Kind kind;
    private final transient Address local;
    private final transient Address remote;

    /**
     * Creates an error.
     *
     * @param kind    what kind of failure
     * @param message the whole message: operation, address, reason, hint
     * @param cause   the JDK's exception, or {@code null} where there was none
     * @param local   the local address involved, or {@code null}
     * @param remote  the remote address involved, or {@code null}
     */
    public SocketError(Kind kind, String message, IOException cause, Address local, Address remote) {
        super(message, cause != null ? cause : new NoIoCause());
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
        this.local = local;
        this.remote = remote;
    }

    /** What kind of failure this is. */
    public Kind kind() {
        return kind;
    }

    /** The local address involved, where there was one (the address a bind wanted, say). */
    public Optional<Address> local() {
        return Optional.ofNullable(local);
    }

    /** The remote address involved, where there was one (the address a connect tried). */
    public Optional<Address> remote() {
        return Optional.ofNullable(remote);
    }

    /** Stands in as the cause where the library found the problem itself, without I/O. */
    static final class NoIoCause extends IOException {
        NoIoCause() {
            // The SocketError says it all; repeating its message here only doubles JShell's output.
            super("no I/O exception: the library detected this itself", null);
            // The SocketError that carries it has the useful trace.
            setStackTrace(new StackTraceElement[0]);
        }
    }
}
