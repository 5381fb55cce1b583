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

class DomainProperties {

    @Provide
    Arbitrary<String> weird() {
        return TextArbitraries.weird();
    }

    @Property
    void parse_never_throws_for_any_text(@ForAll("weird") String text) {
        var r = Domain.parse(text);
        assertNotNull(r);
        if (r.isLeft()) {
            assertEquals(text, r.getLeft().input());
        }
    }

    @Property
    void of_int_gives_the_domain_with_that_number_or_an_address_error(@ForAll int n) {
        var r = dev.sockets.internal.words.Vocabulary.domain(n);
        if (r.isRight()) {
            assertEquals(n, r.get().number());
        } else {
            assertEquals(Integer.toString(n), r.getLeft().input());
        }
    }

    @Property
    void every_domain_is_found_by_its_names_in_any_case_and_by_its_number(@ForAll Domain d, @ForAll boolean lower) {
        for (String name : new String[] {d.name(), d.cName(), "PF_" + d.name(), Integer.toString(d.number())}) {
            String text = lower ? name.toLowerCase(Locale.ROOT) : name;
            assertEquals(d, Domain.parse(text).get(), text);
        }
        assertEquals(d, Domain.of(d.number()));
    }

    @Property
    void every_other_number_is_refused(@ForAll int n) {
        boolean open = n == 1 || n == 2 || n == 10;
        assertEquals(open, Domain.parse(Integer.toString(n)).isRight());
        assertTrue(open || Domain.parse(Integer.toString(n)).getLeft().getMessage().startsWith("`" + n + "`: "));
    }
}
