package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.Gens;
import dev.sockets.testing.Pbt;
import dev.sockets.testing.TextGens;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

class DomainProperties {

    @Test
    void parse_never_throws_for_any_text() {
        Pbt.qt(1000).forAll(TextGens.weird()).checkAssert(text -> {
            var r = Domain.parse(text);
            assertNotNull(r);
            if (r.isLeft()) {
                assertEquals(text, r.getLeft().input());
            }
        });
    }

    @Test
    void of_int_gives_the_domain_with_that_number_or_an_address_error() {
        // More draws than cases wanted: edge cases come up again, and QuickTheories runs a repeated case once.
        Pbt.qt(1200).forAll(Gens.anyInt(1, 2, 10)).checkAssert(n -> {
            var r = dev.sockets.internal.words.Vocabulary.domain(n);
            if (r.isRight()) {
                assertEquals(n, r.get().number());
            } else {
                assertEquals(Integer.toString(n), r.getLeft().input());
            }
        });
    }

    @Test
    void every_domain_is_found_by_its_names_in_any_case_and_by_its_number() {
        // Few enough cases that every one is tried: QuickTheories stops once it has seen each.
        Pbt.qt(1000).forAll(Generate.enumValues(Domain.class), Gens.booleans()).checkAssert((d, lower) -> {
            for (String name : new String[] {d.name(), d.cName(), "PF_" + d.name(), Integer.toString(d.number())}) {
                String text = lower ? name.toLowerCase(Locale.ROOT) : name;
                assertEquals(d, Domain.parse(text).get(), text);
            }
            assertEquals(d, Domain.of(d.number()));
        });
    }

    @Test
    void every_other_number_is_refused() {
        // More draws than cases wanted: edge cases come up again, and QuickTheories runs a repeated case once.
        Pbt.qt(1200).forAll(Gens.anyInt(1, 2, 10)).checkAssert(n -> {
            boolean open = n == 1 || n == 2 || n == 10;
            assertEquals(open, Domain.parse(Integer.toString(n)).isRight());
            assertTrue(open || Domain.parse(Integer.toString(n)).getLeft().getMessage().startsWith("`" + n + "`: "));
        });
    }
}
