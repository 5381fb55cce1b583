package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.internal.tls.TlsSession;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** STARTTLS: a plain conversation that turns into TLS, on either side, with nothing lost on the way. */
@org.junit.jupiter.api.Timeout(60)
class TlsStartTlsTest {
    static final TlsIdentity CA = TlsIdentity.authority("Test CA");
    static final TlsIdentity SERVER = CA.issue("localhost", "127.0.0.1");

    /** An SMTP-like server: 220, EHLO, STARTTLS, 220, then the same conversation over TLS. */
    static void smtp(Connection plain) {
        plain.sendLine("220 test ESMTP");
        assertEquals("EHLO me", plain.readLine());
        plain.sendLine("250-test");
        plain.sendLine("250 STARTTLS");
        assertEquals("STARTTLS", plain.readLine());
        plain.sendLine("220 go ahead");
        var t = plain.startTls(Sockets.tls().certificate(SERVER));
        assertEquals("EHLO me", t.readLine());
        t.sendLine("250 secure " + t.tls().orElseThrow().protocol());
        assertEquals("QUIT", t.readLine());
        t.sendLine("221 bye");
    }

    @Test
    void an_smtp_like_client_and_server_upgrade_to_tls_after_starttls() {
        try (var server = Sockets.tcp().bind("127.0.0.1", 0).onAccept(TlsStartTlsTest::smtp)) {
            int port = server.address().endpoint().port().number();
            try (var c = Sockets.tcp().connect("localhost", port)) {
                assertEquals("220 test ESMTP", c.readLine());
                c.sendLine("EHLO me");
                assertEquals("250-test", c.readLine());
                assertEquals("250 STARTTLS", c.readLine());
                c.sendLine("STARTTLS");
                assertEquals("220 go ahead", c.readLine());
                assertTrue(c.tls().isEmpty());
                var t = c.startTls(Sockets.tls().trust(CA)); // checked against "localhost", the name connected to
                assertEquals("TLSv1.3", t.tls().orElseThrow().protocol());
                t.sendLine("EHLO me");
                assertEquals("250 secure TLSv1.3", t.readLine());
                t.sendLine("QUIT");
                assertEquals("221 bye", t.readLine());
                assertFalse(c.isOpen(), "the plain connection is spent");
                var e = assertThrows(SocketClosed.class, () -> c.sendLine("plain again"));
                assertEquals("send to " + c.remote().text() + ": this connection was upgraded by startTls; use the"
                        + " Connection that startTls returned", e.getMessage());
                c.close(); // closes t too
                assertFalse(t.isOpen());
            }
            assertEquals(0, server.failed(), "the server's handler saw no failure");
        }
    }

    /**
     * The client sends its STARTTLS line and its ClientHello in one write: the server's readLine
     * reads both into its buffer, and the handshake must start from the bytes already read.
     */
    @Test
    void bytes_read_past_the_starttls_line_go_to_the_handshake() throws Exception {
        try (var listener = Sockets.tcp().bind("127.0.0.1", 0).listen()) {
            var served = CompletableFuture.supplyAsync(() -> {
                try (var c = listener.accept()) {
                    assertEquals("STARTTLS", c.readLine());
                    var t = c.startTls(Sockets.tls().certificate(SERVER));
                    String line = t.readLine();
                    t.sendLine("you said " + line);
                    return line;
                }
            });
            var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(CA.trustStore());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            SSLEngine engine = ctx.createSSLEngine("localhost", listener.port());
            engine.setUseClientMode(true);
            var session = new TlsSession(engine);
            try (var s = new Socket(InetAddress.getLoopbackAddress(), listener.port())) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                var first = new ByteArrayOutputStream();
                first.write("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals(TlsSession.Step.FLUSH, session.handshake());
                session.writeTo((b, off, len) -> {
                    first.write(b, off, len);
                    return len;
                });
                out.write(first.toByteArray()); // the line and the ClientHello in one write
                for (int round = 0; round < 20; round++) {
                    var step = session.handshake();
                    if (step == TlsSession.Step.DONE) {
                        break;
                    }
                    if (step == TlsSession.Step.FLUSH) {
                        session.writeTo((b, off, len) -> {
                            out.write(b, off, len);
                            return len;
                        });
                    } else {
                        assertTrue(session.readFrom(in::read) > 0, "the server answered the handshake");
                    }
                }
                session.wrap(ByteBuffer.wrap("hello\n".getBytes(StandardCharsets.US_ASCII)));
                session.writeTo((b, off, len) -> {
                    out.write(b, off, len);
                    return len;
                });
                assertEquals("hello", served.get(30, TimeUnit.SECONDS));
                byte[] answer = new byte[64];
                int n = 0;
                while (n == 0) {
                    n = session.unwrap(answer, 0, answer.length);
                    if (n == 0) {
                        assertTrue(session.readFrom(in::read) > 0);
                    }
                }
                assertEquals("you said hello\n", new String(answer, 0, n, StandardCharsets.US_ASCII));
            }
        }
    }

    @Test
    void a_server_side_starttls_without_a_certificate_says_what_is_missing() {
        try (var listener = Sockets.tcp().bind("127.0.0.1", 0).listen();
             var client = Sockets.tcp().connect("127.0.0.1", listener.port());
             var c = listener.accept()) {
            var e = assertThrows(IllegalStateException.class, () -> c.startTls(Sockets.tls()));
            assertTrue(e.getMessage().startsWith("expected a certificate for a TLS server but the spec has none;"),
                    e.getMessage());
            c.sendLine("still plain");
            assertEquals("still plain", client.readLine());
        }
    }
}
