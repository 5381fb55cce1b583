package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class BytesProperties {

    @Property
    void every_array_round_trips_through_of_and_toByteArray(@ForAll byte[] data) {
        assertArrayEquals(data, Bytes.of(data).toByteArray());
        assertEquals(data.length, Bytes.of(data).length());
    }

    @Property
    void repr_is_printable_ascii_quoted_and_prefixed_with_b(@ForAll byte[] data) {
        String r = Bytes.of(data).toString();
        assertTrue(r.startsWith("b'") || r.startsWith("b\""), r);
        assertEquals(r.charAt(1), r.charAt(r.length() - 1));
        assertTrue(r.chars().allMatch(c -> c >= 0x20 && c < 0x7F), r);
    }

    @Property
    void hex_has_two_lower_case_digits_per_byte_and_parses_back(@ForAll byte[] data) {
        String h = Bytes.of(data).hex();
        assertEquals(2 * data.length, h.length());
        assertTrue(h.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')), h);
        for (int i = 0; i < data.length; i++) {
            assertEquals(data[i], (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16));
        }
    }

    @Property
    void equal_contents_are_equal_values_with_equal_hashes(@ForAll byte[] data) {
        assertEquals(Bytes.of(data), Bytes.of(data.clone()));
        assertEquals(Bytes.of(data).hashCode(), Bytes.of(data.clone()).hashCode());
    }

    @Property
    void text_round_trips_through_utf8(@ForAll String s) {
        // Lone surrogates do not survive UTF-8 in any library; keep to well-formed text.
        String wellFormed = new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(wellFormed, Bytes.of(wellFormed).text());
    }
}
