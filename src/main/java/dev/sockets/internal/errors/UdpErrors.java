package dev.sockets.internal.errors;

import dev.sockets.AddressInUse;
import dev.sockets.ConnectionRefused;
import dev.sockets.Endpoint;
import dev.sockets.PermissionDenied;
import dev.sockets.SocketClosed;
import dev.sockets.SocketError;
import dev.sockets.Timeout;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;

/**
 * Turns the JDK's datagram failures into this library's {@link SocketError} subtypes, with a
 * message that names the operation, the address, the reason and what to do.
 *
 * <p>DEV-NOTE: classification is by exception type wherever the JDK gives one. It does not for
 * {@code bind} and {@code sendto}: the JDK throws {@link BindException} for EADDRINUSE,
 * EADDRNOTAVAIL and EACCES alike (and for EACCES from a broadcast {@code sendto} too), so the
 * errno's text ({@code strerror}) is the only thing that tells them apart. Those few strings
 * come from the C library, not from the JDK, and are stable.
 */
public final class UdpErrors {
    private UdpErrors() {
    }

    /** The hint every broadcast refusal carries. */
    public static final String BROADCAST_HINT =
            "sending to a broadcast address needs broadcast(true) on the spec, as in Sockets.udp().broadcast(true)";

    /** The error for a send to a broadcast address from a socket that did not ask for broadcast. */
    public static PermissionDenied broadcastRefused(String op, Endpoint local, Endpoint remote, IOException cause) {
        return new PermissionDenied(op + " " + show(remote) + ": permission denied: " + BROADCAST_HINT,
                cause, local, remote);
    }

    /**
     * Maps a failure of a datagram operation.
     *
     * @param op        the operation as the user wrote it ({@code "recvfrom"}, {@code "sendto"})
     * @param local     this socket's address, or {@code null} before it is bound
     * @param remote    the other end, or {@code null} where there is none
     * @param timeout   the socket's timeout, for the message of a {@link Timeout}; may be {@code null}
     * @param broadcast whether the socket has SO_BROADCAST on
     */
    public static SocketError map(IOException e, String op, Endpoint local, Endpoint remote,
                                  Duration timeout, boolean broadcast) {
        String where = remote != null ? op + " " + show(remote)
                : op.equals("bind") && local != null ? op + " " + show(local)
                : op + (local != null ? " on " + show(local) : "");
        if (e instanceof SocketTimeoutException) {
            return new Timeout(where + ": timed out after " + human(timeout)
                    + " with no datagram; wait longer with timeout(...) on the spec, or check that the peer sends",
                    e, local, remote);
        }
        if (e instanceof PortUnreachableException) {
            String port = remote != null ? " on port " + remote.port().number() : "";
            return new ConnectionRefused(where + ": connection refused: nothing listens" + port
                    + " there (the peer answered ICMP port unreachable); start the receiver first",
                    e, local, remote);
        }
        if (e instanceof ClosedByInterruptException) {
            Thread.currentThread().interrupt();
            return new SocketClosed(where + ": interrupted, and the socket is closed", e, local, remote);
        }
        if (e instanceof AsynchronousCloseException || e instanceof ClosedChannelException) {
            return new SocketClosed(where + ": the socket is closed", e, local, remote);
        }
        String text = String.valueOf(e.getMessage());
        if (e instanceof BindException || text.contains("Permission denied")) {
            if (text.contains("Address already in use")) {
                String port = local != null ? "port " + local.port().number() + " on " + local.host() : "the address";
                return new AddressInUse(where + ": " + port + " is already in use; pass port 0 for a free one, or reuseAddress(true) on the spec to share it",
                        e, local, remote);
            }
            if (text.contains("Permission denied")) {
                if (op.startsWith("send") || op.startsWith("connect")) {
                    if (!broadcast) {
                        return broadcastRefused(op, local, remote, e);
                    }
                    return new PermissionDenied(where + ": permission denied by the OS although broadcast is on;"
                            + " a firewall rule may forbid this destination", e, local, remote);
                }
                return new PermissionDenied(where + ": permission denied; ports below 1024 need privileges,"
                        + " pass port 0 or one above 1023", e, local, remote);
            }
            if (text.contains("Cannot assign requested address")) {
                return new SocketError(SocketError.Kind.OTHER, where
                        + ": cannot assign the address: it is not one of this machine's; bind \"\" for every interface, or 127.0.0.1",
                        e, local, remote);
            }
        }
        if (text.contains("Network is unreachable") || text.contains("No route to host")) {
            return new SocketError(SocketError.Kind.UNREACHABLE, where + ": " + text.toLowerCase(java.util.Locale.ROOT)
                    + "; no interface of this machine routes there", e, local, remote);
        }
        if (text.contains("Message too long")) {
            return new SocketError(SocketError.Kind.OTHER, where + ": message too long for one datagram", e, local, remote);
        }
        return new SocketError(SocketError.Kind.OTHER, where + ": " + text, e, local, remote);
    }

    /**
     * Maps a failed send, explaining the one case the OS's words leave opaque: an IPv6 group on
     * an interface without the MULTICAST flag, which Linux has no route for ("network is unreachable").
     */
    public static SocketError sendFailed(IOException e, Endpoint local, Endpoint remote, InetSocketAddress to,
                                         NetworkInterface multicastInterface, boolean broadcast) {
        if (to.getAddress() instanceof Inet6Address && to.getAddress().isMulticastAddress()
                && multicastInterface != null && String.valueOf(e.getMessage()).contains("Network is unreachable")) {
            boolean flag;
            try {
                flag = multicastInterface.supportsMulticast();
            } catch (java.net.SocketException x) {
                flag = true;
            }
            if (!flag) {
                String n = multicastInterface.getName();
                return new SocketError(SocketError.Kind.UNREACHABLE, "sendto " + show(remote) + ": network is unreachable:"
                        + " interface " + n + " has no MULTICAST flag, so the OS has no route for IPv6 groups there;"
                        + " `ip link set " + n + " multicast on` adds it", e, local, remote);
            }
        }
        return map(e, "sendto", local, remote, null, broadcast);
    }

    /** An endpoint in a message: the any address as {@code 0.0.0.0}, since {@code :5000} reads poorly. */
    public static String show(Endpoint e) {
        return e.host() instanceof dev.sockets.Host.Any ? "0.0.0.0:" + e.port().number() : e.text();
    }

    /**
     * A duration as {@code Duration} prints it ({@code PT0.2S}, {@code PT2S}), as the TCP side and
     * JShell show durations, so one spelling reads the same in every message and spec.
     */
    public static String human(Duration d) {
        if (d == null || d.isZero()) {
            return "0 (no timeout)";
        }
        return d.toString();
    }
}
