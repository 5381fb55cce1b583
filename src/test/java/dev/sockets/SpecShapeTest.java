package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the three specs have in common: the same setting is checked, worded and printed alike. */
class SpecShapeTest {

    /** A bad value of a setting, and what each spec that has the setting says about it. */
    static Stream<Arguments> bad_values() {
        return Stream.of(
                bad("timeout", "expected timeout > 0 but was -1 s",
                        t -> t.timeout(Duration.ofSeconds(-1)), u -> u.timeout(Duration.ofSeconds(-1)),
                        x -> x.timeout(Duration.ofSeconds(-1))),
                bad("writeTimeout", "expected writeTimeout >= 0 but was -300 ms",
                        t -> t.writeTimeout(Duration.ofMillis(-300)), null, x -> x.writeTimeout(Duration.ofMillis(-300))),
                bad("idleTimeout", "expected idleTimeout >= 0 but was -5 min",
                        t -> t.idleTimeout(Duration.ofMinutes(-5)), null, x -> x.idleTimeout(Duration.ofMinutes(-5))),
                bad("maxLineLength 0", "expected maxLineLength in [1, 1073741824] but was 0",
                        t -> t.maxLineLength(0), null, x -> x.maxLineLength(0)),
                bad("maxLineLength 2^30+1", "expected maxLineLength in [1, 1073741824] but was 1073741825",
                        t -> t.maxLineLength((1 << 30) + 1), null, x -> x.maxLineLength((1 << 30) + 1)),
                bad("maxExpectBuffer 0", "expected maxExpectBuffer in [1, 1073741824] but was 0",
                        t -> t.maxExpectBuffer(0), null, x -> x.maxExpectBuffer(0)),
                bad("maxExpectBuffer 2^30+1", "expected maxExpectBuffer in [1, 1073741824] but was 1073741825",
                        t -> t.maxExpectBuffer((1 << 30) + 1), null, x -> x.maxExpectBuffer((1 << 30) + 1)),
                bad("maxConnections", "expected maxConnections > 0 but was 0",
                        t -> t.maxConnections(0), null, x -> x.maxConnections(0)),
                bad("receiveBufferSize", "expected receiveBufferSize > 0 but was 0",
                        t -> t.receiveBufferSize(0), u -> u.receiveBufferSize(0), null),
                bad("sendBufferSize", "expected sendBufferSize > 0 but was -1",
                        t -> t.sendBufferSize(-1), u -> u.sendBufferSize(-1), null));
    }

    private static Arguments bad(String name, String message, Function<TcpSpec, Object> tcp, Function<UdpSpec, Object> udp,
                                 Function<UnixSpec, Object> unix) {
        return Arguments.of(name, message, tcp, udp, unix);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad_values")
    void a_bad_value_gets_the_same_message_from_every_spec_that_has_the_setting(String name, String message,
            Function<TcpSpec, Object> tcp, Function<UdpSpec, Object> udp, Function<UnixSpec, Object> unix) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> tcp.apply(Sockets.tcp())).getMessage(), "tcp");
        if (udp != null) {
            assertEquals(message, assertThrows(IllegalArgumentException.class, () -> udp.apply(Sockets.udp())).getMessage(), "udp");
        }
        if (unix != null) {
            assertEquals(message, assertThrows(IllegalArgumentException.class, () -> unix.apply(Sockets.unix())).getMessage(), "unix");
        }
    }

    @Test
    void a_zero_timeout_is_refused_alike_everywhere_and_noTimeout_undoes_a_timeout() {
        String zero = "expected timeout > 0 but was 0 s: 0 waits forever on a Java socket and never waits in Python;"
                + " noTimeout() waits forever (the default), and onReceive or onDatagram serve without blocking";
        assertEquals(zero, assertThrows(IllegalArgumentException.class, () -> Sockets.tcp().timeout(Duration.ZERO)).getMessage());
        assertEquals(zero, assertThrows(IllegalArgumentException.class, () -> Sockets.udp().timeout(Duration.ZERO)).getMessage());
        assertEquals(zero, assertThrows(IllegalArgumentException.class, () -> Sockets.unix().timeout(Duration.ZERO)).getMessage());
        try (var p = Sockets.socketpair()) {
            assertEquals(zero, assertThrows(IllegalArgumentException.class, () -> p.a().timeout(Duration.ZERO)).getMessage());
            assertEquals(Duration.ZERO, p.a().timeout(Duration.ofSeconds(1)).noTimeout().timeout());
        }
        var two = Duration.ofSeconds(2);
        assertEquals(Sockets.tcp(), Sockets.tcp().timeout(two).noTimeout());
        assertEquals("TcpSpec[noDelay=true]", Sockets.tcp().timeout(two).noDelay(true).noTimeout().toString());
        assertEquals(Sockets.udp(), Sockets.udp().timeout(two).noTimeout());
        assertEquals(Sockets.unix(), Sockets.unix().timeout(two).noTimeout());
        assertEquals(Duration.ZERO, Sockets.unix().timeout(two).noTimeout().timeout());
    }

    @Test
    void the_same_value_is_accepted_by_every_spec_up_to_the_same_bound() {
        assertEquals(1 << 30, Sockets.tcp().maxLineLength(1 << 30).maxLineLength());
        assertEquals(1 << 30, Sockets.unix().maxLineLength(1 << 30).maxLineLength());
        assertEquals(1 << 30, Sockets.tcp().maxExpectBuffer(1 << 30).maxExpectBuffer());
        assertEquals(1 << 30, Sockets.unix().maxExpectBuffer(1 << 30).maxExpectBuffer());
        assertEquals(1 << 30, Sockets.tls().maxExpectBuffer(1 << 30).maxExpectBuffer());
    }

    @Test
    void a_null_is_refused_with_the_setting_s_name_in_every_spec() {
        assertEquals("timeout", assertThrows(NullPointerException.class, () -> Sockets.tcp().timeout(null)).getMessage());
        assertEquals("timeout", assertThrows(NullPointerException.class, () -> Sockets.udp().timeout(null)).getMessage());
        assertEquals("timeout", assertThrows(NullPointerException.class, () -> Sockets.unix().timeout(null)).getMessage());
        assertEquals("charset", assertThrows(NullPointerException.class, () -> Sockets.tcp().charset(null)).getMessage());
        assertEquals("charset", assertThrows(NullPointerException.class, () -> Sockets.unix().charset(null)).getMessage());
    }

    @Test
    void every_spec_and_binding_prints_durations_as_people_write_them() {
        assertEquals("TcpSpec[timeout=2 s, connectTimeout=300 ms, writeTimeout=1.5 s, idleTimeout=5 min, busyPoll=20 µs]",
                Sockets.tcp().busyPoll(Duration.ofNanos(20_000)).idleTimeout(Duration.ofMinutes(5))
                        .writeTimeout(Duration.ofMillis(1500)).connectTimeout(Duration.ofMillis(300))
                        .timeout(Duration.ofSeconds(2)).toString());
        assertEquals("UdpSpec[timeout=2 s, broadcast=true]", Sockets.udp().broadcast(true).timeout(Duration.ofSeconds(2)).toString());
        assertEquals("UnixSpec[timeout=2 s, writeTimeout=300 ms, idleTimeout=1 h]",
                Sockets.unix().idleTimeout(Duration.ofHours(1)).writeTimeout(Duration.ofMillis(300))
                        .timeout(Duration.ofSeconds(2)).toString());
        assertEquals("TcpBinding[:5000, timeout=2 s]", Sockets.tcp().timeout(Duration.ofSeconds(2)).bind("", 5000).toString());
        assertEquals("UnixBinding[/tmp/a.sock, timeout=2 s]",
                Sockets.unix().timeout(Duration.ofSeconds(2)).bind("/tmp/a.sock").toString());
        assertEquals("TcpSpec[linger=5 s, charset=ISO-8859-1]",
                Sockets.tcp().charset(StandardCharsets.ISO_8859_1).linger(Duration.ofSeconds(5)).toString());
    }

    @Test
    void a_named_option_set_through_option_is_the_same_setting() {
        var named = Sockets.udp().broadcast(true);
        var raw = Sockets.udp().option(java.net.StandardSocketOptions.SO_BROADCAST, true);
        assertEquals(named, raw);
        assertEquals("UdpSpec[broadcast=true]", raw.toString());
        assertEquals(Sockets.tcp().noDelay(true), Sockets.tcp().option(java.net.StandardSocketOptions.TCP_NODELAY, true));
        assertEquals("expected receiveBufferSize > 0 but was 0", assertThrows(IllegalArgumentException.class,
                () -> Sockets.tcp().option(java.net.StandardSocketOptions.SO_RCVBUF, 0)).getMessage());
    }

    // ---- overloads ---------------------------------------------------------------------------

    /** The parameter lists of the public methods named {@code name}, as {@code (String, int)}. */
    private static Set<String> forms(Class<?> type, String name) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m -> m.getName().equals(name) && Modifier.isPublic(m.getModifiers()))
                .map(SpecShapeTest::signature)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String signature(Method m) {
        return Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }

    private static final Set<String> HOST_AND_PORT = new TreeSet<>(List.of(
            "(String, int)", "(String, String)", "(String, Port)",
            "(int, int)", "(int, String)", "(int, Port)",
            "(Host, int)", "(Host, String)", "(Host, Port)",
            "(Endpoint)"));

    @Test
    void tcp_and_udp_bind_and_connect_take_every_form_of_host_and_port() {
        var bind = new TreeSet<>(HOST_AND_PORT);
        bind.add("(int)");
        assertEquals(bind, forms(TcpSpec.class, "bind"));
        assertEquals(bind, forms(UdpSpec.class, "bind"));
        assertEquals(HOST_AND_PORT, forms(TcpSpec.class, "connect"));
        assertEquals(HOST_AND_PORT, forms(UdpSpec.class, "connect"));
        assertEquals(HOST_AND_PORT, forms(TcpBinding.class, "connect"));
    }

    @Test
    void udp_sendto_takes_the_forms_of_connect_for_each_kind_of_data() {
        var expected = new TreeSet<String>();
        for (String data : List.of("String", "byte[]", "Bytes")) {
            for (String address : HOST_AND_PORT) {
                expected.add("(" + data + ", " + address.substring(1));
            }
        }
        assertEquals(expected, forms(UdpSpec.class, "sendto"));
        assertEquals(expected, forms(UdpSocket.class, "sendto"));
    }

    @Test
    void every_form_of_sendto_reaches_the_same_socket() {
        try (var rx = Sockets.udp().timeout(Duration.ofSeconds(10)).bind("127.0.0.1", 0);
             var tx = Sockets.udp().bind("127.0.0.1", 0)) {
            int port = rx.local().port().number();
            String p = Integer.toString(port);
            Host h = Host.of("127.0.0.1");
            List<Runnable> sends = List.of(
                    () -> tx.sendto("a", "127.0.0.1", p), () -> tx.sendto("b", "127.0.0.1", Port.of(port)),
                    () -> tx.sendto("c", 0x7F000001, port), () -> tx.sendto("d".getBytes(), 0x7F000001, p),
                    () -> tx.sendto(Bytes.of("e"), 0x7F000001, Port.of(port)), () -> tx.sendto("f", h, port),
                    () -> tx.sendto("g", h, p), () -> tx.sendto("h", h, Port.of(port)),
                    () -> Sockets.udp().sendto("i", "127.0.0.1", p), () -> Sockets.udp().sendto(Bytes.of("j"), h, Port.of(port)));
            var got = new StringBuilder();
            for (Runnable send : sends) {
                send.run();
                got.append(rx.recvfrom(10).data().text());
            }
            assertEquals("abcdefghij", got.toString());
        }
    }

    @Test
    void the_tls_spec_has_every_tcp_setting_checked_and_printed_alike_and_the_same_forms() throws Exception {
        for (var m : TcpSpec.class.getDeclaredMethods()) {
            if (!java.lang.reflect.Modifier.isPublic(m.getModifiers()) || java.lang.reflect.Modifier.isStatic(m.getModifiers())
                    || m.getName().equals("bind") || m.getName().equals("connect")) {
                continue;
            }
            var tls = TlsSpec.class.getMethod(m.getName(), m.getParameterTypes());
            assertEquals(m.getReturnType() == TcpSpec.class ? TlsSpec.class : m.getReturnType(), tls.getReturnType(),
                    m.getName());
        }
        var bind = new TreeSet<>(HOST_AND_PORT);
        bind.add("(int)");
        assertEquals(bind, forms(TlsSpec.class, "bind"));
        assertEquals(HOST_AND_PORT, forms(TlsSpec.class, "connect"));
        assertEquals(HOST_AND_PORT, forms(TlsBinding.class, "connect"));
        // The same checks, by the same Setting keys:
        assertEquals("expected timeout > 0 but was -1 s",
                assertThrows(IllegalArgumentException.class, () -> Sockets.tls().timeout(Duration.ofSeconds(-1))).getMessage());
        assertEquals("expected maxConnections > 0 but was 0",
                assertThrows(IllegalArgumentException.class, () -> Sockets.tls().maxConnections(0)).getMessage());
        assertEquals("TlsSpec[handshakeTimeout=300 ms, timeout=2 s, busyPoll=20 µs]",
                Sockets.tls().busyPoll(Duration.ofNanos(20_000)).handshakeTimeout(Duration.ofMillis(300))
                        .timeout(Duration.ofSeconds(2)).toString());
        assertEquals("TlsBinding[:5000, timeout=2 s]", Sockets.tls().timeout(Duration.ofSeconds(2)).bind("", 5000).toString());
        assertEquals(Sockets.tls().bind("127.0.0.1", 80), Sockets.tls().bind(Endpoint.of("127.0.0.1", 80)));
    }

    @Test
    void unix_bind_and_connect_take_every_form_of_path() {
        var paths = new TreeSet<>(List.of("(String)", "(Path)", "(UnixAddress)"));
        assertEquals(paths, forms(UnixSpec.class, "bind"));
        assertEquals(paths, forms(UnixSpec.class, "connect"));
    }

    @Test
    void the_forms_name_the_same_place() {
        var spec = Sockets.tcp();
        var expected = spec.bind("127.0.0.1", 80);
        for (TcpBinding b : List.of(spec.bind(0x7F000001, 80), spec.bind(Host.of("127.0.0.1"), "80"),
                spec.bind("127.0.0.1", Port.of(80)), spec.bind(0x7F000001, "80"), spec.bind(0x7F000001, Port.of(80)),
                spec.bind(Endpoint.of("127.0.0.1", 80)), spec.bind(80))) {
            assertEquals(expected, b);
        }
        var unix = Sockets.unix();
        assertEquals(unix.bind("/tmp/a.sock"), unix.bind(new UnixAddress(Path.of("/tmp/a.sock"))));
        assertEquals(unix.bind("/tmp/a.sock"), unix.bind(Path.of("/tmp/a.sock")));
    }

    @Test
    void every_public_bind_and_connect_has_javadoc_in_the_source() throws Exception {
        // The compiler does not keep Javadoc: read the sources and ask that each overload be preceded by a comment.
        for (var file : Map.of("TcpSpec", List.of("bind", "connect"), "UdpSpec", List.of("bind", "connect", "sendto"),
                "UdpSocket", List.of("sendto"), "UnixSpec", List.of("bind", "connect"), "TcpBinding", List.of("connect"),
                "TlsSpec", List.of("bind", "connect"), "TlsBinding", List.of("connect")).entrySet()) {
            var lines = java.nio.file.Files.readAllLines(Path.of("src/main/java/dev/sockets/" + file.getKey() + ".java"));
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i).strip();
                for (String verb : file.getValue()) {
                    if ((l.startsWith("public ") || l.startsWith("default ") || l.startsWith("UdpSocket ")) && l.contains(" " + verb + "(")) {
                        String before = lines.get(i - 1).strip();
                        assertEquals(true, before.endsWith("*/"), file.getKey() + ": no Javadoc before " + l);
                    }
                }
            }
        }
    }

    @Test
    void wiretap_is_one_setting_of_every_spec_checked_printed_and_compared_alike() {
        assertEquals("TcpSpec[wiretap=stderr]", Sockets.tcp().wiretap().toString());
        assertEquals("UdpSpec[wiretap=stderr]", Sockets.udp().wiretap().toString());
        assertEquals("UnixSpec[wiretap=stderr]", Sockets.unix().wiretap().toString());
        assertEquals("TlsSpec[wiretap=stderr]", Sockets.tls().wiretap().toString());
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "tap.log");
        assertEquals("TcpSpec[noDelay=true, wiretap=" + file.toAbsolutePath() + "]",
                Sockets.tcp().wiretap(file).noDelay(true).toString());
        assertEquals(Sockets.tcp().wiretap(file), Sockets.tcp().wiretap(file));
        assertEquals(Sockets.udp().wiretap(System.out), Sockets.udp().wiretap(System.out));
        assertEquals(Sockets.tls().wiretap(), Sockets.tls().wiretap());
        org.junit.jupiter.api.Assertions.assertNotEquals(Sockets.unix().wiretap(), Sockets.unix().wiretap(System.err));
        Path nowhere = Path.of(System.getProperty("java.io.tmpdir"), "no-such-dir-for-a-tap", "tap.log");
        String message = "expected a file in an existing directory for the wiretap but " + nowhere.getParent()
                + " is not a directory; create it first";
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Sockets.tcp().wiretap(nowhere)).getMessage());
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Sockets.udp().wiretap(nowhere)).getMessage());
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Sockets.unix().wiretap(nowhere)).getMessage());
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Sockets.tls().wiretap(nowhere)).getMessage());
        assertEquals("file", assertThrows(NullPointerException.class, () -> Sockets.tcp().wiretap((Path) null)).getMessage());
        assertEquals("out", assertThrows(NullPointerException.class,
                () -> Sockets.udp().wiretap((java.io.PrintStream) null)).getMessage());
    }
}
