package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.sockets.testing.TextArbitraries;
import java.util.Locale;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TypeProperties {

    @Provide
    Arbitrary<String> weird() {
        return TextArbitraries.weird();
    }

    @Property
    void parse_never_throws_for_any_text(@ForAll("weird") String text) {
        var r = Type.parse(text);
        assertNotNull(r);
        if (r.isLeft()) {
            assertEquals(text, r.getLeft().input());
        }
    }

    @Property
    void every_type_is_found_by_its_names_in_any_case_and_by_its_number(@ForAll Type t, @ForAll boolean lower) {
        for (String name : new String[] {t.name(), t.cName(), Integer.toString(t.number())}) {
            String text = lower ? name.toLowerCase(Locale.ROOT) : name;
            assertEquals(t, Type.parse(text).get(), text);
        }
        assertEquals(t, Type.of(t.number()));
    }

    @Property
    void a_number_parses_exactly_when_it_is_stream_or_dgram(@ForAll int n) {
        assertEquals(n == 1 || n == 2, dev.sockets.internal.words.Vocabulary.type(n).isRight());
    }
}
