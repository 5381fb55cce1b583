package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.internal.framing.FrameDecoder;
import dev.sockets.internal.framing.FrameException;
import dev.sockets.internal.io.RealConnection;
import dev.sockets.testing.ChunkedTransport;
import dev.sockets.testing.Gens;
import dev.sockets.testing.OneByteAtATime;
import dev.sockets.testing.Pbt;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Framing against every way a stream can be cut: frames of random sizes (0 to {@code maxFrame})
 * in every framing, delivered one byte at a time, at random boundaries, several to a piece, come
 * out exactly as they went in; through the decoder, {@code readFrame}, and both server forms.
 */
@Timeout(300)
class FramingProperties {

    /** A framing drawn from the seed: any kind, prefix size, order, delimiter, and a maxFrame up to {@code bound}. */
    static Framing framing(Random r, int bound) {
        switch (r.nextInt(3)) {
            case 0: {
                String[] delimiters = {"\r\n", "\n", "\0", "aa", "END", "\r\n\r\n"};
                return Framing.delimited(delimiters[r.nextInt(delimiters.length)], 1 + r.nextInt(bound));
            }
            case 1: {
                int[] sizes = {1, 2, 4, 8};
                int size = sizes[r.nextInt(4)];
                int cap = size == 1 ? 255 : size == 2 ? 65535 : Framing.MAX_FRAME;
                return Framing.lengthPrefixed(size, r.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN,
                        1 + r.nextInt(Math.min(bound, cap)));
            }
            default:
                return Framing.varint(1 + r.nextInt(bound));
        }
    }

    /**
     * Frames of random sizes from 0 to maxFrame (the bounds among them), over an alphabet that
     * holds the delimiters' bytes, so that parts of a delimiter appear inside frames; a frame
     * the framing cannot carry (it holds the delimiter) is left out.
     */
    static List<byte[]> frames(Random r, Framing f, int count) {
        byte[] alphabet = "a\r\n\0ENDx".getBytes(StandardCharsets.ISO_8859_1);
        List<byte[]> out = new ArrayList<>();
        while (out.size() < count) {
            int pick = r.nextInt(6);
            int size = pick == 0 ? 0 : pick == 1 ? f.maxFrame() : r.nextInt(f.maxFrame() + 1);
            byte[] b = new byte[size];
            if (f instanceof Framing.Delimited) {
                for (int i = 0; i < size; i++) {
                    b[i] = alphabet[r.nextInt(alphabet.length)];
                }
                breakDelimiters(b, ((Framing.Delimited) f).delimiter().toByteArray());
            } else {
                r.nextBytes(b);
            }
            out.add(b);
        }
        return out;
    }

    /**
     * Replaces with {@code x} (in no delimiter) the first byte of each delimiter in {@code b},
     * and of each that {@code b}'s end would start: a frame the framing can carry. A byte
     * replaced starts no new match before it, so one pass is enough.
     */
    private static void breakDelimiters(byte[] b, byte[] delim) {
        for (int i = 0; i < b.length; i++) {
            boolean match = true;
            for (int k = 0; k < delim.length && match; k++) {
                byte at = i + k < b.length ? b[i + k] : delim[i + k - b.length];
                match = at == delim[k];
            }
            if (match) {
                b[i] = 'x';
            }
        }
    }

    /** What {@code sendFrame} writes, read back from a connection's output. */
    static byte[] encode(Framing f, byte[] frame) {
        var t = new ChunkedTransport(new byte[0], List.of(1));
        new RealConnection(t, StandardCharsets.UTF_8, 1 << 16, Duration.ZERO).sendFrame(f, Bytes.of(frame));
        return t.written();
    }

    static byte[] stream(Framing f, List<byte[]> frames) {
        var out = new ByteArrayOutputStream();
        frames.forEach(fr -> out.writeBytes(encode(f, fr)));
        return out.toByteArray();
    }

    /** Pieces of 1 byte (half the time, when asked) or of random sizes up to a few frames. */
    static List<Integer> cuts(Random r, boolean oneByteAtATime, int maxFrame) {
        if (oneByteAtATime) {
            return List.of(1);
        }
        List<Integer> c = new ArrayList<>();
        for (int i = 1 + r.nextInt(8); i > 0; i--) {
            c.add(1 + r.nextInt(3 * maxFrame + 20));
        }
        return c;
    }

    // Fed from a direct buffer (as the event loops feed theirs), the stream sits between bytes that
    // would cut it otherwise if read (delimiters; 0xFF lengths over any maxFrame): the decoder
    // must read only between each piece's position and limit.
    @Test
    void the_decoder_gives_back_exactly_the_frames_encoded_however_the_pieces_cut_them_from_an_array_or_a_direct_buffer() {
        Pbt.qt(1000).forAll(Gens.anyLong(), Gens.booleans(), Gens.booleans()).checkAssert((seed, oneByte, direct) -> {
            var r = new Random(seed);
            Framing f = framing(r, 20_000);
            List<byte[]> sent = frames(r, f, r.nextInt(12));
            byte[] wire = stream(f, sent);
            List<Integer> cuts = cuts(r, oneByte, f.maxFrame());
            FrameDecoder d = FrameDecoder.of(f);
            int before = r.nextInt(40);
            ByteBuffer buf = direct ? amid(wire, f, before) : null;
            List<byte[]> got = new ArrayList<>();
            int pos = 0;
            for (int i = 0; pos < wire.length; i++) {
                int piece = Math.min(cuts.get(i % cuts.size()), wire.length - pos);
                int off = pos;
                // A piece may hold several frames: feed it until all of it is taken.
                while (off < pos + piece) {
                    int n;
                    if (buf == null) {
                        n = d.feed(wire, off, pos + piece - off);
                    } else {
                        buf.clear().position(before + off).limit(before + pos + piece);
                        n = d.feed(buf);
                        assertEquals(before + off + n, buf.position(), "the position moves past what it took, no further");
                        assertEquals(before + pos + piece, buf.limit(), "the limit is left as it was");
                    }
                    assertTrue(n > 0, "feed takes at least a byte of what it is given");
                    off += n;
                    byte[] frame = d.take();
                    if (frame != null) {
                        got.add(frame);
                    }
                }
                pos += piece;
            }
            assertFalse(d.partial(), "nothing left over after the last frame");
            assertEquals(sent.size(), got.size(), f.toString());
            for (int i = 0; i < sent.size(); i++) {
                assertArrayEquals(sent.get(i), got.get(i), f + ", frame " + i);
            }
        });
    }

    /** {@code wire} in a direct buffer from {@code before}, amid bytes that would cut it otherwise: 40 after it. */
    private static ByteBuffer amid(byte[] wire, Framing f, int before) {
        byte[] junk = f instanceof Framing.Delimited ? ((Framing.Delimited) f).delimiter().toByteArray() : new byte[] {(byte) 0xFF};
        ByteBuffer buf = ByteBuffer.allocateDirect(before + wire.length + 40);
        for (int i = 0; i < buf.capacity(); i++) {
            buf.put(i, junk[i % junk.length]);
        }
        return buf.put(before, wire);
    }

    @Test
    void readFrame_gives_back_exactly_the_frames_sent_one_byte_at_a_time_or_at_random_cuts_then_null() {
        Pbt.qt(500).forAll(Gens.anyLong(), Gens.booleans()).checkAssert((seed, oneByte) -> {
            var r = new Random(seed);
            Framing f = framing(r, 20_000);
            List<byte[]> sent = frames(r, f, r.nextInt(10));
            byte[] wire = stream(f, sent);
            var chunked = new ChunkedTransport(wire, cuts(r, false, f.maxFrame()));
            Connection c = new RealConnection(oneByte ? new OneByteAtATime(chunked) : chunked, StandardCharsets.UTF_8,
                    1 << 16, Duration.ZERO);
            for (byte[] frame : sent) {
                assertArrayEquals(frame, c.readFrame(f).toByteArray(), f.toString());
            }
            assertNull(c.readFrame(f), "the end of the stream, between frames");
        });
    }

    @Test
    void a_stream_cut_anywhere_inside_a_frame_fails_with_how_much_came_never_a_short_frame() {
        Pbt.qt(500).forAll(Gens.anyLong()).checkAssert(seed -> {
            var r = new Random(seed);
            Framing f = framing(r, 3000);
            List<byte[]> sent = frames(r, f, 1 + r.nextInt(4));
            byte[] wire = stream(f, sent);
            byte[] last = encode(f, sent.get(sent.size() - 1));
            // Cut after the first byte of the last frame, before its last byte.
            int keep = wire.length - last.length + 1 + (last.length > 2 ? r.nextInt(last.length - 1) : 0);
            if (keep >= wire.length) {
                return; // a one-byte frame on the wire (an empty frame after a 1-byte length): nothing to cut inside
            }
            byte[] cut = java.util.Arrays.copyOf(wire, keep);
            Connection c = new RealConnection(new ChunkedTransport(cut, cuts(r, false, f.maxFrame())), StandardCharsets.UTF_8,
                    1 << 16, Duration.ZERO);
            for (int i = 0; i < sent.size() - 1; i++) {
                assertArrayEquals(sent.get(i), c.readFrame(f).toByteArray());
            }
            SocketError e = assertThrows(SocketError.class, () -> c.readFrame(f));
            assertEquals(SocketError.Kind.OTHER, e.kind());
            assertTrue(e.reason().startsWith("the stream ended inside a frame: "), e.getMessage());
            assertTrue(e.reason().contains("came"), e.getMessage());
        });
    }

    @Test
    void a_length_over_maxFrame_fails_as_soon_as_its_prefix_is_read_before_any_of_the_frame() {
        Pbt.qt(1000).forAll(Gens.anyLong()).checkAssert(seed -> {
            var r = new Random(seed);
            Framing f;
            do {
                f = framing(r, 100_000);
            } while (f instanceof Framing.Delimited || f.maxFrame() == (f instanceof Framing.LengthPrefixed
                    && ((Framing.LengthPrefixed) f).prefixBytes() == 1 ? 255 : -1));
            // A length just over the bound or far over it; what follows it never comes.
            long cap = f instanceof Framing.LengthPrefixed && ((Framing.LengthPrefixed) f).prefixBytes() < 4
                    ? (1L << (8 * ((Framing.LengthPrefixed) f).prefixBytes())) - 1 : Integer.MAX_VALUE;
            if (cap <= f.maxFrame()) {
                return;
            }
            long over = r.nextBoolean() ? f.maxFrame() + 1L : f.maxFrame() + 1L + (long) (r.nextDouble() * (cap - f.maxFrame() - 1));
            byte[] prefix = prefix(f, over);
            FrameDecoder d = FrameDecoder.of(f);
            FrameException e = null;
            int fed = 0;
            for (; fed < prefix.length && e == null; fed++) {
                try {
                    assertEquals(1, d.feed(prefix, fed, 1));
                } catch (FrameException thrown) {
                    e = thrown;
                }
            }
            assertTrue(e != null && e.tooLong(), "refused from the prefix alone: " + f + ", length " + over);
            assertTrue(e.reason().endsWith("is over maxFrame (" + f.maxFrame() + ")"), e.reason());
        });
    }

    /** The prefix alone of a frame {@code length} bytes long. */
    private static byte[] prefix(Framing f, long length) {
        var out = new ByteArrayOutputStream();
        if (f instanceof Framing.LengthPrefixed) {
            Framing.LengthPrefixed l = (Framing.LengthPrefixed) f;
            for (int i = 0; i < l.prefixBytes(); i++) {
                int shift = 8 * (l.order() == ByteOrder.BIG_ENDIAN ? l.prefixBytes() - 1 - i : i);
                out.write((int) (length >>> shift) & 0xFF);
            }
        } else {
            long v = length;
            while (v >= 0x80) {
                out.write((int) (v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out.write((int) v);
        }
        return out.toByteArray();
    }

    // Both server forms, for every framing, through a proxy that forwards in writes of 1 to `max`
    // bytes; the client writes several frames in one send, so pieces both split and join frames.
    @Test
    void both_server_forms_give_back_exactly_the_frames_sent_through_a_proxy_that_cuts_the_stream() {
        Pbt.qt(24).forAll(Gens.anyLong(), Gens.ints(1, 300), Gens.booleans()).checkAssert((seed, max, onReceive) -> Pbt.unchecked(() -> {
            var r = new Random(seed);
            Framing f = framing(r, 20_000);
            List<byte[]> sent = frames(r, f, 1 + r.nextInt(6));
            var spec = Sockets.tcp().timeout(Duration.ofSeconds(60));
            try (Server s = onReceive
                    ? spec.bind("127.0.0.1", 0).onReceive(f, (peer, frame) -> peer.sendFrame(f, frame))
                    : spec.bind("127.0.0.1", 0).onAccept(a -> a.frames(f).forEach(frame -> a.sendFrame(f, frame)));
                 var proxy = Sockets.proxy("127.0.0.1", s.port()).bind("127.0.0.1", 0).chunk(max);
                 var c = spec.connect("127.0.0.1", proxy.port())) {
                // Several frames in one write, some alone.
                for (int i = 0; i < sent.size(); ) {
                    int n = 1 + r.nextInt(sent.size() - i);
                    c.send(stream(f, sent.subList(i, i + n)));
                    i += n;
                }
                // Each frame is read back before the end: no half close needed.
                for (byte[] frame : sent) {
                    Bytes got = c.readFrame(f);
                    assertTrue(got != null, f + (onReceive ? ", onReceive" : ", onAccept") + ": the stream ended early");
                    assertArrayEquals(frame, got.toByteArray(), f + (onReceive ? ", onReceive" : ", onAccept"));
                }
                assertEquals(0, s.failed());
            }
        }));
    }

    // The decoder says it holds memory only while a frame is partial, never more than a frame's bound.
    @Test
    void what_a_decoder_holds_is_nothing_between_frames_and_at_most_maxFrame_and_its_delimiter_inside_one() {
        Pbt.qt(500).forAll(Gens.anyLong(), Gens.booleans()).checkAssert((seed, oneByte) -> {
            var r = new Random(seed);
            Framing f = framing(r, 20_000);
            byte[] wire = stream(f, frames(r, f, 1 + r.nextInt(8)));
            int delim = f instanceof Framing.Delimited ? ((Framing.Delimited) f).delimiter().length() : 0;
            List<Integer> cuts = cuts(r, oneByte, f.maxFrame());
            FrameDecoder d = FrameDecoder.of(f);
            for (int i = 0, pos = 0; pos < wire.length; i++) {
                int n = d.feed(wire, pos, Math.min(cuts.get(i % cuts.size()), wire.length - pos));
                pos += n;
                boolean whole = d.take() != null;
                assertTrue(d.held() <= f.maxFrame() + delim, f + ": holds " + d.held());
                if (!d.partial()) {
                    assertEquals(0, d.held(), f + (whole ? ", after a whole frame" : ""));
                }
            }
            assertEquals(0, d.held(), "nothing after the last frame");
        });
    }

    // Whatever frames and pieces of frames the clients of a framed server leave it with, once they
    // are gone its memory budget holds nothing: partial frames give back all they took.
    @Test
    void a_framed_servers_budget_is_back_to_nothing_once_its_clients_left_however_they_cut_their_frames() {
        Pbt.qt(16).forAll(Gens.anyLong()).checkAssert(seed -> Pbt.unchecked(() -> {
            var r = new Random(seed);
            Framing f = framing(r, 100_000);
            long budget = 1 + r.nextInt(200_000);
            try (Server s = Sockets.tcp().maxBuffered(budget).bind("127.0.0.1", 0).onReceive(f, (peer, frame) -> { })) {
                List<java.nio.channels.SocketChannel> clients = new ArrayList<>();
                try {
                    for (int i = 1 + r.nextInt(12); i > 0; i--) {
                        var ch = java.nio.channels.SocketChannel.open(new java.net.InetSocketAddress("127.0.0.1", s.port()));
                        clients.add(ch);
                        byte[] wire = stream(f, frames(r, f, 1 + r.nextInt(4)));
                        // Cut anywhere: between frames, inside one, or not at all.
                        ch.configureBlocking(false);
                        ch.write(java.nio.ByteBuffer.wrap(wire, 0, r.nextInt(wire.length + 1)));
                    }
                } finally {
                    for (var ch : clients) {
                        ch.close();
                    }
                }
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                for (int i = 0; i < 100_000 && s.open() > 0 && System.nanoTime() - until < 0; i++) {
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                }
                assertEquals(0, s.open(), s.toString());
                assertFalse(s.toString().contains("buffered"), f + ", maxBuffered " + budget + ": " + s);
            }
        }));
    }

    // The receiver is called once per frame, never with a piece: each call's frame is one that was sent.
    @Test
    void onReceive_with_a_framing_calls_the_receiver_once_per_whole_frame() {
        Pbt.qt(12).forAll(Gens.anyLong(), Gens.ints(1, 50)).checkAssert((seed, max) -> Pbt.unchecked(() -> {
            var r = new Random(seed);
            Framing f = framing(r, 3000);
            List<byte[]> sent = frames(r, f, 1 + r.nextInt(20));
            var calls = new LinkedBlockingQueue<byte[]>();
            try (Server s = Sockets.tcp().bind("127.0.0.1", 0).onReceive(f, (peer, frame) -> calls.add(frame.toByteArray()));
                 var proxy = Sockets.proxy("127.0.0.1", s.port()).bind("127.0.0.1", 0).chunk(max);
                 var c = Sockets.tcp().connect("127.0.0.1", proxy.port())) {
                c.send(stream(f, sent));
                for (byte[] frame : sent) {
                    byte[] got = calls.poll(60, TimeUnit.SECONDS);
                    assertArrayEquals(frame, got, f.toString());
                }
                c.close();
                assertNull(calls.poll(50, TimeUnit.MILLISECONDS), "no call beyond the frames sent");
            }
        }));
    }
}
