package dev.sockets.internal.errors;

import dev.sockets.Address;
import dev.sockets.AddressInUse;
import dev.sockets.BrokenPipe;
import dev.sockets.ConnectionRefused;
import dev.sockets.ConnectionReset;
import dev.sockets.Endpoint;
import dev.sockets.Host;
import dev.sockets.HostNotFound;
import dev.sockets.PermissionDenied;
import dev.sockets.SocketClosed;
import dev.sockets.SocketError;
import dev.sockets.SocketError.Kind;
import dev.sockets.SocketError.Op;
import dev.sockets.Timeout;
import dev.sockets.TlsError;
import dev.sockets.internal.words.MessageText;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The one place that builds {@link SocketError}s: from fields (the operation, the addresses, the
 * reason, the hint), through {@link #of(Kind, Op)}, and from the JDK's exceptions, through
 * {@link #map}. Every message reads {@code <op> <address>: <reason>; <hint>}, and the same failure
 * reads the same for TCP, UDP and Unix sockets.
 *
 * <p>DEV-NOTE: classify by exception type first ({@link #classify}). The JDK throws a plain
 * {@code SocketException} for a reset, a broken pipe and a closed socket, and one
 * {@code BindException} for EADDRINUSE, EADDRNOTAVAIL and EACCES; only there is the JDK's
 * message read, in the one table {@link #BY_MESSAGE} (its text is the OS's {@code strerror},
 * stable on Linux and macOS). Anything unrecognised stays a plain {@code SocketError} of kind
 * OTHER with the JDK's words as its reason, so nothing is hidden.
 */
public final class Errors {
    private Errors() {
    }

    /** What went wrong, as the classifier tells it; each carries its kind and its reason. */
    enum Failure {
        // A timeout the library or SO_TIMEOUT keeps: no errno, as Python's socket.timeout has none.
        TIMED_OUT(Kind.TIMED_OUT, "timed out", 0),
        DEAD_PEER(Kind.TIMED_OUT, "connection timed out", Errno.ETIMEDOUT),
        REFUSED(Kind.REFUSED, "connection refused", Errno.ECONNREFUSED),
        IN_USE(Kind.ADDRESS_IN_USE, "address already in use", Errno.EADDRINUSE),
        NOT_HERE(Kind.OTHER, "cannot assign requested address", Errno.EADDRNOTAVAIL),
        PERMISSION(Kind.PERMISSION, "permission denied", Errno.EACCES),
        // Resolver failures have getaddrinfo's codes, not an errno.
        HOST_NOT_FOUND(Kind.HOST_NOT_FOUND, "host not found", 0, HostNotFound.EAI_NONAME),
        NO_DNS_ANSWER(Kind.HOST_NOT_FOUND, "temporary failure in name resolution", 0, HostNotFound.EAI_AGAIN),
        DNS_FAILED(Kind.HOST_NOT_FOUND, "non-recoverable failure in name resolution", 0, HostNotFound.EAI_FAIL),
        NO_ADDRESS(Kind.HOST_NOT_FOUND, "no address associated with hostname", 0, HostNotFound.EAI_NODATA),
        NO_FAMILY_ADDRESS(Kind.HOST_NOT_FOUND, "address family for hostname not supported", 0,
                HostNotFound.EAI_ADDRFAMILY),
        RESOLVER_SYSTEM(Kind.HOST_NOT_FOUND, "system error in name resolution", 0, HostNotFound.EAI_SYSTEM),
        // An UnknownHostException whose message gives no reason: the JDK's cache of failed look-ups.
        HOST_UNTOLD(Kind.HOST_NOT_FOUND, "host not found", 0),
        NO_ROUTE(Kind.UNREACHABLE, "no route to host", Errno.EHOSTUNREACH),
        NET_UNREACHABLE(Kind.UNREACHABLE, "network is unreachable", Errno.ENETUNREACH),
        HOST_UNREACHABLE(Kind.UNREACHABLE, "host is unreachable", Errno.EHOSTUNREACH),
        INTERRUPTED(Kind.CLOSED, "interrupted, and the socket is closed", 0),
        CLOSED(Kind.CLOSED, "the socket is closed", 0),
        RESET(Kind.RESET, "connection reset by peer", Errno.ECONNRESET),
        OUTPUT_SHUT(Kind.BROKEN_PIPE, "broken pipe", Errno.EPIPE),
        BROKEN_PIPE(Kind.BROKEN_PIPE, "broken pipe", Errno.EPIPE),
        TOO_LONG(Kind.MESSAGE_TOO_LONG, "message too long", Errno.EMSGSIZE),
        OTHER(Kind.OTHER, null, 0);

        final Kind kind;
        final String reason;
        final int errno;
        /** The C library's {@code EAI_} number of a failed look-up, 0 for the others. */
        final int gai;

        Failure(Kind kind, String reason, int errno) {
            this(kind, reason, errno, 0);
        }

        Failure(Kind kind, String reason, int errno, int gai) {
            this.kind = kind;
            this.reason = reason;
            this.errno = errno;
            this.gai = gai;
        }
    }

    /** Linux's error numbers (errno.h) the library reports, as Python's {@code errno} module names them. */
    public static final class Errno {
        private Errno() {
        }

        public static final int ENOENT = 2;
        public static final int EACCES = 13;
        public static final int EPIPE = 32;
        public static final int EMSGSIZE = 90;
        public static final int EADDRINUSE = 98;
        public static final int EADDRNOTAVAIL = 99;
        public static final int ENETUNREACH = 101;
        public static final int ECONNRESET = 104;
        public static final int ETIMEDOUT = 110;
        public static final int ECONNREFUSED = 111;
        public static final int EHOSTUNREACH = 113;
    }

    /** One row of the message table: the JDK's (the C library's) words, and what they mean. */
    record Row(String jdk, Failure failure) {
    }

    /**
     * The only place the JDK's message is read, for the exceptions whose type does not tell
     * (a plain {@code SocketException} or {@code IOException}, a {@code BindException}). Matched
     * case-insensitively as a substring, first row first.
     */
    static final List<Row> BY_MESSAGE = List.of(
            // EADDRINUSE, from bind(2): BindException "Address already in use"
            new Row("address already in use", Failure.IN_USE),
            // EADDRNOTAVAIL, from bind(2): BindException "Cannot assign requested address"
            new Row("cannot assign requested address", Failure.NOT_HERE),
            // EACCES, from bind(2) below 1024 or sendto(2) to a broadcast address: "Permission denied"
            new Row("permission denied", Failure.PERMISSION),
            // The JDK's own, on a java.net.Socket used after close: "Socket closed", "Socket is closed"
            new Row("socket closed", Failure.CLOSED),
            new Row("socket is closed", Failure.CLOSED),
            // EBADF, when another thread closed the descriptor under a call: "Bad file descriptor"
            new Row("bad file descriptor", Failure.CLOSED),
            // ETIMEDOUT on an established connection: keep-alive probes or retransmissions went
            // unanswered: "Connection timed out"
            new Row("connection timed out", Failure.DEAD_PEER),
            // ECONNRESET: "Connection reset" (the JDK's, on read) or "Connection reset by peer" (strerror)
            new Row("connection reset", Failure.RESET),
            // The JDK's own, on a java.net.Socket after shutdownOutput(): "Socket output is shutdown"
            new Row("output is shutdown", Failure.OUTPUT_SHUT),
            // EPIPE: "Broken pipe"
            new Row("broken pipe", Failure.BROKEN_PIPE),
            // ECONNREFUSED on a connected datagram socket's send: "Connection refused"
            new Row("connection refused", Failure.REFUSED),
            // ENETUNREACH: "Network is unreachable"
            new Row("network is unreachable", Failure.NET_UNREACHABLE),
            // EHOSTUNREACH: "No route to host" (Linux), "Host is unreachable"
            new Row("no route to host", Failure.NO_ROUTE),
            new Row("host is unreachable", Failure.HOST_UNREACHABLE),
            // EMSGSIZE: "Message too long"
            new Row("message too long", Failure.TOO_LONG),
            // The rows below are read only for an UnknownHostException, after the name it starts
            // with: on Linux and macOS the JDK's message is "<name>: " + gai_strerror(code), the
            // same on JDK 17 and 25 (glibc 2.36's words below, read from gai_strerror).
            // EAI_NONAME (-2): "Name or service not known" (glibc), "nodename nor servname
            // provided, or not known" (macOS)
            new Row("name or service not known", Failure.HOST_NOT_FOUND),
            new Row("nodename nor servname provided", Failure.HOST_NOT_FOUND),
            // The JDK's own with -Djdk.net.hosts.file: "Unable to resolve host <name> in hosts file <path>"
            new Row("in hosts file", Failure.HOST_NOT_FOUND),
            // EAI_AGAIN (-3): "Temporary failure in name resolution" (the name server did not answer)
            new Row("temporary failure in name resolution", Failure.NO_DNS_ANSWER),
            // EAI_FAIL (-4): "Non-recoverable failure in name resolution" (the name server failed)
            new Row("non-recoverable failure in name resolution", Failure.DNS_FAILED),
            // EAI_NODATA (-5, glibc): "No address associated with hostname"
            new Row("no address associated with hostname", Failure.NO_ADDRESS),
            // EAI_ADDRFAMILY (-9, glibc): "Address family for hostname not supported"
            new Row("address family for hostname not supported", Failure.NO_FAMILY_ADDRESS),
            // EAI_SYSTEM (-11): "System error"
            new Row("system error", Failure.RESOLVER_SYSTEM));

    /** What an exception means: by its type first, by the JDK's message only where the type does not tell. */
    static Failure classify(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return Failure.TIMED_OUT;
        }
        if (e instanceof PortUnreachableException) {
            return Failure.REFUSED;
        }
        if (e instanceof ConnectException) {
            // The JDK throws it for ECONNREFUSED and for ETIMEDOUT alike (an untimed connect the
            // kernel gave up on): only the OS's words tell them apart.
            return byMessage(e) == Failure.DEAD_PEER ? Failure.DEAD_PEER : Failure.REFUSED;
        }
        if (e instanceof UnknownHostException) {
            return resolverFailure(String.valueOf(e.getMessage()));
        }
        if (e instanceof NoRouteToHostException) {
            return Failure.NO_ROUTE;
        }
        if (e instanceof ClosedByInterruptException) {
            return Failure.INTERRUPTED;
        }
        if (e instanceof AsynchronousCloseException || e instanceof ClosedChannelException) {
            return Failure.CLOSED;
        }
        if (e instanceof AccessDeniedException) {
            return Failure.PERMISSION;
        }
        return byMessage(e);
    }

    private static Failure byMessage(IOException e) {
        String low = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        for (Row r : BY_MESSAGE) {
            if (r.failure().kind != Kind.HOST_NOT_FOUND && low.contains(r.jdk())) {
                return r.failure();
            }
        }
        return Failure.OTHER;
    }

    /**
     * What an {@code UnknownHostException}'s message says: the resolver's words after the name
     * ({@code "db.test: Temporary failure in name resolution"}), read in the rows of
     * {@link #BY_MESSAGE} for look-ups only, so that a name never matches a row. A bare name is
     * what the JDK throws from its cache of failed look-ups: the reason is not told.
     */
    static Failure resolverFailure(String message) {
        // "<name>: <words>" (a name has no ": " in it); the JDK's hosts-file message
        // ("Unable to resolve host <name> in hosts file <path>") is words throughout.
        int colon = message.indexOf(": ");
        String words = (colon < 0 || message.startsWith("Unable to resolve host ") ? message
                : message.substring(colon + 2)).toLowerCase(Locale.ROOT);
        for (Row r : BY_MESSAGE) {
            if (r.failure().kind == Kind.HOST_NOT_FOUND && words.contains(r.jdk())) {
                return r.failure();
            }
        }
        return Failure.HOST_UNTOLD;
    }

    /** Starts an error from its fields. */
    public static Builder of(Kind kind, Op op) {
        return new Builder(kind, op);
    }

    /** The fields of one error; {@link #error()} builds it. */
    public static final class Builder {
        private final Kind kind;
        private final Op op;
        private Address local;
        private Address remote;
        private String at;
        private String reason = "";
        private String hint = "";
        private int errno;
        private IOException cause;
        private TlsError.Problem problem = TlsError.Problem.OTHER;
        private int gai;
        // For a bind that found its address in use: whether a UDP socket wanted it (a TCP socket
        // of this JVM on the same port is not the holder then).
        private boolean datagram;

        private Builder(Kind kind, Op op) {
            this.kind = Objects.requireNonNull(kind, "kind");
            this.op = Objects.requireNonNull(op, "op");
        }

        /** The local address involved. */
        public Builder local(Address a) {
            this.local = a;
            return this;
        }

        /** The remote address involved. */
        public Builder remote(Address a) {
            this.remote = a;
            return this;
        }

        /** What the message names where that is not an address: a host name, a group. */
        public Builder at(String text) {
            this.at = text;
            return this;
        }

        /** What went wrong, in a few words, and what to do ({@code ""} for nothing). */
        public Builder because(String reason, String hint) {
            this.reason = Objects.requireNonNull(reason, "reason");
            this.hint = Objects.requireNonNull(hint, "hint");
            return this;
        }

        /** The OS's error number ({@link Errno}), for a failure the OS reports, or the library finds before the OS would. */
        public Builder errno(int number) {
            this.errno = number;
            return this;
        }

        /** Which TLS failure it is, for kind TLS. */
        public Builder tls(TlsError.Problem p) {
            this.problem = Objects.requireNonNull(p, "problem");
            return this;
        }

        /** The C library's {@code EAI_} number of a failed look-up ({@code HostNotFound.EAI_NONAME}, ...). */
        public Builder gai(int code) {
            this.gai = code;
            return this;
        }

        /** The JDK's exception. */
        public Builder cause(IOException e) {
            this.cause = e;
            return this;
        }

        /** The error, of the subtype its kind has. */
        public SocketError error() {
            if (kind == Kind.ADDRESS_IN_USE && op == Op.BIND) {
                // The everyday JShell case: a line that binds, run again. Name the holder if it is ours.
                var held = dev.sockets.internal.registry.Registry.holder(local, datagram);
                if (held.isPresent()) {
                    hint = held.get();
                }
            }
            String what = what();
            switch (kind) {
                case TIMED_OUT:
                    return new Timeout(op, what, reason, hint, errno, cause, local, remote);
                case REFUSED:
                    return new ConnectionRefused(op, what, reason, hint, errno, cause, local, remote);
                case RESET:
                    return new ConnectionReset(op, what, reason, hint, errno, cause, local, remote);
                case BROKEN_PIPE:
                    return new BrokenPipe(op, what, reason, hint, errno, cause, local, remote);
                case ADDRESS_IN_USE:
                    return new AddressInUse(op, what, reason, hint, errno, cause, local, remote);
                case PERMISSION:
                    return new PermissionDenied(op, what, reason, hint, errno, cause, local, remote);
                case CLOSED:
                    return new SocketClosed(op, what, reason, hint, errno, cause, local, remote);
                case HOST_NOT_FOUND:
                    return new HostNotFound(op, what, reason, hint, errno, cause, local, remote, gai);
                case TLS:
                    return new TlsError(problem, op, what, reason, hint, cause, local, remote);
                default:
                    return new SocketError(kind, op, what, reason, hint, errno, cause, local, remote);
            }
        }

        /**
         * The start of the message: the operation and the address it concerns, {@code connect 127.0.0.1:1},
         * {@code recv from 127.0.0.1:80}, {@code recvfrom on 0.0.0.0:9999}.
         */
        private String what() {
            String verb = verb(op);
            if (at != null) {
                return verb + " " + MessageText.quote(at, SUBJECT_LIMIT);
            }
            boolean onLocal = op == Op.BIND || op == Op.ACCEPT || remote == null;
            Address subject = onLocal ? local : remote;
            if (subject == null) {
                return verb;
            }
            String a = MessageText.quote(show(subject), SUBJECT_LIMIT);
            switch (op) {
                case BIND, CONNECT, OPTION, GETHOSTBYNAME, GETADDRINFO, GETNAMEINFO, GETHOSTBYNAME_EX, GETHOSTBYADDR:
                    return verb + " " + a;
                default:
                    break;
            }
            if (onLocal) {
                return verb + " on " + a;
            }
            switch (op) {
                case RECV:
                    return verb + " from " + a;
                case HANDSHAKE:
                    return verb + " with " + a;
                case SEND, SHUTDOWN:
                    return verb + " to " + a;
                default:
                    return verb + " " + a;
            }
        }
    }

    /** The most chars of escaped address a message keeps: a host name is at most 253. */
    static final int SUBJECT_LIMIT = 300;

    private static String verb(Op op) {
        switch (op) {
            case SHUTDOWN:
                return "shutdown"; // either side: Python's one name for both
            case SERVE:
                return "onDatagram";
            default:
                return op.name().toLowerCase(Locale.ROOT);
        }
    }

    /** An address in a message: the any address as {@code 0.0.0.0}, since {@code :5000} reads poorly. */
    public static String show(Address a) {
        return a instanceof Endpoint e && e.host() instanceof Host.Any ? "0.0.0.0:" + e.port().number() : a.text();
    }

    /**
     * A duration in a message as people write it ({@code 200 ms}), as the specs print it
     * durations; zero or none as {@code 0 (no timeout)}.
     */
    public static String human(Duration d) {
        if (d == null || d.isZero()) {
            return "0 (no timeout)";
        }
        return dev.sockets.internal.words.Durations.human(d);
    }

    /** The error for using a handle after close: {@code send to 127.0.0.1:80: the connection is closed}. */
    public static SocketError closed(Op op, String handle, Address local, Address remote, IOException cause) {
        return of(Kind.CLOSED, op).local(local).remote(remote).because("the " + handle + " is closed", "")
                .cause(cause).error();
    }

    /**
     * Maps a JDK exception from a stream (TCP or Unix) socket.
     *
     * @param op      what was being done
     * @param local   the local address, or null
     * @param remote  the remote address, or null
     * @param e       the JDK's exception
     * @param timeout the timeout in force, for the message of a {@link Timeout}
     */
    public static SocketError map(Op op, Address local, Address remote, IOException e, Duration timeout) {
        return map(op, local, remote, null, e, timeout, false, false);
    }

    /** Maps a JDK exception about a name or a group, not an address: {@code getaddrinfo nowhere.test}. */
    public static SocketError map(Op op, String at, IOException e) {
        return map(op, null, null, at, e, null, false, false);
    }

    /**
     * Maps a JDK exception from a datagram socket.
     *
     * @param broadcast whether the socket has SO_BROADCAST on: a refused send without it is the missing setting
     */
    public static SocketError mapDatagram(Op op, Endpoint local, Endpoint remote, IOException e, Duration timeout,
                                          boolean broadcast) {
        return map(op, local, remote, null, e, timeout, true, broadcast);
    }

    /** The hint of a look-up the name server did not answer ({@code EAI_AGAIN}). */
    public static final String NO_DNS_ANSWER_HINT = "no DNS answer: is there a network? or use an address such as 127.0.0.1";

    /** The hint every broadcast refusal carries. */
    public static final String BROADCAST_HINT =
            "sending to a broadcast address needs broadcast(true) on the spec, as in Sockets.udp().broadcast(true)";

    /** The error for a send to a broadcast address from a socket that did not ask for broadcast. */
    public static SocketError broadcastRefused(Op op, Endpoint local, Endpoint remote, IOException cause) {
        return of(Kind.PERMISSION, op).local(local).remote(remote).because("permission denied", BROADCAST_HINT)
                .errno(Errno.EACCES).cause(cause).error();
    }

    private static SocketError map(Op op, Address local, Address remote, String at, IOException e, Duration timeout,
                                   boolean datagram, boolean broadcast) {
        if (e instanceof TlsFailure t) {
            // Classified where the TLS engine failed, which knows the side, the spec and the certificates.
            return of(Kind.TLS, op).tls(t.problem()).local(local).remote(remote).at(at).cause(e)
                    .because(t.reason(), t.hint()).error();
        }
        Failure f = classify(e);
        Builder b = of(f.kind, op).local(local).remote(remote).at(at).errno(f.errno).gai(f.gai).cause(e);
        b.datagram = datagram;
        Address subject = op == Op.BIND || op == Op.ACCEPT || remote == null ? local : remote;
        String port = subject instanceof Endpoint ep ? " on port " + ep.port().number() : "";
        switch (f) {
            case TIMED_OUT:
                if (e instanceof WriteTimeoutException w) {
                    // Say how far the send got, so nothing is half-reported.
                    return b.because("no progress for " + human(w.timeout()), "the peer is not reading (at least "
                            + w.written() + " of " + w.total() + " bytes were handed to the OS before; the connection is"
                            + " closed); raise writeTimeout(...) if the peer is only slow").error();
                }
                return b.because("timed out after " + human(timeout), op == Op.CONNECT
                        ? "is the host up? raise connectTimeout(...) if it is slow"
                        : op == Op.ACCEPT ? "raise timeout(...) or check that a client connects"
                        : "raise timeout(...) or check that the peer sends").error();
            case DEAD_PEER:
                return b.because(f.reason, op == Op.CONNECT
                        ? "is the host up? a firewall may drop the packets; set connectTimeout(...) to give up sooner"
                        : "the peer stopped answering (its host is down or unreachable); the connection is dead").error();
            case REFUSED:
                // A refused TCP connect and a datagram's ICMP port unreachable are the same refusal.
                if (subject instanceof Endpoint ep && ep.port().number() == 0) {
                    // Port 0 asks a bind for a free port; nothing ever listens on it.
                    return b.because(f.reason, "no server listens on port 0: give the port the server listens on"
                            + " (its port(), when it was bound to port 0)").error();
                }
                return b.because(f.reason, "is a server listening" + port + "?").error();
            case IN_USE:
                return b.because(f.reason, datagram
                        ? "pass port 0 for a free one, stop the other process, or reuseAddress(true) on the spec to share it"
                        : "pass port 0 for a free one, or stop the other process").error();
            case NOT_HERE:
                return b.because(f.reason, "is it an address of this machine? pass \"\" to listen on every interface")
                        .error();
            case PERMISSION:
                if (datagram && (op == Op.SEND || op == Op.SENDTO || op == Op.CONNECT)) {
                    return broadcast
                            ? b.because(f.reason, "the OS refused although broadcast is on;"
                                    + " a firewall rule may forbid this destination").error()
                            : broadcastRefused(op, (Endpoint) local, (Endpoint) remote, e);
                }
                if (e instanceof AccessDeniedException) {
                    return b.because(f.reason, "this user may not use that path").error();
                }
                return b.because(f.reason, "ports below 1024 need root (or CAP_NET_BIND_SERVICE):"
                        + " use a port from 1024 up, or port 0 for a free one").error();
            case HOST_NOT_FOUND:
                return b.because(f.reason, "check the spelling, or use an address such as 127.0.0.1").error();
            case NO_DNS_ANSWER:
                return b.because(f.reason, NO_DNS_ANSWER_HINT).error();
            case DNS_FAILED:
                return b.because(f.reason, "no DNS answer: the name server failed; is it the one /etc/resolv.conf"
                        + " should name? or use an address such as 127.0.0.1").error();
            case NO_ADDRESS:
                return b.because(f.reason, "the name is known but has no address; or use an address such as 127.0.0.1")
                        .error();
            case NO_FAMILY_ADDRESS:
                return b.because(f.reason, "the name has no address of that family; ask for family null").error();
            case RESOLVER_SYSTEM:
                return b.because(f.reason, "the resolver failed on this machine (out of descriptors or memory?)")
                        .error();
            case HOST_UNTOLD:
                return b.because(f.reason, "the JDK gave no reason (it repeats a failed look-up from its cache for"
                        + " 10 s): check the name and the network, or use an address such as 127.0.0.1").error();
            case NO_ROUTE:
            case NET_UNREACHABLE:
            case HOST_UNREACHABLE:
                return b.because(f.reason, "check the address; no interface of this machine routes there").error();
            case INTERRUPTED:
                Thread.currentThread().interrupt();
                return b.because(f.reason, "").error();
            case CLOSED:
                return b.because(datagram ? f.reason : op == Op.ACCEPT ? "the listener is closed"
                        : "the connection is closed", "").error();
            case RESET:
                return b.because(f.reason, "the peer closed abruptly (it stopped, or closed with data unread)").error();
            case OUTPUT_SHUT:
                return outputShut(op, local, remote, e);
            case BROKEN_PIPE:
                return b.because(f.reason, "the peer closed its side, so nothing more can be sent").error();
            case TOO_LONG:
                return b.because(f.reason, "send less in one datagram").error();
            default:
                return b.because(String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT), "").error();
        }
    }

    /** The error for a send after this side's {@code shutdownOutput()}, whatever the OS said. */
    public static SocketError outputShut(Op op, Address local, Address remote, IOException cause) {
        return of(Kind.BROKEN_PIPE, op).local(local).remote(remote).errno(Errno.EPIPE).cause(cause).because(Failure.OUTPUT_SHUT.reason,
                "this side shut its output down with shutdownOutput(), so nothing more can be sent").error();
    }

    /**
     * Maps a failed datagram send, explaining the one case the OS's words leave opaque: an IPv6
     * group on an interface without the MULTICAST flag, which Linux has no route for.
     */
    public static SocketError sendFailed(IOException e, Endpoint local, Endpoint remote, InetSocketAddress to,
                                         NetworkInterface multicastInterface, boolean broadcast) {
        if (to.getAddress() instanceof Inet6Address && to.getAddress().isMulticastAddress()
                && multicastInterface != null && classify(e) == Failure.NET_UNREACHABLE) {
            boolean flag;
            try {
                flag = multicastInterface.supportsMulticast();
            } catch (java.net.SocketException x) {
                flag = true;
            }
            if (!flag) {
                String n = multicastInterface.getName();
                return of(Kind.UNREACHABLE, Op.SENDTO).local(local).remote(remote).errno(Errno.ENETUNREACH).cause(e)
                        .because(Failure.NET_UNREACHABLE.reason, "interface " + n + " has no MULTICAST flag, so the OS"
                                + " has no route for IPv6 groups there; `ip link set " + n + " multicast on` adds it")
                        .error();
            }
        }
        return mapDatagram(Op.SENDTO, local, remote, e, null, broadcast);
    }

    /**
     * The same kind of error about several attempts (every address of a name): the same kind, cause
     * and addresses, naming {@code at} with another reason and hint.
     */
    public static SocketError about(SocketError e, String at, String reason, String hint) {
        return of(e.kind(), e.operation()).local(e.local().orElse(null)).remote(e.remote().orElse(null)).at(at)
                .because(reason, hint).errno(e.errno()).cause(e.getCause())
                .gai(e instanceof HostNotFound h ? h.gaiCode() : 0).error();
    }
}
