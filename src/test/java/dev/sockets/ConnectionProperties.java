package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sockets.testing.ChunkedTransport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** The shared read buffer, against every way the stream can be cut into reads. */
class ConnectionProperties {

    private static Connection over(ChunkedTransport t) {
        return new Connection(t, StandardCharsets.UTF_8, 1 << 16, Duration.ZERO);
    }

    @Property
    void mixed_binary_reads_return_every_byte_once_in_order(
            @ForAll @Size(max = 3000) byte[] data,
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 9000) Integer> chunks,
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 5000) Integer> sizes) throws Exception {
        Connection c = over(new ChunkedTransport(data, chunks));
        var got = new ByteArrayOutputStream();
        var in = c.input();
        for (int step = 0; got.size() < data.length; step++) {
            int size = sizes.get(step % sizes.size());
            switch (step % 4) {
                case 0:
                    got.writeBytes(c.recv(size).toByteArray());
                    break;
                case 1:
                    got.writeBytes(c.recvExactly(Math.min(size, data.length - got.size())).toByteArray());
                    break;
                case 2: {
                    byte[] b = new byte[size];
                    int n = in.read(b, 0, size);
                    if (n > 0) {
                        got.write(b, 0, n);
                    }
                    break;
                }
                default: {
                    int one = in.read();
                    if (one >= 0) {
                        got.write(one);
                    }
                }
            }
        }
        assertArrayEquals(data, got.toByteArray());
        assertEquals(Bytes.empty(), c.recv(10));
        assertEquals(Bytes.empty(), c.recvAll());
    }

    @Property
    void readLine_returns_each_line_whatever_the_terminator_and_the_cuts(
            @ForAll @Size(max = 20) List<@StringLength(max = 300) String> raw,
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 700) Integer> chunks,
            @ForAll long crlfMask) {
        List<String> lines = new ArrayList<>();
        var text = new StringBuilder();
        for (int i = 0; i < raw.size(); i++) {
            // Lines hold no terminator; lone surrogates do not survive UTF-8, so keep text well formed.
            String line = new String(raw.get(i).replace("\n", "").replace("\r", "").getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8);
            lines.add(line);
            text.append(line).append((crlfMask >>> (i % 64) & 1) == 1 ? "\r\n" : "\n");
        }
        Connection c = over(new ChunkedTransport(text.toString().getBytes(StandardCharsets.UTF_8), chunks));
        for (String line : lines) {
            assertEquals(line, c.readLine());
        }
        assertNull(c.readLine());
    }

    @Property
    void lines_and_recv_interleave_without_losing_a_byte(
            @ForAll @Size(max = 10) List<@StringLength(max = 50) String> raw,
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 64) Integer> chunks) {
        // Each record: a line with a length, then that many raw bytes.
        var stream = new ByteArrayOutputStream();
        List<byte[]> bodies = new ArrayList<>();
        for (String r : raw) {
            byte[] body = r.getBytes(StandardCharsets.UTF_8);
            bodies.add(body);
            stream.writeBytes(("len " + body.length + "\n").getBytes(StandardCharsets.UTF_8));
            stream.writeBytes(body);
        }
        Connection c = over(new ChunkedTransport(stream.toByteArray(), chunks));
        for (byte[] body : bodies) {
            assertEquals("len " + body.length, c.readLine());
            assertArrayEquals(body, c.recvExactly(body.length).toByteArray());
        }
        assertNull(c.readLine());
    }
}
