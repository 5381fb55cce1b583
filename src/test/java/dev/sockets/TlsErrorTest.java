package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Each TLS failure a user meets, provoked for real on 127.0.0.1, with its exact message: what
 * failed and what to do, and never a byte the peer sent.
 */
@org.junit.jupiter.api.Timeout(60)
class TlsErrorTest {
    static final TlsIdentity CA = TlsIdentity.authority("Test CA");
    static final TlsIdentity SERVER = CA.issue("localhost", "127.0.0.1");
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    static final String CLOCK = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC";

    /** Serves {@code id} with the library until the body is done; the body gets the port. */
    static void served(TlsSpec spec, Consumer<Integer> body) {
        try (var server = spec.bind("127.0.0.1", 0).onAccept(c -> {
            for (String line; (line = c.readLine()) != null; ) {
                c.sendLine(line);
            }
        })) {
            body.accept(server.address().endpoint().port().number());
        }
    }

    static TlsError connectFails(TlsSpec spec, int port) {
        return assertThrows(TlsError.class, () -> spec.connect("127.0.0.1", port).close());
    }

    @Test
    void an_untrusted_self_signed_server_names_subject_and_issuer_and_says_trust_path() {
        var self = TlsIdentity.selfSigned("localhost", "127.0.0.1");
        served(Sockets.tls().certificate(self), port -> {
            var e = connectFails(Sockets.tls(), port);
            assertEquals(TlsError.Problem.UNTRUSTED, e.problem());
            assertEquals(SocketError.Kind.TLS, e.kind());
            assertEquals(SocketError.Op.HANDSHAKE, e.operation());
            assertEquals("handshake with 127.0.0.1:" + port + ": the server's certificate is not trusted: CN=localhost,"
                    + " issued by CN=localhost (self-signed); if you trust it, pass a PEM file with the certificate of"
                    + " CN=localhost to trust(Path), as in Sockets.tls().trust(Path.of(\"ca.pem\"))", e.getMessage());
        });
    }

    @Test
    void a_chain_from_an_unknown_authority_names_that_authority() {
        served(Sockets.tls().certificate(SERVER), port -> {
            var other = TlsIdentity.authority("Other CA");
            var e = connectFails(Sockets.tls().trust(other), port);
            assertEquals(TlsError.Problem.UNTRUSTED, e.problem());
            assertEquals("handshake with 127.0.0.1:" + port + ": the server's certificate is not trusted: CN=localhost,"
                    + " issued by CN=Test CA (its root CN=Test CA is not trusted here); if you trust it, pass a PEM file"
                    + " with the certificate of CN=Test CA to trust(Path), as in Sockets.tls().trust(Path.of(\"ca.pem\"))",
                    e.getMessage());
        });
    }

    @Test
    void a_host_name_mismatch_lists_the_names_the_certificate_is_for() {
        var onlyLocalhost = CA.issue("localhost", "www.localhost");
        served(Sockets.tls().certificate(onlyLocalhost), port -> {
            var e = connectFails(Sockets.tls().trust(CA), port);
            assertEquals(TlsError.Problem.HOST_MISMATCH, e.problem());
            assertEquals("handshake with 127.0.0.1:" + port + ": the server's certificate is for [localhost, www.localhost],"
                    + " not for 127.0.0.1; connect to one of those names, or give the name the server is known by to"
                    + " serverName(...)", e.getMessage());
            // And the hint works: the name it is for.
            try (var c = Sockets.tls().trust(CA).serverName("localhost").connect("127.0.0.1", port)) {
                c.sendLine("ok");
                assertEquals("ok", c.readLine());
            }
        });
    }

    @Test
    void an_expired_certificate_gives_its_dates_and_the_clock() {
        Instant from = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant to = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        var expired = CA.issue(from, to, "localhost", "127.0.0.1");
        served(Sockets.tls().certificate(expired), port -> {
            var e = connectFails(Sockets.tls().trust(CA), port);
            assertEquals(TlsError.Problem.EXPIRED, e.problem());
            String expected = "handshake with 127.0.0.1:" + port + ": the server's certificate CN=localhost expired on "
                    + WHEN.format(to) + "; this machine's clock says " + CLOCK
                    + "; renew the certificate \\(if the clock is wrong, set it right\\)";
            assertTrue(e.getMessage().matches(expected), e.getMessage());
        });
    }

    @Test
    void a_certificate_not_yet_valid_gives_its_start_and_the_clock() {
        Instant from = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant to = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        var early = CA.issue(from, to, "localhost", "127.0.0.1");
        served(Sockets.tls().certificate(early), port -> {
            var e = connectFails(Sockets.tls().trust(CA), port);
            assertEquals(TlsError.Problem.NOT_YET_VALID, e.problem());
            String expected = "handshake with 127.0.0.1:" + port + ": the server's certificate CN=localhost is valid only from "
                    + WHEN.format(from) + "; this machine's clock says " + CLOCK
                    + "; check this machine's clock, and the one that made the certificate";
            assertTrue(e.getMessage().matches(expected), e.getMessage());
        });
    }

    /** A server of TLS 1.0 only: it answers any ClientHello with a TLS 1.0 ServerHello, as an old stack does. */
    @Test
    void a_tls_1_0_only_server_has_no_version_in_common() throws Exception {
        try (var raw = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            var peer = CompletableFuture.runAsync(() -> {
                try (Socket s = raw.accept()) {
                    readRecord(s.getInputStream());
                    byte[] hello = new byte[47];
                    byte[] head = {0x16, 0x03, 0x01, 0x00, 0x2a, 0x02, 0x00, 0x00, 0x26, 0x03, 0x01};
                    System.arraycopy(head, 0, hello, 0, head.length);
                    // 32 bytes of random, an empty session id, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, no compression
                    hello[43] = 0;
                    hello[44] = (byte) 0xc0;
                    hello[45] = 0x13;
                    hello[46] = 0;
                    s.getOutputStream().write(hello);
                    s.getInputStream().read(new byte[64]); // the client's alert, or its end
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            var e = connectFails(Sockets.tls().trust(CA), raw.getLocalPort());
            assertEquals(TlsError.Problem.NO_COMMON_PROTOCOL, e.problem());
            assertEquals("handshake with 127.0.0.1:" + raw.getLocalPort() + ": no TLS version or cipher suite in common with"
                    + " the server (this side accepts TLSv1.3, TLSv1.2); the server may speak only TLS 1.0 or 1.1, which"
                    + " are broken (RFC 8996) and refused: upgrade it", e.getMessage());
            peer.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_silent_server_ends_the_handshake_at_its_timeout() throws Exception {
        try (var raw = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            var held = CompletableFuture.supplyAsync(() -> {
                try {
                    return raw.accept(); // and say nothing
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            long start = System.nanoTime();
            var e = connectFails(Sockets.tls().trust(CA).handshakeTimeout(Duration.ofMillis(300)), raw.getLocalPort());
            long took = System.nanoTime() - start;
            assertEquals(TlsError.Problem.HANDSHAKE_TIMEOUT, e.problem());
            assertEquals("handshake with 127.0.0.1:" + raw.getLocalPort() + ": the TLS handshake did not finish within 300 ms:"
                    + " the server said nothing; is it a TLS port? raise handshakeTimeout(...) if the server is only slow",
                    e.getMessage());
            assertTrue(took >= TimeUnit.MILLISECONDS.toNanos(300), "not before its time: " + took);
            assertTrue(took < TimeUnit.SECONDS.toNanos(20), "not absurdly late: " + took);
            held.get(10, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void a_server_that_stops_mid_handshake_ends_it_at_its_timeout() throws Exception {
        try (var raw = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            var held = CompletableFuture.supplyAsync(() -> {
                try {
                    Socket s = raw.accept();
                    readRecord(s.getInputStream());
                    // The start of a ServerHello record, and then nothing.
                    s.getOutputStream().write(new byte[] {0x16, 0x03, 0x03, 0x00, 0x5a, 0x02, 0x00});
                    return s;
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            var e = connectFails(Sockets.tls().trust(CA).handshakeTimeout(Duration.ofMillis(300)), raw.getLocalPort());
            assertEquals(TlsError.Problem.HANDSHAKE_TIMEOUT, e.problem());
            assertEquals("handshake with 127.0.0.1:" + raw.getLocalPort() + ": the TLS handshake did not finish within 300 ms:"
                    + " the server stopped answering mid-handshake; is it a TLS port? raise handshakeTimeout(...) if the"
                    + " server is only slow", e.getMessage());
            held.get(10, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void a_client_that_says_nothing_is_cut_off_at_the_handshake_timeout() throws Exception {
        try (var listener = Sockets.tls().certificate(SERVER).handshakeTimeout(Duration.ofMillis(300))
                .bind("127.0.0.1", 0).listen();
             var silent = new Socket(InetAddress.getLoopbackAddress(), listener.port())) {
            var e = assertThrows(TlsError.class, listener::accept);
            assertEquals(TlsError.Problem.HANDSHAKE_TIMEOUT, e.problem());
            assertEquals("handshake with 127.0.0.1:" + silent.getLocalPort() + ": the TLS handshake did not finish within"
                    + " 300 ms: the client said nothing; a client that connects and stalls is cut off after the spec's"
                    + " handshakeTimeout", e.getMessage());
            assertEquals(-1, silent.getInputStream().read(), "the server closed the connection");
        }
    }

    @Test
    void a_plain_text_server_gets_asked_whether_it_needs_starttls() throws Exception {
        try (var raw = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            var peer = CompletableFuture.runAsync(() -> {
                try (Socket s = raw.accept()) {
                    s.getOutputStream().write("220 mail.example ESMTP ready\r\n".getBytes(StandardCharsets.US_ASCII));
                    s.getInputStream().read(new byte[4096]);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            var e = connectFails(Sockets.tls().trust(CA), raw.getLocalPort());
            assertEquals(TlsError.Problem.NOT_TLS, e.problem());
            assertEquals("handshake with 127.0.0.1:" + raw.getLocalPort() + ": the server answered in plain text, not TLS;"
                    + " does it need STARTTLS, or is this the plain port?", e.getMessage());
            assertFalse(e.getMessage().contains("220") || e.getMessage().contains("ESMTP"));
            peer.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_plain_text_client_is_told_apart_by_the_server() throws Exception {
        try (var listener = Sockets.tls().certificate(SERVER).bind("127.0.0.1", 0).listen();
             var plain = new Socket(InetAddress.getLoopbackAddress(), listener.port())) {
            plain.getOutputStream().write("GET /secret HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            var e = assertThrows(TlsError.class, listener::accept);
            assertEquals(TlsError.Problem.NOT_TLS, e.problem());
            assertEquals("handshake with 127.0.0.1:" + plain.getLocalPort() + ": the client sent something that is not a"
                    + " TLS handshake; is it a plain-text client on the TLS port? it should connect with TLS, or to the"
                    + " plain port", e.getMessage());
            assertFalse(e.getMessage().contains("GET") || e.getMessage().contains("secret"));
        }
    }

    /** The first TLS record from {@code in}, read whole (the ClientHello). */
    static byte[] readRecord(InputStream in) throws IOException {
        byte[] head = in.readNBytes(5);
        int len = ((head[3] & 0xFF) << 8) | (head[4] & 0xFF);
        return in.readNBytes(len);
    }

    static void unused(OutputStream o) {
    }
}
