package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bytes: Python's bytes, with Python 3's repr (expectations printed by python3 and pasted). */
class BytesTest {

    @Test
    void toString_is_python_repr() {
        assertEquals("b''", Bytes.of(new byte[] {}).toString());
        assertEquals("b'Thank you for connecting'", Bytes.of("Thank you for connecting").toString());
        assertEquals("b'\\x00\\xff'", Bytes.of(new byte[] {0, -1}).toString());
        assertEquals("b\"it's\"", Bytes.of(new byte[] {105, 116, 39, 115}).toString());
        assertEquals("b'a\\'b\"c'", Bytes.of(new byte[] {97, 39, 98, 34, 99}).toString());
        assertEquals("b'\"'", Bytes.of(new byte[] {34}).toString());
        assertEquals("b'say \"hi\"'", Bytes.of(new byte[] {115, 97, 121, 32, 34, 104, 105, 34}).toString());
        assertEquals("b'\\t\\n\\r\\\\'", Bytes.of(new byte[] {9, 10, 13, 92}).toString());
        assertEquals("b'\\x7f\\x80 ~'", Bytes.of(new byte[] {127, -128, 32, 126}).toString());
        assertEquals("b'h\\xc3\\xa9'", Bytes.of("hé").toString());
    }

    @Test
    void toString_of_every_byte_is_python_repr() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        assertEquals("b'\\x00\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\\t\\n\\x0b\\x0c\\r\\x0e\\x0f\\x10\\x11\\x12\\x13\\x14\\x15\\x16\\x17\\x18\\x19\\x1a\\x1b\\x1c\\x1d\\x1e\\x1f !\"#$%&\\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\\x7f\\x80\\x81\\x82\\x83\\x84\\x85\\x86\\x87\\x88\\x89\\x8a\\x8b\\x8c\\x8d\\x8e\\x8f\\x90\\x91\\x92\\x93\\x94\\x95\\x96\\x97\\x98\\x99\\x9a\\x9b\\x9c\\x9d\\x9e\\x9f\\xa0\\xa1\\xa2\\xa3\\xa4\\xa5\\xa6\\xa7\\xa8\\xa9\\xaa\\xab\\xac\\xad\\xae\\xaf\\xb0\\xb1\\xb2\\xb3\\xb4\\xb5\\xb6\\xb7\\xb8\\xb9\\xba\\xbb\\xbc\\xbd\\xbe\\xbf\\xc0\\xc1\\xc2\\xc3\\xc4\\xc5\\xc6\\xc7\\xc8\\xc9\\xca\\xcb\\xcc\\xcd\\xce\\xcf\\xd0\\xd1\\xd2\\xd3\\xd4\\xd5\\xd6\\xd7\\xd8\\xd9\\xda\\xdb\\xdc\\xdd\\xde\\xdf\\xe0\\xe1\\xe2\\xe3\\xe4\\xe5\\xe6\\xe7\\xe8\\xe9\\xea\\xeb\\xec\\xed\\xee\\xef\\xf0\\xf1\\xf2\\xf3\\xf4\\xf5\\xf6\\xf7\\xf8\\xf9\\xfa\\xfb\\xfc\\xfd\\xfe\\xff'",
                Bytes.of(all).toString());
    }

    @Test
    void of_string_is_utf8_and_text_decodes_it() {
        Bytes b = Bytes.of("hé");
        assertArrayEquals(new byte[] {104, -61, -87}, b.toByteArray());
        assertEquals("hé", b.text());
        assertEquals("h\u00c3\u00a9", b.text(StandardCharsets.ISO_8859_1));
        assertEquals("hé", Bytes.of("hé", StandardCharsets.ISO_8859_1).text(StandardCharsets.ISO_8859_1));
        assertEquals(2, Bytes.of("hé", StandardCharsets.ISO_8859_1).length());
    }

    @Test
    void of_copies_the_array_and_toByteArray_returns_a_copy() {
        byte[] a = {1, 2, 3};
        Bytes b = Bytes.of(a);
        a[0] = 9;
        assertEquals(1, b.get(0));
        b.toByteArray()[1] = 9;
        assertEquals(2, b.get(1));
    }

    @Test
    void of_range_copies_that_range() {
        assertEquals(Bytes.of("ell"), Bytes.of("hello".getBytes(StandardCharsets.US_ASCII), 1, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> Bytes.of(new byte[2], 1, 2));
    }

    @Test
    void hex_length_isEmpty_get() {
        assertEquals("00ff10", Bytes.of(new byte[] {0, -1, 16}).hex());
        assertEquals("", Bytes.empty().hex());
        assertEquals(3, Bytes.of("abc").length());
        assertTrue(Bytes.empty().isEmpty());
        assertTrue(Bytes.of(new byte[0]).isEmpty());
        assertFalse(Bytes.of("a").isEmpty());
        assertEquals('b', Bytes.of("abc").get(1));
        assertThrows(IndexOutOfBoundsException.class, () -> Bytes.of("abc").get(3));
    }

    @Test
    void equal_by_content() {
        assertEquals(Bytes.of("abc"), Bytes.of(new byte[] {97, 98, 99}));
        assertEquals(Bytes.of("abc").hashCode(), Bytes.of(new byte[] {97, 98, 99}).hashCode());
        assertNotEquals(Bytes.of("abc"), Bytes.of("abd"));
        assertNotEquals(Bytes.of("abc"), "abc");
        assertSame(Bytes.empty(), Bytes.of(""));
    }

    @Test
    void null_is_refused_with_the_parameter_name() {
        assertEquals("text", assertThrows(NullPointerException.class, () -> Bytes.of((String) null)).getMessage());
        assertEquals("bytes", assertThrows(NullPointerException.class, () -> Bytes.of((byte[]) null)).getMessage());
    }
}
