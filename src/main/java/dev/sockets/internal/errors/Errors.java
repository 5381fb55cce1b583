package dev.sockets.internal.errors;

import dev.sockets.Address;
import dev.sockets.AddressInUse;
import dev.sockets.BrokenPipe;
import dev.sockets.ConnectionRefused;
import dev.sockets.ConnectionReset;
import dev.sockets.Endpoint;
import dev.sockets.HostNotFound;
import dev.sockets.PermissionDenied;
import dev.sockets.SocketClosed;
import dev.sockets.SocketError;
import dev.sockets.Timeout;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Locale;

/**
 * The one place that turns the JDK's I/O exceptions into {@link SocketError} subtypes with a
 * message: the operation and address, the reason, and a hint.
 *
 * <p>DEV-NOTE: classify by exception type first. The JDK throws a plain {@code SocketException}
 * for a reset, a broken pipe and a closed socket, and one {@code BindException} for both
 * EADDRINUSE and EACCES; only there, and only to split those, is the JDK's message read
 * (its text is the OS's {@code strerror}, stable on Linux and macOS). Anything unrecognised
 * stays a plain {@code SocketError} of kind OTHER with the JDK's reason, so nothing is hidden.
 */
public final class Errors {
    private Errors() {
    }

    /** What was being done, for the message. */
    public enum Op {
        /** Binding a local address. */
        BIND,
        /** Connecting to a remote address. */
        CONNECT,
        /** Accepting on a listener. */
        ACCEPT,
        /** Reading. */
        RECV,
        /** Writing. */
        SEND,
        /** Half closing. */
        SHUTDOWN,
        /** Setting an option. */
        OPTION;

        String verb() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The text that starts a message: {@code connect 127.0.0.1:1}, {@code recv from 127.0.0.1:80}. */
    public static String what(Op op, Address address) {
        String a = address == null ? "?" : address.text();
        switch (op) {
            case RECV:
                return "recv from " + a;
            case SEND:
                return "send to " + a;
            case ACCEPT:
                return "accept on " + a;
            case SHUTDOWN:
                return "shutdownOutput to " + a;
            default:
                return op.verb() + " " + a;
        }
    }

    /** The message for using a handle after close: {@code send on a closed connection to 127.0.0.1:80}. */
    public static SocketClosed closed(Op op, String handle, Address local, Address remote, IOException cause) {
        String to = op == Op.ACCEPT ? " on " + (local == null ? "?" : local.text())
                : " to " + (remote == null ? "?" : remote.text());
        return new SocketClosed(op.verb() + " on a closed " + handle + to, cause, local, remote);
    }

    /**
     * Maps a JDK exception.
     *
     * @param op      what was being done
     * @param local   the local address, or null
     * @param remote  the remote address, or null
     * @param e       the JDK's exception
     * @param timeout the timeout in force, for the message of a {@link Timeout}
     */
    public static SocketError map(Op op, Address local, Address remote, IOException e, Duration timeout) {
        Address subject = op == Op.BIND || op == Op.ACCEPT ? local : remote;
        String what = what(op, subject);
        String jdk = String.valueOf(e.getMessage());
        String low = jdk.toLowerCase(Locale.ROOT);
        if (e instanceof WriteTimeoutException w) {
            // Say how far the send got, so nothing is half-reported.
            return new Timeout(what + ": no progress for " + w.timeout() + "; the peer is not reading (at least "
                    + w.written() + " of " + w.total() + " bytes were handed to the OS before; the connection is"
                    + " closed); raise writeTimeout(...) if the peer is only slow", e, local, remote);
        }
        if (e instanceof SocketTimeoutException) {
            String hint;
            if (op == Op.CONNECT) {
                hint = "is the host up? raise connectTimeout(...) if it is slow";
            } else if (op == Op.ACCEPT) {
                hint = "raise timeout(...) or check that a client connects";
            } else {
                hint = "raise timeout(...) or check that the peer sends";
            }
            return new Timeout(what + ": timed out after " + timeout + "; " + hint, e, local, remote);
        }
        if (e instanceof ConnectException) {
            String port = subject instanceof Endpoint ep ? " on port " + ep.port().number() : "";
            return new ConnectionRefused(what + ": connection refused; is a server listening" + port + "?", e, local, remote);
        }
        if (e instanceof BindException) {
            if (low.contains("permission denied") || low.contains("access")) {
                return new PermissionDenied(what + ": permission denied; ports below 1024 need root"
                        + " (or CAP_NET_BIND_SERVICE): use a port from 1024 up, or port 0 for a free one", e, local, remote);
            }
            if (low.contains("in use")) {
                return new AddressInUse(what + ": address already in use; pass port 0 for a free one, or stop the other process",
                        e, local, remote);
            }
            if (low.contains("assign")) {
                return new SocketError(SocketError.Kind.OTHER, what + ": cannot assign requested address; "
                        + "is it an address of this machine? pass \"\" to listen on every interface", e, local, remote);
            }
            return new SocketError(SocketError.Kind.OTHER, what + ": " + low, e, local, remote);
        }
        if (e instanceof UnknownHostException) {
            return new HostNotFound(what + ": host not found; check the spelling, or use an address such as 127.0.0.1",
                    e, local, remote);
        }
        if (e instanceof NoRouteToHostException) {
            return new SocketError(SocketError.Kind.UNREACHABLE, what + ": no route to host; check the address", e, local, remote);
        }
        if (e instanceof ClosedChannelException || low.contains("socket closed") || low.contains("socket is closed")
                || low.contains("bad file descriptor")) {
            return closed(op, "connection", local, remote, e);
        }
        if (low.contains("connection timed out")) {
            // ETIMEDOUT on an established connection: keep-alive probes or retransmissions
            // went unanswered; the peer vanished without a word.
            return new Timeout(what + ": connection timed out; the peer stopped answering (its host is down"
                    + " or unreachable); the connection is dead", e, local, remote);
        }
        if (low.contains("connection reset")) {
            return new ConnectionReset(what + ": connection reset by peer; the peer closed abruptly (it stopped, "
                    + "or closed with data unread)", e, local, remote);
        }
        if (low.contains("output is shutdown")) {
            return new BrokenPipe(what + ": broken pipe; this side shut its output down with shutdownOutput(), "
                    + "so nothing more can be sent", e, local, remote);
        }
        if (low.contains("broken pipe")) {
            return new BrokenPipe(what + ": broken pipe; the peer closed its side, so nothing more can be sent",
                    e, local, remote);
        }
        if (low.contains("network is unreachable") || low.contains("host is unreachable")) {
            return new SocketError(SocketError.Kind.UNREACHABLE, what + ": " + low + "; check the address", e, local, remote);
        }
        return new SocketError(SocketError.Kind.OTHER, what + ": " + low, e, local, remote);
    }

    /** The same kind of error with another message, for a failure made of several (every address of a name). */
    public static SocketError withMessage(SocketError e, String message) {
        IOException cause = e.getCause();
        Address l = e.local().orElse(null);
        Address r = e.remote().orElse(null);
        switch (e.kind()) {
            case TIMED_OUT:
                return new Timeout(message, cause, l, r);
            case REFUSED:
                return new ConnectionRefused(message, cause, l, r);
            case RESET:
                return new ConnectionReset(message, cause, l, r);
            case BROKEN_PIPE:
                return new BrokenPipe(message, cause, l, r);
            case ADDRESS_IN_USE:
                return new AddressInUse(message, cause, l, r);
            case PERMISSION:
                return new PermissionDenied(message, cause, l, r);
            case CLOSED:
                return new SocketClosed(message, cause, l, r);
            case HOST_NOT_FOUND:
                return new HostNotFound(message, cause, l, r);
            default:
                return new SocketError(e.kind(), message, cause, l, r);
        }
    }
}
