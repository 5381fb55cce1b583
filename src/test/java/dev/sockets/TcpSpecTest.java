package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.internal.io.Tcp;
import dev.sockets.internal.settings.Settings;
import dev.sockets.testing.FakeResolver;
import dev.sockets.testing.Loopback;
import java.net.InetAddress;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TcpSpec: settings, validation, toString, socket(...), and connect in every form. */
@Timeout(60)
class TcpSpecTest {

    @Test
    void a_connect_to_the_broadcast_address_is_refused_before_any_system_call() {
        for (String broadcast : List.of("<broadcast>", "255.255.255.255")) {
            var e = assertThrows(SocketError.class, () -> Sockets.tcp().connect(broadcast, 80));
            assertEquals(SocketError.Kind.UNREACHABLE, e.kind());
            assertEquals("connect " + Host.of(broadcast).text() + ":80: [Errno 101] TCP cannot connect to the broadcast address;"
                    + " broadcast is for datagrams: Sockets.udp().broadcast(true).sendto(data, \"<broadcast>\", port)",
                    e.getMessage());
            assertThrows(SocketError.class, () -> Sockets.tcp().bind("127.0.0.1", 0).connect(broadcast, 80));
        }
    }

    @Test
    void defaults_print_empty_and_say_what_is_in_force() {
        TcpSpec s = Sockets.tcp();
        assertEquals("TcpSpec[]", s.toString());
        assertEquals(Duration.ZERO, s.timeout());
        assertEquals(Duration.ofSeconds(10), s.connectTimeout());
        assertEquals(StandardCharsets.UTF_8, s.charset());
        assertEquals(10_000, s.maxConnections());
        assertEquals(65536, s.maxLineLength());
        assertTrue(s.family().isEmpty());
        assertEquals(Map.of(), s.options());
        assertSame(Sockets.tcp(), Sockets.tcp());
    }

    @Test
    void toString_lists_only_what_was_set_in_a_fixed_order() {
        TcpSpec s = Sockets.tcp().noDelay(true).timeout(Duration.ofSeconds(2)).family(Domain.INET6);
        assertEquals("TcpSpec[family=INET6, timeout=2 s, noDelay=true]", s.toString());
        TcpSpec all = Sockets.tcp().connectTimeout(Duration.ofSeconds(1)).keepAlive(false).reuseAddress(true)
                .reusePort(false).receiveBufferSize(4096).sendBufferSize(8192).linger(Duration.ofSeconds(5))
                .charset(StandardCharsets.ISO_8859_1).maxConnections(7).maxLineLength(100)
                .option(StandardSocketOptions.IP_TOS, 16);
        assertEquals("TcpSpec[connectTimeout=1 s, keepAlive=false, reuseAddress=true, reusePort=false, "
                + "receiveBufferSize=4096, sendBufferSize=8192, linger=5 s, charset=ISO-8859-1, maxConnections=7, "
                + "maxLineLength=100, IP_TOS=16]", all.toString());
    }

    @Test
    void each_setting_returns_a_new_spec_and_leaves_the_receiver_alone() {
        TcpSpec base = Sockets.tcp();
        TcpSpec changed = base.timeout(Duration.ofSeconds(1));
        assertEquals("TcpSpec[]", base.toString());
        assertNotEquals(base, changed);
        assertEquals(changed, Sockets.tcp().timeout(Duration.ofSeconds(1)));
        assertEquals(changed.hashCode(), Sockets.tcp().timeout(Duration.ofSeconds(1)).hashCode());
    }

    @Test
    void options_gathers_the_socket_options_that_were_set() {
        var o = Sockets.tcp().noDelay(true).linger(Duration.ofSeconds(3)).receiveBufferSize(1000)
                .option(StandardSocketOptions.IP_TOS, 8).options();
        assertEquals(Map.of(StandardSocketOptions.TCP_NODELAY, true, StandardSocketOptions.SO_LINGER, 3,
                StandardSocketOptions.SO_RCVBUF, 1000, StandardSocketOptions.IP_TOS, 8), o);
    }

    @Test
    void bad_settings_are_refused_at_once_with_exact_messages() {
        TcpSpec s = Sockets.tcp();
        assertEquals("expected timeout > 0 but was -1 s", assertThrows(IllegalArgumentException.class,
                () -> s.timeout(Duration.ofSeconds(-1))).getMessage());
        assertEquals("expected connectTimeout > 0 but was 0 s", assertThrows(IllegalArgumentException.class,
                () -> s.connectTimeout(Duration.ZERO)).getMessage());
        assertEquals("expected receiveBufferSize > 0 but was 0", assertThrows(IllegalArgumentException.class,
                () -> s.receiveBufferSize(0)).getMessage());
        assertEquals("expected sendBufferSize > 0 but was -5", assertThrows(IllegalArgumentException.class,
                () -> s.sendBufferSize(-5)).getMessage());
        assertEquals("expected linger >= 0 but was -1 s", assertThrows(IllegalArgumentException.class,
                () -> s.linger(Duration.ofSeconds(-1))).getMessage());
        assertEquals("expected linger in [0, 65535 s] but was 65536 s", assertThrows(IllegalArgumentException.class,
                () -> s.linger(Duration.ofSeconds(65536))).getMessage());
        assertEquals("expected maxConnections > 0 but was 0", assertThrows(IllegalArgumentException.class,
                () -> s.maxConnections(0)).getMessage());
        assertEquals("expected maxLineLength in [1, 1073741824] but was 0", assertThrows(IllegalArgumentException.class,
                () -> s.maxLineLength(0)).getMessage());
        assertEquals("expected family INET or INET6 for TCP but was UNIX; use Sockets.unix() for Unix domain sockets",
                assertThrows(IllegalArgumentException.class, () -> s.family(Domain.UNIX)).getMessage());
        assertEquals("timeout", assertThrows(NullPointerException.class, () -> s.timeout(null)).getMessage());
        assertEquals("charset", assertThrows(NullPointerException.class, () -> s.charset(null)).getMessage());
        assertEquals("value", assertThrows(NullPointerException.class,
                () -> s.option(StandardSocketOptions.IP_TOS, null)).getMessage());
    }

    @Test
    void busyPoll_is_50_microseconds_unless_set_and_refuses_a_negative_or_a_long_window() {
        assertEquals(Duration.ofNanos(50_000), Sockets.tcp().busyPoll());
        assertEquals(TcpSpec.DEFAULT_BUSY_POLL, Sockets.tcp().busyPoll());
        var off = Sockets.tcp().busyPoll(Duration.ZERO);
        assertEquals(Duration.ZERO, off.busyPoll());
        assertEquals("TcpSpec[busyPoll=0 s]", off.toString());
        assertEquals("expected busyPoll >= 0 but was -1 ms",
                assertThrows(IllegalArgumentException.class, () -> Sockets.tcp().busyPoll(Duration.ofMillis(-1))).getMessage());
        assertEquals("expected busyPoll in [0, 1 ms] but was 2 ms; polling longer burns a core for nothing: let the read block",
                assertThrows(IllegalArgumentException.class, () -> Sockets.tcp().busyPoll(Duration.ofMillis(2))).getMessage());
    }

    @Test
    void a_family_refuses_addresses_of_the_other() {
        // ::1 in the Host's own text form (RFC 5952)
        // An address the user gave, as Python's OSError for it: an AddressError.
        assertEquals("`" + Host.of("::1").text() + "`: an IPv6 address, but the spec's family is INET; use family(Domain.INET6)",
                assertThrows(AddressError.class,
                        () -> Sockets.tcp().family(Domain.INET).connect("::1", 80)).getMessage());
        assertEquals("`127.0.0.1`: an IPv4 address, but the spec's family is INET6; use family(Domain.INET),"
                        + " or write it as ::ffff:127.0.0.1",
                assertThrows(AddressError.class,
                        () -> Sockets.tcp().family(Domain.INET6).bind("127.0.0.1", 80)).getMessage());
    }

    @Test
    void socket_with_inet_and_stream_is_the_tcp_spec_of_that_family() {
        assertEquals(Sockets.tcp().family(Domain.INET), Sockets.socket(Domain.AF_INET, Type.SOCK_STREAM));
        assertEquals(Sockets.tcp().family(Domain.INET6), Sockets.socket(Domain.AF_INET6, Type.SOCK_STREAM));
        assertEquals(Sockets.tcp().family(Domain.INET), Sockets.socket(Domain.PF_INET, Type.STREAM, Protocol.DEFAULT));
        assertEquals(Sockets.tcp().family(Domain.INET), Sockets.socket(Domain.INET, Type.STREAM, Protocol.TCP));
    }

    @Test
    void the_tutorials_three_words_open_a_working_client() throws Exception {
        Loopback.server(c -> c.send("Thank you for connecting"), server -> {
            var s = Sockets.socket(Domain.AF_INET, Type.SOCK_STREAM).tcp();
            try (var c = s.connect("127.0.0.1", server.port())) {
                assertEquals(Bytes.of("Thank you for connecting"), c.recvAll());
            }
        });
    }

    @Test
    void connect_takes_every_form_of_host_and_port() throws Exception {
        Loopback.server(c -> c.send("hi"), server -> {
            int p = server.port();
            List<Connection> all = new ArrayList<>();
            try {
                all.add(Sockets.tcp().connect("127.0.0.1", p));
                all.add(Sockets.tcp().connect("127.0.0.1", Integer.toString(p)));
                all.add(Sockets.tcp().connect(0x7F000001, p));
                all.add(Sockets.tcp().connect(Host.loopback(), p));
                all.add(Sockets.tcp().connect(Host.loopback(), Port.of(p)));
                all.add(Sockets.tcp().connect(Endpoint.of("127.0.0.1", p)));
                all.add(Sockets.tcp().connect("localhost", p));
                for (Connection c : all) {
                    assertEquals(Bytes.of("hi"), c.recvAll());
                    assertEquals(Endpoint.of("127.0.0.1", p), c.remote());
                }
            } finally {
                all.forEach(Connection::close);
            }
        });
    }

    @Test
    void connect_to_a_port_nobody_listens_on_is_refused() {
        int dead = Loopback.deadPort();
        var e = assertThrows(ConnectionRefused.class, () -> Sockets.tcp().connect("127.0.0.1", dead));
        assertEquals("connect 127.0.0.1:" + dead + ": [Errno 111] connection refused; is a server listening on port " + dead + "?",
                e.getMessage());
        assertEquals(SocketError.Kind.REFUSED, e.kind());
        assertTrue(e.getCause() instanceof java.net.ConnectException);
        assertEquals(Endpoint.of("127.0.0.1", dead), e.remote().orElseThrow());
    }

    @Test
    void connect_to_port_0_says_no_server_listens_there() {
        // Port 0 is what a bind asks for a free port: a script that passes it to connect meant the server's port().
        var e = assertThrows(ConnectionRefused.class, () -> Sockets.tcp().connect("127.0.0.1", 0));
        assertEquals("connect 127.0.0.1:0: [Errno 111] connection refused; no server listens on port 0: give the port the"
                + " server listens on (its port(), when it was bound to port 0)", e.getMessage());
    }

    @Test
    void connect_by_service_name_uses_its_port() {
        // Nothing listens on port 80 here; the refusal names the port the service name gave.
        var e = assertThrows(ConnectionRefused.class, () -> Sockets.tcp().connect("127.0.0.1", "www"));
        assertEquals("connect 127.0.0.1:80: [Errno 111] connection refused; is a server listening on port 80?", e.getMessage());
    }

    @Test
    void connect_lists_every_address_that_failed() throws Exception {
        int dead = Loopback.deadPort();
        try (var dns = FakeResolver.install().name("multi.test", "127.0.0.2", "127.0.0.1")) {
            var e = assertThrows(ConnectionRefused.class, () -> Sockets.tcp().connect("multi.test", dead));
            assertEquals("connect multi.test:" + dead + ": [Errno 111] every address failed (127.0.0.2:" + dead
                    + ": connection refused, 127.0.0.1:" + dead + ": connection refused); is a server listening on port "
                    + dead + "?", e.getMessage());
            assertEquals(List.of("multi.test"), dns.asked());
        }
    }

    @Test
    void connect_tries_the_next_address_after_a_failure() throws Exception {
        Loopback.server(c -> c.send("second"), server -> {
            // 127.0.0.2 is loopback too, but the server listens on 127.0.0.1 only: refused, then found.
            try (var dns = FakeResolver.install().name("multi.test", "127.0.0.2", "127.0.0.1");
                 var c = Sockets.tcp().connect("multi.test", server.port())) {
                assertEquals(Bytes.of("second"), c.recvAll());
                assertEquals(Endpoint.of("127.0.0.1", server.port()), c.remote());
            }
        });
    }

    @Test
    void connect_to_a_name_that_does_not_resolve_gives_HostNotFound() {
        try (var dns = FakeResolver.install()) {
            var e = assertThrows(HostNotFound.class, () -> Sockets.tcp().connect("nowhere.test", 80));
            assertEquals("connect nowhere.test: host not found; check the spelling, or use an address such as 127.0.0.1",
                    e.getMessage());
            assertEquals(SocketError.Kind.HOST_NOT_FOUND, e.kind());
            var b = assertThrows(HostNotFound.class, () -> Sockets.tcp().bind("nowhere.test", 0).listen());
            assertEquals("bind nowhere.test: host not found; check the spelling, or use an address such as 127.0.0.1",
                    b.getMessage());
        }
    }

    @Test
    void a_family_narrows_the_addresses_a_name_gives() throws Exception {
        Loopback.server(c -> c.send("v4"), server -> {
            try (var dns = FakeResolver.install().name("dual.test", "::1", "127.0.0.1");
                 var c = Sockets.tcp().family(Domain.INET).connect("dual.test", server.port())) {
                assertEquals(Endpoint.of("127.0.0.1", server.port()), c.remote(), "::1 was never tried");
            }
        });
    }

    @Test
    void connect_counts_one_deadline_over_every_address() throws Exception {
        int dead = Loopback.deadPort();
        var addresses = List.of(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
        // A start long ago: the deadline has passed before the first attempt.
        long longAgo = System.nanoTime() - Duration.ofSeconds(11).toNanos();
        var e = assertThrows(dev.sockets.Timeout.class, () -> Tcp.connect(Settings.NONE, null,
                Endpoint.of("localhost", dead), addresses, longAgo));
        assertEquals("connect 127.0.0.1:" + dead + ": timed out after 10 s; is the host up? raise connectTimeout(...)"
                + " if it is slow", e.getMessage());
    }

    @Test
    void connect_times_out_within_connectTimeout_when_the_backlog_is_full() {
        try (var l = Sockets.tcp().bind("127.0.0.1", 0).listen(1)) {
            TcpSpec quick = Sockets.tcp().connectTimeout(Duration.ofMillis(300));
            List<Connection> queued = new ArrayList<>();
            dev.sockets.Timeout timeout = null;
            try {
                // The accept queue holds a few; the next SYN is dropped and the connect times out.
                for (int i = 0; i < 20 && timeout == null; i++) {
                    try {
                        queued.add(quick.connect("127.0.0.1", l.port()));
                    } catch (dev.sockets.Timeout t) {
                        timeout = t;
                    }
                }
            } finally {
                queued.forEach(Connection::close);
            }
            assertTrue(timeout != null, "a connect timed out");
            assertEquals("connect 127.0.0.1:" + l.port() + ": timed out after 300 ms; is the host up? raise"
                    + " connectTimeout(...) if it is slow", timeout.getMessage());
            assertEquals(SocketError.Kind.TIMED_OUT, timeout.kind());
        }
    }

    @Test
    void a_name_with_two_stalled_addresses_gets_one_connect_timeout_in_all() {
        // Both addresses reach one listener whose accept queue is full, so every SYN is dropped:
        // the first attempt uses up the whole deadline and the second is not even started. With a
        // timeout per address the second would be tried, and the whole would take twice as long.
        try (var l = Sockets.tcp().bind("", 0).listen(1); var names = FakeResolver.install()) {
            names.name("two.test", "127.0.0.1", "127.0.0.2");
            TcpSpec quick = Sockets.tcp().connectTimeout(Duration.ofMillis(300));
            List<Connection> queued = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    try {
                        queued.add(quick.connect("127.0.0.1", l.port()));
                    } catch (dev.sockets.Timeout full) {
                        break;
                    }
                }
                int p = l.port();
                var e = assertThrows(dev.sockets.Timeout.class,
                        () -> Sockets.tcp().connectTimeout(Duration.ofMillis(400)).connect("two.test", p));
                assertEquals("connect two.test:" + p + ": every address failed (127.0.0.1:" + p + ": timed out after"
                        + " 400 ms, 127.0.0.2:" + p + ": not tried, the connect timeout had passed); is the host up?"
                        + " raise connectTimeout(...) if it is slow", e.getMessage());
                assertEquals(List.of("two.test"), names.asked());
            } finally {
                queued.forEach(Connection::close);
            }
        }
    }

    @Test
    void options_reach_the_socket() throws Exception {
        TcpSpec spec = Sockets.tcp().noDelay(true).keepAlive(true).sendBufferSize(65536)
                .option(StandardSocketOptions.IP_TOS, 0x10);
        Loopback.listener(l -> {
            try (var c = spec.connect("127.0.0.1", l.port()); var accepted = l.accept()) {
                var t = (dev.sockets.internal.io.TcpTransport) transportOf(c);
                assertEquals(true, t.socket().getTcpNoDelay());
                assertEquals(true, t.socket().getKeepAlive());
                assertTrue(t.socket().getSendBufferSize() >= 65536 / 2, "SO_SNDBUF as asked (the OS may halve it)");
            }
        });
    }

    static dev.sockets.internal.io.Transport transportOf(Connection c) throws Exception {
        var f = dev.sockets.internal.io.RealConnection.class.getDeclaredField("transport");
        f.setAccessible(true);
        return (dev.sockets.internal.io.Transport) f.get(c);
    }

    /** An option no JDK knows. */
    private static final java.net.SocketOption<Integer> MADE_UP = new java.net.SocketOption<>() {
        @Override
        public String name() {
            return "MADE_UP";
        }

        @Override
        public Class<Integer> type() {
            return Integer.class;
        }

        @Override
        public String toString() {
            return name();
        }
    };

    @Test
    void an_option_no_socket_supports_fails_at_connect_and_at_listen() throws Exception {
        TcpSpec spec = Sockets.tcp().option(MADE_UP, 1);
        assertEquals("TcpSpec[MADE_UP=1]", spec.toString());
        Loopback.listener(l -> {
            var e = assertThrows(SocketError.class, () -> spec.connect("127.0.0.1", l.port()));
            assertEquals("connect 127.0.0.1:" + l.port() + ": option MADE_UP is not supported by this OS or JDK;"
                    + " drop it from the spec", e.getMessage());
            assertEquals(SocketError.Kind.UNSUPPORTED, e.kind());
        });
        var e = assertThrows(SocketError.class, () -> spec.bind("127.0.0.1", 0).listen());
        assertEquals("bind 127.0.0.1:0: option MADE_UP is not supported by this OS or JDK; drop it from the spec",
                e.getMessage());
    }

    @Test
    void an_option_of_the_wrong_type_is_refused() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        java.net.SocketOption<Object> raw = (java.net.SocketOption) StandardSocketOptions.IP_TOS;
        assertEquals("expected a Integer for IP_TOS but was String", assertThrows(IllegalArgumentException.class,
                () -> Sockets.tcp().option(raw, "high")).getMessage());
    }

    @Test
    void reusePort_lets_two_listeners_share_a_port_where_the_os_has_it() throws Exception {
        boolean supported;
        try (var probe = new java.net.ServerSocket()) {
            supported = probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        }
        TcpSpec shared = Sockets.tcp().reusePort(true);
        if (supported) {
            try (var a = shared.bind("127.0.0.1", 0).listen(); var b = shared.bind("127.0.0.1", a.port()).listen()) {
                assertEquals(a.port(), b.port());
            }
        } else {
            var e = assertThrows(SocketError.class, () -> shared.bind("127.0.0.1", 0).listen());
            assertEquals("bind 127.0.0.1:0: option SO_REUSEPORT is not supported by this OS or JDK; drop it from the spec",
                    e.getMessage());
        }
    }
}
