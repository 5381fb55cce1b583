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

class ProtocolProperties {

    @Test
    void parse_never_throws_for_any_text() {
        Pbt.qt(1000).forAll(TextGens.weird()).checkAssert(text -> {
            var r = Protocol.parse(text);
            assertNotNull(r);
            if (r.isLeft()) {
                assertEquals(text, r.getLeft().input());
            }
        });
    }

    @Test
    void every_protocol_is_found_by_its_names_in_any_case_and_by_its_number() {
        // Few enough cases that every one is tried: QuickTheories stops once it has seen each.
        Pbt.qt(1000).forAll(Generate.enumValues(Protocol.class), Gens.booleans()).checkAssert((p, lower) -> {
            for (String name : new String[] {p.name(), p.cName(), Integer.toString(p.number())}) {
                String text = lower ? name.toLowerCase(Locale.ROOT) : name;
                assertEquals(p, Protocol.parse(text).get(), text);
            }
            assertEquals(p, Protocol.of(p.number()));
        });
    }

    @Test
    void a_number_parses_exactly_when_it_is_0_6_or_17() {
        // More draws than cases wanted: edge cases come up again, and QuickTheories runs a repeated case once.
        Pbt.qt(1200).forAll(Gens.anyInt(0, 6, 17)).checkAssert(n ->
                assertEquals(n == 0 || n == 6 || n == 17, dev.sockets.internal.words.Vocabulary.protocol(n).isRight()));
    }

    @Test
    void check_accepts_exactly_the_protocols_that_fit_and_never_answers_default_for_inet() {
        Pbt.qt(1000).forAll(Generate.enumValues(Domain.class), Generate.enumValues(Type.class), Generate.enumValues(Protocol.class))
                .checkAssert((d, t, p) -> {
                    var r = Protocol.check(d, t, p);
                    if (d == Domain.UNIX) {
                        assertEquals(p == Protocol.DEFAULT, r.isRight());
                        assertTrue(r.isLeft() || r.get() == Protocol.DEFAULT);
                    } else {
                        Protocol natural = t == Type.STREAM ? Protocol.TCP : Protocol.UDP;
                        assertEquals(p == Protocol.DEFAULT || p == natural, r.isRight());
                        assertTrue(r.isLeft() || r.get() == natural);
                    }
                });
    }
}
