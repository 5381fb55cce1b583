package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.sockets.testing.Gens;
import dev.sockets.testing.Pbt;
import dev.sockets.testing.TextGens;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

class TypeProperties {

    @Test
    void parse_never_throws_for_any_text() {
        Pbt.qt(1000).forAll(TextGens.weird()).checkAssert(text -> {
            var r = Type.parse(text);
            assertNotNull(r);
            if (r.isLeft()) {
                assertEquals(text, r.getLeft().input());
            }
        });
    }

    @Test
    void every_type_is_found_by_its_names_in_any_case_and_by_its_number() {
        // Few enough cases that every one is tried: QuickTheories stops once it has seen each.
        Pbt.qt(1000).forAll(Generate.enumValues(Type.class), Gens.booleans()).checkAssert((t, lower) -> {
            for (String name : new String[] {t.name(), t.cName(), Integer.toString(t.number())}) {
                String text = lower ? name.toLowerCase(Locale.ROOT) : name;
                assertEquals(t, Type.parse(text).get(), text);
            }
            assertEquals(t, Type.of(t.number()));
        });
    }

    @Test
    void a_number_parses_exactly_when_it_is_stream_or_dgram() {
        // More draws than cases wanted: edge cases come up again, and QuickTheories runs a repeated case once.
        Pbt.qt(1200).forAll(Gens.anyInt(1, 2)).checkAssert(n ->
                assertEquals(n == 1 || n == 2, dev.sockets.internal.words.Vocabulary.type(n).isRight()));
    }
}
