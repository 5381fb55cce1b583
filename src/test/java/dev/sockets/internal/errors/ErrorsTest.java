package dev.sockets.internal.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.sockets.Timeout;
import dev.sockets.internal.errors.Errors.Op;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The mapping of JDK exceptions, for the cases a test cannot provoke on this machine (it runs
 * as root, so ports below 1024 bind; it has no DNS). The others are provoked for real in
 * ConnectionTest, ListenerTest, TcpSpecTest.
 */
class ErrorsTest {
    private static final Endpoint LOCAL = Endpoint.of("0.0.0.0", 80);
    private static final Endpoint REMOTE = Endpoint.of("127.0.0.1", 5000);

    private static SocketError map(Op op, IOException e) {
        return Errors.map(op, LOCAL, REMOTE, e, Duration.ofSeconds(2));
    }

    @Test
    void bind_permission_denied_is_PermissionDenied_with_a_hint() {
        var e = new BindException("Permission denied");
        SocketError s = map(Op.BIND, e);
        assertTrue(s instanceof PermissionDenied, s.toString());
        assertEquals("bind 0.0.0.0:80: permission denied; ports below 1024 need root (or CAP_NET_BIND_SERVICE):"
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
        assertEquals("bind 0.0.0.0:80: cannot assign requested address; is it an address of this machine?"
                + " pass \"\" to listen on every interface", s.getMessage());
    }

    @Test
    void each_jdk_type_maps_to_its_subtype() {
        assertTrue(map(Op.CONNECT, new ConnectException("Connection refused")) instanceof ConnectionRefused);
        assertTrue(map(Op.RECV, new SocketTimeoutException("Read timed out")) instanceof Timeout);
        assertTrue(map(Op.CONNECT, new UnknownHostException("nowhere")) instanceof HostNotFound);
        assertTrue(map(Op.RECV, new SocketException("Connection reset")) instanceof ConnectionReset);
        assertTrue(map(Op.SEND, new SocketException("Connection reset by peer")) instanceof ConnectionReset);
        assertTrue(map(Op.SEND, new SocketException("Broken pipe")) instanceof BrokenPipe);
        assertTrue(map(Op.SEND, new IOException("Broken pipe")) instanceof BrokenPipe);
        assertTrue(map(Op.RECV, new SocketException("Socket closed")) instanceof SocketClosed);
        assertTrue(map(Op.RECV, new ClosedChannelException()) instanceof SocketClosed);
    }

    @Test
    void unreachable_and_unknown_failures_keep_the_reason() {
        SocketError s = map(Op.CONNECT, new NoRouteToHostException("No route to host"));
        assertEquals(SocketError.Kind.UNREACHABLE, s.kind());
        assertEquals("connect 127.0.0.1:5000: no route to host; check the address", s.getMessage());
        SocketError other = map(Op.RECV, new IOException("Something Odd"));
        assertEquals(SocketError.Kind.OTHER, other.kind());
        assertEquals("recv from 127.0.0.1:5000: something odd", other.getMessage());
    }

    @Test
    void closed_names_the_operation_the_handle_and_the_address() {
        assertEquals("send on a closed connection to 127.0.0.1:5000",
                Errors.closed(Op.SEND, "connection", LOCAL, REMOTE, null).getMessage());
        assertEquals("accept on a closed listener on 0.0.0.0:80",
                Errors.closed(Op.ACCEPT, "listener", LOCAL, null, null).getMessage());
    }

    @Test
    void withMessage_keeps_the_kind_the_cause_and_the_addresses() {
        SocketError first = map(Op.CONNECT, new ConnectException("Connection refused"));
        SocketError all = Errors.withMessage(first, "connect x:1: every address failed");
        assertTrue(all instanceof ConnectionRefused);
        assertSame(first.getCause(), all.getCause());
        assertEquals(REMOTE, all.remote().orElseThrow());
        assertEquals("connect x:1: every address failed", all.getMessage());
    }
}
