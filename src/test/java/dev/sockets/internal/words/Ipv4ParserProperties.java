package dev.sockets.internal.words;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockets.testing.Gens;
import dev.sockets.testing.Pbt;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The unrolled dotted-quad scan against its plain per-char specification. */
class Ipv4ParserProperties {

    private static Gen<String> dottedish() {
        return Gens.strings(Gens.charsOf("0123456789.....:x \u0663"), 0, 20);
    }

    @Test
    void the_unrolled_scan_agrees_with_the_reference_scan_on_every_result_and_error() {
        // More draws than cases wanted: edge cases come up again, and QuickTheories runs a repeated case once.
        Pbt.qt(54_000).forAll(dottedish(), Gens.ints(0, 2)).checkAssert((s, from) -> {
            int start = Math.min(from, s.length());
            assertEquals(Ipv4Parser.scanReference(s, start, s.length()), Ipv4Parser.scan(s, start, s.length()), s);
        });
    }
}
