package dev.sockets;

import static dev.sockets.testing.Gens.frequency;
import static dev.sockets.testing.Gens.weight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.Gens;
import dev.sockets.testing.Pbt;
import dev.sockets.testing.TextGens;
import io.vavr.control.Either;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class PortProperties {

    @Test
    void every_port_in_range_round_trips_through_parse() {
        Pbt.qt(1000).forAll(Gens.ints(0, 65535)).checkAssert(n -> {
            assertEquals(Either.right(Port.of(n)), Port.parse(Integer.toString(n)));
            assertEquals(n, Port.of(n).number());
        });
    }

    @Test
    void leading_zeros_do_not_change_the_port() {
        Pbt.qt(1000).forAll(Gens.ints(0, 65535), Gens.ints(1, 20)).checkAssert((n, zeros) ->
                assertEquals(Either.right(Port.of(n)), Port.parse("0".repeat(zeros) + n)));
    }

    /** Both sides of the range, each from its first value out to the extreme. */
    private static Gen<Integer> outside() {
        return Gens.oneOf(Gens.ints(65536, Integer.MAX_VALUE), Gens.ints(Integer.MIN_VALUE, -1));
    }

    @Test
    void of_int_succeeds_exactly_in_range() {
        // More draws than cases wanted: edge cases come up again, and QuickTheories runs a repeated case once.
        Pbt.qt(1200).forAll(Gens.anyInt(0, 65535)).checkAssert(n -> {
            if (n >= 0 && n <= 65535) {
                assertEquals(n, Port.of(n).number());
            } else {
                assertEquals("`" + n + "`: expected port in [0, 65535] but was " + n,
                        assertThrows(AddressError.class, () -> Port.of(n)).getMessage());
            }
        });
    }

    @Test
    void every_integer_outside_the_range_is_an_address_error() {
        Pbt.qt(1000).forAll(outside()).checkAssert(n -> {
            String text = Integer.toString(n);
            AddressError e = Port.parse(text).getLeft();
            assertEquals(text, e.input());
            if (n > 0) {
                assertEquals("`" + n + "`: expected port in [0, 65535] but was " + n, e.getMessage());
            } else {
                assertEquals(0, e.position());
            }
        });
    }

    /** Positive integers: any long, and numbers of up to 40 digits, far past what an int or a long holds. */
    private static Gen<BigInteger> positive() {
        Gen<String> digits = Gens.ints(1, 9).zip(Gens.strings(Gens.chars('0', '9'), 0, 39), (first, rest) -> first + rest);
        return frequency(weight(3, Gens.longs(1, Long.MAX_VALUE).map(v -> BigInteger.valueOf(v))),
                weight(1, digits.map(d -> new BigInteger(d))));
    }

    @Test
    void every_long_decimal_string_is_an_address_error() {
        Pbt.qt(1000).forAll(positive()).checkAssert(big -> {
            BigInteger n = big.add(BigInteger.valueOf(65535));
            assertEquals("`" + n + "`: expected port in [0, 65535] but was " + n, Port.parse(n.toString()).getLeft().getMessage());
        });
    }

    @Test
    void parse_never_throws_and_accepts_only_ascii_digits_or_a_known_service() {
        Pbt.qt(1000).forAll(TextGens.weird()).checkAssert(text -> {
            var r = Port.parse(text);
            assertNotNull(r);
            if (r.isRight()) {
                boolean digits = !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
                assertTrue(digits || Services.byName(text, Protocol.TCP).equals(java.util.Optional.of(r.get())), text);
            } else {
                assertEquals(text, r.getLeft().input());
            }
        });
    }
}
