package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.Descriptors;
import dev.sockets.testing.LiveThreads;
import dev.sockets.testing.ServerLog;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** TLS connections that succeed and fail every way leave no descriptor or thread; insecure() warns once. */
@org.junit.jupiter.api.Timeout(120)
class TlsLeakTest {
    static final TlsIdentity ID = TlsIdentity.selfSigned("localhost", "127.0.0.1");

    static void round(int n) throws Exception {
        // Long enough for a good handshake on a busy machine: a TLS 1.3 client finishes before the server.
        try (var server = Sockets.tls().certificate(ID).handshakeTimeout(Duration.ofSeconds(1)).bind("127.0.0.1", 0)
                .onAccept(c -> c.sendLine(c.readLine()))) {
            int port = server.address().endpoint().port().number();
            for (int i = 0; i < n; i++) {
                switch (i % 4) {
                    case 0 -> {
                        try (var c = Sockets.tls().trust(ID).connect("127.0.0.1", port)) {
                            c.sendLine("x" + i);
                            assertEquals("x" + i, c.readLine());
                        }
                    }
                    case 1 -> assertThrows(TlsError.class, () -> Sockets.tls().connect("127.0.0.1", port)); // untrusted
                    case 2 -> {
                        try (var s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                            s.getOutputStream().write("HELLO\r\n".getBytes(StandardCharsets.US_ASCII));
                            assertEquals(-1, s.getInputStream().read());
                        }
                    }
                    default -> {
                        try (var s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                            s.getOutputStream().write(new byte[] {0x16, 0x03, 0x01}); // a handshake begun, then gone
                        }
                    }
                }
            }
            try (var s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertEquals(-1, s.getInputStream().read(), "a silent client is cut off at the handshake timeout");
            }
        }
    }

    @Test
    void handshakes_that_succeed_and_fail_leave_no_descriptor_or_thread() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Descriptors.available(), "no /proc/self/fd on this OS");
        round(8); // warm-up: the JDK's TLS classes and its once-per-JVM descriptors
        var before = Descriptors.snapshot();
        round(40);
        Descriptors.assertNoLeak(before, Duration.ofSeconds(10), () -> round(40));
        assertEquals(List.of(), LiveThreads.awaitNone("sockets-conn-", 40));
    }

    @Test
    void insecure_connects_to_a_self_signed_server_and_warns_once_per_spec() throws Exception {
        var serverLog = ServerLog.capture();
        try (var server = Sockets.tls().certificate(TlsIdentity.selfSigned("elsewhere")).bind("127.0.0.1", 0)
                .onAccept(c -> c.sendLine("hi"))) {
            int port = server.address().endpoint().port().number();
            var spec = Sockets.tls().insecure().timeout(Duration.ofSeconds(10));
            assertEquals("TlsSpec[insecure=true, timeout=10 s]", spec.toString());
            for (int i = 0; i < 3; i++) {
                try (var c = spec.connect("127.0.0.1", port)) {
                    assertEquals("hi", c.readLine());
                }
            }
        } finally {
            serverLog.close();
        }
        var warnings = serverLog.atLeast(Level.WARNING);
        assertEquals(1, warnings.size(), serverLog.toString());
        assertTrue(warnings.get(0).getMessage().startsWith("TlsSpec.insecure(): the peer's certificate and host name are not checked"),
                warnings.get(0).getMessage());
    }
}
