package dev.sockets.internal.framing;

import dev.sockets.Framing;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Cuts a stream into frames, fed in pieces of any size: one decoder per connection, used by one
 * thread at a time. {@link #feed} takes bytes up to the end of one frame at most and says how
 * many it took, so that a blocking reader leaves the rest in its buffer and an event loop feeds
 * the rest again. It never holds more than {@code maxFrame} bytes of a frame (plus the
 * delimiter), and a length prefix over {@code maxFrame} fails before anything is allocated; a
 * frame's array grows as its bytes arrive, from {@link #START}, so a peer's claimed length
 * alone cannot make it allocate.
 *
 * <p>DEV-NOTE: the same decoder serves {@code readFrame} (fed from the connection's buffer) and
 * {@code onReceive(framing, ...)} (fed each read), so that both forms cut exactly alike; the
 * property tests and the Jazzer target ({@code FramingFuzzTest}) run it directly.
 */
public abstract class FrameDecoder {

    /**
     * What a frame's array starts at when its length is larger and less of it came: grown as
     * bytes arrive. DEV-NOTE: 4 KiB, the most a server reads at once past its memory budget, so
     * that a client which starts a frame then holds about what it sent, not more; a frame that
     * comes in large reads starts at what came, so only trickled frames grow from here.
     */
    static final int START = 4 * 1024;

    final int max;
    private byte[] frame;

    FrameDecoder(int max) {
        this.max = max;
    }

    /** A fresh decoder for {@code framing}. */
    public static FrameDecoder of(Framing framing) {
        if (framing instanceof Framing.Delimited) {
            Framing.Delimited d = (Framing.Delimited) framing;
            return new Delimited(d.delimiter().toByteArray(), d.maxFrame(), d.delimiter().repr());
        }
        if (framing instanceof Framing.LengthPrefixed) {
            Framing.LengthPrefixed l = (Framing.LengthPrefixed) framing;
            return new Prefixed(l.prefixBytes(), l.order() == ByteOrder.BIG_ENDIAN, l.maxFrame());
        }
        return new Varint(framing.maxFrame());
    }

    /**
     * Takes bytes of {@code b[off, off + len)} up to the end of the next frame at most; returns
     * how many it took. Once a frame is complete, {@link #take()} hands it over.
     *
     * @throws FrameException for a frame over {@code maxFrame}; the decoder is of no use after it
     */
    public final int feed(byte[] b, int off, int len) {
        return feed(ByteBuffer.wrap(b, off, len));
    }

    /**
     * As {@link #feed(byte[], int, int)} from what remains in {@code src}, moving its position
     * past what it took: an event loop feeds its read buffer itself, with no array per read.
     */
    public abstract int feed(ByteBuffer src);

    /** The frame the last {@link #feed} completed, once; null if none is complete. */
    public final byte[] take() {
        byte[] f = frame;
        frame = null;
        return f;
    }

    /** True while part of a frame was fed and the rest has not come. */
    public abstract boolean partial();

    /**
     * The bytes of memory this decoder holds for the frame it is cutting: its array's length,
     * 0 when no frame's bytes are held (none partial, or only part of a length prefix). What a
     * server counts against its memory budget between reads.
     */
    public abstract int held();

    /** The error for a stream that ended now, inside a frame ({@link #partial()}). */
    public abstract FrameException truncated();

    final void done(byte[] f) {
        frame = f;
    }

    final FrameException tooLong(String length) {
        return new FrameException(true, "a frame of " + length + " bytes is over maxFrame (" + max + ")",
                "raise maxFrame if the peer may send frames that long, or check that it uses the same framing; closed the connection");
    }

    static FrameException endedInside(String what) {
        return new FrameException(false, "the stream ended inside a frame: " + what,
                "the peer closed in the middle of a frame, or does not use the same framing");
    }

    /**
     * A frame that says its length first: the length's bytes, then the payload, which arrives in
     * pieces and grows as they do. A subclass reads the length ({@link #header}); the rest is here.
     */
    abstract static class Counted extends FrameDecoder {
        private byte[] out;
        private int need = -1;
        private int got;
        // The length as its bytes come.
        int headerGot;
        long length;

        Counted(int max) {
            super(max);
        }

        /**
         * Reads the length from {@code src}, a byte at a time, and calls {@link #length} once it
         * is whole; leaves the payload's bytes in {@code src}.
         */
        abstract void header(ByteBuffer src);

        @Override
        public final int feed(ByteBuffer src) {
            int start = src.position();
            if (!inPayload()) {
                header(src);
                if (!inPayload()) {
                    return src.position() - start; // the length is not whole yet, or the frame was empty
                }
            }
            payload(src);
            return src.position() - start;
        }

        /** The length is whole: {@code n} (unsigned), checked against the bound. */
        final void length(long n, int available) {
            headerGot = 0;
            length = 0;
            if (n < 0 || n > max) {
                throw tooLong(Long.toUnsignedString(n));
            }
            begin((int) n, available);
        }

        @Override
        public final boolean partial() {
            return headerGot > 0 || inPayload();
        }

        @Override
        public final int held() {
            return out == null ? 0 : out.length;
        }

        /** The length is known: {@code 0 <= n <= max}. */
        final void begin(int n, int available) {
            if (n == 0) {
                done(new byte[0]);
                return;
            }
            need = n;
            got = 0;
            out = new byte[Math.min(n, Math.max(START, available))];
        }

        /** True while the payload is coming. */
        final boolean inPayload() {
            return need >= 0;
        }

        private void payload(ByteBuffer src) {
            int n = Math.min(src.remaining(), need - got);
            if (got + n > out.length) {
                out = Arrays.copyOf(out, (int) Math.min(need, Math.max((long) out.length * 2, got + n)));
            }
            src.get(out, got, n);
            got += n;
            if (got == need) {
                byte[] f = out;
                out = null;
                need = -1;
                done(f);
            }
        }

        final String payloadProgress() {
            return got + " of " + need + " bytes came";
        }
    }

    /** A length of 1, 2, 4 or 8 bytes, unsigned. */
    static final class Prefixed extends Counted {
        private final int size;
        private final boolean big;

        Prefixed(int size, boolean big, int max) {
            super(max);
            this.size = size;
            this.big = big;
        }

        @Override
        void header(ByteBuffer src) {
            while (headerGot < size && src.hasRemaining()) {
                long v = src.get() & 0xFFL;
                length = big ? length << 8 | v : length | v << (8 * headerGot);
                headerGot++;
            }
            if (headerGot == size) {
                length(length, src.remaining());
            }
        }

        @Override
        public FrameException truncated() {
            return endedInside(inPayload() ? payloadProgress()
                    : headerGot + " of the " + size + " bytes of its length came");
        }
    }

    /** protobuf's base-128 length: seven bits a byte, least significant first, at most 10 bytes. */
    static final class Varint extends Counted {
        private static final int MAX_BYTES = 10;

        Varint(int max) {
            super(max);
        }

        @Override
        void header(ByteBuffer src) {
            while (src.hasRemaining()) {
                int v = src.get();
                if (headerGot < 9) {
                    length |= (long) (v & 0x7F) << (7 * headerGot);
                } else if ((v & 0x7F) != 0) {
                    length = -1; // past 63 bits: over any maxFrame
                }
                headerGot++;
                // Each byte only adds bits, so a length over the bound fails before its last byte.
                if (length < 0 || length > max) {
                    throw tooLong(length < 0 ? "2^63 or more" : Long.toString(length) + (v < 0 ? " or more" : ""));
                }
                if (v >= 0) {
                    length(length, src.remaining());
                    return;
                }
                if (headerGot == MAX_BYTES) {
                    throw new FrameException(true, "a varint length longer than " + MAX_BYTES + " bytes",
                            "check that the peer uses the same framing; closed the connection");
                }
            }
        }

        @Override
        public FrameException truncated() {
            return endedInside(inPayload() ? payloadProgress()
                    : headerGot + (headerGot == 1 ? " byte" : " bytes") + " of its varint length came, and not its last");
        }
    }

    /** Frames ended by a delimiter, which is not part of them. */
    static final class Delimited extends FrameDecoder {
        private final byte[] delim;
        private final String shown;
        // Bytes of the frame so far (and its delimiter's first bytes), when it spans feeds.
        private byte[] acc;
        private int accLen;

        Delimited(byte[] delim, int max, String shown) {
            super(max);
            this.delim = delim;
            this.shown = shown;
        }

        @Override
        public int feed(ByteBuffer src) {
            int off = src.position();
            int len = src.remaining();
            int window = (int) Math.min(len, (long) max + delim.length - accLen);
            if (accLen == 0) {
                // The frame starts in this piece: find its end there, and copy it once.
                int at = indexOf(src, off, off + window);
                if (at >= 0) {
                    byte[] f = new byte[at - off];
                    src.get(f);
                    src.position(at + delim.length);
                    done(f);
                    return at + delim.length - off;
                }
                if (window == max + delim.length) {
                    throw tooLong(); // maxFrame bytes and a delimiter's length came, and no delimiter
                }
                append(src, len);
                return len;
            }
            int before = accLen;
            append(src, window);
            int at = indexOf(ByteBuffer.wrap(acc, 0, accLen), Math.max(0, before - delim.length + 1), accLen);
            if (at >= 0) {
                done(Arrays.copyOf(acc, at));
                acc = null;
                accLen = 0;
                int took = at + delim.length - before;
                src.position(off + took); // what followed the delimiter stays for the next feed
                return took;
            }
            if (window < len || accLen >= max + delim.length) {
                throw tooLong();
            }
            return window;
        }

        private FrameException tooLong() {
            return new FrameException(true, "no delimiter " + shown + " within maxFrame (" + max + " bytes)",
                    "raise maxFrame if the peer may send frames that long, or check that it ends each with " + shown
                            + "; closed the connection");
        }

        /** Moves {@code n} bytes of {@code src} to the end of the frame so far. */
        private void append(ByteBuffer src, int n) {
            if (acc == null || accLen + n > acc.length) {
                long want = Math.max(Math.max(256, accLen + n), acc == null ? 0 : (long) acc.length * 2);
                acc = Arrays.copyOf(acc == null ? new byte[0] : acc, (int) Math.min(want, (long) max + delim.length));
            }
            src.get(acc, accLen, n);
            accLen += n;
        }

        /** Where the delimiter starts in {@code b} between the indexes {@code from} and {@code to}, -1 if not whole there. */
        private int indexOf(ByteBuffer b, int from, int to) {
            byte first = delim[0];
            int last = to - delim.length;
            outer:
            for (int i = from; i <= last; i++) {
                if (b.get(i) != first) {
                    continue;
                }
                for (int k = 1; k < delim.length; k++) {
                    if (b.get(i + k) != delim[k]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        @Override
        public boolean partial() {
            return accLen > 0;
        }

        @Override
        public int held() {
            return acc == null ? 0 : acc.length;
        }

        @Override
        public FrameException truncated() {
            return endedInside(accLen + (accLen == 1 ? " byte" : " bytes") + " came and no delimiter " + shown);
        }
    }
}
