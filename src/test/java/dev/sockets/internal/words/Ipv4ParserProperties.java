package dev.sockets.internal.words;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The unrolled dotted-quad scan against its plain per-char specification. */
class Ipv4ParserProperties {

    @Provide
    Arbitrary<String> dottedish() {
        return Arbitraries.strings().withChars("0123456789.....:x \u0663").ofMaxLength(20);
    }

    @Property(tries = 50_000)
    void the_unrolled_scan_agrees_with_the_reference_scan_on_every_result_and_error(
            @ForAll("dottedish") String s, @ForAll @IntRange(max = 2) int from) {
        int start = Math.min(from, s.length());
        assertEquals(Ipv4Parser.scanReference(s, start, s.length()), Ipv4Parser.scan(s, start, s.length()), s);
    }
}
