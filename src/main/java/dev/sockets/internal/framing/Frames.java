package dev.sockets.internal.framing;

import dev.sockets.Address;
import dev.sockets.Bytes;
import dev.sockets.Framing;
import dev.sockets.Peer;
import dev.sockets.Receiver;
import dev.sockets.SocketError;
import dev.sockets.SocketError.Kind;
import dev.sockets.SocketError.Op;
import dev.sockets.internal.SharedSecrets;
import dev.sockets.internal.errors.Errors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Framing for the handles: a frame's bytes as they go out (prefix and payload, or payload and
 * delimiter, in one array so that a frame is one write), the {@code SocketError} for a stream
 * that breaks its framing, and the {@link Receiver} that hands {@code onReceive(framing, ...)}
 * whole frames.
 */
public final class Frames {

    private static final SharedSecrets.BytesAccess<Bytes> BYTES = SharedSecrets.bytes(Bytes.class);

    private Frames() {
    }

    /**
     * The frame as it goes on the wire, checked before anything is written: over
     * {@code maxFrame} it is a {@code SocketError} of kind {@code MESSAGE_TOO_LONG}, and a
     * delimited frame that holds its delimiter is refused (it would arrive as two).
     */
    public static byte[] encode(Framing framing, byte[] data, int off, int len, Address local, Address remote) {
        Objects.requireNonNull(framing, "framing");
        if (len > framing.maxFrame()) {
            throw Errors.of(Kind.MESSAGE_TOO_LONG, Op.SEND).local(local).remote(remote)
                    .because("frame too long (" + len + " bytes; maxFrame is " + framing.maxFrame() + ")",
                            "send at most " + framing.maxFrame() + " bytes in one frame, or raise maxFrame on both sides").error();
        }
        if (framing instanceof Framing.Delimited) {
            Bytes d = ((Framing.Delimited) framing).delimiter();
            byte[] delim = BYTES.array(d);
            byte[] out = new byte[len + delim.length];
            System.arraycopy(data, off, out, 0, len);
            System.arraycopy(delim, 0, out, len, delim.length);
            // The reader ends the frame at the first delimiter: one inside the data, or one that
            // the data's last bytes start ("xa" before "aa"), would cut it short.
            int at = BYTES.wrap(out).indexOf(d);
            if (at < len) {
                throw new IllegalArgumentException("expected a frame that does not hold its delimiter " + d.repr()
                        + (at + delim.length > len ? " nor end with its start" : "") + " but it does at byte " + at
                        + "; use Framing.lengthPrefixed(...) for data that may hold it");
            }
            return out;
        }
        if (framing instanceof Framing.LengthPrefixed) {
            Framing.LengthPrefixed l = (Framing.LengthPrefixed) framing;
            int size = l.prefixBytes();
            byte[] out = new byte[size + len];
            boolean big = l.order() == ByteOrder.BIG_ENDIAN;
            for (int i = 0; i < size; i++) {
                int shift = 8 * (big ? size - 1 - i : i);
                out[i] = shift >= 32 ? 0 : (byte) (len >>> shift);
            }
            System.arraycopy(data, off, out, size, len);
            return out;
        }
        int size = 1;
        for (int v = len >>> 7; v != 0; v >>>= 7) {
            size++;
        }
        byte[] out = new byte[size + len];
        int v = len;
        for (int i = 0; i < size - 1; i++) {
            out[i] = (byte) (v & 0x7F | 0x80);
            v >>>= 7;
        }
        out[size - 1] = (byte) v;
        System.arraycopy(data, off, out, size, len);
        return out;
    }

    /** The error the user sees for a stream that broke its framing. */
    public static SocketError error(FrameException e, Op op, Address local, Address remote) {
        return Errors.of(e.tooLong() ? Kind.MESSAGE_TOO_LONG : Kind.OTHER, op).local(local).remote(remote)
                .because(e.reason(), e.hint()).error();
    }

    /**
     * What a framed receiver needs of its connection: a place for the decoder, so that a read
     * finds it in a field rather than a map, and an ear for a client that broke the framing.
     * Every peer of the event loops is one. Touched by the connection's loop thread only.
     */
    public interface DecoderSlot {
        /** This connection's decoder, null before its first read. */
        FrameDecoder frameDecoder();

        /** Keeps {@code decoder} (null to drop it). */
        void frameDecoder(FrameDecoder decoder);

        /**
         * The client broke {@code framing} ({@code e} says how): the server logs it as the
         * client's fault, not the receiver's, and closes the connection if it is open.
         */
        void brokeFraming(Framing framing, FrameException e);
    }

    /**
     * A receiver that hands {@code frames} each whole frame, however the reads cut them: a
     * decoder per connection, made at its first read and kept in its peer (a {@link DecoderSlot}:
     * every peer of the event loops). A frame over {@code maxFrame} is told to the peer
     * ({@link DecoderSlot#brokeFraming}), which logs it as the client's fault and closes the
     * connection; so is a connection that ended inside a frame, after the user's {@code closed}.
     * Nothing is thrown for them: what {@code receive} or {@code closed} throws is the user's.
     */
    public static FrameReceiver receiver(Framing framing, Receiver frames) {
        Objects.requireNonNull(framing, "framing");
        Objects.requireNonNull(frames, "receiver");
        return new FrameReceiver(framing, frames);
    }

    /**
     * What {@link #receiver} makes. An event loop that sees one hands it the read's bytes in its
     * own buffer ({@link #receive(Peer, ByteBuffer)}): the frames are copied out of it once, with
     * no array per read.
     */
    public static final class FrameReceiver implements Receiver {
        private final Framing framing;
        private final Receiver frames;

        FrameReceiver(Framing framing, Receiver frames) {
            this.framing = framing;
            this.frames = frames;
        }

        @Override
        public void opened(Peer peer) throws Exception {
            frames.opened(peer);
        }

        @Override
        public void receive(Peer peer, Bytes data) throws Exception {
            receive(peer, ByteBuffer.wrap(BYTES.array(data)));
        }

        /** Hands the receiver each frame completed by what remains in {@code read}, which it reads to its end. */
        public void receive(Peer peer, ByteBuffer read) throws Exception {
            DecoderSlot slot = (DecoderSlot) peer;
            FrameDecoder d = slot.frameDecoder();
            if (d == null) {
                d = FrameDecoder.of(framing);
                slot.frameDecoder(d);
            }
            while (read.hasRemaining()) {
                try {
                    d.feed(read);
                } catch (FrameException e) {
                    slot.frameDecoder(null);
                    slot.brokeFraming(framing, e);
                    return;
                }
                byte[] f = d.take();
                if (f != null) {
                    frames.receive(peer, BYTES.wrap(f));
                    if (!peer.isOpen()) {
                        // Closed by the receiver: the rest of this read goes unread, as a plain receiver's would.
                        slot.frameDecoder(null);
                        return;
                    }
                }
            }
        }

        @Override
        public void closed(Peer peer) throws Exception {
            DecoderSlot slot = (DecoderSlot) peer;
            FrameDecoder d = slot.frameDecoder();
            slot.frameDecoder(null);
            try {
                frames.closed(peer);
            } finally {
                // Told even when the user's closed() threw: that is logged as its own failure.
                if (d != null && d.partial()) {
                    slot.brokeFraming(framing, d.truncated());
                }
            }
        }

        @Override
        public String toString() {
            return framing + " -> " + frames;
        }
    }
}
