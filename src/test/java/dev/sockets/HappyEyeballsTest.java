package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.Descriptors;
import dev.sockets.testing.FakeResolver;
import dev.sockets.testing.LiveThreads;
import dev.sockets.testing.ReliabilityLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Happy Eyeballs on loopback, a name made to resolve to {@code ::1} and {@code 127.0.0.1} by
 * {@link FakeResolver} (no DNS): which address wins, that a refused family falls back at once,
 * that it is off when asked, the one error naming every address, and nothing left behind. A
 * family whose packets vanish needs dropped packets: {@code NetworkFaultsTest} does that in a
 * network namespace with nftables.
 */
@org.junit.jupiter.api.Timeout(120)
class HappyEyeballsTest {
    private static final String NAME = "dual.test";
    /** RFC 8305's ceiling, the longest the setting allows: a connect that waited it after each refusal shows. */
    private static final Duration LONGEST_DELAY = Duration.ofSeconds(2);
    /**
     * IPv4 loopback addresses where nothing listens (the listener is on 127.0.0.1 only): each
     * refuses a connect at once. Listed before 127.0.0.1, they make the fallback happen this many
     * more times, so that a fallback that waited the delay would add up to tens of seconds.
     */
    private static final int REFUSING_IPV4 = 20;

    @BeforeAll
    static void ipv6() {
        Assumptions.assumeTrue(Sockets.hasIpv6(), "this machine has no IPv6 loopback (::1): nothing to race");
    }

    private static FakeResolver dual(boolean v6First) {
        return v6First ? FakeResolver.install().name(NAME, "::1", "127.0.0.1")
                : FakeResolver.install().name(NAME, "127.0.0.1", "::1");
    }

    private static Listener listenOn(String address, int port) {
        // A timeout, so that a connect that went elsewhere fails the test instead of hanging it.
        return Sockets.tcp().timeout(Duration.ofSeconds(30)).bind(address, port).listen();
    }

    /** The listener the connection reached, by its family. */
    private static Listener reached(Connection c, Listener v4, Listener v6) {
        return ((Endpoint) c.remote()).host() instanceof Host.Ipv6 ? v6 : v4;
    }

    private static long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    @ParameterizedTest(name = "resolver gives IPv6 first: {0}")
    @ValueSource(booleans = {true, false})
    void ipv6_is_tried_first_and_wins_when_both_families_listen_whatever_the_resolver_s_order(boolean v6First) {
        // The longest delay: IPv4 starts 2 s after IPv6, which a loopback connect beats on any machine.
        try (var v4 = listenOn("127.0.0.1", 0); var v6 = listenOn("::1", v4.port()); var dns = dual(v6First);
             var c = Sockets.tcp().happyEyeballs(LONGEST_DELAY).connect(NAME, v4.port()); var served = reached(c, v4, v6)
                     .accept()) {
            assertEquals(Host.of("::1"), ((Endpoint) c.remote()).host());
            c.send("hi");
            assertEquals("hi", served.recv(2).text());
        }
    }

    /**
     * {@link #NAME} resolving to {@code ::1}, then {@link #REFUSING_IPV4} addresses 127.0.0.2,
     * 127.0.0.3, ..., then 127.0.0.1 ({@code ::1} last instead when not {@code v6First}).
     */
    private static FakeResolver refusingThenListening(boolean v6First) {
        var addresses = new ArrayList<String>();
        for (int i = 0; i < REFUSING_IPV4; i++) {
            addresses.add("127.0.0." + (i + 2));
        }
        addresses.add("127.0.0.1");
        addresses.add(v6First ? 0 : addresses.size(), "::1");
        return FakeResolver.install().name(NAME, addresses.toArray(String[]::new));
    }

    @ParameterizedTest(name = "resolver gives IPv6 first: {0}")
    @ValueSource(booleans = {true, false})
    void when_ipv6_is_refused_ipv4_is_tried_at_once_without_waiting_the_delay_and_so_is_each_next_refused_address(
            boolean v6First) {
        try (var v4 = listenOn("127.0.0.1", 0); var dns = refusingThenListening(v6First)) {
            long t0 = System.nanoTime();
            try (var c = Sockets.tcp().happyEyeballs(LONGEST_DELAY).connectTimeout(Duration.ofMinutes(2))
                    .connect(NAME, v4.port()); var served = v4.accept()) {
                long took = millisSince(t0);
                assertEquals(Host.of("127.0.0.1"), ((Endpoint) c.remote()).host());
                eachRefusalStartedTheNextAtOnce("TCP", "resolver gives IPv6 first: " + v6First, took);
            }
        }
    }

    /**
     * Asserts that a connect through {@link #refusingThenListening} did not wait the delay after
     * each refusal, and records how long it took. {@code ::1} goes first, then the refusing IPv4
     * addresses, 127.0.0.1 last: had a refusal not started the next attempt, 127.0.0.1 would start
     * 21 delays (42 s) in. Half of that is a bound no busy machine reaches with refusals that come
     * at once (a few milliseconds in all).
     */
    private static void eachRefusalStartedTheNextAtOnce(String what, String how, long took) {
        int refused = REFUSING_IPV4 + 1;
        long waitedEach = refused * LONGEST_DELAY.toMillis();
        assertTrue(took < waitedEach / 2, "the fallbacks waited the delay: " + took + " ms for " + refused
                + " refused addresses; waiting the " + LONGEST_DELAY.toMillis() + " ms delay after each takes "
                + waitedEach + " ms");
        ReliabilityLog.record("faults", "Happy Eyeballs (" + what + "), ::1 and " + REFUSING_IPV4 + " more loopback"
                + " addresses refused before the listening one -> each next attempt at once, not after the "
                + LONGEST_DELAY.toMillis() + " ms delay", 1, 1, 0,
                refused + " refusals and the connect in " + took + " ms (" + how + ")");
    }

    @ParameterizedTest(name = "resolver gives IPv6 first: {0}")
    @ValueSource(booleans = {true, false})
    void when_only_ipv6_listens_it_wins_whatever_the_resolver_s_order(boolean v6First) {
        try (var v6 = listenOn("::1", 0); var dns = dual(v6First)) {
            try (var c = Sockets.tcp().happyEyeballs(LONGEST_DELAY).connect(NAME, v6.port()); var served = v6.accept()) {
                assertEquals(Host.of("::1"), ((Endpoint) c.remote()).host());
            }
        }
    }

    @Test
    void off_or_with_a_family_the_addresses_are_tried_in_the_resolver_s_order() {
        try (var v4 = listenOn("127.0.0.1", 0); var v6 = listenOn("::1", v4.port()); var dns = dual(false)) {
            try (var c = Sockets.tcp().happyEyeballs(false).connect(NAME, v4.port()); var served = v4.accept()) {
                assertEquals(Host.of("127.0.0.1"), ((Endpoint) c.remote()).host());
            }
            try (var c = Sockets.tcp().family(Domain.INET).connect(NAME, v4.port()); var served = v4.accept()) {
                assertEquals(Host.of("127.0.0.1"), ((Endpoint) c.remote()).host());
            }
            try (var c = Sockets.tcp().happyEyeballs(Duration.ZERO).connect(NAME, v4.port()); var served = v4.accept()) {
                assertEquals(Host.of("127.0.0.1"), ((Endpoint) c.remote()).host());
            }
        }
    }

    @ParameterizedTest(name = "happyEyeballs on: {0}")
    @ValueSource(booleans = {true, false})
    void when_every_address_is_refused_one_error_names_each_with_its_reason(boolean on) throws Exception {
        int port;
        try (var probe = listenOn("127.0.0.1", 0)) {
            port = probe.port(); // free again once closed, on both families unless something else takes it
        }
        try (var dns = dual(true)) {
            var e = assertThrows(ConnectionRefused.class, () -> Sockets.tcp().happyEyeballs(on).connect(NAME, port));
            assertEquals(SocketError.Op.CONNECT, e.operation());
            String reason = e.reason();
            assertTrue(reason.startsWith("every address failed ("), reason);
            assertTrue(reason.contains("[::1]:" + port + ": connection refused"), reason);
            assertTrue(reason.contains("127.0.0.1:" + port + ": connection refused"), reason);
            assertTrue(e.getMessage().contains(NAME + ":" + port), e.getMessage());
        }
    }

    @Test
    void tls_connect_races_the_tcp_connect_under_its_handshake() {
        var id = TlsIdentity.selfSigned(NAME);
        try (var server = Sockets.tls().certificate(id).bind("127.0.0.1", 0).onAccept(c -> c.sendLine("hello"));
             var dns = refusingThenListening(true)) {
            long t0 = System.nanoTime();
            try (var c = Sockets.tls().trust(id).happyEyeballs(LONGEST_DELAY).connectTimeout(Duration.ofMinutes(2))
                    .connect(NAME, server.port())) {
                assertEquals("hello", c.readLine());
                assertEquals(Host.of("127.0.0.1"), ((Endpoint) c.remote()).host());
                eachRefusalStartedTheNextAtOnce("TLS", "the handshake included", millisSince(t0));
            }
        }
    }

    @Test
    void a_race_leaves_no_socket_and_no_thread_behind_whoever_wins() throws Exception {
        Assumptions.assumeTrue(Descriptors.available(), "no /proc/self/fd to count descriptors in");
        try (var v4 = listenOn("127.0.0.1", 0); var v6 = listenOn("::1", v4.port()); var dns = dual(false)) {
            Descriptors.Work rounds = () -> {
                for (int i = 0; i < 20; i++) {
                    // Both listen, the shortest delay: both attempts often run; the loser is closed.
                    try (var c = Sockets.tcp().happyEyeballs(Duration.ofMillis(10)).connect(NAME, v4.port());
                         var s = acceptFrom(reached(c, v4, v6), c)) {
                        c.send("x");
                        assertEquals("x", s.recv(1).text());
                    }
                }
                v6.close();
                for (int i = 0; i < 20; i++) {
                    // Only IPv4 listens now: IPv6's refused attempt is closed, IPv4 wins.
                    try (var c = Sockets.tcp().connect(NAME, v4.port()); var s = v4.accept()) {
                        assertEquals(Host.of("127.0.0.1"), ((Endpoint) c.remote()).host());
                    }
                }
                var e = assertThrows(SocketError.class, () -> Sockets.tcp().connect(NAME, 1));
                assertTrue(e.reason().startsWith("every address failed"), e.reason());
            };
            var before = Descriptors.snapshot();
            rounds.run();
            assertEquals(List.of(), LiveThreads.awaitNone("sockets-connect", 10), "attempt threads left running");
            Descriptors.assertNoLeak(before, Duration.ofSeconds(10), () -> { });
        }
    }

    /**
     * The server's end of {@code c}: a loser that connected before the race closed it may wait in
     * the listener's queue ahead of it; those are accepted and closed (a bounded number).
     */
    private static Connection acceptFrom(Listener l, Connection c) {
        for (int i = 0; i < 50; i++) {
            Connection s = l.accept();
            if (s.remote().equals(c.local())) {
                return s;
            }
            s.close();
        }
        throw new AssertionError("the winner's connection never reached " + l);
    }

    @Test
    void the_setting_is_checked_printed_and_shared_by_tcp_and_tls() {
        assertEquals(Duration.ofMillis(250), Sockets.tcp().happyEyeballs());
        assertEquals(Duration.ZERO, Sockets.tcp().happyEyeballs(false).happyEyeballs());
        assertEquals(Sockets.tcp(), Sockets.tcp().happyEyeballs(false).happyEyeballs(true));
        assertEquals("TcpSpec[happyEyeballs=off]", Sockets.tcp().happyEyeballs(false).toString());
        assertEquals("TcpSpec[connectTimeout=3 s, happyEyeballs=100 ms]",
                Sockets.tcp().happyEyeballs(Duration.ofMillis(100)).connectTimeout(Duration.ofSeconds(3)).toString());
        assertEquals("TlsSpec[happyEyeballs=off]", Sockets.tls().happyEyeballs(false).toString());
        String tooShort = "expected happyEyeballs in [10 ms, 2 s] but was 5 ms; RFC 8305's bounds; happyEyeballs(false) turns it off";
        assertEquals(tooShort, assertThrows(IllegalArgumentException.class,
                () -> Sockets.tcp().happyEyeballs(Duration.ofMillis(5))).getMessage());
        assertEquals(tooShort, assertThrows(IllegalArgumentException.class,
                () -> Sockets.tls().happyEyeballs(Duration.ofMillis(5))).getMessage());
        assertInstanceOf(IllegalArgumentException.class, assertThrows(IllegalArgumentException.class,
                () -> Sockets.tcp().happyEyeballs(Duration.ofSeconds(3))));
    }
}
