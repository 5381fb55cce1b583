package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardSocketOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** UdpSpec: an immutable value that prints what was set and refuses bad settings at once. */
@Timeout(60)
class UdpSpecTest {

    @Test
    void the_default_spec_prints_as_empty_and_each_setting_shows_once_set() {
        assertEquals("UdpSpec[]", Sockets.udp().toString());
        assertEquals("UdpSpec[family=INET6, timeout=1.5 s, broadcast=true, reuseAddress=true, reusePort=false,"
                + " receiveBufferSize=65536, sendBufferSize=32768, multicastTtl=0, multicastLoop=true,"
                + " multicastInterface=lo, IP_TOS=16]",
                Sockets.udp().family(Domain.INET6).timeout(Duration.ofMillis(1500)).broadcast(true).reuseAddress(true)
                        .reusePort(false).receiveBufferSize(65536).sendBufferSize(32768).multicastTtl(0)
                        .multicastLoop(true).multicastInterface("127.0.0.1").option(StandardSocketOptions.IP_TOS, 16)
                        .toString());
    }

    @Test
    void a_setter_returns_a_new_spec_and_leaves_the_receiver_alone() {
        var base = Sockets.udp();
        var timed = base.timeout(Duration.ofSeconds(2));
        assertEquals("UdpSpec[]", base.toString());
        assertEquals("UdpSpec[timeout=2 s]", timed.toString());
        assertEquals(Duration.ofSeconds(2), timed.timeout());
        assertEquals(Duration.ZERO, base.timeout());
    }

    @Test
    void setting_an_option_again_replaces_the_value_in_place() {
        var s = Sockets.udp().broadcast(true).multicastTtl(1).broadcast(false);
        assertEquals("UdpSpec[broadcast=false, multicastTtl=1]", s.toString());
        assertFalse(s.isBroadcast());
    }

    @Test
    void the_unix_family_is_refused_with_the_reason() {
        var e = assertThrows(IllegalArgumentException.class, () -> Sockets.udp().family(Domain.UNIX));
        assertEquals("expected family INET or INET6 for UDP but was UNIX; the JVM cannot open Unix datagram"
                + " sockets, use Sockets.unix() for Unix stream sockets", e.getMessage());
    }

    @Test
    void out_of_range_settings_are_refused_in_the_call_that_sets_them() {
        assertEquals("expected multicastTtl in [0, 255] but was 256",
                assertThrows(IllegalArgumentException.class, () -> Sockets.udp().multicastTtl(256)).getMessage());
        assertEquals("expected receiveBufferSize > 0 but was 0",
                assertThrows(IllegalArgumentException.class, () -> Sockets.udp().receiveBufferSize(0)).getMessage());
        assertEquals("expected sendBufferSize > 0 but was -1",
                assertThrows(IllegalArgumentException.class, () -> Sockets.udp().sendBufferSize(-1)).getMessage());
        assertEquals("expected timeout > 0 but was -1 s",
                assertThrows(IllegalArgumentException.class, () -> Sockets.udp().timeout(Duration.ofSeconds(-1))).getMessage());
    }

    @Test
    void an_interface_this_machine_lacks_is_refused_listing_the_ones_it_has() {
        var e = assertThrows(AddressError.class, () -> Sockets.udp().multicastInterface("nosuch0"));
        assertTrue(e.getMessage().startsWith("`nosuch0`: no network interface of this machine has this name or address;"
                + " use one of "), e.getMessage());
        assertTrue(e.hint().contains("lo"), e.getMessage());
        assertEquals("nosuch0", e.input());
    }

    @Test
    void an_option_datagram_sockets_lack_is_refused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Sockets.udp().option(StandardSocketOptions.TCP_NODELAY, true));
        assertTrue(e.getMessage().startsWith("expected an option UDP sockets support ["), e.getMessage());
        assertTrue(e.getMessage().endsWith("] but was TCP_NODELAY"), e.getMessage());
    }

    @Test
    void the_options_set_reach_the_socket() {
        try (var s = Sockets.udp().broadcast(true).receiveBufferSize(100_000).bind("127.0.0.1", 0)) {
            assertEquals(Boolean.TRUE, s.option(StandardSocketOptions.SO_BROADCAST));
            // The OS may round a buffer size (Linux doubles it); it never gives less than asked here.
            assertTrue(s.option(StandardSocketOptions.SO_RCVBUF) >= 100_000, "SO_RCVBUF " + s.option(StandardSocketOptions.SO_RCVBUF));
            // Broadcast really is on: the directed broadcast the OS would refuse goes out.
            s.sendto("x", "127.255.255.255", s.local().port().number());
        }
    }

    @Test
    void an_open_socket_reads_and_sets_its_options_as_getsockopt_and_setsockopt_do() {
        try (var s = Sockets.udp().bind("127.0.0.1", 0)) {
            assertEquals(Boolean.FALSE, s.option(StandardSocketOptions.SO_BROADCAST));
            var to = "127.255.255.255";
            int port = s.local().port().number();
            assertThrows(PermissionDenied.class, () -> s.sendto("x", to, port));
            assertSame(s, s.option(StandardSocketOptions.SO_BROADCAST, true));
            assertEquals(Boolean.TRUE, s.option(StandardSocketOptions.SO_BROADCAST));
            s.sendto("x", to, port);   // the library's own broadcast check follows the socket's option
            var e = assertThrows(IllegalArgumentException.class, () -> s.option(StandardSocketOptions.TCP_NODELAY));
            assertTrue(e.getMessage().endsWith("] but was TCP_NODELAY"), e.getMessage());
        }
        var closed = Sockets.udp().bind("127.0.0.1", 0);
        closed.close();
        assertThrows(SocketClosed.class, () -> closed.option(StandardSocketOptions.SO_BROADCAST));
    }

    @Test
    void specs_that_set_the_same_things_are_equal_whatever_the_order() {
        var a = Sockets.udp().broadcast(true).multicastTtl(0).timeout(Duration.ofSeconds(1));
        var b = Sockets.udp().timeout(Duration.ofSeconds(1)).multicastTtl(0).broadcast(true);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }
}
