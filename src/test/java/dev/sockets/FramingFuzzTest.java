package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.sockets.internal.framing.FrameDecoder;
import dev.sockets.internal.framing.FrameException;
import dev.sockets.testing.ReliabilityLog;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;

/**
 * Coverage-guided fuzzing (Jazzer) of the frame decoders, which read what any peer sends: for
 * any bytes, whole frames no longer than {@code maxFrame} or the library's own
 * {@code FrameException}, no other exception, no hang; the same frames and the same outcome
 * whether the bytes come in one piece, one at a time, or cut where the input says; and for the
 * fixed-size prefixes and the delimiter, frames that encode back to exactly the bytes they took.
 *
 * <p>The input's first two bytes choose the framing (kind, prefix size, order, delimiter) and
 * its {@code maxFrame} (1 to 256, so that both the bound and frames over it are reached); the
 * third the size of the pieces. Under {@code mvn test} the target runs its seeds
 * ({@code FramingFuzzTestInputs}). The reliability stage of {@code .ci/run} fuzzes it for a
 * bounded time: {@code JAZZER_FUZZ=1 mvn test -Dtest='FramingFuzzTest#decoders'}.
 */
class FramingFuzzTest {
    private static final AtomicLong RUNS = new AtomicLong();

    @AfterAll
    static void record() {
        String fuzz = System.getenv("JAZZER_FUZZ");
        if (fuzz != null && !fuzz.isEmpty()) { // the seed-only run of every build tries a handful of inputs: not worth a row
            ReliabilityLog.record("bad-input", "Jazzer fuzzing (20 s): frame decoders", RUNS.get(), RUNS.get(), 0,
                    "only whole frames within maxFrame or the library's own error");
        }
    }

    static Framing framing(int kind, int max) {
        switch (kind % 12) {
            case 0: return Framing.delimited("\r\n", max);
            case 1: return Framing.delimited("\n", max);
            case 2: return Framing.delimited("aba", max);
            case 3: return Framing.lengthPrefixed(1, ByteOrder.BIG_ENDIAN, Math.min(max, 255));
            case 4: return Framing.lengthPrefixed(2, ByteOrder.BIG_ENDIAN, max);
            case 5: return Framing.lengthPrefixed(2, ByteOrder.LITTLE_ENDIAN, max);
            case 6: return Framing.lengthPrefixed(4, ByteOrder.BIG_ENDIAN, max);
            case 7: return Framing.lengthPrefixed(4, ByteOrder.LITTLE_ENDIAN, max);
            case 8: return Framing.lengthPrefixed(8, ByteOrder.BIG_ENDIAN, max);
            case 9: return Framing.lengthPrefixed(8, ByteOrder.LITTLE_ENDIAN, max);
            default: return Framing.varint(max);
        }
    }

    /** What the decoder made of the stream: its frames, the bytes they took, and how it ended. */
    private static final class Outcome {
        final List<byte[]> frames = new ArrayList<>();
        int taken;
        String failure;
        boolean partial;
    }

    private static Outcome decode(Framing f, byte[] s, int piece) {
        FrameDecoder d = FrameDecoder.of(f);
        var o = new Outcome();
        int pos = 0;
        try {
            while (pos < s.length) {
                int end = Math.min(s.length, pos + piece);
                while (pos < end) {
                    int n = d.feed(s, pos, end - pos);
                    if (n < 1 || n > end - pos) {
                        throw new AssertionError("feed took " + n + " of " + (end - pos) + " bytes");
                    }
                    pos += n;
                    byte[] frame = d.take();
                    if (frame != null) {
                        if (frame.length > f.maxFrame()) {
                            throw new AssertionError("a frame of " + frame.length + " bytes over maxFrame " + f.maxFrame());
                        }
                        o.frames.add(frame);
                        o.taken = pos;
                    }
                }
            }
            o.partial = d.partial();
            if (o.partial) {
                o.failure = d.truncated().reason(); // the words for a stream that ends here
            }
        } catch (FrameException e) {
            o.failure = e.reason();
        }
        return o;
    }

    @FuzzTest(maxDuration = "20s")
    void decoders(@NotNull byte[] input) {
        RUNS.incrementAndGet();
        if (input.length < 3) {
            return;
        }
        Framing f = framing(input[0] & 0xFF, 1 + (input[1] & 0xFF));
        byte[] s = Arrays.copyOfRange(input, 3, input.length);
        Outcome whole = decode(f, s, Math.max(1, s.length));
        Outcome oneByte = decode(f, s, 1);
        Outcome cut = decode(f, s, 1 + (input[2] & 0xFF));
        for (Outcome o : List.of(oneByte, cut)) {
            assertEquals(whole.frames.size(), o.frames.size(), f + ": frames found, whatever the pieces");
            for (int i = 0; i < whole.frames.size(); i++) {
                assertArrayEquals(whole.frames.get(i), o.frames.get(i), f + ": frame " + i);
            }
            assertEquals(whole.failure, o.failure, f + ": the outcome, whatever the pieces");
        }
        if (!(f instanceof Framing.Varint)) {
            // The fixed prefixes and the delimiter have one encoding: the frames are exactly the bytes they took.
            var again = new ByteArrayOutputStream();
            for (byte[] frame : whole.frames) {
                again.writeBytes(FramingProperties.encode(f, frame));
            }
            assertArrayEquals(Arrays.copyOf(s, whole.taken), again.toByteArray(), f + ": the frames encode back to what they took");
        }
    }
}
