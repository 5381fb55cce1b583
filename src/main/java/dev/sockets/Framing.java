package dev.sockets;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How a stream is cut into messages ("frames"): by a delimiter, by a length prefix, or by
 * protobuf's varint prefix. TCP delivers bytes, not messages: one {@code send} may arrive in
 * pieces and several in one read. A framing puts the cuts back.
 *
 * <pre>{@code
 * var lines  = Framing.delimited("\r\n", 8192);                          // text lines up to 8 KiB
 * var binary = Framing.lengthPrefixed(4, ByteOrder.BIG_ENDIAN, 1 << 20); // Python's struct.pack('>I', len)
 * var proto  = Framing.varint(1 << 20);                                  // protobuf's writeDelimitedTo
 *
 * c.sendFrame(binary, Bytes.of("hello"));   // b'\x00\x00\x00\x05hello', in one write
 * c.readFrame(binary);                      // b'hello', null at the end of the stream
 * Sockets.tcp().bind("127.0.0.1", 0).onReceive(binary, (peer, frame) -> peer.sendFrame(binary, frame));
 * }</pre>
 *
 * <p>Every framing has a {@code maxFrame}, the most bytes one frame may hold (prefix or delimiter
 * not counted). A peer that announces a longer frame, or sends {@code maxFrame} bytes without
 * the delimiter, gets its connection closed with a {@link SocketError} of kind
 * {@link SocketError.Kind#MESSAGE_TOO_LONG}, before anything past the bound is allocated; a
 * stream that ends inside a frame is an error that says how many of its bytes came. A reader
 * ({@code readFrame}) gets the error; an {@code onReceive} server logs it as the client's fault. Sending a
 * frame longer than {@code maxFrame} fails the same way before a byte is written.
 *
 * <p>It is an immutable value, equal to any framing made with the same arguments, and prints as
 * its kind: {@code Framing[lengthPrefixed 4 bytes big-endian, maxFrame=1048576]}.
 */
public sealed interface Framing permits Framing.Delimited, Framing.LengthPrefixed, Framing.Varint {

    /** The largest {@code maxFrame} any framing takes: 1 GiB. */
    int MAX_FRAME = 1 << 30;

    /** The most bytes one frame may hold, its prefix or delimiter not counted. */
    int maxFrame();

    /**
     * Frames that each end with {@code delimiter}, encoded in UTF-8 ({@code "\r\n"}, {@code "\n"},
     * {@code "\0"}): the delimiter is not part of the frame, and a frame may not contain it.
     *
     * @param delimiter what ends each frame, at least one character
     * @param maxFrame  the longest frame, delimiter not counted, in [1, {@link #MAX_FRAME}]
     * @throws IllegalArgumentException for an empty delimiter or a maxFrame out of range
     */
    static Framing delimited(String delimiter, int maxFrame) {
        Objects.requireNonNull(delimiter, "delimiter");
        return new Delimited(Bytes.of(delimiter.getBytes(StandardCharsets.UTF_8)), maxFrame);
    }

    /**
     * Frames after a length of {@code prefixBytes} bytes (1, 2, 4 or 8, an unsigned count of the
     * bytes that follow, the prefix not counted), in {@code order}: {@code lengthPrefixed(4,
     * ByteOrder.BIG_ENDIAN, max)} is Python's {@code struct.pack('>I', len(data)) + data}.
     *
     * @param prefixBytes how long the length is: 1, 2, 4 or 8
     * @param order       the order of the length's bytes ({@code BIG_ENDIAN} is network order)
     * @param maxFrame    the longest frame, in [1, {@link #MAX_FRAME}], and at most what the prefix can count (255 for 1 byte, 65,535 for 2)
     * @throws IllegalArgumentException for another prefix size or a maxFrame out of range
     */
    static Framing lengthPrefixed(int prefixBytes, ByteOrder order, int maxFrame) {
        return new LengthPrefixed(prefixBytes, order, maxFrame);
    }

    /**
     * Frames after their length as a protobuf varint (base 128, seven bits a byte, least
     * significant first, the high bit set on every byte but the last): what protobuf's
     * {@code writeDelimitedTo} writes and {@code parseDelimitedFrom} reads.
     *
     * @param maxFrame the longest frame, in [1, {@link #MAX_FRAME}]
     * @throws IllegalArgumentException for a maxFrame out of range
     */
    static Framing varint(int maxFrame) {
        return new Varint(maxFrame);
    }

    /**
     * Frames ended by a delimiter: made by {@link Framing#delimited(String, int)}.
     *
     * @param delimiter what ends each frame, never empty
     * @param maxFrame  the longest frame, delimiter not counted
     */
    record Delimited(Bytes delimiter, int maxFrame) implements Framing {
        /** Checks the arguments, as {@link Framing#delimited(String, int)} says. */
        public Delimited {
            Objects.requireNonNull(delimiter, "delimiter");
            if (delimiter.isEmpty()) {
                throw new IllegalArgumentException("expected a delimiter of at least one byte but was empty");
            }
            checkMax(maxFrame, MAX_FRAME);
        }

        /** {@code Framing[delimited b'\r\n', maxFrame=8192]}. */
        @Override
        public String toString() {
            return "Framing[delimited " + delimiter.repr() + ", maxFrame=" + maxFrame + "]";
        }
    }

    /**
     * Frames after a fixed-size length: made by {@link Framing#lengthPrefixed(int, ByteOrder, int)}.
     *
     * @param prefixBytes how long the length is: 1, 2, 4 or 8
     * @param order       the order of its bytes
     * @param maxFrame    the longest frame, prefix not counted
     */
    record LengthPrefixed(int prefixBytes, ByteOrder order, int maxFrame) implements Framing {
        /** Checks the arguments, as {@link Framing#lengthPrefixed(int, ByteOrder, int)} says. */
        public LengthPrefixed {
            if (prefixBytes != 1 && prefixBytes != 2 && prefixBytes != 4 && prefixBytes != 8) {
                throw new IllegalArgumentException("expected prefixBytes 1, 2, 4 or 8 but was " + prefixBytes);
            }
            Objects.requireNonNull(order, "order");
            if (prefixBytes == 1) {
                order = ByteOrder.BIG_ENDIAN; // one byte has no order: equal whatever was given
            }
            checkMax(maxFrame, prefixBytes == 1 ? 0xFF : prefixBytes == 2 ? 0xFFFF : MAX_FRAME);
        }

        /** {@code Framing[lengthPrefixed 4 bytes big-endian, maxFrame=1048576]}. */
        @Override
        public String toString() {
            return "Framing[lengthPrefixed " + prefixBytes + (prefixBytes == 1 ? " byte" : " bytes")
                    + (prefixBytes == 1 ? "" : order == ByteOrder.BIG_ENDIAN ? " big-endian" : " little-endian")
                    + ", maxFrame=" + maxFrame + "]";
        }
    }

    /**
     * Frames after a protobuf varint length: made by {@link Framing#varint(int)}.
     *
     * @param maxFrame the longest frame, prefix not counted
     */
    record Varint(int maxFrame) implements Framing {
        /** Checks the argument, as {@link Framing#varint(int)} says. */
        public Varint {
            checkMax(maxFrame, MAX_FRAME);
        }

        /** {@code Framing[varint, maxFrame=1048576]}. */
        @Override
        public String toString() {
            return "Framing[varint, maxFrame=" + maxFrame + "]";
        }
    }

    private static void checkMax(int maxFrame, int limit) {
        if (maxFrame < 1 || maxFrame > limit) {
            throw new IllegalArgumentException("expected maxFrame in [1, " + limit + "] but was " + maxFrame
                    + (limit < MAX_FRAME ? "; a longer frame needs a longer prefix" : ""));
        }
    }
}
