package dev.sockets.internal.words;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.Host;
import dev.sockets.testing.Gens;
import dev.sockets.testing.Pbt;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The fast path for the common IPv6 forms against the full parser, which it must never contradict. */
class Ipv6ParserProperties {

    /** Hex groups of 0 to 5 digits joined by 1 to 3 colons, with now and then a dot, a zone or a stray char. */
    private static Gen<String> ipv6ish() {
        Gen<String> group = Gens.strings(Gens.charsOf("0123456789abcdefABCDEF"), 0, 5);
        Gen<String> sep = Gens.of(":", ":", ":", ":", "::", ":::", ".", "%eth0", "g", "");
        return Gens.ints(1, 10).flatMap(n -> Gens.lists(group, n, n).zip(Gens.lists(sep, n, n), (List<String> gs, List<String> ss) -> {
            var b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                b.append(ss.get(i)).append(gs.get(i));
            }
            return b.toString();
        }));
    }

    @Test
    void the_fast_path_answers_only_what_the_full_parser_accepts_and_with_the_same_address() {
        Pbt.qt(50_000).forAll(ipv6ish()).checkAssert(s -> {
            Host.Ipv6 fast = Ipv6Parser.parsePlain(s);
            var full = Ipv6Parser.parseFull(s);
            if (fast != null) {
                assertTrue(full.isRight(), () -> s + ": fast path accepted what the full parser refuses: " + full.getLeft());
                assertEquals(full.get(), fast, s);
            }
        });
    }

    @Test
    void every_address_printed_in_full_or_compressed_form_takes_the_fast_path() {
        // More draws than cases wanted: edge cases come up again, and QuickTheories runs a repeated case once.
        Pbt.qt(21_000).forAll(Gens.anyLong(), Gens.anyLong()).checkAssert((high, low) -> {
            var h = new Host.Ipv6(high, low, "");
            String full = String.format("%x:%x:%x:%x:%x:%x:%x:%x", high >>> 48, (high >>> 32) & 0xFFFF, (high >>> 16) & 0xFFFF,
                    high & 0xFFFF, low >>> 48, (low >>> 32) & 0xFFFF, (low >>> 16) & 0xFFFF, low & 0xFFFF);
            assertEquals(h, Ipv6Parser.parsePlain(full), full);
            String text = h.text();
            if (!text.contains(".")) {
                assertEquals(h, Ipv6Parser.parsePlain(text), text);
            }
        });
    }
}
