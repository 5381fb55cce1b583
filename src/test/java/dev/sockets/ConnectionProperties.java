package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sockets.internal.io.RealConnection;
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
        return new RealConnection(t, StandardCharsets.UTF_8, 1 << 16, Duration.ZERO);
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

    // Issue 6: frames of any size (recvExactly grows its array as bytes arrive, from 64 KiB), cut
    // one byte at a time or at random boundaries, come out exactly as sent.
    @Property(tries = 200)
    void frames_of_any_size_come_out_exactly_as_sent_one_byte_at_a_time_or_at_random_cuts(
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 200_000) Integer> sizes,
            @ForAll boolean oneByteAtATime,
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 70_000) Integer> cuts,
            @ForAll long seed) {
        var r = new java.util.Random(seed);
        var stream = new ByteArrayOutputStream();
        List<byte[]> bodies = new ArrayList<>();
        for (int size : sizes) {
            byte[] body = new byte[oneByteAtATime ? size % 3000 : size];
            r.nextBytes(body);
            bodies.add(body);
            stream.writeBytes((body.length + "\n").getBytes(StandardCharsets.UTF_8));
            stream.writeBytes(body);
        }
        byte[] tail = new byte[r.nextInt(5000)];
        r.nextBytes(tail);
        stream.writeBytes(tail);
        Connection c = over(new ChunkedTransport(stream.toByteArray(), oneByteAtATime ? List.of(1) : cuts));
        for (byte[] body : bodies) {
            assertEquals(Integer.toString(body.length), c.readLine());
            assertArrayEquals(body, c.recvExactly(body.length).toByteArray());
        }
        var rest = new ByteArrayOutputStream();
        for (Bytes b = c.recv(777); !b.isEmpty(); b = c.recv(777)) {
            rest.writeBytes(b.toByteArray());
        }
        assertArrayEquals(tail, rest.toByteArray());
    }

    // The same through real sockets and the fault proxy, which forwards in writes of 1 to `max` bytes.
    @Property(tries = 20)
    void frames_through_a_proxy_that_cuts_the_stream_come_out_exactly_as_sent(
            @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 20_000) Integer> sizes,
            @ForAll @IntRange(min = 1, max = 300) int max,
            @ForAll long seed) throws Exception {
        var r = new java.util.Random(seed);
        List<byte[]> bodies = new ArrayList<>();
        for (int size : sizes) {
            byte[] body = new byte[size];
            r.nextBytes(body);
            bodies.add(body);
        }
        try (var l = Sockets.tcp().bind("127.0.0.1", 0).listen();
             var proxy = dev.sockets.testing.FaultProxy.to(l.port(), seed).chunk(1, max);
             var c = Sockets.tcp().timeout(Duration.ofSeconds(30)).connect("127.0.0.1", proxy.port());
             var a = l.accept()) {
            a.timeout(Duration.ofSeconds(30));
            for (byte[] body : bodies) {
                c.sendLine(Integer.toString(body.length)).send(body);
            }
            c.send("the end").shutdownOutput();
            for (byte[] body : bodies) {
                assertEquals(Integer.toString(body.length), a.readLine());
                assertArrayEquals(body, a.recvExactly(body.length).toByteArray());
            }
            var rest = new ByteArrayOutputStream();
            for (Bytes b = a.recv(3); !b.isEmpty(); b = a.recv(3)) {
                rest.writeBytes(b.toByteArray());
            }
            assertEquals("the end", rest.toString(StandardCharsets.UTF_8));
        }
    }
}
