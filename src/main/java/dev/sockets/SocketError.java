package dev.sockets;

import dev.sockets.internal.words.MessageText;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * The one unchecked failure of this library: something in the environment went wrong
 * (an address in use, a refused connection, a timeout, a peer that reset).
 *
 * <p>The message names the operation, the address, the reason and, where it helps, what to do
 * next, always as {@code <operation> <address>: <reason>; <hint>}; a program reads the parts
 * from {@link #operation()}, {@link #local()}, {@link #remote()}, {@link #reason()} and {@link #hint()}:
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
 * {@link #getCause()} is the JDK's {@link IOException} where the failure came from the JDK, and
 * {@code null} where the library found the problem itself (a malformed address, a deadline it
 * keeps): no made-up cause lengthens the trace. Stack traces are kept in full: in a REPL they are
 * often the only map the user has.
 */
public class SocketError extends RuntimeException {

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
        /**
         * A datagram larger than one UDP datagram carries (Python's {@code OSError: [Errno 90]
         * Message too long}): at most 65,507 bytes over IPv4, 65,527 over IPv6. Also a frame
         * longer than its {@link Framing}'s {@code maxFrame}, sent or received.
         */
        MESSAGE_TOO_LONG,
        /** A TLS handshake or a TLS record failed, or a certificate or key cannot be used ({@link TlsError}). */
        TLS,
        /** Anything else; see the cause. */
        OTHER
    }

    /** What the program was doing when it failed; the first word of the message. */
    public enum Op {
        /** Binding a local address ({@code bind 127.0.0.1:80}). */
        BIND,
        /** Connecting to a remote address ({@code connect 127.0.0.1:80}). */
        CONNECT,
        /** Accepting on a listener ({@code accept on 127.0.0.1:80}). */
        ACCEPT,
        /** Reading from a connection or a connected datagram socket ({@code recv from 127.0.0.1:80}). */
        RECV,
        /** Receiving a datagram from anyone ({@code recvfrom on 127.0.0.1:9999}). */
        RECVFROM,
        /** Writing to a connection or a connected datagram socket ({@code send to 127.0.0.1:80}). */
        SEND,
        /** Sending a datagram to an address ({@code sendto 127.0.0.1:9999}). */
        SENDTO,
        /** Shutting a side of a connection down, {@code shutdownOutput} or {@code shutdownInput} ({@code shutdown to 127.0.0.1:80}). */
        SHUTDOWN,
        /** Setting a socket option ({@code option 127.0.0.1:80}). */
        OPTION,
        /** Joining a multicast group ({@code join 239.1.2.3}), or waiting for a server to close. */
        JOIN,
        /** Leaving a multicast group ({@code leave 239.1.2.3}). */
        LEAVE,
        /** Closing a socket ({@code close on 127.0.0.1:9999}). */
        CLOSE,
        /** Serving a datagram socket ({@code onDatagram on 127.0.0.1:9999}). */
        SERVE,
        /** Resolving a name to one IPv4 address ({@code Sockets.gethostbyname}). */
        GETHOSTBYNAME,
        /** Resolving a name ({@code Sockets.getaddrinfo}). */
        GETADDRINFO,
        /** Looking up the name of an address ({@code Sockets.getnameinfo}). */
        GETNAMEINFO,
        /** Resolving a name to its official name, aliases and IPv4 addresses ({@code Sockets.gethostbyname_ex}). */
        GETHOSTBYNAME_EX,
        /** Looking up the name, aliases and addresses of an address ({@code Sockets.gethostbyaddr}). */
        GETHOSTBYADDR,
        /** Making a connected pair ({@code Sockets.socketpair}). */
        SOCKETPAIR,
        /** Reading or checking an address given as text or a path, before any I/O ({@link AddressError}). */
        PARSE,
        /** A TLS handshake, after connect, accept or {@code startTls} ({@code handshake with 127.0.0.1:8443}). */
        HANDSHAKE
    }

    private final Kind kind;
    private final Op op;
    private final String reason;
    private final String hint;
    private final int errno;
    private final transient Address local;
    private final transient Address remote;

    /** The most chars of escaped reason and of escaped hint a message keeps: a safety net, the library's own are shorter. */
    static final int REASON_LIMIT = 600;
    static final int HINT_LIMIT = 300;

    /**
     * Creates an error; the message is {@code <what>: <reason>; <hint>}, reason and hint escaped
     * and bounded as {@code MessageText} does.
     *
     * @param kind   what kind of failure
     * @param op     what the program was doing
     * @param what   the operation and the address as the message starts ({@code connect 127.0.0.1:1}), already escaped
     * @param reason what went wrong, in a few words ({@code connection refused})
     * @param hint   what to do, or {@code ""}
     * @param errno  the OS's error number (Linux's: 111 for a refused connect), or 0 where there is none
     * @param cause  the JDK's exception, or {@code null} where there was none
     * @param local  the local address involved, or {@code null}
     * @param remote the remote address involved, or {@code null}
     */
    public SocketError(Kind kind, Op op, String what, String reason, String hint, int errno, IOException cause,
                       Address local, Address remote) {
        this(kind, op, message(what, errno, reason, hint), reason, hint, errno, cause, local, remote, true);
    }

    /**
     * For {@link AddressError}, whose message quotes the input instead of naming an operation; the
     * trailing flag only tells this constructor from the public one.
     */
    SocketError(Kind kind, Op op, String message, String reason, String hint, int errno, IOException cause,
                Address local, Address remote, boolean assembled) {
        super(message, cause);
        this.errno = errno;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.op = Objects.requireNonNull(op, "op");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.hint = Objects.requireNonNull(hint, "hint");
        this.local = local;
        this.remote = remote;
    }

    /**
     * The one wording of every message: {@code <what>: <reason>; <hint>}. Reason and hint may quote
     * outside text (a path, the OS's words), so they are escaped and bounded.
     */
    private static String message(String what, int errno, String reason, String hint) {
        var m = new StringBuilder(what).append(": ");
        if (errno != 0) {
            // Python's form, the words people search for: [Errno 111] Connection refused
            m.append("[Errno ").append(errno).append("] ");
        }
        m.append(MessageText.quote(reason, REASON_LIMIT));
        if (!hint.isEmpty()) {
            m.append("; ").append(MessageText.quote(hint, HINT_LIMIT));
        }
        return m.toString();
    }

    /** What kind of failure this is. */
    public Kind kind() {
        return kind;
    }

    /** What the program was doing: {@link Op#CONNECT} for a refused connect, {@link Op#PARSE} for an {@link AddressError}. */
    public Op operation() {
        return op;
    }

    /**
     * What went wrong, in a few words, as given (the message escapes it): {@code "connection refused"},
     * {@code "address already in use"}. The same failure has the same reason whatever the transport.
     */
    public String reason() {
        return reason;
    }

    /** What to do about it, as given (the message escapes it), or {@code ""} where there is nothing to add. */
    public String hint() {
        return hint;
    }

    /**
     * The OS's error number, Linux's, as Python's {@code OSError.errno}: 111 ({@code ECONNREFUSED})
     * for a refused connect, 98 for an address in use, 104 for a reset, 32 for a broken pipe; 0
     * where the OS gave none (a timeout the library keeps, an address that does not parse), where
     * Python's is {@code None}. The message shows it as Python does: {@code [Errno 111] connection refused}.
     * A failed look-up ({@link HostNotFound}) has 0 here too: its number, Python's
     * {@code gaierror.errno} ({@code -2} for no such name), is the C library's, not the OS's, and is
     * {@link HostNotFound#gaiCode()}, with its name in {@link HostNotFound#gaiName()}.
     */
    public int errno() {
        return errno;
    }

    /** The symbolic name of {@link #errno()}, as Python's {@code errno.errorcode} gives it ({@code "ECONNREFUSED"}); {@code ""} for none. */
    public String errnoName() {
        return ERRNO_NAMES.getOrDefault(errno, errno == 0 ? "" : "E" + errno);
    }

    /** The numbers the library gives, Linux's, with their names (errno.h). */
    private static final java.util.Map<Integer, String> ERRNO_NAMES = java.util.Map.ofEntries(
            java.util.Map.entry(1, "EPERM"), java.util.Map.entry(2, "ENOENT"), java.util.Map.entry(13, "EACCES"),
            java.util.Map.entry(32, "EPIPE"), java.util.Map.entry(90, "EMSGSIZE"), java.util.Map.entry(98, "EADDRINUSE"),
            java.util.Map.entry(99, "EADDRNOTAVAIL"), java.util.Map.entry(101, "ENETUNREACH"),
            java.util.Map.entry(104, "ECONNRESET"), java.util.Map.entry(110, "ETIMEDOUT"),
            java.util.Map.entry(111, "ECONNREFUSED"), java.util.Map.entry(113, "EHOSTUNREACH"));

    /** The JDK's exception this error comes from, or {@code null} where the library found the problem itself. */
    @Override
    public synchronized IOException getCause() {
        return (IOException) super.getCause();
    }

    /** The local address involved, where there was one (the address a bind wanted, say). */
    public Optional<Address> local() {
        return Optional.ofNullable(local);
    }

    /** The remote address involved, where there was one (the address a connect tried). */
    public Optional<Address> remote() {
        return Optional.ofNullable(remote);
    }
}
