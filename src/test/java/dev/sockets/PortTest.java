package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vavr.control.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortTest {

    /** The tutorial's row 5: a port number, a string containing a port number, or the name of a service. */
    @Test
    void the_tutorials_port_row() {
        assertEquals(80, Port.of(80).number());
        assertEquals(Either.right(Port.of(12345)), Port.parse("12345"));
        assertEquals(Either.right(Port.of(80)), Port.parse("www"));
    }

    @Test
    void every_port_from_0_to_65535_parses_from_its_decimal_text() {
        for (int n = 0; n <= 65535; n++) {
            assertEquals(Either.right(Port.of(n)), Port.parse(Integer.toString(n)));
        }
    }

    @Test
    void of_int_refuses_out_of_range_with_an_address_error_as_parse_does() {
        AddressError e = assertThrows(AddressError.class, () -> Port.of(70000));
        assertEquals("`70000`: expected port in [0, 65535] but was 70000", e.getMessage());
        assertEquals(Port.parse("70000").getLeft(), e);
        assertEquals("`-1`: expected port in [0, 65535] but was -1",
                assertThrows(AddressError.class, () -> Port.of(-1)).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "70000         | `70000`: expected port in [0, 65535] but was 70000",
        "65536         | `65536`: expected port in [0, 65535] but was 65536",
        "99999999999   | `99999999999`: expected port in [0, 65535] but was 99999999999",
        "0070000       | `0070000`: expected port in [0, 65535] but was 70000",
        "-1            | `-1`: sign in port at position 0; a port is a number in [0, 65535], written without a sign",
        "+80           | `+80`: sign in port at position 0; a port is a number in [0, 65535], written without a sign",
        "'8 0'         | `8 0`: space in port at position 1; remove the spaces",
        "''            | ``: empty port; give a number in [0, 65535] or a service name such as www",
        "\u0668\u0660  | `\u0668\u0660`: non-ASCII digit in port at position 0; write the port with the digits 0-9",
        "8\uff10       | `8\uff10`: non-ASCII digit in port at position 1; write the port with the digits 0-9",
        "WWW           | `WWW`: unknown service for tcp; service names are case-sensitive, as in C: try `www`",
        "ntp           | `ntp`: unknown service for tcp; /etc/services lists ntp for udp only; give the port as a number",
        "nosuchservice | `nosuchservice`: unknown service for tcp; give the port as a number in [0, 65535], or a name from /etc/services such as www",
    })
    void parse_refuses_with_the_exact_message(String text, String message) {
        assertEquals(message, Port.parse(text).getLeft().getMessage());
    }

    @Test
    void the_throwing_shortcut_throws_the_same_error() {
        assertEquals("`70000`: expected port in [0, 65535] but was 70000",
                assertThrows(AddressError.class, () -> Port.of("70000")).getMessage());
    }

    @Test
    void leading_zeros_are_decimal_not_octal() {
        assertEquals(Either.right(Port.of(80)), Port.parse("080"));
        assertEquals(Either.right(Port.of(10)), Port.parse("010"));
        assertEquals(Either.right(Port.of(0)), Port.parse("00000"));
    }

    @ParameterizedTest
    @CsvSource({"www, 80", "http, 80", "https, 443", "ssh, 22", "domain, 53", "ftp, 21", "smtp, 25", "postgres, 5432"})
    void parse_looks_up_tcp_service_names(String name, int port) {
        assertEquals(Either.right(Port.of(port)), Port.parse(name));
    }

    @Test
    void parse_with_a_protocol_looks_up_that_protocols_services() {
        assertEquals(Either.right(Port.of(123)), Port.parse("ntp", Protocol.UDP));
        assertEquals(Either.right(Port.of(123)), Port.parse("ntp", Protocol.DEFAULT));
        assertEquals(Either.right(Port.of(53)), Port.parse("domain", Protocol.UDP));
        assertEquals("`ssh`: unknown service for udp; /etc/services lists ssh for tcp only; give the port as a number",
                Port.parse("ssh", Protocol.UDP).getLeft().getMessage());
    }

    @Test
    void prints_with_the_tcp_service_name_where_one_is_known() {
        assertEquals("Port 80 (http)", Port.of(80).toString());
        assertEquals("Port 22 (ssh)", Port.of(22).toString());
        assertEquals("Port 0 (any)", Port.any().toString());
        assertEquals("Port 0 (any)", Port.of(0).toString());
        assertEquals("Port 40000", Port.of(40000).toString());
    }

    @Test
    void null_is_an_error_not_an_exception() {
        assertEquals("`null`: no port; give a number in [0, 65535] or a service name such as www",
                Port.parse(null).getLeft().getMessage());
    }

    /** A service name from a config must not forge a log line when its error is logged; input() keeps it. */
    @Test
    void a_service_name_with_control_characters_shows_escaped() {
        String forged = "www\r\n2024-01-01 INFO admin logged in \u001b[0m\u202e";
        AddressError e = Port.parse(forged).getLeft();
        assertEquals(forged, e.input());
        assertEquals("`www\\r\\n2024-01-01 INFO admin logged in \\u001b[0m\\u202e`: space in port at position 3;"
                + " remove the spaces", e.getMessage());
        dev.sockets.testing.SafeMessages.check(Port.parse("WWW\u2028").getLeft().getMessage());
        dev.sockets.testing.SafeMessages.check(Port.parse("8\n0").getLeft().getMessage());
    }

    /** 10 MB of digits, of letters, of upper case (whose hint quotes the lower-case form): a bounded message. */
    @Test
    void a_huge_port_gives_a_bounded_message() {
        for (String text : new String[] {"9".repeat(10_000_000), "x".repeat(10_000_000), "WWW" + "\u001b".repeat(10_000_000),
                "HTTP".repeat(2_500_000), " ".repeat(10_000_000)}) {
            AddressError e = Port.parse(text).getLeft();
            assertEquals(text, e.input());
            dev.sockets.testing.SafeMessages.check(e.getMessage());
        }
    }
}
