package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sockets.internal.io.RealConnection;
import dev.sockets.testing.ChunkedTransport;
import dev.sockets.testing.Gens;
import dev.sockets.testing.Pbt;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared read buffer, against every way the stream can be cut into reads. */
class ConnectionProperties {

    private static Connection over(ChunkedTransport t) {
        return new RealConnection(t, StandardCharsets.UTF_8, 1 << 16, Duration.ZERO);
    }

    @Test
    void mixed_binary_reads_return_every_byte_once_in_order() {
        Pbt.qt(1000).forAll(Gens.bytes(3000), Gens.lists(Gens.ints(1, 9000), 1, 8), Gens.lists(Gens.ints(0, 5000), 1, 8))
                .checkAssert((data, chunks, sizes) -> Pbt.unchecked(() -> {
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
        }));
    }

    @Test
    void readLine_returns_each_line_whatever_the_terminator_and_the_cuts() {
        Pbt.qt(1000).forAll(Gens.lists(Gens.strings(300), 0, 20), Gens.lists(Gens.ints(1, 700), 1, 6), Gens.anyLong())
                .checkAssert((raw, chunks, crlfMask) -> {
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
        });
    }

    @Test
    void lines_and_recv_interleave_without_losing_a_byte() {
        Pbt.qt(1000).forAll(Gens.lists(Gens.strings(50), 0, 10), Gens.lists(Gens.ints(1, 64), 1, 6)).checkAssert((raw, chunks) -> {
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
        });
    }

    // Frames of any size (recvExactly grows its array as bytes arrive, from 64 KiB), cut
    // one byte at a time or at random boundaries, come out exactly as sent.
    @Test
    void frames_of_any_size_come_out_exactly_as_sent_one_byte_at_a_time_or_at_random_cuts() {
        Pbt.qt(200).forAll(Gens.lists(Gens.ints(0, 200_000), 1, 6), Gens.booleans(), Gens.lists(Gens.ints(1, 70_000), 1, 6), Gens.anyLong())
                .checkAssert((sizes, oneByteAtATime, cuts, seed) -> {
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
        });
    }

    // The same through real sockets and the fault proxy, which forwards in writes of 1 to `max` bytes.
    @Test
    void frames_through_a_proxy_that_cuts_the_stream_come_out_exactly_as_sent() {
        // More draws than cases wanted: QuickTheories starts with the extremes of each input, which can
        // repeat a case, and runs a repeated case once.
        Pbt.qt(22).forAll(Gens.lists(Gens.ints(0, 20_000), 1, 4), Gens.ints(1, 300), Gens.anyLong())
                .checkAssert((sizes, max, seed) -> Pbt.unchecked(() -> {
            var r = new java.util.Random(seed);
            List<byte[]> bodies = new ArrayList<>();
            for (int size : sizes) {
                byte[] body = new byte[size];
                r.nextBytes(body);
                bodies.add(body);
            }
            try (var l = Sockets.tcp().bind("127.0.0.1", 0).listen();
                 var proxy = Sockets.proxy("127.0.0.1", l.port()).bind("127.0.0.1", 0).chunk(max);
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
        }));
    }
}
