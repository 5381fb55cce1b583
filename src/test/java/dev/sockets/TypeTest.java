package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vavr.control.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeTest {

    /** The tutorial's row 2: typically SOCK_STREAM for connection-oriented, SOCK_DGRAM for connectionless. */
    @Test
    void the_tutorials_type_row() {
        assertEquals(Either.right(Type.STREAM), Type.parse("SOCK_STREAM"));
        assertEquals(Either.right(Type.DGRAM), Type.parse("SOCK_DGRAM"));
    }

    @ParameterizedTest
    @CsvSource({"STREAM, STREAM", "stream, STREAM", "SOCK_STREAM, STREAM", "sock_stream, STREAM", "1, STREAM",
                "DGRAM, DGRAM", "SOCK_DGRAM, DGRAM", "2, DGRAM"})
    void finds_a_type_by_every_name_and_number(String text, Type expected) {
        assertSame(expected, Type.of(text));
    }

    @Test
    void finds_a_type_by_int() {
        assertSame(Type.STREAM, Type.of(1));
        assertSame(Type.DGRAM, Type.of(2));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SOCK_RAW       | the raw socket type (3)",
        "3              | the raw socket type (3)",
        "SOCK_RDM       | the reliably-delivered datagram type (4)",
        "SOCK_SEQPACKET | the sequenced packet type (5)",
        "seqpacket      | the sequenced packet type (5)",
        "SOCK_DCCP      | the DCCP socket type (6)",
        "SOCK_PACKET    | the obsolete packet type (10)",
    })
    void refuses_a_type_the_jvm_cannot_open_and_says_so(String text, String what) {
        assertEquals("`" + text + "`: " + what + " is known, but the JVM cannot open it; use STREAM or DGRAM",
                Type.parse(text).getLeft().getMessage());
    }

    @Test
    void refuses_unknown_words_and_numbers() {
        assertEquals("`SOCK_STREEM`: unknown socket type; expected STREAM, DGRAM or their SOCK_ names",
                assertThrows(AddressError.class, () -> Type.of("SOCK_STREEM")).getMessage());
        assertEquals("`7`: unknown socket type number 7; expected 1 (STREAM) or 2 (DGRAM)",
                assertThrows(AddressError.class, () -> Type.of(7)).getMessage());
        assertEquals("`SOCK_RAW`: the raw socket type (3) is known, but the JVM cannot open it; use STREAM or DGRAM",
                assertThrows(AddressError.class, () -> Type.of("SOCK_RAW")).getMessage());
    }

    @Test
    void prints_as_its_constant_with_c_name_and_number_on_request() {
        assertEquals("STREAM", Type.SOCK_STREAM.toString());
        assertEquals("SOCK_DGRAM", Type.DGRAM.cName());
        assertEquals(2, Type.SOCK_DGRAM.number());
    }
}
