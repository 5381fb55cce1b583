package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The calls a plain connection offers as Python's socket does work on a TLS connection alike. */
@Timeout(60)
class TlsSurfaceTest {

    private static final TlsIdentity ID = TlsIdentity.selfSigned("localhost", "127.0.0.1");

    @Test
    void options_peek_recvInto_and_sendFile_work_through_tls(@TempDir Path dir) throws Exception {
        byte[] content = new byte[3 << 20];
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("f.bin"), content);
        String sent = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        try (var listener = Sockets.tls().certificate(ID).timeout(Duration.ofSeconds(20)).bind("127.0.0.1", 0).listen()) {
            // Both ends handshake in connect and accept: the server accepts on a thread of its own.
            var accepted = java.util.concurrent.CompletableFuture.supplyAsync(listener::accept);
            try (var c = Sockets.tls().trust(ID).timeout(Duration.ofSeconds(20)).connect("127.0.0.1", listener.port());
                 var s = accepted.get(20, java.util.concurrent.TimeUnit.SECONDS)) {
            // Options are the socket's own, under TLS.
            assertSame(c, c.option(StandardSocketOptions.TCP_NODELAY, true));
            assertEquals(Boolean.TRUE, c.option(StandardSocketOptions.TCP_NODELAY));
            // sendFile goes through TLS: what arrives is the file, decrypted.
            assertEquals(content.length, c.sendFile(file));
            c.sendLine("end");
            assertEquals(Bytes.of(java.util.Arrays.copyOf(content, 4)), s.peek(4));   // peek leaves them for recvInto
            var digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            long got = 0;
            while (got < content.length) {
                int n = s.recvInto(buffer, 0, (int) Math.min(buffer.length, content.length - got));
                digest.update(buffer, 0, n);
                got += n;
            }
            assertEquals(sent, HexFormat.of().formatHex(digest.digest()));
            assertEquals(Bytes.of("end"), s.peek(3));
            var into = ByteBuffer.allocate(16);
            assertEquals(4, s.recvInto(into));
            assertEquals("end\n", new String(into.array(), 0, 4));
            }
        }
    }
}
