package dev.sockets.internal.words;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.Host;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The fast path for the common IPv6 forms against the full parser, which it must never contradict. */
class Ipv6ParserProperties {

    /** Hex groups of 0 to 5 digits joined by 1 to 3 colons, with now and then a dot, a zone or a stray char. */
    @Provide
    Arbitrary<String> ipv6ish() {
        Arbitrary<String> group = Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMaxLength(5);
        Arbitrary<String> sep = Arbitraries.of(":", ":", ":", ":", "::", ":::", ".", "%eth0", "g", "");
        return Arbitraries.integers().between(1, 10).flatMap(n ->
                group.list().ofSize(n).flatMap(gs -> sep.list().ofSize(n).map(ss -> {
                    var b = new StringBuilder();
                    for (int i = 0; i < n; i++) {
                        b.append(ss.get(i)).append(gs.get(i));
                    }
                    return b.toString();
                })));
    }

    @Property(tries = 50_000)
    void the_fast_path_answers_only_what_the_full_parser_accepts_and_with_the_same_address(@ForAll("ipv6ish") String s) {
        Host.Ipv6 fast = Ipv6Parser.parsePlain(s);
        var full = Ipv6Parser.parseFull(s);
        if (fast != null) {
            assertTrue(full.isRight(), () -> s + ": fast path accepted what the full parser refuses: " + full.getLeft());
            assertEquals(full.get(), fast, s);
        }
    }

    @Property(tries = 20_000)
    void every_address_printed_in_full_or_compressed_form_takes_the_fast_path(@ForAll long high, @ForAll long low) {
        var h = new Host.Ipv6(high, low, "");
        String full = String.format("%x:%x:%x:%x:%x:%x:%x:%x", high >>> 48, (high >>> 32) & 0xFFFF, (high >>> 16) & 0xFFFF,
                high & 0xFFFF, low >>> 48, (low >>> 32) & 0xFFFF, (low >>> 16) & 0xFFFF, low & 0xFFFF);
        assertEquals(h, Ipv6Parser.parsePlain(full), full);
        String text = h.text();
        if (!text.contains(".")) {
            assertEquals(h, Ipv6Parser.parsePlain(text), text);
        }
    }
}
