package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.TextArbitraries;
import java.util.Locale;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ProtocolProperties {

    @Provide
    Arbitrary<String> weird() {
        return TextArbitraries.weird();
    }

    @Property
    void parse_never_throws_for_any_text(@ForAll("weird") String text) {
        var r = Protocol.parse(text);
        assertNotNull(r);
        if (r.isLeft()) {
            assertEquals(text, r.getLeft().input());
        }
    }

    @Property
    void every_protocol_is_found_by_its_names_in_any_case_and_by_its_number(@ForAll Protocol p, @ForAll boolean lower) {
        for (String name : new String[] {p.name(), p.cName(), Integer.toString(p.number())}) {
            String text = lower ? name.toLowerCase(Locale.ROOT) : name;
            assertEquals(p, Protocol.parse(text).get(), text);
        }
        assertEquals(p, Protocol.of(p.number()));
    }

    @Property
    void a_number_parses_exactly_when_it_is_0_6_or_17(@ForAll int n) {
        assertEquals(n == 0 || n == 6 || n == 17, dev.sockets.internal.words.Vocabulary.protocol(n).isRight());
    }

    @Property
    void check_accepts_exactly_the_protocols_that_fit_and_never_answers_default_for_inet(
            @ForAll Domain d, @ForAll Type t, @ForAll Protocol p) {
        var r = Protocol.check(d, t, p);
        if (d == Domain.UNIX) {
            assertEquals(p == Protocol.DEFAULT, r.isRight());
            assertTrue(r.isLeft() || r.get() == Protocol.DEFAULT);
        } else {
            Protocol natural = t == Type.STREAM ? Protocol.TCP : Protocol.UDP;
            assertEquals(p == Protocol.DEFAULT || p == natural, r.isRight());
            assertTrue(r.isLeft() || r.get() == natural);
        }
    }
}
