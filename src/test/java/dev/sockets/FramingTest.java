package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.internal.io.RealConnection;
import dev.sockets.testing.ChunkedTransport;
import dev.sockets.testing.ServerLog;
import dev.sockets.testing.StubTransport;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link Framing}: the value, the bytes on the wire, and what each way of breaking a framing gives. */
@Timeout(60)
class FramingTest {

    private static final Framing BE4 = Framing.lengthPrefixed(4, ByteOrder.BIG_ENDIAN, 1024);

    @RegisterExtension
    final ServerLog serverLog = new ServerLog();

    private static Connection over(byte[] wire) {
        return new RealConnection(new ChunkedTransport(wire, List.of(3)), StandardCharsets.UTF_8, 1 << 16, Duration.ZERO);
    }

    /** A transport that counts the writes it is given and keeps their bytes. */
    private static final class Writes extends StubTransport {
        final List<byte[]> writes = new ArrayList<>();

        @Override
        public void write(byte[] b, int off, int len) {
            writes.add(java.util.Arrays.copyOfRange(b, off, off + len));
        }
    }

    @Test
    void each_framing_prints_as_what_it_is_and_equals_one_made_alike() {
        assertEquals("Framing[delimited b'\\r\\n', maxFrame=8192]", Framing.delimited("\r\n", 8192).toString());
        assertEquals("Framing[lengthPrefixed 4 bytes big-endian, maxFrame=1048576]",
                Framing.lengthPrefixed(4, ByteOrder.BIG_ENDIAN, 1 << 20).toString());
        assertEquals("Framing[lengthPrefixed 2 bytes little-endian, maxFrame=100]",
                Framing.lengthPrefixed(2, ByteOrder.LITTLE_ENDIAN, 100).toString());
        assertEquals("Framing[lengthPrefixed 1 byte, maxFrame=255]", Framing.lengthPrefixed(1, ByteOrder.LITTLE_ENDIAN, 255).toString());
        assertEquals("Framing[varint, maxFrame=1048576]", Framing.varint(1 << 20).toString());
        assertEquals(Framing.delimited("\n", 10), Framing.delimited("\n", 10));
        assertEquals(Framing.lengthPrefixed(1, ByteOrder.BIG_ENDIAN, 9), Framing.lengthPrefixed(1, ByteOrder.LITTLE_ENDIAN, 9),
                "one byte has no order");
        assertNotEquals(Framing.lengthPrefixed(2, ByteOrder.BIG_ENDIAN, 9), Framing.lengthPrefixed(2, ByteOrder.LITTLE_ENDIAN, 9));
        assertNotEquals(Framing.varint(10), Framing.varint(11));
    }

    @Test
    void a_framing_refuses_what_it_cannot_carry_with_the_expected_and_the_actual_value() {
        assertEquals("expected prefixBytes 1, 2, 4 or 8 but was 3",
                assertThrows(IllegalArgumentException.class, () -> Framing.lengthPrefixed(3, ByteOrder.BIG_ENDIAN, 10)).getMessage());
        assertEquals("expected maxFrame in [1, 255] but was 256; a longer frame needs a longer prefix",
                assertThrows(IllegalArgumentException.class, () -> Framing.lengthPrefixed(1, ByteOrder.BIG_ENDIAN, 256)).getMessage());
        assertEquals("expected maxFrame in [1, 1073741824] but was 0",
                assertThrows(IllegalArgumentException.class, () -> Framing.varint(0)).getMessage());
        assertEquals("expected a delimiter of at least one byte but was empty",
                assertThrows(IllegalArgumentException.class, () -> Framing.delimited("", 10)).getMessage());
    }

    @Test
    void sendFrame_writes_the_prefix_and_the_payload_in_one_write_as_pythons_struct_pack() {
        var t = new Writes();
        var c = new RealConnection(t, StandardCharsets.UTF_8, 1 << 16, Duration.ZERO);
        c.sendFrame(BE4, Bytes.of("hello"));
        c.sendFrame(Framing.lengthPrefixed(2, ByteOrder.LITTLE_ENDIAN, 1000), "hi");
        c.sendFrame(Framing.lengthPrefixed(8, ByteOrder.BIG_ENDIAN, 1000), Bytes.of("x"));
        c.sendFrame(Framing.delimited("\r\n", 100), "line");
        c.sendFrame(Framing.varint(1000), Bytes.of(new byte[300]));
        assertEquals(5, t.writes.size(), "one write per frame");
        assertEquals(Bytes.b("\\x00\\x00\\x00\\x05hello"), Bytes.of(t.writes.get(0)));
        assertEquals(Bytes.b("\\x02\\x00hi"), Bytes.of(t.writes.get(1)));
        assertEquals(Bytes.b("\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01x"), Bytes.of(t.writes.get(2)));
        assertEquals(Bytes.b("line\\r\\n"), Bytes.of(t.writes.get(3)));
        assertEquals(Bytes.b("\\xac\\x02"), Bytes.of(t.writes.get(4)).slice(0, 2), "protobuf's varint of 300");
        assertEquals(302, t.writes.get(4).length);
    }

    @Test
    void a_frame_over_maxFrame_is_refused_before_a_byte_is_written() {
        var t = new Writes();
        var c = new RealConnection(t, StandardCharsets.UTF_8, 1 << 16, Duration.ZERO);
        SocketError e = assertThrows(SocketError.class, () -> c.sendFrame(BE4, Bytes.of(new byte[1025])));
        assertEquals(SocketError.Kind.MESSAGE_TOO_LONG, e.kind());
        assertEquals("frame too long (1025 bytes; maxFrame is 1024)", e.reason());
        assertEquals("send at most 1024 bytes in one frame, or raise maxFrame on both sides", e.hint());
        assertEquals(List.of(), t.writes);
    }

    @Test
    void a_delimited_frame_that_holds_its_delimiter_or_ends_with_its_start_is_refused() {
        var c = new RealConnection(new Writes(), StandardCharsets.UTF_8, 1 << 16, Duration.ZERO);
        assertEquals("expected a frame that does not hold its delimiter b'\\r\\n' but it does at byte 3;"
                        + " use Framing.lengthPrefixed(...) for data that may hold it",
                assertThrows(IllegalArgumentException.class, () -> c.sendFrame(Framing.delimited("\r\n", 100), "abc\r\ndef")).getMessage());
        assertEquals("expected a frame that does not hold its delimiter b'aa' nor end with its start but it does at byte 1;"
                        + " use Framing.lengthPrefixed(...) for data that may hold it",
                assertThrows(IllegalArgumentException.class, () -> c.sendFrame(Framing.delimited("aa", 100), "xa")).getMessage());
    }

    @Test
    void readFrame_returns_each_frame_then_null_at_the_end_as_readLine_does() {
        Connection c = over(Bytes.b("\\x00\\x00\\x00\\x02hi\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x03bye").toByteArray());
        assertEquals(Bytes.of("hi"), c.readFrame(BE4));
        assertEquals(Bytes.empty(), c.readFrame(BE4), "an empty frame is a frame");
        assertEquals(Bytes.of("bye"), c.readFrame(BE4));
        assertNull(c.readFrame(BE4));
        assertNull(c.readFrame(BE4), "and again");
        assertNull(over(new byte[0]).readLine(), "as readLine");
    }

    @Test
    void frames_streams_each_frame_and_leaves_the_connection_open_and_its_other_reads_working() {
        Connection c = over("one\ntwo\nthree\nrest".getBytes(StandardCharsets.UTF_8));
        Framing lines = Framing.delimited("\n", 100);
        assertEquals(List.of("one", "two"), c.frames(lines).limit(2).map(Bytes::text).collect(Collectors.toList()));
        assertTrue(c.isOpen());
        assertEquals("three", c.readLine(), "one buffer for every read");
        assertEquals(Bytes.of("rest"), c.recvAll());
    }

    @Test
    void a_stream_that_ends_inside_a_frame_says_how_many_of_its_bytes_came() {
        SocketError payload = assertThrows(SocketError.class, () -> over(Bytes.b("\\x00\\x00\\x00\\x0aabc").toByteArray()).readFrame(BE4));
        assertEquals(SocketError.Kind.OTHER, payload.kind());
        assertEquals(SocketError.Op.RECV, payload.operation());
        assertEquals("the stream ended inside a frame: 3 of 10 bytes came", payload.reason());
        assertEquals("the peer closed in the middle of a frame, or does not use the same framing", payload.hint());
        assertEquals("the stream ended inside a frame: 2 of the 4 bytes of its length came",
                assertThrows(SocketError.class, () -> over(new byte[2]).readFrame(BE4)).reason());
        assertEquals("the stream ended inside a frame: 1 byte of its varint length came, and not its last",
                assertThrows(SocketError.class, () -> over(new byte[] {(byte) 0x80}).readFrame(Framing.varint(100))).reason());
        assertEquals("the stream ended inside a frame: 5 bytes came and no delimiter b'\\r\\n'",
                assertThrows(SocketError.class, () -> over("abcd\r".getBytes(StandardCharsets.UTF_8)).readFrame(Framing.delimited("\r\n", 100))).reason());
    }

    @Test
    void a_length_over_maxFrame_closes_the_connection_with_the_address_reason_and_hint() throws Exception {
        try (var l = Sockets.tcp().bind("127.0.0.1", 0).listen();
             var c = Sockets.tcp().timeout(Duration.ofSeconds(30)).connect("127.0.0.1", l.port());
             var a = l.accept()) {
            c.send(Bytes.b("\\x7f\\xff\\xff\\xff"));   // 2 GiB announced, nothing after it
            SocketError e = assertThrows(SocketError.class, () -> a.readFrame(BE4));
            assertEquals(SocketError.Kind.MESSAGE_TOO_LONG, e.kind());
            assertEquals("recv from " + a.remote().text() + ": a frame of 2147483647 bytes is over maxFrame (1024); raise maxFrame if"
                    + " the peer may send frames that long, or check that it uses the same framing; closed the connection", e.getMessage());
            assertFalse(a.isOpen());
            assertEquals(Bytes.empty(), c.recv(10), "the peer sees the end");
        }
    }

    @Test
    void no_delimiter_within_maxFrame_closes_the_connection_and_says_the_bound() {
        Connection c = over("0123456789abc".getBytes(StandardCharsets.UTF_8));
        SocketError e = assertThrows(SocketError.class, () -> c.readFrame(Framing.delimited("\n", 10)));
        assertEquals(SocketError.Kind.MESSAGE_TOO_LONG, e.kind());
        assertEquals("no delimiter b'\\n' within maxFrame (10 bytes)", e.reason());
        assertFalse(c.isOpen());
    }

    @Test
    void onReceive_closes_a_client_that_announces_a_frame_over_maxFrame_logs_it_as_the_clients_fault_and_serves_on() throws Exception {
        try (Server s = Sockets.tcp().bind("127.0.0.1", 0).onReceive(BE4, (peer, frame) -> peer.sendFrame(BE4, frame))) {
            String client;
            try (var bad = Sockets.tcp().timeout(Duration.ofSeconds(30)).connect("127.0.0.1", s.port())) {
                client = bad.local().text();
                bad.send(Bytes.b("\\x00\\x00\\x04\\x01"));   // 1025
                assertTrue(bad.recv(10).isEmpty(), "closed");
            }
            LogRecord r = record();
            assertEquals("the client " + client + " broke the framing Framing[lengthPrefixed 4 bytes big-endian, maxFrame=1024]:"
                    + " a frame of 1025 bytes is over maxFrame (1024); raise maxFrame if the peer may send frames that long,"
                    + " or check that it uses the same framing; closed the connection", r.getMessage());
            assertEquals(java.util.logging.Level.INFO, r.getLevel(), "a client's fault, as a failed TLS handshake");
            assertNull(r.getThrown(), "no stack trace: nothing failed in the server");
            assertEquals(0, s.failed(), "the receiver did not fail");
            try (var good = Sockets.tcp().timeout(Duration.ofSeconds(30)).connect("127.0.0.1", s.port())) {
                assertEquals(Bytes.of("ok"), good.sendFrame(BE4, "ok").readFrame(BE4));
            }
        }
    }

    @Test
    void onReceive_closes_a_client_that_sends_maxFrame_bytes_without_the_delimiter_and_logs_the_bound() throws Exception {
        Framing lines = Framing.delimited("\n", 10);
        try (Server s = Sockets.tcp().bind("127.0.0.1", 0).onReceive(lines, (peer, frame) -> peer.sendFrame(lines, frame));
             var bad = Sockets.tcp().timeout(Duration.ofSeconds(30)).connect("127.0.0.1", s.port())) {
            bad.send("0123456789abc");
            assertTrue(bad.recv(10).isEmpty(), "closed");
            assertEquals("the client " + bad.local().text() + " broke the framing Framing[delimited b'\\n', maxFrame=10]:"
                    + " no delimiter b'\\n' within maxFrame (10 bytes); raise maxFrame if the peer may send frames that long,"
                    + " or check that it ends each with b'\\n'; closed the connection", record().getMessage());
            assertEquals(0, s.failed());
        }
    }

    @Test
    void onReceive_logs_a_client_that_closes_inside_a_frame_after_its_closed_runs() throws Exception {
        var closed = new CountDownLatch(1);
        try (Server s = Sockets.tcp().bind("127.0.0.1", 0).onReceive(BE4, new Receiver() {
            public void receive(Peer peer, Bytes frame) {
            }

            public void closed(Peer peer) {
                closed.countDown();
            }
        })) {
            String client;
            try (var c = Sockets.tcp().connect("127.0.0.1", s.port())) {
                client = c.local().text();
                c.send(Bytes.b("\\x00\\x00\\x00\\x0aabc"));
            }
            assertTrue(closed.await(30, TimeUnit.SECONDS));
            LogRecord r = record();
            assertEquals("the client " + client + " broke the framing Framing[lengthPrefixed 4 bytes big-endian, maxFrame=1024]:"
                    + " the stream ended inside a frame: 3 of 10 bytes came; the peer closed in the middle of a frame,"
                    + " or does not use the same framing", r.getMessage());
            assertEquals(java.util.logging.Level.INFO, r.getLevel());
            assertEquals(0, s.failed());
        }
    }

    @Test
    void a_tls_client_that_closes_inside_a_frame_is_logged_as_its_fault_too() throws Exception {
        var ca = TlsIdentity.authority("Framing CA");
        var closed = new CountDownLatch(1);
        try (Server s = Sockets.tls().certificate(ca.issue("localhost", "127.0.0.1")).bind("127.0.0.1", 0).onReceive(BE4,
                new Receiver() {
                    public void receive(Peer peer, Bytes frame) {
                    }

                    public void closed(Peer peer) {
                        closed.countDown();
                    }
                })) {
            String client;
            try (var c = Sockets.tls().trust(ca).timeout(Duration.ofSeconds(30)).connect("127.0.0.1", s.port())) {
                client = c.local().text();
                c.send(Bytes.b("\\x00\\x00\\x00\\x0aabc"));
            }
            assertTrue(closed.await(30, TimeUnit.SECONDS));
            assertEquals("the client " + client + " broke the framing Framing[lengthPrefixed 4 bytes big-endian, maxFrame=1024]:"
                    + " the stream ended inside a frame: 3 of 10 bytes came; the peer closed in the middle of a frame,"
                    + " or does not use the same framing", record().getMessage());
            assertEquals(0, s.failed());
        }
    }

    @Test
    void a_frame_left_partial_by_the_servers_own_close_is_not_blamed_on_the_client() throws Exception {
        try (Server s = Sockets.tcp().idleTimeout(Duration.ofMillis(200)).bind("127.0.0.1", 0).onReceive(BE4, (peer, frame) -> { });
             var c = Sockets.tcp().timeout(Duration.ofSeconds(30)).connect("127.0.0.1", s.port())) {
            c.send(Bytes.b("\\x00\\x00\\x00\\x0aabc"));
            assertTrue(c.recv(10).isEmpty(), "closed by the idle timeout");
            // The receiver's closed() ran before the server closed the socket: anything it logged is here.
            assertNull(serverLog.poll(Duration.ZERO), "no line blames the client");
            assertEquals(1, s.idleClosed());
        }
    }

    @Test
    void a_framed_receiver_that_throws_is_logged_and_counted_as_a_failed_receiver_as_any_receiver() throws Exception {
        try (Server s = Sockets.tcp().bind("127.0.0.1", 0).onReceive(BE4, (peer, frame) -> {
            throw new IllegalStateException("the receiver's own bug");
        }); var c = Sockets.tcp().timeout(Duration.ofSeconds(30)).connect("127.0.0.1", s.port())) {
            c.sendFrame(BE4, "hi");
            assertTrue(c.recv(10).isEmpty(), "closed");
            LogRecord r = record();
            assertEquals("receiver failed for the connection from " + c.local().text() + "; closed it, serving on", r.getMessage());
            assertEquals(java.util.logging.Level.WARNING, r.getLevel());
            assertEquals("the receiver's own bug", r.getThrown().getMessage());
            assertEquals(1, s.failed());
        }
    }

    @Test
    void a_closed_that_throws_is_its_own_failure_and_the_frame_the_client_left_half_sent_is_still_told() throws Exception {
        try (Server s = Sockets.tcp().bind("127.0.0.1", 0).onReceive(BE4, new Receiver() {
            public void receive(Peer peer, Bytes frame) {
            }

            public void closed(Peer peer) {
                throw new IllegalStateException("closed's own bug");
            }
        })) {
            String client;
            try (var c = Sockets.tcp().connect("127.0.0.1", s.port())) {
                client = c.local().text();
                c.send(Bytes.b("\\x00\\x00\\x00\\x0aabc"));
            }
            assertTrue(record().getMessage().startsWith("the client " + client + " broke the framing "));
            LogRecord r = record();
            assertEquals("receiver's closed() failed for the connection from " + client + "; closed it, serving on", r.getMessage());
            assertEquals("closed's own bug", r.getThrown().getMessage());
            assertEquals(1, s.failed());
        }
    }

    @Test
    void a_run_of_clients_that_break_the_framing_is_a_line_a_second_that_counts_every_one() throws Exception {
        int bad = 20;
        var line = java.util.regex.Pattern.compile("the client 127\\.0\\.0\\.1:\\d+ broke the framing [^:]+: a frame of 1025 bytes"
                + " is over maxFrame \\(1024\\); .*; closed the connection( \\(and (\\d+) more framing errors on 127\\.0\\.0\\.1:\\d+"
                + " in the last [^)]+\\))?");
        try (Server s = Sockets.tcp().bind("127.0.0.1", 0).onReceive(BE4, (peer, frame) -> { })) {
            for (int i = 0; i <= bad; i++) {
                if (i == bad) {
                    // More than a second after the last line: the next fault is logged, with the count of those not.
                    long quiet = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1100);
                    for (int k = 0; k < 10_000 && System.nanoTime() - quiet < 0; k++) {
                        LogRecord r = serverLog.poll(Duration.ofMillis(Math.max(1, (quiet - System.nanoTime()) / 1_000_000)));
                        if (r != null) {
                            lines.add(r.getMessage());
                            quiet = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1100);
                        }
                    }
                }
                try (var c = Sockets.tcp().timeout(Duration.ofSeconds(30)).connect("127.0.0.1", s.port())) {
                    c.send(Bytes.b("\\x00\\x00\\x04\\x01"));
                    assertTrue(c.recv(10).isEmpty(), "closed");
                }
            }
            lines.add(record().getMessage());
            for (LogRecord r; (r = serverLog.poll(Duration.ZERO)) != null; ) {
                lines.add(r.getMessage());
            }
            long told = 0;
            for (String l : lines) {
                var m = line.matcher(l);
                assertTrue(m.matches(), l);
                told += 1 + (m.group(2) == null ? 0 : Long.parseLong(m.group(2)));
            }
            assertEquals(bad + 1, told, "every fault logged, or counted in the next line: " + lines);
            assertFalse(lines.get(0).contains(" more framing errors"), "the first of a run is told at once: " + lines);
            assertEquals(0, s.failed());
        }
    }

    /**
     * Many clients each send all but the last byte of a frame: what the server holds of them
     * counts against maxBuffered, so past it the server stops reading them (it holds about the
     * budget, not every client's frame); they finish their frames and each one arrives; and once
     * clients that closed mid-frame are gone, the budget is back to nothing.
     */
    @Test
    void partial_frames_count_against_maxBuffered_past_it_reading_stops_then_resumes_and_nothing_is_kept() throws Exception {
        int clients = 40;
        int size = 256 * 1024;
        long budget = 1 << 20;
        Framing f = Framing.lengthPrefixed(4, ByteOrder.BIG_ENDIAN, size);
        var peers = new java.util.concurrent.ConcurrentLinkedQueue<Peer>();
        var frames = new LinkedBlockingQueue<Bytes>();
        try (Server s = Sockets.tcp().maxBuffered(budget).bind("127.0.0.1", 0).onReceive(f, new Receiver() {
            public void opened(Peer peer) {
                peers.add(peer);
            }

            public void receive(Peer peer, Bytes frame) {
                frames.add(frame);
            }
        })) {
            List<java.nio.channels.SocketChannel> open = new ArrayList<>();
            try {
                // Each client's frame is filled with its number; all but its last byte go now.
                List<java.nio.ByteBuffer> wire = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    var ch = java.nio.channels.SocketChannel.open(new java.net.InetSocketAddress("127.0.0.1", s.port()));
                    ch.configureBlocking(false);
                    open.add(ch);
                    byte[] payload = new byte[size];
                    java.util.Arrays.fill(payload, (byte) i);
                    wire.add(java.nio.ByteBuffer.wrap(FramingProperties.encode(f, payload)));
                    wire.get(i).limit(wire.get(i).capacity() - 1);
                }
                long all = clients * (size + 3L);
                sendWhatGoes(open, wire, true);
                // Until the server reads no more for a second (it stopped), or has read it all.
                long got = 0;
                long still = System.nanoTime();
                long deadline = still + TimeUnit.SECONDS.toNanos(30);
                for (int i = 0; i < 100_000 && got < all && System.nanoTime() - still < TimeUnit.SECONDS.toNanos(1)
                        && System.nanoTime() - deadline < 0; i++) {
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                    long now = peers.stream().mapToLong(Peer::bytesReceived).sum();
                    if (now != got) {
                        got = now;
                        still = System.nanoTime();
                    }
                }
                // Each client takes at most one growth of its frame's array past the budget (half a
                // frame, or one read), and each loop lets one client finish its frame past it.
                long bound = budget + clients * (size / 2 + 4L) + Runtime.getRuntime().availableProcessors() * (long) size;
                assertTrue(got <= bound, "the server read " + got + " bytes of partial frames, past " + bound + " (of " + all + ")");
                var shown = java.util.regex.Pattern.compile(".*, (\\d+) MiB of 1 MiB buffered\\]").matcher(s.toString());
                assertTrue(shown.matches() && Integer.parseInt(shown.group(1)) >= 2,
                        "the partial frames it holds are over the budget, and shown: " + s);
                // The last byte of each: every frame comes whole, however long some waited.
                for (var w : wire) {
                    w.limit(w.capacity());
                }
                sendWhatGoes(open, wire, false);
                java.util.Set<Integer> whole = new java.util.HashSet<>();
                for (int i = 0; i < clients; i++) {
                    Bytes frame = frames.poll(30, TimeUnit.SECONDS);
                    assertTrue(frame != null, "only " + i + " frames of " + clients + " came: " + s);
                    assertEquals(size, frame.length());
                    whole.add((int) frame.toByteArray()[size - 1]);
                }
                assertEquals(clients, whole.size(), "one frame from each client");
                assertFalse(s.toString().contains("buffered"), "nothing held once every frame was handed over: " + s);
                // Then clients that each leave in the middle of a frame, some of them paused.
                for (var ch : open) {
                    ch.close();
                }
                open.clear();
                for (int i = 0; i < clients; i++) {
                    var ch = java.nio.channels.SocketChannel.open(new java.net.InetSocketAddress("127.0.0.1", s.port()));
                    ch.configureBlocking(false);
                    open.add(ch);
                    var w = java.nio.ByteBuffer.wrap(FramingProperties.encode(f, new byte[size]));
                    w.limit(4 + (i + 1) * (size / clients));
                    wire.set(i, w);
                }
                sendWhatGoes(open, wire, true);
                for (var ch : open) {
                    ch.close();
                }
                open.clear();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                for (int i = 0; i < 100_000 && s.open() > 0 && System.nanoTime() - until < 0; i++) {
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                }
                assertEquals(0, s.open(), "every connection closed: " + s);
                assertFalse(s.toString().contains("buffered"), "every byte given back to the budget: " + s);
                assertEquals(0, s.failed());
            } finally {
                for (var ch : open) {
                    ch.close();
                }
            }
        }
    }

    @Test
    void over_tls_too_frames_past_the_budget_all_arrive_and_give_back_what_they_held() throws Exception {
        int clients = 6;
        int size = 200 * 1024;
        Framing f = Framing.lengthPrefixed(4, ByteOrder.BIG_ENDIAN, size);
        var ca = TlsIdentity.authority("Framing CA");
        var frames = new LinkedBlockingQueue<Bytes>();
        try (Server s = Sockets.tls().certificate(ca.issue("localhost", "127.0.0.1")).maxBuffered(64 * 1024)
                .bind("127.0.0.1", 0).onReceive(f, (peer, frame) -> frames.add(frame))) {
            List<Connection> open = new ArrayList<>();
            List<Thread> senders = new ArrayList<>();
            try {
                for (int i = 0; i < clients; i++) {
                    Connection c = Sockets.tls().trust(ca).timeout(Duration.ofSeconds(30)).connect("127.0.0.1", s.port());
                    open.add(c);
                    byte[] payload = new byte[size];
                    java.util.Arrays.fill(payload, (byte) i);
                    // Each sends its whole frame at once; the server takes it as the budget lets it.
                    Thread t = new Thread(() -> c.sendFrame(f, Bytes.of(payload)));
                    t.start();
                    senders.add(t);
                }
                java.util.Set<Integer> whole = new java.util.HashSet<>();
                for (int i = 0; i < clients; i++) {
                    Bytes frame = frames.poll(30, TimeUnit.SECONDS);
                    assertTrue(frame != null, "only " + i + " frames of " + clients + " came: " + s);
                    assertEquals(size, frame.length());
                    whole.add((int) frame.toByteArray()[0]);
                }
                assertEquals(clients, whole.size(), "one frame from each client");
                for (Thread t : senders) {
                    t.join(30_000);
                }
            } finally {
                open.forEach(Connection::close);
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (int i = 0; i < 100_000 && s.open() > 0 && System.nanoTime() - until < 0; i++) {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            assertEquals(0, s.open(), s.toString());
            assertFalse(s.toString().contains("buffered"), "every byte given back to the budget: " + s);
        }
    }

    /**
     * Writes what remains of each buffer on its channel, in rounds, until all went, or (if
     * {@code untilStill}) nothing moved for a second; at most 30 s.
     */
    private static void sendWhatGoes(List<java.nio.channels.SocketChannel> channels, List<java.nio.ByteBuffer> data,
                                     boolean untilStill) throws java.io.IOException {
        long moved = System.nanoTime();
        long deadline = moved + TimeUnit.SECONDS.toNanos(30);
        for (int round = 0; round < 100_000 && System.nanoTime() - deadline < 0
                && !(untilStill && System.nanoTime() - moved > TimeUnit.SECONDS.toNanos(1)); round++) {
            boolean left = false;
            for (int i = 0; i < channels.size(); i++) {
                var b = data.get(i);
                if (b.hasRemaining() && channels.get(i).write(b) > 0) {
                    moved = System.nanoTime();
                }
                left |= b.hasRemaining();
            }
            if (!left) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    @Test
    void a_listener_a_unix_binding_and_a_tls_binding_serve_frames_too(@TempDir Path dir) throws Exception {
        Framing f = Framing.varint(1000);
        Receiver echo = (peer, frame) -> peer.sendFrame(f, frame);
        try (Server s = Sockets.tcp().bind("127.0.0.1", 0).listen(5).onReceive(f, echo);
             var c = Sockets.tcp().timeout(Duration.ofSeconds(30)).connect("127.0.0.1", s.port())) {
            assertEquals(Bytes.of("listener"), c.sendFrame(f, "listener").readFrame(f));
        }
        Path sock = dir.resolve("f.sock");
        try (Server s = Sockets.unix().bind(sock).onReceive(f, echo);
             var c = Sockets.unix().timeout(Duration.ofSeconds(30)).connect(sock)) {
            assertEquals(Bytes.of("unix"), c.sendFrame(f, "unix").readFrame(f));
        }
        var ca = TlsIdentity.authority("Framing CA");
        try (Server s = Sockets.tls().certificate(ca.issue("localhost", "127.0.0.1")).bind("127.0.0.1", 0).onReceive(f, echo);
             var c = Sockets.tls().trust(ca).timeout(Duration.ofSeconds(30)).connect("127.0.0.1", s.port())) {
            assertEquals(Bytes.of("tls"), c.sendFrame(f, "tls").readFrame(f));
        }
        assertTrue(Files.notExists(sock), "the unix server removed its socket");
    }

    @Test
    void a_peer_answers_frames_from_another_thread_whole() throws Exception {
        var peers = new LinkedBlockingQueue<Peer>();
        try (Server s = Sockets.tcp().bind("127.0.0.1", 0).onReceive(BE4, (peer, frame) -> peers.add(peer));
             var c = Sockets.tcp().timeout(Duration.ofSeconds(30)).connect("127.0.0.1", s.port())) {
            c.sendFrame(BE4, "hello");
            Peer p = peers.poll(30, TimeUnit.SECONDS);
            p.sendFrame(BE4, Bytes.of(new byte[1000])).sendFrame(BE4, "done");
            assertEquals(1000, c.readFrame(BE4).length());
            assertEquals(Bytes.of("done"), c.readFrame(BE4));
            SocketError e = assertThrows(SocketError.class, () -> p.sendFrame(BE4, Bytes.of(new byte[1025])));
            assertEquals(SocketError.Kind.MESSAGE_TOO_LONG, e.kind());
            assertEquals(0, p.pending(), "nothing queued");
        }
    }

    private final List<String> lines = new ArrayList<>();

    /** The server's next log record. */
    private LogRecord record() throws InterruptedException {
        return serverLog.next(Duration.ofSeconds(30));
    }
}
