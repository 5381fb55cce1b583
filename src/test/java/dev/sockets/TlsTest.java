package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * TLS through the library on both ends, on 127.0.0.1: both versions, both blocking server forms
 * (listen/accept and onAccept), lines, half close, the end of the stream, large transfers.
 */
@org.junit.jupiter.api.Timeout(120)
class TlsTest {
    static final TlsIdentity ID = TlsIdentity.selfSigned("localhost", "127.0.0.1");

    static TlsSpec server(String version) {
        return Sockets.tls().certificate(ID).protocols(version);
    }

    static TlsSpec client(String version) {
        return Sockets.tls().trust(ID).protocols(version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void a_client_and_an_accepting_server_talk_in_lines_and_agree_on_the_version(String version) throws Exception {
        try (var listener = server(version).bind("127.0.0.1", 0).listen()) {
            var served = CompletableFuture.supplyAsync(() -> {
                try (var c = listener.accept()) {
                    String line = c.readLine();
                    c.sendLine("echo " + line);
                    return c.tls().orElseThrow();
                }
            });
            try (var c = client(version).connect("127.0.0.1", listener.port())) {
                c.sendLine("hello");
                assertEquals("echo hello", c.readLine());
                var info = c.tls().orElseThrow();
                assertEquals(version, info.protocol());
                assertEquals(ID.certificate(), info.peerCertificate().orElseThrow());
                assertTrue(info.toString().startsWith("TlsInfo[" + version + " TLS_"), info.toString());
                assertTrue(info.toString().contains(", peer CN=localhost (expires "), info.toString());
                assertTrue(c.toString().startsWith("Connection[tls 127.0.0.1:"), c.toString());
            }
            var serverInfo = served.get(30, TimeUnit.SECONDS);
            assertEquals(version, serverInfo.protocol());
            assertTrue(serverInfo.peerCertificates().isEmpty());
            assertTrue(serverInfo.toString().endsWith(", no peer certificate]"), serverInfo.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void an_onAccept_server_serves_tls_clients(String version) throws Exception {
        try (var server = server(version).bind("127.0.0.1", 0).onAccept(c -> {
            for (String line; (line = c.readLine()) != null; ) {
                c.sendLine(line.toUpperCase());
            }
        })) {
            for (int i = 0; i < 3; i++) {
                try (var c = client(version).connect("localhost", server.address().endpoint().port().number())) {
                    c.sendLine("abc" + i);
                    assertEquals("ABC" + i, c.readLine());
                }
            }
        }
    }

    @Test
    void a_client_stalled_mid_handshake_does_not_hold_up_the_next_client() throws Exception {
        try (var server = server("TLSv1.3").handshakeTimeout(Duration.ofSeconds(30)).bind("127.0.0.1", 0)
                .onAccept(c -> c.sendLine("hi"));
             var stalled = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(),
                     server.address().endpoint().port().number())) {
            try (var c = client("TLSv1.3").connect("127.0.0.1", server.address().endpoint().port().number())) {
                assertEquals("hi", c.readLine());
            }
            // The stalled client is still waiting for its handshake: served the other one meanwhile.
            stalled.setSoTimeout(50);
            assertThrows(java.net.SocketTimeoutException.class, () -> stalled.getInputStream().read());
        }
    }

    @Test
    void the_idle_timeout_closes_a_silent_tls_client_and_counts_it() throws Exception {
        var seen = new java.util.concurrent.atomic.AtomicReference<Object>();
        var server = server("TLSv1.3").idleTimeout(Duration.ofSeconds(1)).bind("127.0.0.1", 0).onAccept(c -> {
            c.sendLine(c.readLine());
            try {
                seen.set("read " + c.readLine());
            } catch (RuntimeException e) {
                seen.set(e);
                throw e;
            }
        });
        try (server; var c = client("TLSv1.3").connect("127.0.0.1", server.address().endpoint().port().number())) {
            assertEquals("once", c.sendLine("once").readLine(), "both handshakes done");
            // The idle close runs on the deadline thread, which must not block on a close_notify.
            assertEquals(0, c.recv(1).length(), "then silent: closed by the server, the end of the stream");
        }
        assertEquals(1, server.idleClosed(), server + ", the handler's read: " + seen.get());
        assertEquals(0, server.failed(), server.toString());
    }

    @Test
    void a_plain_connection_has_no_tls_info() throws Exception {
        try (var l = Sockets.tcp().bind("127.0.0.1", 0).listen();
             var c = Sockets.tcp().connect("127.0.0.1", l.port())) {
            assertTrue(c.tls().isEmpty());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void shutdownOutput_sends_close_notify_and_the_peer_reads_the_end_of_the_stream(String version) throws Exception {
        try (var listener = server(version).bind("127.0.0.1", 0).listen()) {
            var served = CompletableFuture.supplyAsync(() -> {
                try (var c = listener.accept()) {
                    var all = c.recvAll(); // until the client's close_notify
                    String after = c.readLine();
                    return all.length() + " " + after;
                }
            });
            try (var c = client(version).connect("127.0.0.1", listener.port())) {
                c.send("12345");
                c.shutdownOutput();
                assertEquals("5 null", served.get(30, TimeUnit.SECONDS));
                assertEquals(0, c.recv(10).length(), "the server closed: the end of the stream");
            }
        }
    }

    @Test
    void half_close_on_tls_1_3_lets_the_server_answer_after_the_clients_end() throws Exception {
        try (var server = server("TLSv1.3").bind("127.0.0.1", 0).onAccept(c -> {
            var all = c.recvAll();
            c.sendLine("got " + all.length());
        })) {
            try (var c = client("TLSv1.3").connect("127.0.0.1", server.address().endpoint().port().number())) {
                c.send(new byte[100_000]);
                c.shutdownOutput();
                assertEquals("got 100000", c.readLine());
                assertNull(c.readLine());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void a_few_mebibytes_each_way_arrive_whole(String version) throws Exception {
        byte[] data = new byte[4 << 20];
        new Random(17).nextBytes(data);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(data);
        try (var server = server(version).bind("127.0.0.1", 0).onAccept(c -> {
            var in = c.recvExactly(data.length);
            c.send(in);
        })) {
            try (var c = client(version).connect("127.0.0.1", server.address().endpoint().port().number())) {
                var writer = CompletableFuture.runAsync(() -> c.send(data));
                var back = c.recvExactly(data.length);
                writer.get(60, TimeUnit.SECONDS);
                assertArrayEquals(digest, MessageDigest.getInstance("SHA-256").digest(back.toByteArray()));
            }
        }
    }

    @Test
    void a_read_timeout_on_a_tls_connection_is_a_timeout_and_the_connection_reads_on_after_it() throws Exception {
        try (var listener = server("TLSv1.3").bind("127.0.0.1", 0).listen()) {
            var served = CompletableFuture.supplyAsync(listener::accept);
            try (var c = client("TLSv1.3").timeout(Duration.ofMillis(200)).connect("127.0.0.1", listener.port());
                 var s = served.get(30, TimeUnit.SECONDS)) {
                var e = assertThrows(Timeout.class, c::readLine);
                assertEquals("recv from 127.0.0.1:" + listener.port() + ": timed out after 200 ms; raise timeout(...) or"
                        + " check that the peer sends", e.getMessage());
                s.sendLine("late");
                assertEquals("late", c.readLine(), "the TLS session survives a read timeout");
            }
        }
    }

    @Test
    void a_peer_that_never_reads_ends_a_tls_send_at_the_write_timeout() throws Exception {
        try (var listener = server("TLSv1.3").bind("127.0.0.1", 0).listen()) {
            var served = CompletableFuture.supplyAsync(listener::accept);
            try (var c = client("TLSv1.3").writeTimeout(Duration.ofMillis(300)).connect("127.0.0.1", listener.port());
                 var s = served.get(30, TimeUnit.SECONDS)) {
                var e = assertThrows(Timeout.class, () -> c.send(new byte[64 << 20]));
                assertTrue(e.getMessage().startsWith("send to 127.0.0.1:" + listener.port() + ": no progress for 300 ms;"
                        + " the peer is not reading"), e.getMessage());
                assertFalse(c.isOpen(), "a send cut short closes the connection");
            }
        }
    }

    @Test
    void the_spec_prints_what_was_set_and_never_a_password() {
        var spec = Sockets.tls().trust(java.nio.file.Path.of("ca.pem")).handshakeTimeout(Duration.ofSeconds(5));
        assertEquals("TlsSpec[trust=ca.pem, handshakeTimeout=5 s]", spec.toString());
        assertEquals("TlsSpec[]", Sockets.tls().toString());
        var p12 = Sockets.tls().certificate(java.nio.file.Path.of("server.p12"), "secret".toCharArray()).timeout(Duration.ofSeconds(2));
        assertEquals("TlsSpec[certificate=server.p12, timeout=2 s]", p12.toString());
        assertEquals(p12, Sockets.tls().certificate(java.nio.file.Path.of("server.p12"), "secret".toCharArray())
                .timeout(Duration.ofSeconds(2)));
        assertFalse(p12.equals(Sockets.tls().certificate(java.nio.file.Path.of("server.p12"), "other".toCharArray())
                .timeout(Duration.ofSeconds(2))));
        assertEquals("TlsSpec[alpn=[h2, http/1.1], protocols=[TLSv1.3]]",
                Sockets.tls().protocols("TLSv1.3").alpn("h2", "http/1.1").toString());
        assertEquals("TlsBinding[127.0.0.1:0, clientAuth=true]", Sockets.tls().clientAuth(true).bind("127.0.0.1", 0).toString());
    }

    @Test
    void settings_out_of_range_are_refused_with_what_was_expected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Sockets.tls().protocols("TLSv1"));
        assertEquals("expected TLSv1.3 or TLSv1.2 but was \"TLSv1\"; older versions are broken (RFC 8996) and not offered",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sockets.tls().handshakeTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Sockets.tls().alpn(new String[0]));
        var sni = assertThrows(IllegalArgumentException.class, () -> Sockets.tls().serverName("127.0.0.1"));
        assertEquals("expected a host name for SNI but was \"127.0.0.1\"; SNI carries names, not addresses", sni.getMessage());
        var noCert = assertThrows(IllegalStateException.class, () -> Sockets.tls().bind("127.0.0.1", 0).listen());
        assertTrue(noCert.getMessage().startsWith("expected a certificate for a TLS server but the spec has none;"),
                noCert.getMessage());
    }
}
