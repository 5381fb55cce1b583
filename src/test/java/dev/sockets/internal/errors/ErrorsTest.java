package dev.sockets.internal.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.AddressInUse;
import dev.sockets.BrokenPipe;
import dev.sockets.ConnectionRefused;
import dev.sockets.ConnectionReset;
import dev.sockets.Endpoint;
import dev.sockets.HostNotFound;
import dev.sockets.PermissionDenied;
import dev.sockets.SocketClosed;
import dev.sockets.SocketError;
import dev.sockets.SocketError.Kind;
import dev.sockets.SocketError.Op;
import dev.sockets.Timeout;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The building and mapping of errors, for the cases a test cannot provoke on this machine (it runs
 * as root, so ports below 1024 bind; it has no DNS). The others are provoked for real in
 * ConnectionTest, ListenerTest, TcpSpecTest, UdpSocketTest.
 */
class ErrorsTest {
    private static final Endpoint LOCAL = Endpoint.of("0.0.0.0", 80);
    private static final Endpoint REMOTE = Endpoint.of("127.0.0.1", 5000);

    private static SocketError map(Op op, IOException e) {
        return Errors.map(op, LOCAL, REMOTE, e, Duration.ofSeconds(2));
    }

    private static void classifies(IOException e, Class<? extends SocketError> type, Kind kind) {
        SocketError s = map(Op.RECV, e);
        assertSame(type, s.getClass(), e + " -> " + s);
        assertEquals(kind, s.kind(), e.toString());
        assertSame(e, s.getCause());
        SocketError d = Errors.mapDatagram(Op.RECV, LOCAL, REMOTE, e, Duration.ofSeconds(2), false);
        assertEquals(kind, d.kind(), "the same for a datagram socket: " + e);
    }

    @Test
    void each_jdk_exception_type_is_classified_by_its_type_whatever_its_message() {
        classifies(new SocketTimeoutException("whatever"), Timeout.class, Kind.TIMED_OUT);
        classifies(new WriteTimeoutException(1, 2, Duration.ofSeconds(1)), Timeout.class, Kind.TIMED_OUT);
        classifies(new ConnectException("whatever"), ConnectionRefused.class, Kind.REFUSED);
        classifies(new PortUnreachableException("whatever"), ConnectionRefused.class, Kind.REFUSED);
        classifies(new UnknownHostException("whatever"), HostNotFound.class, Kind.HOST_NOT_FOUND);
        classifies(new NoRouteToHostException("whatever"), SocketError.class, Kind.UNREACHABLE);
        classifies(new ClosedChannelException(), SocketClosed.class, Kind.CLOSED);
        classifies(new AsynchronousCloseException(), SocketClosed.class, Kind.CLOSED);
        classifies(new AccessDeniedException("/run/x.sock"), PermissionDenied.class, Kind.PERMISSION);
        try {
            classifies(new ClosedByInterruptException(), SocketClosed.class, Kind.CLOSED);
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void a_plain_socket_exception_is_classified_by_the_jdk_message_table() {
        classifies(new BindException("Address already in use"), AddressInUse.class, Kind.ADDRESS_IN_USE);
        classifies(new BindException("Permission denied"), PermissionDenied.class, Kind.PERMISSION);
        classifies(new BindException("Cannot assign requested address"), SocketError.class, Kind.OTHER);
        classifies(new SocketException("Connection reset"), ConnectionReset.class, Kind.RESET);
        classifies(new SocketException("Connection reset by peer"), ConnectionReset.class, Kind.RESET);
        classifies(new SocketException("Broken pipe"), BrokenPipe.class, Kind.BROKEN_PIPE);
        classifies(new IOException("Broken pipe"), BrokenPipe.class, Kind.BROKEN_PIPE);
        classifies(new SocketException("Socket output is shutdown"), BrokenPipe.class, Kind.BROKEN_PIPE);
        classifies(new SocketException("Socket closed"), SocketClosed.class, Kind.CLOSED);
        classifies(new SocketException("Socket is closed"), SocketClosed.class, Kind.CLOSED);
        classifies(new SocketException("Bad file descriptor"), SocketClosed.class, Kind.CLOSED);
        classifies(new SocketException("Connection timed out"), Timeout.class, Kind.TIMED_OUT);
        classifies(new SocketException("Connection refused"), ConnectionRefused.class, Kind.REFUSED);
        classifies(new SocketException("Network is unreachable"), SocketError.class, Kind.UNREACHABLE);
        classifies(new SocketException("No route to host"), SocketError.class, Kind.UNREACHABLE);
        classifies(new SocketException("Host is unreachable"), SocketError.class, Kind.UNREACHABLE);
        classifies(new SocketException("Message too long"), SocketError.class, Kind.MESSAGE_TOO_LONG);
        classifies(new SocketException("Something Odd"), SocketError.class, Kind.OTHER);
    }

    @Test
    void the_type_wins_over_the_message() {
        assertEquals(Kind.TIMED_OUT, map(Op.RECV, new SocketTimeoutException("Connection reset")).kind());
        assertEquals(Kind.REFUSED, map(Op.CONNECT, new ConnectException("Broken pipe")).kind());
    }

    @Test
    void a_connect_the_kernel_gave_up_on_is_a_timeout_not_a_refusal() {
        // The JDK throws ConnectException for ETIMEDOUT as for ECONNREFUSED.
        SocketError s = map(Op.CONNECT, new ConnectException("Connection timed out"));
        assertTrue(s instanceof Timeout, s.toString());
        assertEquals("connect 127.0.0.1:5000: [Errno 110] connection timed out; is the host up? a firewall may drop the packets;"
                + " set connectTimeout(...) to give up sooner", s.getMessage());
    }

    @Test
    void bind_permission_denied_is_PermissionDenied_with_a_hint() {
        var e = new BindException("Permission denied");
        SocketError s = map(Op.BIND, e);
        assertTrue(s instanceof PermissionDenied, s.toString());
        assertEquals("bind 0.0.0.0:80: [Errno 13] permission denied; ports below 1024 need root (or CAP_NET_BIND_SERVICE):"
                + " use a port from 1024 up, or port 0 for a free one", s.getMessage());
        assertSame(e, s.getCause());
        assertEquals(SocketError.Kind.PERMISSION, s.kind());
    }

    @Test
    void bind_address_in_use_is_AddressInUse() {
        SocketError s = map(Op.BIND, new BindException("Address already in use"));
        assertTrue(s instanceof AddressInUse, s.toString());
        assertEquals(LOCAL, s.local().orElseThrow());
    }

    @Test
    void bind_to_an_address_not_of_this_machine_says_so() {
        SocketError s = map(Op.BIND, new BindException("Cannot assign requested address"));
        assertEquals(SocketError.Kind.OTHER, s.kind());
        assertEquals("bind 0.0.0.0:80: [Errno 99] cannot assign requested address; is it an address of this machine?"
                + " pass \"\" to listen on every interface", s.getMessage());
    }

    @Test
    void unreachable_and_unknown_failures_keep_the_reason() {
        SocketError s = map(Op.CONNECT, new NoRouteToHostException("No route to host"));
        assertEquals(SocketError.Kind.UNREACHABLE, s.kind());
        assertEquals("connect 127.0.0.1:5000: [Errno 113] no route to host; check the address; no interface of this machine"
                + " routes there", s.getMessage());
        SocketError other = map(Op.RECV, new IOException("Something Odd"));
        assertEquals(SocketError.Kind.OTHER, other.kind());
        assertEquals("recv from 127.0.0.1:5000: something odd", other.getMessage());
        assertEquals("something odd", other.reason());
        assertEquals("", other.hint());
    }

    @Test
    void the_jdk_words_in_a_message_are_escaped() {
        SocketError other = map(Op.RECV, new IOException("odd\nFAKE LOG LINE"));
        assertEquals("recv from 127.0.0.1:5000: odd\\nfake log line", other.getMessage());
        assertEquals("odd\nfake log line", other.reason());
    }

    @Test
    void closed_names_the_operation_the_address_and_the_handle() {
        assertEquals("send to 127.0.0.1:5000: the connection is closed",
                Errors.closed(Op.SEND, "connection", LOCAL, REMOTE, null).getMessage());
        assertEquals("accept on 0.0.0.0:80: the listener is closed",
                Errors.closed(Op.ACCEPT, "listener", LOCAL, null, null).getMessage());
    }

    @Test
    void a_refused_connect_and_a_refused_datagram_read_the_same() {
        SocketError tcp = Errors.map(Op.CONNECT, null, REMOTE, new ConnectException("Connection refused"), null);
        SocketError udp = Errors.mapDatagram(Op.RECV, LOCAL, REMOTE, new PortUnreachableException(), null, false);
        assertTrue(tcp instanceof ConnectionRefused && udp instanceof ConnectionRefused);
        assertEquals(tcp.reason(), udp.reason());
        assertEquals(tcp.hint(), udp.hint());
        assertEquals("connect 127.0.0.1:5000: [Errno 111] connection refused; is a server listening on port 5000?", tcp.getMessage());
        assertEquals("recv from 127.0.0.1:5000: [Errno 111] connection refused; is a server listening on port 5000?", udp.getMessage());
    }

    @Test
    void the_same_failure_has_the_same_reason_for_streams_and_datagrams() {
        for (IOException e : new IOException[] {new BindException("Address already in use"),
                new BindException("Cannot assign requested address"), new SocketTimeoutException(),
                new ClosedByInterruptException(), new SocketException("Network is unreachable")}) {
            try {
                SocketError tcp = Errors.map(Op.BIND, LOCAL, null, e, Duration.ofSeconds(1));
                SocketError udp = Errors.mapDatagram(Op.BIND, LOCAL, null, e, Duration.ofSeconds(1), false);
                assertEquals(tcp.kind(), udp.kind(), e.toString());
                assertEquals(tcp.reason(), udp.reason(), e.toString());
            } finally {
                Thread.interrupted();
            }
        }
    }

    @Test
    void a_broadcast_refusal_names_the_setting() {
        SocketError s = Errors.mapDatagram(Op.SENDTO, null, Endpoint.of("255.255.255.255", 9),
                new SocketException("Permission denied"), null, false);
        assertTrue(s instanceof PermissionDenied);
        assertEquals("sendto 255.255.255.255:9: [Errno 13] permission denied; " + Errors.BROADCAST_HINT, s.getMessage());
    }

    @Test
    void the_builder_keeps_every_field_for_the_program_and_words_the_message_once() {
        var cause = new IOException("x");
        SocketError s = Errors.of(Kind.ADDRESS_IN_USE, Op.BIND).local(LOCAL).remote(REMOTE)
                .because("a server is listening there", "stop it").cause(cause).error();
        assertTrue(s instanceof AddressInUse);
        assertEquals(Op.BIND, s.operation());
        assertEquals("a server is listening there", s.reason());
        assertEquals("stop it", s.hint());
        assertEquals(LOCAL, s.local().orElseThrow());
        assertEquals(REMOTE, s.remote().orElseThrow());
        assertSame(cause, s.getCause());
        assertEquals("bind 0.0.0.0:80: a server is listening there; stop it", s.getMessage());
        SocketError noHint = Errors.of(Kind.OTHER, Op.SOCKETPAIR).because("no room", "").error();
        assertEquals("socketpair: no room", noHint.getMessage());
        assertNull(noHint.getCause(), "no made-up cause where the library found it itself");
    }

    @Test
    void an_address_in_a_message_is_escaped() {
        SocketError s = Errors.of(Kind.OTHER, Op.GETADDRINFO).at("evil\nname").because("host not found", "").error();
        assertEquals("getaddrinfo evil\\nname: host not found", s.getMessage());
    }

    @Test
    void about_keeps_the_kind_the_cause_and_the_addresses() {
        SocketError first = map(Op.CONNECT, new ConnectException("Connection refused"));
        SocketError all = Errors.about(first, "x:1", "every address failed", first.hint());
        assertTrue(all instanceof ConnectionRefused);
        assertSame(first.getCause(), all.getCause());
        assertEquals(REMOTE, all.remote().orElseThrow());
        assertEquals("connect x:1: [Errno 111] every address failed; is a server listening on port 5000?", all.getMessage());
    }
}
