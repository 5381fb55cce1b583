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

    @Test
    void a_long_value_prints_its_first_100_bytes_and_its_length_and_repr_prints_it_all() {
        byte[] big = new byte[10 * 1024 * 1024];
        byte[] head = "GET / HTTP/1.1\r\nHost: example.test\r\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, big, 0, head.length);
        java.util.Arrays.fill(big, head.length, 100, (byte) 'x');
        String shown = Bytes.of(big).toString();
        assertEquals("b'GET / HTTP/1.1\\r\\nHost: example.test\\r\\n" + "x".repeat(100 - head.length) + "...' (10,485,760 bytes)", shown);
        byte[] edge = new byte[256];
        assertEquals(Bytes.of(edge).repr(), Bytes.of(edge).toString());
        assertEquals("b'" + "\\x00".repeat(100) + "...' (257 bytes)", Bytes.of(new byte[257]).toString());
        assertEquals(4 * 257 + 3, Bytes.of(new byte[257]).repr().length());
    }

    @Test
    void slice_takes_pythons_indexes() {
        Bytes b = Bytes.of("Thank you");
        assertEquals(Bytes.of("you"), b.slice(-3));
        assertEquals(Bytes.of("Thank"), b.slice(0, -4));
        assertEquals(Bytes.empty(), b.slice(5, 2));
        assertEquals(b, b.slice(-100, 100));
        assertEquals(Bytes.empty(), b.slice(100));
    }

    @Test
    void indexOf_startsWith_endsWith_split_concat_read_as_in_python() {
        Bytes b = Bytes.of("HTTP/1.1 200 OK\r\nA: 1\r\n\r\nbody");
        assertEquals(21, b.indexOf("\r\n\r\n"));
        assertEquals(-1, b.indexOf("absent"));
        assertEquals(15, b.indexOf(new byte[] {13, 10}));
        assertEquals(21, b.indexOf(Bytes.of("\r\n"), 16));
        assertTrue(b.startsWith("HTTP/"));
        assertTrue(b.endsWith(Bytes.of("body")));
        assertEquals(java.util.List.of(Bytes.of("HTTP/1.1 200 OK"), Bytes.of("A: 1"), Bytes.empty(), Bytes.of("body")), b.split("\r\n"));
        assertEquals(java.util.List.of(Bytes.of("k"), Bytes.of("v: w")), Bytes.of("k: v: w").split(": ", 1));
        assertEquals("expected a separator of at least one byte but was empty, as Python's split",
                assertThrows(IllegalArgumentException.class, () -> b.split("")).getMessage());
        assertEquals(Bytes.of("GET / HTTP/1.0"), Bytes.of("GET ").concat(Bytes.of("/"), Bytes.of(" HTTP/1.0")));
        assertEquals("[b'a', b'b']", Bytes.of("a b").split(" ").toString());
        assertEquals(java.util.List.of(Bytes.of("GET"), Bytes.of("/")), Bytes.of("  GET  /\r\n").split());
        assertEquals(java.util.List.of(), Bytes.of(" \t\r\n").split());
    }

    @Test
    void hex_with_a_separator_and_fromHex_as_in_python() {
        assertEquals("de:ad:be:ef", Bytes.fromHex("de ad be ef").hex(':'));
        assertEquals("01 0203 0405", Bytes.fromHex("0102030405").hex(' ', 2));
        assertEquals("0102 0304 05", Bytes.fromHex("0102030405").hex(' ', -2));
        assertEquals(Bytes.of("GET\r\n"), Bytes.fromHex("47 45 54\n0d0A"));
        assertEquals("expected two hex digits a byte, as bytes.fromhex, but found `g` at position 3 of \"0a g1\"",
                assertThrows(IllegalArgumentException.class, () -> Bytes.fromHex("0a g1")).getMessage());
        assertEquals("expected two hex digits a byte, as bytes.fromhex, but found the end (an odd number of digits) at position 3 of \"abc\"",
                assertThrows(IllegalArgumentException.class, () -> Bytes.fromHex("abc")).getMessage());
        assertEquals("expected an ASCII separator, as Python's hex() but was U+00E9",
                assertThrows(IllegalArgumentException.class, () -> Bytes.of("a").hex('\u00e9')).getMessage());
    }

    @Test
    void b_reads_pythons_bytes_literal_and_refuses_what_python_refuses() {
        assertEquals(Bytes.of("GET / HTTP/1.1\r\n"), Bytes.b("GET / HTTP/1.1\\r\\n"));
        assertEquals(Bytes.of(new byte[] {0, -1, 7, 8, 12, 11, 9, 39, 34, 92, 0, 8, -1}),
                Bytes.b("\\x00\\xFF\\a\\b\\f\\v\\t\\'\\\"\\\\\\0\\10\\377"));
        assertEquals(Bytes.of("ab"), Bytes.b("a\\\nb"));
        assertEquals("expected a bytes literal but found `\u00e9`, not ASCII at position 1 of \"h\u00e9\"; a bytes literal holds ASCII only;"
                + " write \\xNN, or use Bytes.of(text) for UTF-8", assertThrows(IllegalArgumentException.class, () -> Bytes.b("h\u00e9")).getMessage());
        assertEquals("expected a bytes literal but found a \\x escape without two hex digits at position 2 of \"ab\\\\x4\"; write \\x and two hex digits, as \\x0a",
                assertThrows(IllegalArgumentException.class, () -> Bytes.b("ab\\x4")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Bytes.b("\\q"));
        assertThrows(IllegalArgumentException.class, () -> Bytes.b("\\400"));
        assertThrows(IllegalArgumentException.class, () -> Bytes.b("a\\"));
    }

    @Test
    void hexdump_is_hexdump_C() {
        assertEquals("00000000  47 45 54 20 2f 20 48 54  54 50 2f 31 2e 31 0d 0a  |GET / HTTP/1.1..|\n"
                + "00000010  00 ff                                             |..|\n"
                + "00000012\n", Bytes.b("GET / HTTP/1.1\\r\\n\\x00\\xff").hexdump());
        assertEquals("", Bytes.empty().hexdump());
    }

    @Test
    void asByteBuffer_is_read_only_and_copies_nothing() {
        Bytes big = Bytes.of(new byte[16 * 1024 * 1024]);
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        java.nio.ByteBuffer buffer = big.asByteBuffer();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 64 * 1024, "a copy of 16 MiB would allocate that much, but " + allocated + " bytes were");
        assertTrue(buffer.isReadOnly());
        assertEquals(0, buffer.position());
        assertEquals(big.length(), buffer.remaining());
        assertThrows(java.nio.ReadOnlyBufferException.class, () -> buffer.put((byte) 1));
    }
}
