package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sockets.testing.ReliabilityLog;
import dev.sockets.testing.ServerLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a program reads from a SocketError: the same refusal in the same words for TCP and UDP, and
 * every user-provoked failure caught as a SocketError. And error messages never carry data read
 * from the peer (SECURITY.md): a secret goes through every
 * failing read path, and no message of the errors raised (their causes included), nor any log
 * line of the server, contains it.
 */
@org.junit.jupiter.api.Timeout(60)
class SocketErrorTest {
    private static final String SECRET = "hunter2-SECRET-7f3a9c";

    private final List<Throwable> errors = new ArrayList<>();

    private void collect(Class<? extends Throwable> type, org.junit.jupiter.api.function.Executable e) {
        errors.add(assertThrows(type, e));
    }

    @Test
    void an_error_the_library_finds_itself_has_no_made_up_cause_and_one_from_the_jdk_keeps_its_own() {
        var own = assertThrows(AddressError.class, () -> Host.of("300.1.1.1"));
        assertEquals(null, own.getCause());
        var trace = new java.io.StringWriter();
        own.printStackTrace(new java.io.PrintWriter(trace));
        assertFalse(trace.toString().contains("Caused by"), trace.toString());
        var tooLong = assertThrows(SocketError.class, () -> Sockets.udp().sendto(new byte[70_000], "127.0.0.1", 9));
        assertEquals(null, tooLong.getCause());
        try (var l = Sockets.tcp().bind("127.0.0.1", 0).listen()) {
            var inUse = assertThrows(AddressInUse.class, () -> Sockets.tcp().bind("127.0.0.1", l.port()).listen());
            assertInstanceOf(java.net.BindException.class, inUse.getCause());
        }
    }

    @Test
    void no_error_message_or_log_line_contains_bytes_from_the_peer() throws Exception {
        var serverLog = ServerLog.capture();
        try {
            byte[] line = (SECRET.repeat(200) + "\n").getBytes(StandardCharsets.UTF_8);
            // 1. a line too long, 2. a stream that ends before recvExactly is satisfied, 3. a read
            // timeout with half a line buffered, 4. a reset after the secret, 5. a send after it.
            try (var l = Sockets.tcp().maxLineLength(100).timeout(Duration.ofMillis(200)).bind("127.0.0.1", 0).listen()) {
                try (var c = Sockets.tcp().connect("127.0.0.1", l.port()); var a = l.accept()) {
                    c.send(line);
                    collect(SocketError.class, a::readLine);
                }
                try (var c = Sockets.tcp().connect("127.0.0.1", l.port()); var a = l.accept()) {
                    c.send(SECRET).close();
                    collect(SocketError.class, () -> a.recvExactly(10_000));
                }
                try (var c = Sockets.tcp().connect("127.0.0.1", l.port()); var a = l.accept()) {
                    c.send(SECRET); // no newline: readLine waits, then times out with it buffered
                    collect(Timeout.class, a::readLine);
                    collect(Timeout.class, () -> a.recvExactly(SECRET.length() + 1));
                }
            }
            try (var server = Sockets.tcp().bind("127.0.0.1", 0).listen().onAccept(c -> {
                String got = c.readLine();
                throw new IllegalStateException("the handler refuses a request"); // a user's message, not the peer's bytes
            }); var proxy = Sockets.proxy("127.0.0.1", server.port()).bind("127.0.0.1", 0).resetAfter(SECRET.length())) {
                // The proxy holds back the newline and resets: the server never has a whole line, so it
                // cannot close first and hand the client a clean end instead of the reset.
                // The handler's own failure is provoked straight after, without the proxy.
                try (var c = Sockets.tcp().timeout(Duration.ofSeconds(10)).connect("127.0.0.1", proxy.port())) {
                    c.sendLine(SECRET).send(SECRET.repeat(100));
                    collect(SocketError.class, () -> {
                        while (!c.recv(100).isEmpty()) {
                            // drain until the reset
                        }
                        throw new AssertionError("no reset");
                    });
                    collect(SocketError.class, () -> c.send(SECRET));
                }
                try (var c = Sockets.tcp().timeout(Duration.ofSeconds(10)).connect("127.0.0.1", server.port())) {
                    c.sendLine(SECRET);
                    c.recv(1); // the handler failed and the server closed the connection
                }
                server.close();
            }
            // 6. UDP: a datagram longer than asked, and a read timeout.
            try (var rx = Sockets.udp().timeout(Duration.ofMillis(100)).bind("127.0.0.1", 0);
                 var tx = Sockets.udp().bind("127.0.0.1", 0)) {
                tx.sendto(SECRET, rx.local());
                Datagram d = rx.recvfrom(4);
                assertFalse(d.toString().contains(SECRET.substring(4)), d.toString());
                collect(Timeout.class, () -> rx.recvfrom(100));
            }
        } finally {
            serverLog.close();
        }
        int checked = 0;
        for (Throwable e : errors) {
            String all = chain(e);
            assertFalse(all.contains(SECRET) || all.contains("hunter2"), "an error carries the peer's bytes: " + all);
            checked++;
        }
        var logged = serverLog.records().stream()
                .map(r -> r.getMessage() + " " + (r.getThrown() == null ? "" : chain(r.getThrown()))).toList();
        for (String m : logged) {
            assertFalse(m.contains(SECRET) || m.contains("hunter2"), "a log line carries the peer's bytes: " + m);
        }
        ReliabilityLog.record("faults", "a secret through every failing read path -> in no error message or log line",
                checked, checked, 0, checked + " errors and " + logged.size() + " log lines checked");
    }

    @Test
    void a_refused_tcp_connect_and_a_refused_udp_recv_give_the_same_reason_and_hint_shape() {
        int tcpPort;
        try (var l = Sockets.tcp().bind("127.0.0.1", 0).listen()) {
            tcpPort = l.port();
        }
        int udpPort;
        try (var gone = Sockets.udp().bind("127.0.0.1", 0)) {
            udpPort = gone.local().port().number();
        }
        SocketError tcp = assertThrows(ConnectionRefused.class, () -> Sockets.tcp().connect("127.0.0.1", tcpPort));
        SocketError udp;
        try (var client = Sockets.udp().timeout(Duration.ofSeconds(10)).connect("127.0.0.1", udpPort)) {
            client.send("anyone?");
            udp = assertThrows(ConnectionRefused.class, () -> client.recv(100));
        }
        assertEquals(SocketError.Kind.REFUSED, tcp.kind());
        assertEquals(tcp.kind(), udp.kind());
        assertEquals("connection refused", tcp.reason());
        assertEquals(tcp.reason(), udp.reason());
        assertEquals("is a server listening on port " + tcpPort + "?", tcp.hint());
        assertEquals("is a server listening on port " + udpPort + "?", udp.hint());
        assertEquals(SocketError.Op.CONNECT, tcp.operation());
        assertEquals(SocketError.Op.RECV, udp.operation());
        assertEquals(Endpoint.of("127.0.0.1", tcpPort), tcp.remote().orElseThrow());
        assertEquals(Endpoint.of("127.0.0.1", udpPort), udp.remote().orElseThrow());
        assertEquals(111, tcp.errno());
        assertEquals("ECONNREFUSED", udp.errnoName());
        assertEquals(tcp.errno(), udp.errno());
        assertEquals("connect 127.0.0.1:" + tcpPort + ": [Errno 111] " + tcp.reason() + "; " + tcp.hint(), tcp.getMessage());
        assertEquals("recv from 127.0.0.1:" + udpPort + ": [Errno 111] " + udp.reason() + "; " + udp.hint(), udp.getMessage());
    }

    @Test
    void what_a_user_provokes_with_an_address_or_a_size_is_caught_as_a_SocketError() {
        SocketError path = assertThrows(SocketError.class, () -> Sockets.unix().bind("/tmp/" + "p".repeat(120)));
        assertInstanceOf(AddressError.class, path);
        assertEquals(SocketError.Op.PARSE, path.operation());
        SocketError size = assertThrows(SocketError.class, () -> Sockets.udp().sendto(new byte[70_000], "127.0.0.1", 9));
        assertEquals(SocketError.Kind.MESSAGE_TOO_LONG, size.kind());
        assertEquals(SocketError.Op.SENDTO, size.operation());
        assertEquals("send at most 65507 bytes in one datagram, or use TCP", size.hint());
        AddressError parse = assertThrows(AddressError.class, () -> Host.of("010.0.0.1"));
        assertEquals(SocketError.Op.PARSE, parse.operation());
        assertEquals(parse.reason(), ((SocketError) parse).reason());
    }

    private static String chain(Throwable e) {
        var b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t).append(" | ");
            for (Throwable s : t.getSuppressed()) {
                b.append(s).append(" | ");
            }
        }
        return b.toString();
    }
}
