package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.Loopback;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Listener: accept one by one (the tutorial's loop), timeouts, closing, handing over to a Server. */
@Timeout(60)
class ListenerTest {

    @Test
    void port_zero_takes_a_free_port_and_the_listener_says_which() {
        try (var l = Sockets.tcp().bind("127.0.0.1", 0).listen(5)) {
            assertTrue(l.port() > 0 && l.port() <= 65535);
            assertEquals(Endpoint.of("127.0.0.1", l.port()), l.endpoint());
            assertEquals(l.endpoint(), l.address());
            assertTrue(l.isOpen());
            assertEquals("Listener[tcp 127.0.0.1:" + l.port() + "]", l.toString());
        }
    }

    @Test
    void the_tutorials_loop_accepts_each_client_in_turn() throws Exception {
        Loopback.listener(l -> {
            for (int i = 0; i < 3; i++) {
                try (var client = Sockets.tcp().connect("127.0.0.1", l.port())) {
                    try (var c = l.accept()) {
                        assertEquals(client.local(), c.remote());
                        c.send("Thank you for connecting " + i);
                    }
                    assertEquals(Bytes.of("Thank you for connecting " + i), client.recvAll());
                }
            }
        });
    }

    @Test
    void binding_the_any_address_listens_on_every_interface() {
        try (var l = Sockets.tcp().bind("", 0).listen();
             var c = Sockets.tcp().connect("127.0.0.1", l.port());
             var accepted = l.accept()) {
            assertEquals("0.0.0.0:" + l.port(), l.address().text());
            assertEquals(c.local(), accepted.remote());
        }
    }

    @Test
    void bind_takes_every_form_of_host_and_port() {
        String[] printed = new String[6];
        TcpBinding[] steps = {
            Sockets.tcp().bind("127.0.0.1", 0),
            Sockets.tcp().bind("127.0.0.1", "0"),
            Sockets.tcp().bind(0x7F000001, 0),
            Sockets.tcp().bind(Host.loopback(), 0),
            Sockets.tcp().bind(Host.loopback(), Port.any()),
            Sockets.tcp().bind(Endpoint.of("127.0.0.1", 0)),
        };
        for (int i = 0; i < steps.length; i++) {
            try (var l = steps[i].listen()) {
                printed[i] = l.address().text();
                assertTrue(printed[i].startsWith("127.0.0.1:"), printed[i]);
                try (var c = Sockets.tcp().connect(l.endpoint()); var a = l.accept()) {
                    assertEquals(c.local(), a.remote());
                }
            }
        }
    }

    @Test
    void a_second_bind_on_the_same_port_gives_AddressInUse() {
        try (var l = Sockets.tcp().bind("127.0.0.1", 0).listen()) {
            var e = assertThrows(AddressInUse.class, () -> Sockets.tcp().bind("127.0.0.1", l.port()).listen());
            // Held by a listener of this JVM, which the hint names (OpenSocketsTest has the other process's case).
            assertTrue(e.getMessage().matches(java.util.regex.Pattern.quote("bind 127.0.0.1:" + l.port() + ": [Errno 98] address"
                    + " already in use; held by Listener[tcp 127.0.0.1:" + l.port() + "] opened ") + "\\d+ s ago in this JVM: close it,"
                    + " or Sockets\\.closeAll\\(\\)"), e.getMessage());
            assertEquals(SocketError.Kind.ADDRESS_IN_USE, e.kind());
            assertTrue(e.getCause() instanceof java.net.BindException);
            assertEquals(Endpoint.of("127.0.0.1", l.port()), e.local().orElseThrow());
        }
    }

    @Test
    void accept_times_out_with_the_spec_timeout() {
        try (var l = Sockets.tcp().timeout(Duration.ofMillis(100)).bind("127.0.0.1", 0).listen()) {
            var e = assertThrows(dev.sockets.Timeout.class, l::accept);
            assertEquals("accept on 127.0.0.1:" + l.port() + ": timed out after 100 ms; raise timeout(...)"
                    + " or check that a client connects", e.getMessage());
            // Still listening after a timeout.
            try (var c = Sockets.tcp().connect("127.0.0.1", l.port()); var a = l.accept()) {
                assertEquals(c.local(), a.remote());
                assertEquals(Duration.ofMillis(100), a.timeout(), "accepted connections get the spec's timeout");
            }
        }
    }

    @Test
    void accept_after_close_gives_SocketClosed() {
        var l = Sockets.tcp().bind("127.0.0.1", 0).listen();
        l.close();
        l.close();
        assertFalse(l.isOpen());
        assertEquals("Listener[tcp 127.0.0.1:" + l.port() + ", closed]", l.toString());
        var e = assertThrows(SocketClosed.class, l::accept);
        assertEquals("accept on 127.0.0.1:" + l.port() + ": the listener is closed", e.getMessage());
        assertThrows(SocketClosed.class, () -> l.onAccept(c -> { }));
    }

    @Test
    void close_from_another_thread_ends_a_blocked_accept() throws Exception {
        var l = Sockets.tcp().bind("127.0.0.1", 0).listen();
        var started = new CountDownLatch(1);
        var accepting = CompletableFuture.supplyAsync(() -> {
            started.countDown();
            try {
                return l.accept();
            } catch (SocketError e) {
                return e;
            }
        });
        started.await();
        l.close();
        Object r = accepting.get(30, TimeUnit.SECONDS);
        assertTrue(r instanceof SocketClosed, String.valueOf(r));
    }

    @Test
    void onAccept_hands_the_listener_to_a_server() throws Exception {
        var l = Sockets.tcp().bind("127.0.0.1", 0).listen();
        Server s = l.onAccept(c -> c.send("hi"));
        try {
            assertEquals("Listener[tcp 127.0.0.1:" + l.port() + ", serving]", l.toString());
            var e = assertThrows(IllegalStateException.class, l::accept);
            assertEquals("expected a listener of your own but this one is served by " + s
                    + "; close the server, or accept on another listener", e.getMessage());
            assertThrows(IllegalStateException.class, () -> l.onAccept(c -> { }));
            try (var c = Sockets.tcp().connect("127.0.0.1", s.port())) {
                assertEquals(Bytes.of("hi"), c.recvAll());
            }
        } finally {
            s.close();
        }
        assertFalse(l.isOpen(), "closing the server closes its listener");
    }

    @Test
    void a_client_can_connect_from_a_bound_local_address() throws Exception {
        Loopback.listener(l -> {
            int from;
            try (var probe = Sockets.tcp().bind("127.0.0.1", 0).listen()) {
                from = probe.port();
            }
            try (var c = Sockets.tcp().bind("127.0.0.1", from).connect("127.0.0.1", l.port()); var a = l.accept()) {
                assertEquals(Endpoint.of("127.0.0.1", from), c.local());
                assertEquals(Endpoint.of("127.0.0.1", from), a.remote());
            }
        });
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"127.0.0.1", "::1"})
    void listens_and_connects_over_ipv4_and_ipv6_loopback(String loopback) {
        org.junit.jupiter.api.Assumptions.assumeTrue(bindable(loopback), loopback + " is not configured here");
        try (var l = Sockets.tcp().bind(loopback, 0).listen();
             var c = Sockets.tcp().connect(loopback, l.port());
             var a = l.accept()) {
            assertEquals(Host.of(loopback), l.endpoint().host());
            assertEquals(c.local(), a.remote());
            assertEquals("hello " + loopback, lineVia(a, c, "hello " + loopback));
        }
    }

    @Test
    void family_inet6_binds_the_any_address_as_ipv6() {
        org.junit.jupiter.api.Assumptions.assumeTrue(bindable("::1"), "::1 is not configured here");
        try (var l = Sockets.tcp().family(Domain.INET6).bind("", 0).listen();
             var c = Sockets.tcp().connect("::1", l.port());
             var a = l.accept()) {
            assertEquals(Host.of("::"), l.endpoint().host());
            assertEquals(c.local(), a.remote());
        }
    }

    private static String lineVia(Connection from, Connection to, String line) {
        from.sendLine(line);
        return to.readLine();
    }

    private static boolean bindable(String host) {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void a_tcp_listener_serves_with_event_loops_on_its_own_port_and_closing_it_closes_the_server() {
        var listener = Sockets.tcp().bind("127.0.0.1", 0).listen(5);
        int port = listener.port();
        Server server = listener.onReceive((peer, data) -> peer.send(data));
        try (server; var c = Sockets.tcp().timeout(Duration.ofSeconds(10)).connect("127.0.0.1", port)) {
            assertEquals(port, server.port());
            assertEquals("hello", c.sendLine("hello").readLine());
            assertEquals("Server[tcp 127.0.0.1:" + port + ", 1 open, 1 accepted]", server.toString());
            assertEquals("Listener[tcp 127.0.0.1:" + port + ", serving]", listener.toString());
            assertThrows(IllegalStateException.class, listener::accept);
            assertThrows(IllegalStateException.class, () -> listener.onReceive((p, d) -> { }));
            listener.close();
            assertTrue(server.join(Duration.ofSeconds(10)), "closing the listener closes its server");
        }
        assertFalse(server.isOpen());
        assertFalse(listener.isOpen());
        assertThrows(ConnectionRefused.class, () -> Sockets.tcp().connect("127.0.0.1", port));
    }

    @Test
    void a_unix_listener_hands_its_socket_to_the_event_loops_and_the_server_removes_the_file(@TempDir Path dir) {
        Path path = dir.resolve("echo.sock");
        var listener = Sockets.unix().bind(path).listen(5);
        // A client that connects before onReceive waits in the backlog and is served: the socket stays.
        try (var early = Sockets.unix().timeout(Duration.ofSeconds(10)).connect(path)) {
            try (Server server = listener.onReceive((peer, data) -> peer.send(data))) {
                assertEquals("early", early.sendLine("early").readLine());
                assertEquals("Server[unix:" + path + ", 1 open, 1 accepted]", server.toString());
            }
            assertFalse(listener.isOpen(), "the server closes its listener");
        }
        assertFalse(Files.exists(path), "the socket file is removed");
    }

    @Test
    void a_closed_listener_refuses_onReceive() {
        var listener = Sockets.tcp().bind("127.0.0.1", 0).listen();
        listener.close();
        assertThrows(SocketClosed.class, () -> listener.onReceive((p, d) -> { }));
    }

    @Test
    void onAccept_on_a_tcp_binding_listens_and_serves_a_thread_per_connection() {
        try (Server server = Sockets.tcp().bind("127.0.0.1", 0).onAccept(c -> c.send(c.readLine() + "\n"));
             var c = Sockets.tcp().timeout(Duration.ofSeconds(10)).connect("127.0.0.1", server.port())) {
            assertEquals("hi", c.sendLine("hi").readLine());
            // Open while its handler runs, which may have returned already.
            assertTrue(server.toString().matches("Server\\[tcp 127\\.0\\.0\\.1:" + server.port() + ", [01] open, 1 accepted]"),
                    server.toString());
        }
    }

    @Test
    void onAccept_on_a_unix_binding_listens_and_serves_and_removes_the_file(@TempDir Path dir) {
        Path path = dir.resolve("hi.sock");
        try (Server server = Sockets.unix().bind(path).onAccept(c -> c.send(c.readLine() + "\n"))) {
            try (var c = Sockets.unix().timeout(Duration.ofSeconds(10)).connect(path)) {
                assertEquals("hi", c.sendLine("hi").readLine());
            }
            assertTrue(Files.exists(path));
        }
        assertFalse(Files.exists(path), "the socket file is removed");
    }
}
