package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.TextArbitraries;
import io.vavr.control.Either;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Positive;

class PortProperties {

    @Property
    void every_port_in_range_round_trips_through_parse(@ForAll @IntRange(min = 0, max = 65535) int n) {
        assertEquals(Either.right(Port.of(n)), Port.parse(Integer.toString(n)));
        assertEquals(n, Port.of(n).number());
    }

    @Property
    void leading_zeros_do_not_change_the_port(@ForAll @IntRange(min = 0, max = 65535) int n,
                                              @ForAll @IntRange(min = 1, max = 20) int zeros) {
        assertEquals(Either.right(Port.of(n)), Port.parse("0".repeat(zeros) + n));
    }

    @Provide
    Arbitrary<Integer> outside() {
        return Arbitraries.oneOf(Arbitraries.integers().greaterOrEqual(65536), Arbitraries.integers().lessOrEqual(-1));
    }

    @Property
    void of_int_succeeds_exactly_in_range(@ForAll int n) {
        if (n >= 0 && n <= 65535) {
            assertEquals(n, Port.of(n).number());
        } else {
            assertEquals("expected port in [0, 65535] but was " + n,
                    assertThrows(IllegalArgumentException.class, () -> Port.of(n)).getMessage());
        }
    }

    @Property
    void every_integer_outside_the_range_is_an_address_error(@ForAll("outside") int n) {
        String text = Integer.toString(n);
        AddressError e = Port.parse(text).getLeft();
        assertEquals(text, e.input());
        if (n > 0) {
            assertEquals("`" + n + "`: expected port in [0, 65535] but was " + n, e.getMessage());
        } else {
            assertEquals(0, e.position());
        }
    }

    @Property
    void every_long_decimal_string_is_an_address_error(@ForAll @Positive BigInteger big) {
        BigInteger n = big.add(BigInteger.valueOf(65535));
        assertEquals("`" + n + "`: expected port in [0, 65535] but was " + n, Port.parse(n.toString()).getLeft().getMessage());
    }

    @Provide
    Arbitrary<String> weird() {
        return TextArbitraries.weird();
    }

    @Property
    void parse_never_throws_and_accepts_only_ascii_digits_or_a_known_service(@ForAll("weird") String text) {
        var r = Port.parse(text);
        assertNotNull(r);
        if (r.isRight()) {
            boolean digits = !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
            assertTrue(digits || Services.byName(text, Protocol.TCP).equals(java.util.Optional.of(r.get())), text);
        } else {
            assertEquals(text, r.getLeft().input());
        }
    }
}
