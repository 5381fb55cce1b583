package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.internal.io.RealConnection;
import dev.sockets.internal.io.TcpTransport;
import dev.sockets.testing.Loopback;
import dev.sockets.testing.OneByteAtATime;
import dev.sockets.testing.RawPeer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connection: every send and receive form, over real loopback sockets. */
@Timeout(60)
class ConnectionTest {

    /** A connected pair in one thread: the backlog completes the connect before accept. */
    private record Pair(Connection client, Connection server) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
            server.close();
        }
    }

    private static Pair pair(TcpSpec spec, Listener l) {
        Connection c = spec.connect("127.0.0.1", l.port());
        return new Pair(c, l.accept());
    }

    @Test
    void every_send_form_arrives_byte_for_byte() throws Exception {
        Loopback.listener(l -> {
            try (var p = pair(Sockets.tcp(), l)) {
                p.client().send("text é").send(new byte[] {0, 1, -1}).send(new byte[] {9, 8, 7, 6}, 1, 2)
                        .send(Bytes.of("bytes")).sendLine("line");
                p.client().output().write(new byte[] {5, 6});
                p.client().output().write(7);
                p.client().shutdownOutput();
                var expected = new ByteArrayOutputStream();
                expected.write("text é".getBytes(StandardCharsets.UTF_8));
                expected.write(new byte[] {0, 1, -1, 8, 7});
                expected.write("bytesline\n".getBytes(StandardCharsets.UTF_8));
                expected.write(new byte[] {5, 6, 7});
                assertArrayEquals(expected.toByteArray(), p.server().recvAll().toByteArray());
            }
        });
    }

    @Test
    void recv_returns_at_most_max_and_empty_at_end_of_stream() throws Exception {
        Loopback.listener(l -> {
            try (var p = pair(Sockets.tcp(), l)) {
                p.server().send("Thank you for connecting").close();
                assertEquals(Bytes.of("Thank"), p.client().recvExactly(5));
                assertEquals(Bytes.of(" you"), p.client().recv(4));
                assertEquals(Bytes.empty(), p.client().recv(0));
                assertEquals(Bytes.of(" for connecting"), p.client().recv(1024));
                assertEquals(Bytes.empty(), p.client().recv(1024));
                assertEquals(Bytes.empty(), p.client().recv(1024));
                assertTrue(p.client().isOpen(), "a peer's close leaves this side open");
            }
        });
    }

    @Test
    void readLine_strips_lf_and_crlf_keeps_lone_cr_and_returns_the_tail_then_null() throws Exception {
        Loopback.listener(l -> {
            try (var p = pair(Sockets.tcp(), l)) {
                p.server().send("one\ntwo\r\n\nthree\rfour\r\n\r\ntail").close();
                assertEquals("one", p.client().readLine());
                assertEquals("two", p.client().readLine());
                assertEquals("", p.client().readLine());
                assertEquals("three\rfour", p.client().readLine());
                assertEquals("", p.client().readLine());
                assertEquals("tail", p.client().readLine());
                assertNull(p.client().readLine());
                assertNull(p.client().readLine());
            }
        });
    }

    @Test
    void lines_streams_until_end_of_stream() throws Exception {
        Loopback.listener(l -> {
            try (var p = pair(Sockets.tcp(), l)) {
                p.server().send("a\nb\nc\n").close();
                assertEquals(List.of("a", "b", "c"), p.client().lines().collect(Collectors.toList()));
            }
        });
    }

    @Test
    void recv_readLine_recvExactly_and_input_share_one_buffer() throws Exception {
        Loopback.listener(l -> {
            try (var p = pair(Sockets.tcp(), l)) {
                p.server().send("HEAD 1\r\nlen: 5\n12345rest-of-it\nlast").close();
                Connection c = p.client();
                assertEquals("HEAD 1", c.readLine());
                InputStream in = c.input();
                assertEquals('l', in.read());
                assertEquals("en: 5", c.readLine());
                assertEquals(Bytes.of("12345"), c.recvExactly(5));
                byte[] four = new byte[4];
                assertEquals(4, in.readNBytes(four, 0, 4));
                assertEquals("rest", new String(four, StandardCharsets.US_ASCII));
                assertEquals(Bytes.of("-"), c.recv(1));
                assertEquals("of-it", c.readLine());
                assertEquals(Bytes.of("last"), c.recvAll());
                assertEquals(-1, in.read());
            }
        });
    }

    @Test
    void mixed_reads_lose_nothing_when_the_transport_gives_one_byte_per_read() throws Exception {
        try (var peer = new RawPeer(); var s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), peer.port()));
            var probe = new OneByteAtATime(new TcpTransport(s));
            var c = new RealConnection(probe, StandardCharsets.UTF_8, 64, Duration.ZERO);
            try (Socket other = peer.accept()) {
                byte[] data = "GET /\r\nHost: x\n\u00e9t\u00e9\nXYZW0123456789tail".getBytes(StandardCharsets.UTF_8);
                other.getOutputStream().write(data);
                other.shutdownOutput();
                assertEquals("GET /", c.readLine());
                assertEquals("Host: x", c.readLine());
                assertEquals("\u00e9t\u00e9", c.readLine());
                assertEquals(Bytes.of("X"), c.recv(10));
                assertEquals(Bytes.of("YZW"), c.recvExactly(3));
                byte[] buf = new byte[10];
                int n = c.input().read(buf, 0, 10);
                assertEquals(1, n);
                assertEquals('0', buf[0]);
                assertEquals(Bytes.of("123456789"), c.recvExactly(9));
                assertEquals("tail", c.readLine());
                assertNull(c.readLine());
                assertTrue(probe.reads() >= data.length, "every byte came through its own read");
            }
            c.close();
        }
    }

    @Test
    void mixed_reads_lose_nothing_when_the_peer_writes_byte_by_byte() throws Exception {
        try (var peer = new RawPeer(); var c = Sockets.tcp().connect("127.0.0.1", peer.port());
             Socket other = peer.accept()) {
            byte[] data = "alpha\r\nbeta\n\u0000\u0001\u0002gamma\n".getBytes(StandardCharsets.UTF_8);
            var writer = CompletableFuture.runAsync(() -> {
                try {
                    RawPeer.writeByteByByte(other, data);
                    other.shutdownOutput();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            assertEquals("alpha", c.readLine());
            assertEquals("beta", c.readLine());
            assertEquals(Bytes.of(new byte[] {0, 1, 2}), c.recvExactly(3));
            assertEquals('g', c.input().read());
            assertEquals("amma", c.readLine());
            assertNull(c.readLine());
            writer.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void readLine_refuses_a_line_longer_than_maxLineLength_and_keeps_its_bytes() throws Exception {
        Loopback.listener(l -> {
            try (var p = pair(Sockets.tcp().maxLineLength(8), l)) {
                p.server().send("12345678\n123456789\n");
                assertEquals("12345678", p.client().readLine());
                var e = assertThrows(SocketError.class, () -> p.client().readLine());
                assertEquals("recv from 127.0.0.1:" + l.port() + ": line longer than 8 bytes; "
                        + "raise maxLineLength(...) on the spec, or read it with recv(...)", e.getMessage());
                assertEquals(Bytes.of("123456789\n"), p.client().recvExactly(10));
            }
        });
    }

    @Test
    void readLine_reads_a_line_of_exactly_maxLineLength_with_crlf() throws Exception {
        Loopback.listener(l -> {
            try (var p = pair(Sockets.tcp().maxLineLength(20_000), l)) {
                String big = "x".repeat(20_000);
                p.server().send(big + "\r\n" + big + "\n").close();
                assertEquals(big, p.client().readLine());
                assertEquals(big, p.client().readLine());
                assertNull(p.client().readLine());
            }
        });
    }

    @Test
    void recvAll_reads_a_megabyte_until_the_peer_closes() throws Exception {
        Loopback.listener(l -> {
            try (var p = pair(Sockets.tcp(), l)) {
                byte[] data = new byte[1 << 20];
                new java.util.Random(7).nextBytes(data);
                var writer = CompletableFuture.runAsync(() -> p.server().send(data).close());
                assertEquals(Bytes.of(data), p.client().recvAll());
                writer.get(30, TimeUnit.SECONDS);
            }
        });
    }

    @Test
    void recvExactly_says_how_much_arrived_when_the_stream_ends_early() throws Exception {
        Loopback.listener(l -> {
            try (var p = pair(Sockets.tcp(), l)) {
                p.server().send("abc").close();
                var e = assertThrows(SocketError.class, () -> p.client().recvExactly(10));
                assertEquals("recv from 127.0.0.1:" + l.port() + ": the stream ended after 3 of 10 bytes;"
                        + " the peer sent less than expected", e.getMessage());
                assertEquals(SocketError.Kind.OTHER, e.kind());
            }
        });
    }

    @Test
    void half_close_lets_the_peer_read_to_the_end_and_still_answer() throws Exception {
        Loopback.listener(l -> {
            try (var p = pair(Sockets.tcp(), l)) {
                p.client().send("question").shutdownOutput();
                assertEquals(Bytes.of("question"), p.server().recvAll());
                p.server().send("answer").close();
                assertEquals(Bytes.of("answer"), p.client().recvAll());
            }
        });
    }

    @Test
    void charset_of_the_spec_encodes_and_decodes_text() throws Exception {
        Loopback.listener(Sockets.tcp().charset(StandardCharsets.ISO_8859_1), l -> {
            try (var p = pair(Sockets.tcp().charset(StandardCharsets.ISO_8859_1), l)) {
                p.client().sendLine("caf\u00e9");
                assertEquals(Bytes.of(new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'}), p.server().recvExactly(5));
                p.server().send(new byte[] {(byte) 0xE9, '\n'});
                assertEquals("\u00e9", p.client().readLine());
            }
        });
    }

    @Test
    void peer_local_and_toString_name_both_ends() throws Exception {
        Loopback.listener(l -> {
            try (var p = pair(Sockets.tcp(), l)) {
                assertEquals(l.endpoint(), p.client().remote());
                assertEquals(p.client().local(), p.server().remote());
                assertEquals("Connection[tcp " + p.client().local() + " -> 127.0.0.1:" + l.port() + "]",
                        p.client().toString());
                p.client().close();
                assertFalse(p.client().isOpen());
                assertEquals("Connection[tcp " + p.client().local() + " -> 127.0.0.1:" + l.port() + ", closed]",
                        p.client().toString());
            }
        });
    }

    @Test
    void recv_times_out_with_the_timeout_in_the_message() throws Exception {
        try (var peer = new RawPeer();
             var c = Sockets.tcp().timeout(Duration.ofMillis(200)).connect("127.0.0.1", peer.port());
             Socket silent = peer.accept()) {
            assertEquals(Duration.ofMillis(200), c.timeout());
            var e = assertThrows(dev.sockets.Timeout.class, () -> c.recv(10));
            assertEquals("recv from 127.0.0.1:" + peer.port() + ": timed out after 200 ms; "
                    + "raise timeout(...) or check that the peer sends", e.getMessage());
            assertEquals(SocketError.Kind.TIMED_OUT, e.kind());
            assertTrue(e.getCause() instanceof java.net.SocketTimeoutException);
            assertEquals(Endpoint.of("127.0.0.1", peer.port()), e.remote().orElseThrow());
            // The connection still works after a timeout.
            silent.getOutputStream().write('k');
            assertEquals(Bytes.of("k"), c.noTimeout().recv(10));
        }
    }

    @Test
    void readLine_times_out_set_on_the_connection() throws Exception {
        try (var peer = new RawPeer(); var c = Sockets.tcp().connect("127.0.0.1", peer.port());
             Socket silent = peer.accept()) {
            silent.getOutputStream().write("no newline".getBytes(StandardCharsets.US_ASCII));
            assertSame(c, c.timeout(Duration.ofMillis(100)));
            assertThrows(dev.sockets.Timeout.class, c::readLine);
            silent.getOutputStream().write('\n');
            assertEquals("no newline", c.readLine());
        }
    }

    @Test
    void timeout_refuses_a_negative_duration() throws Exception {
        Loopback.listener(l -> {
            try (var p = pair(Sockets.tcp(), l)) {
                var e = assertThrows(IllegalArgumentException.class, () -> p.client().timeout(Duration.ofSeconds(-1)));
                assertEquals("expected timeout > 0 but was -1 s", e.getMessage());
            }
        });
    }

    @Test
    void a_peer_that_resets_mid_stream_gives_ConnectionReset() throws Exception {
        try (var peer = new RawPeer(); var c = Sockets.tcp().connect("127.0.0.1", peer.port())) {
            try (Socket other = peer.accept()) {
                other.getOutputStream().write("partial".getBytes(StandardCharsets.US_ASCII));
                RawPeer.reset(other);
            }
            // Bytes that arrived before the RST may or may not be readable: Linux drops them.
            var e = assertThrows(ConnectionReset.class, () -> {
                while (true) {
                    if (c.recv(1024).isEmpty()) {
                        return;
                    }
                }
            });
            assertEquals("recv from 127.0.0.1:" + peer.port() + ": [Errno 104] connection reset by peer; the peer closed"
                    + " abruptly (it stopped, or closed with data unread)", e.getMessage());
            assertEquals(SocketError.Kind.RESET, e.kind());
        }
    }

    @Test
    void linger_zero_on_the_spec_makes_close_reset_the_peer() throws Exception {
        // Plain close: the peer reads the end of the stream.
        Loopback.listener(l -> {
            try (var client = Sockets.tcp().connect("127.0.0.1", l.port())) {
                l.accept().send("x").close();
                assertEquals(Bytes.of("x"), client.recvExactly(1));
                assertEquals(Bytes.empty(), client.recv(10), "plain close sends FIN");
            }
        });
        // linger(ZERO) on the listener's spec reaches each accepted connection: close sends RST.
        Loopback.listener(Sockets.tcp().linger(Duration.ZERO), l -> {
            try (var client = Sockets.tcp().connect("127.0.0.1", l.port())) {
                l.accept().send("x").close();
                assertThrows(ConnectionReset.class, () -> {
                    while (!client.recv(10).isEmpty()) {
                        // drain what arrived before the RST, if anything
                    }
                });
            }
        });
    }

    @Test
    void sending_after_the_peer_closed_gives_BrokenPipe() throws Exception {
        try (var peer = new RawPeer(); var c = Sockets.tcp().connect("127.0.0.1", peer.port())) {
            peer.accept().close();
            assertEquals(Bytes.empty(), c.recv(10), "the peer's FIN arrived");
            byte[] chunk = new byte[1024];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            // The first send draws the peer's RST; a later one fails with EPIPE.
            var e = assertThrows(BrokenPipe.class, () -> {
                while (System.nanoTime() < deadline) {
                    c.send(chunk);
                }
            });
            assertEquals("send to 127.0.0.1:" + peer.port() + ": [Errno 32] broken pipe; the peer closed its side,"
                    + " so nothing more can be sent", e.getMessage());
            assertEquals(SocketError.Kind.BROKEN_PIPE, e.kind());
        }
    }

    @Test
    void sending_after_shutdownOutput_gives_BrokenPipe() throws Exception {
        Loopback.listener(l -> {
            try (var p = pair(Sockets.tcp(), l)) {
                p.client().shutdownOutput();
                var e = assertThrows(BrokenPipe.class, () -> p.client().send("more"));
                assertEquals("send to 127.0.0.1:" + l.port() + ": [Errno 32] broken pipe; this side shut its output down"
                        + " with shutdownOutput(), so nothing more can be sent", e.getMessage());
            }
        });
    }

    @Test
    void every_use_after_close_gives_SocketClosed() throws Exception {
        Loopback.listener(l -> {
            try (var p = pair(Sockets.tcp(), l)) {
                Connection c = p.client();
                c.close();
                c.close();
                String to = " 127.0.0.1:" + l.port() + ": the connection is closed";
                assertEquals("send to" + to, assertThrows(SocketClosed.class, () -> c.send("x")).getMessage());
                assertEquals("send to" + to, assertThrows(SocketClosed.class, () -> c.sendLine("x")).getMessage());
                assertEquals("recv from" + to, assertThrows(SocketClosed.class, () -> c.recv(1)).getMessage());
                assertEquals("recv from" + to, assertThrows(SocketClosed.class, c::readLine).getMessage());
                assertEquals("recv from" + to, assertThrows(SocketClosed.class, c::recvAll).getMessage());
                assertEquals("recv from" + to, assertThrows(SocketClosed.class, () -> c.recvExactly(1)).getMessage());
                assertEquals("recv from" + to, assertThrows(SocketClosed.class, () -> c.input().read()).getMessage());
                assertEquals("send to" + to, assertThrows(SocketClosed.class, () -> c.output().write(1)).getMessage());
                assertEquals("shutdown to" + to, assertThrows(SocketClosed.class, c::shutdownOutput).getMessage());
                assertEquals("shutdown to" + to, assertThrows(SocketClosed.class, c::shutdownInput).getMessage());
                assertEquals("recv from" + to, assertThrows(SocketClosed.class, () -> c.recvInto(java.nio.ByteBuffer.allocate(1))).getMessage());
                assertEquals("recv from" + to, assertThrows(SocketClosed.class, () -> c.recvInto(new byte[1], 0, 1)).getMessage());
                assertEquals("recv from" + to, assertThrows(SocketClosed.class, () -> c.peek(1)).getMessage());
                assertEquals("option" + to, assertThrows(SocketClosed.class, () -> c.option(java.net.StandardSocketOptions.TCP_NODELAY)).getMessage());
                assertEquals("send to" + to, assertThrows(SocketClosed.class, () -> c.sendFile(java.nio.file.Path.of("pom.xml"))).getMessage());
                assertEquals(SocketError.Kind.CLOSED, assertThrows(SocketClosed.class, () -> c.recv(1)).kind());
            }
        });
    }

    @Test
    void close_from_another_thread_fails_a_blocked_recv_with_SocketClosed() throws Exception {
        Loopback.listener(l -> {
            try (var p = pair(Sockets.tcp(), l)) {
                var started = new java.util.concurrent.CountDownLatch(1);
                var reader = CompletableFuture.supplyAsync(() -> {
                    started.countDown();
                    try {
                        return p.client().recv(10);
                    } catch (SocketError e) {
                        return e;
                    }
                });
                started.await();
                p.client().close();
                Object result = reader.get(30, TimeUnit.SECONDS);
                assertTrue(result instanceof SocketClosed, String.valueOf(result));
                assertEquals("recv from 127.0.0.1:" + l.port() + ": the connection is closed", ((SocketClosed) result).getMessage());
            }
        });
    }

    @Test
    void misuse_is_refused_with_exact_messages() throws Exception {
        Loopback.listener(l -> {
            try (var p = pair(Sockets.tcp(), l)) {
                assertEquals("expected max >= 0 but was -1",
                        assertThrows(IllegalArgumentException.class, () -> p.client().recv(-1)).getMessage());
                assertEquals("expected n >= 0 but was -2",
                        assertThrows(IllegalArgumentException.class, () -> p.client().recvExactly(-2)).getMessage());
                assertEquals("text", assertThrows(NullPointerException.class, () -> p.client().send((String) null)).getMessage());
                assertThrows(IndexOutOfBoundsException.class, () -> p.client().send(new byte[2], 1, 2));
            }
        });
    }
}
