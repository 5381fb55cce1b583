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

    @Test
    void b_reads_back_what_repr_prints_between_its_quotes() {
        Pbt.qt(1000).forAll(Gens.bytes(300)).checkAssert(data -> {
            String r = Bytes.of(data).repr();
            assertEquals(Bytes.of(data), Bytes.b(r.substring(2, r.length() - 1)));
        });
    }

    @Test
    void fromHex_reads_back_what_hex_prints_with_any_separator_that_is_white_space() {
        Pbt.qt(1000).forAll(Gens.bytes(100), Gens.charsOf(" \t\n\r")).checkAssert((data, sep) -> {
            assertEquals(Bytes.of(data), Bytes.fromHex(Bytes.of(data).hex()));
            assertEquals(Bytes.of(data), Bytes.fromHex(Bytes.of(data).hex(sep, 1).toUpperCase()));
        });
    }

    @Test
    void slices_split_at_any_index_concat_back_to_the_whole() {
        Pbt.qt(1000).forAll(Gens.bytes(100), Gens.anyInt()).checkAssert((data, at) -> {
            Bytes b = Bytes.of(data);
            assertEquals(b, b.slice(0, at).concat(b.slice(at)));
        });
    }

    @Test
    void hexdump_of_any_bytes_is_what_hexdump_C_v_prints() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("bytes", ".bin");
        try {
            Pbt.qt(15).forAll(Gens.bytes(100)).checkAssert(data -> Pbt.unchecked(() -> {
                java.nio.file.Files.write(file, data);
                var tool = dev.sockets.testing.Tools.run(java.nio.file.Path.of("."), "hexdump", "-C", "-v", file.toString());
                assertEquals(String.join("\n", tool) + (tool.isEmpty() ? "" : "\n"), Bytes.of(data).hexdump());
            }));
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }
}
