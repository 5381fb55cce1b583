package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.Gens;
import dev.sockets.testing.Pbt;
import org.junit.jupiter.api.Test;

class BytesProperties {

    @Test
    void every_array_round_trips_through_of_and_toByteArray() {
        Pbt.qt(1000).forAll(Gens.bytes(255)).checkAssert(data -> {
            assertArrayEquals(data, Bytes.of(data).toByteArray());
            assertEquals(data.length, Bytes.of(data).length());
        });
    }

    @Test
    void repr_is_printable_ascii_quoted_and_prefixed_with_b() {
        Pbt.qt(1000).forAll(Gens.bytes(255)).checkAssert(data -> {
            String r = Bytes.of(data).toString();
            assertTrue(r.startsWith("b'") || r.startsWith("b\""), r);
            assertEquals(r.charAt(1), r.charAt(r.length() - 1));
            assertTrue(r.chars().allMatch(c -> c >= 0x20 && c < 0x7F), r);
        });
    }

    @Test
    void hex_has_two_lower_case_digits_per_byte_and_parses_back() {
        Pbt.qt(1000).forAll(Gens.bytes(255)).checkAssert(data -> {
            String h = Bytes.of(data).hex();
            assertEquals(2 * data.length, h.length());
            assertTrue(h.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')), h);
            for (int i = 0; i < data.length; i++) {
                assertEquals(data[i], (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16));
            }
        });
    }

    @Test
    void equal_contents_are_equal_values_with_equal_hashes() {
        Pbt.qt(1000).forAll(Gens.bytes(255)).checkAssert(data -> {
            assertEquals(Bytes.of(data), Bytes.of(data.clone()));
            assertEquals(Bytes.of(data).hashCode(), Bytes.of(data.clone()).hashCode());
        });
    }

    @Test
    void text_round_trips_through_utf8() {
        Pbt.qt(1000).forAll(Gens.strings(255)).checkAssert(s -> {
            // Lone surrogates do not survive UTF-8 in any library; keep to well-formed text.
            String wellFormed = new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(wellFormed, Bytes.of(wellFormed).text());
        });
    }
}
