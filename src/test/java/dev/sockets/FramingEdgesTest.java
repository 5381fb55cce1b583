package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Framing where the event loops hand the decoder their own buffers: the loop's direct read
 * buffer (TCP, Unix) and the per-thread plaintext array (TLS), both reused for the next read.
 * Frames that span reads, frames the receiver keeps, a receiver that closes mid-read, the
 * wiretap and the byte counters of a framed read, and several peers' half frames on one server.
 */
@Timeout(120)
class FramingEdgesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Framing BE4 = Framing.lengthPrefixed(4, ByteOrder.BIG_ENDIAN, 1 << 20);

    /**
     * Payloads of bytes 0xF8 to 0xFF, in no UTF-8 text, and lengths whose four bytes are all
     * control characters: every piece of the stream the wiretap records is a hex dump.
     */
    private static final int[] LENGTHS = {0x00_02_01_03, 7, 0, 0x00_01_1F_05, 0x00_00_10_01, 1};

    private static List<byte[]> payloads(long seed) {
        var r = new Random(seed);
        List<byte[]> out = new ArrayList<>();
        for (int n : LENGTHS) {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = (byte) (0xF8 + r.nextInt(8));
            }
            out.add(b);
        }
        return out;
    }

    @Test
    void frames_longer_than_the_loops_read_buffer_come_whole_and_each_frame_kept_stays_as_it_came() throws Exception {
        List<byte[]> sent = payloads(1);
        byte[] wire = FramingProperties.stream(BE4, sent);
        var kept = new LinkedBlockingQueue<Bytes>();
        try (Server s = Sockets.tcp().bind("127.0.0.1", 0).onReceive(BE4, (peer, frame) -> kept.add(frame));
             var c = Sockets.tcp().timeout(WAIT).connect("127.0.0.1", s.port())) {
            c.send(wire);
            List<Bytes> got = take(kept, sent.size());
            // Compared only once every frame came: a frame that pointed into the loop's buffer
            // would hold the bytes of a later read by now.
            assertFrames(sent, got);
            assertEquals(0, s.failed());
        }
    }

    @Test
    void the_wiretap_records_a_framed_servers_reads_as_the_bytes_on_the_wire_and_bytesReceived_counts_them_all() throws Exception {
        List<byte[]> sent = payloads(2);
        byte[] wire = FramingProperties.stream(BE4, sent);
        var tap = new WiretapTest.Capture();
        var frames = new AtomicInteger();
        var counted = new CompletableFuture<Long>();
        try (Server s = Sockets.tcp().wiretap(tap.out).bind("127.0.0.1", 0).onReceive(BE4, new Receiver() {
            public void receive(Peer peer, Bytes frame) {
                frames.incrementAndGet();
            }

            public void closed(Peer peer) {
                counted.complete(peer.bytesReceived());
            }
        })) {
            try (var c = Sockets.tcp().timeout(WAIT).connect("127.0.0.1", s.port())) {
                c.send(wire);
                c.shutdownOutput();
                assertEquals(Bytes.empty(), c.recv(10), "the server closes at the end of the stream");
            }
            assertEquals(wire.length, counted.get(30, TimeUnit.SECONDS), "prefixes included, as bytesSent counts sendFrame's");
            assertEquals(sent.size(), frames.get());
            assertArrayEquals(wire, received(tap.await("  close  ", 1)), "the reads, in order, with nothing left out");
            assertEquals(0, s.failed());
        }
    }

    private static final Pattern RECEIVED = Pattern.compile(
            "^< \\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6}  length=(\\d+) from=(\\d+) to=(\\d+)  ");
    private static final Pattern HEX_LINE = Pattern.compile("^[0-9a-f]{8}  (.{49}) \\|.*\\|$");

    /**
     * The bytes of a tap's received records, each a hex dump, in order; checks that each record's
     * {@code from} follows the last one's {@code to} and that its length is what it shows.
     */
    private static byte[] received(String tap) {
        var all = new ByteArrayOutputStream();
        ByteArrayOutputStream record = null;
        long next = 0;
        int length = 0;
        for (String line : (tap + "* end\n").split("\n")) {
            if (line.startsWith("< ") || line.startsWith("> ") || line.startsWith("* ") || line.startsWith("! ")) {
                if (record != null) {
                    assertEquals(length, record.size(), "a record shows its length's bytes");
                    all.writeBytes(record.toByteArray());
                    record = null;
                }
                Matcher m = RECEIVED.matcher(line);
                if (m.find()) {
                    length = Integer.parseInt(m.group(1));
                    assertEquals(next, Long.parseLong(m.group(2)), "from follows on: " + line);
                    assertEquals(next + length - 1, Long.parseLong(m.group(3)), line);
                    next += length;
                    record = new ByteArrayOutputStream();
                }
                continue;
            }
            if (record == null) {
                continue;
            }
            Matcher h = HEX_LINE.matcher(line);
            if (h.matches()) {
                for (String hex : h.group(1).trim().split(" +")) {
                    record.write(Integer.parseInt(hex, 16));
                }
            } else {
                assertTrue(line.matches("[0-9a-f]{8}"), "a hex dump's lines: " + line);
            }
        }
        return all.toByteArray();
    }

    @Test
    void a_receiver_that_closes_its_peer_on_a_frame_gets_no_later_frame_of_that_read_and_nothing_is_logged() throws Exception {
        var calls = new LinkedBlockingQueue<String>();
        Receiver closeOnFirst = new Receiver() {
            public void receive(Peer peer, Bytes frame) {
                calls.add(frame.text());
                peer.close();
            }

            public void closed(Peer peer) {
                calls.add("closed");
            }
        };
        byte[] wire = concat(FramingProperties.stream(BE4, List.of(bytes("one"), bytes("two"))),
                Bytes.b("\\x00\\x00\\x00\\x09thr").toByteArray()); // and a third frame, cut short
        try (Server s = Sockets.tcp().bind("127.0.0.1", 0).onReceive(BE4, closeOnFirst);
             var c = Sockets.tcp().timeout(WAIT).connect("127.0.0.1", s.port())) {
            c.send(wire);
            assertNull(c.readFrame(BE4), "the server closed, between frames");
            assertEquals("one", calls.poll(30, TimeUnit.SECONDS));
            assertEquals("closed", calls.poll(30, TimeUnit.SECONDS));
            assertEquals(0, s.failed(), "a connection its receiver closed did not end inside a frame");
            assertNull(calls.poll(50, TimeUnit.MILLISECONDS), "no frame after the close, and one closed()");
        }
    }

    @Test
    void a_tls_server_hands_out_frames_that_span_records_whole_and_keeps_none_in_its_reused_plaintext() throws Exception {
        Framing f = Framing.varint(1 << 20);
        var r = new Random(3);
        List<byte[]> sent = new ArrayList<>();
        for (int size : new int[] {40_000, 1, 0, 16_379, 16_384, 33_000, 5, 70_000, 2}) {
            byte[] b = new byte[size];
            r.nextBytes(b);
            sent.add(b);
        }
        byte[] wire = FramingProperties.stream(f, sent);
        var kept = new LinkedBlockingQueue<Bytes>();
        var counted = new CompletableFuture<Long>();
        var ca = TlsIdentity.authority("Framing edges CA");
        try (Server s = Sockets.tls().certificate(ca.issue("localhost", "127.0.0.1")).bind("127.0.0.1", 0)
                .onReceive(f, new Receiver() {
                    public void receive(Peer peer, Bytes frame) {
                        kept.add(frame);
                    }

                    public void closed(Peer peer) {
                        counted.complete(peer.bytesReceived());
                    }
                })) {
            try (var c = Sockets.tls().trust(ca).timeout(WAIT).connect("127.0.0.1", s.port())) {
                c.send(wire);
                assertFrames(sent, take(kept, sent.size()));
            }
            assertEquals(wire.length, counted.get(30, TimeUnit.SECONDS), "the plaintext, prefixes included");
            assertEquals(0, s.failed());
        }
    }

    @Test
    void a_tls_receiver_that_closes_its_peer_on_a_frame_gets_no_later_frame_and_the_client_sees_the_end() throws Exception {
        Framing f = Framing.delimited("\n", 100);
        var calls = new LinkedBlockingQueue<String>();
        var ca = TlsIdentity.authority("Framing edges CA");
        try (Server s = Sockets.tls().certificate(ca.issue("localhost", "127.0.0.1")).bind("127.0.0.1", 0)
                .onReceive(f, new Receiver() {
                    public void receive(Peer peer, Bytes frame) {
                        calls.add(frame.text());
                        peer.close();
                    }

                    public void closed(Peer peer) {
                        calls.add("closed");
                    }
                });
             var c = Sockets.tls().trust(ca).timeout(WAIT).connect("127.0.0.1", s.port())) {
            c.send("one\ntwo\nthr");
            assertNull(c.readFrame(f), "the server's close_notify, between frames");
            assertEquals("one", calls.poll(30, TimeUnit.SECONDS));
            assertEquals("closed", calls.poll(30, TimeUnit.SECONDS));
            assertEquals(0, s.failed());
            assertNull(calls.poll(50, TimeUnit.MILLISECONDS), "no frame after the close, and one closed()");
        }
    }

    // Each client's frame is cut where the client stops writing: after its first frame comes back
    // the server has read the piece, and holds the half frame, while it reads the other clients.
    @Test
    void several_clients_half_frames_stay_apart_while_the_server_reads_the_others() throws Exception {
        Framing f = Framing.varint(1000);
        byte[] second = new byte[300]; // a two-byte varint length
        new Random(4).nextBytes(second);
        byte[] frame = FramingProperties.stream(f, List.of(second));
        int[] cutAt = {1, 2, 150}; // inside the length, right after it, inside the payload
        List<Connection> clients = new ArrayList<>();
        try (Server s = Sockets.tcp().bind("127.0.0.1", 0).onReceive(f, (peer, fr) -> peer.sendFrame(f, fr))) {
            try {
                for (int i = 0; i < cutAt.length; i++) {
                    var c = Sockets.tcp().timeout(WAIT).connect("127.0.0.1", s.port());
                    clients.add(c);
                    c.send(concat(FramingProperties.stream(f, List.of(bytes("first " + i))), Arrays.copyOf(frame, cutAt[i])));
                    assertEquals(Bytes.of("first " + i), c.readFrame(f));
                }
                for (int i = cutAt.length - 1; i >= 0; i--) {
                    clients.get(i).send(Arrays.copyOfRange(frame, cutAt[i], frame.length));
                }
                for (Connection c : clients) {
                    assertArrayEquals(second, c.readFrame(f).toByteArray());
                }
            } finally {
                clients.forEach(Connection::close);
            }
            assertEquals(0, s.failed());
        }
    }

    // Cut inside the delimiter at each place, the echo of the frame before it saying the server read the piece.
    @Test
    void a_unix_server_finds_a_delimiter_cut_between_reads_at_every_place(@TempDir Path dir) throws Exception {
        Framing f = Framing.delimited("\r\n\r\n", 100);
        Path sock = dir.resolve("edges.sock");
        try (Server s = Sockets.unix().bind(sock).onReceive(f, (peer, fr) -> peer.sendFrame(f, fr));
             var c = Sockets.unix().timeout(WAIT).connect(sock)) {
            for (int cut = 0; cut <= 4; cut++) {
                c.send("ping " + cut + "\r\n\r\nframe " + cut + "\r\n\r\n".substring(0, cut));
                assertEquals("ping " + cut, c.readFrame(f).text());
                c.send("\r\n\r\n".substring(cut) + "after " + cut + "\r\n\r\n");
                assertEquals("frame " + cut, c.readFrame(f).text());
                assertEquals("after " + cut, c.readFrame(f).text());
            }
            assertEquals(0, s.failed());
        }
    }

    @Test
    void a_listeners_framed_server_reads_a_length_cut_between_reads() throws Exception {
        Framing f = Framing.lengthPrefixed(2, ByteOrder.LITTLE_ENDIAN, 1000);
        try (Server s = Sockets.tcp().bind("127.0.0.1", 0).listen(5).onReceive(f, (peer, fr) -> peer.sendFrame(f, fr));
             var c = Sockets.tcp().timeout(WAIT).connect("127.0.0.1", s.port())) {
            c.send(Bytes.b("\\x02\\x00hi\\x05"));   // "hi", then the first byte of a length of 5
            assertEquals(Bytes.of("hi"), c.readFrame(f));
            c.send(Bytes.b("\\x00hello"));
            assertEquals(Bytes.of("hello"), c.readFrame(f));
            assertEquals(0, s.failed());
        }
    }

    @Test
    void readFrame_keeps_frames_longer_than_the_connections_buffer_whole_and_each_as_it_came() throws Exception {
        Framing f = Framing.delimited("\n", 1 << 20);
        var r = new Random(5);
        List<byte[]> sent = new ArrayList<>();
        for (int size : new int[] {200_000, 3, 0, 70_000, 1}) {
            byte[] b = new byte[size];
            for (int i = 0; i < size; i++) {
                b[i] = (byte) ('a' + r.nextInt(26));
            }
            sent.add(b);
        }
        byte[] wire = FramingProperties.stream(f, sent);
        try (var pair = Sockets.socketpair()) {
            var writer = CompletableFuture.runAsync(() -> pair.a().send(wire).close());
            List<Bytes> got = new ArrayList<>();
            for (Bytes b; (b = pair.b().readFrame(f)) != null; ) {
                got.add(b);
            }
            writer.get(30, TimeUnit.SECONDS);
            assertFrames(sent, got);
        }
    }

    // As readLine after a timeout: the frame's bytes that came before it are not lost, so the
    // next readFrame returns the whole frame rather than cutting the stream in the middle of one.
    @Test
    void readFrame_after_a_timeout_inside_a_frame_returns_that_frame_whole_once_the_rest_comes() {
        for (Framing f : List.of(BE4, Framing.varint(1000), Framing.delimited("\r\n", 1000))) {
            byte[] wire = FramingProperties.stream(f, List.of(bytes("hello"), bytes("next")));
            int cut = f instanceof Framing.Delimited ? 6 : FramingProperties.encode(f, bytes("hello")).length - 3;
            try (var pair = Sockets.socketpair()) {
                var c = pair.b().timeout(Duration.ofMillis(50));
                pair.a().send(Arrays.copyOf(wire, cut));
                assertThrows(dev.sockets.Timeout.class, () -> c.readFrame(f), f.toString());
                assertTrue(c.isOpen(), "a timeout leaves the connection open, as Python's socket.timeout");
                pair.a().send(Arrays.copyOfRange(wire, cut, wire.length));
                c.timeout(WAIT);
                assertEquals(Bytes.of("hello"), c.readFrame(f), f.toString());
                assertEquals(Bytes.of("next"), c.readFrame(f), f.toString());
            }
        }
    }

    private static List<Bytes> take(LinkedBlockingQueue<Bytes> q, int n) throws InterruptedException {
        List<Bytes> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Bytes b = q.poll(30, TimeUnit.SECONDS);
            assertTrue(b != null, "frame " + i + " of " + n + " did not come within 30 s");
            got.add(b);
        }
        return got;
    }

    private static void assertFrames(List<byte[]> sent, List<Bytes> got) {
        assertEquals(sent.size(), got.size());
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(sent.get(i), got.get(i).toByteArray(), "frame " + i);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
