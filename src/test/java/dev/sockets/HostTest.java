package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Either;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Examples for {@link Host}: the tutorial's hostname rows, the lenient forms, and the exact error messages. */
class HostTest {

    private static Host ok(String text) {
        Either<AddressError, Host> r = Host.parse(text);
        assertTrue(r.isRight(), () -> "expected " + text + " to parse but got " + r);
        return r.get();
    }

    private static String message(Either<AddressError, ?> r) {
        assertTrue(r.isLeft(), () -> "expected an error but got " + r);
        return r.getLeft().getMessage();
    }

    // The tutorial's hostname entry, row by row.

    @Test
    void a_host_name_is_checked_and_kept_as_written() {
        Host h = ok("localhost");
        assertEquals(new Host.Name("localhost"), h);
        assertEquals("localhost", h.text());
        assertEquals("localhost", h.toString());
        assertFalse(h.isLiteral());
    }

    @Test
    void a_dotted_quad_is_an_ipv4_address() {
        Host h = ok("192.168.1.20");
        assertEquals(new Host.Ipv4(0xC0A80114), h);
        assertEquals("192.168.1.20", h.text());
        assertTrue(h.isLiteral());
    }

    @Test
    void an_ipv6_literal_with_a_dotted_tail_is_an_ipv6_address() {
        Host h = ok("::FFFF:192.0.2.1");
        assertEquals(new Host.Ipv6(0, 0x0000_FFFF_C000_0201L, ""), h);
        assertEquals("::ffff:192.0.2.1", h.text());
        var v6 = (Host.Ipv6) h;
        assertTrue(v6.isMapped());
        assertEquals(Optional.of(new Host.Ipv4(0xC0000201)), v6.ipv4());
    }

    @Test
    void an_ipv6_literal_in_colon_notation_with_a_zone() {
        Host h = ok("FE80:0000::0001%eth0");
        assertEquals(new Host.Ipv6(0xFE80_0000_0000_0000L, 1, "eth0"), h);
        assertEquals("fe80::1%eth0", h.text());
        assertEquals("fe80::1%eth0", h.toString());
    }

    @Test
    void broadcast_is_255_255_255_255() {
        Host h = ok("<broadcast>");
        assertEquals(Host.broadcast(), h);
        assertEquals("<broadcast>", h.text());
        assertEquals("<broadcast>", h.toString());
    }

    @Test
    void the_empty_string_is_the_any_address_and_prints_readably() {
        Host h = ok("");
        assertEquals(Host.any(), h);
        assertEquals("", h.text());
        assertEquals("any address", h.toString());
    }

    @Test
    void an_int_is_an_ipv4_address_in_host_byte_order() {
        assertEquals(ok("127.0.0.1"), Host.of(0x7F000001));
        assertEquals(Host.loopback(), Host.of(0x7F000001));
        assertEquals("255.255.255.255", Host.of(-1).text());
        assertEquals("0.0.0.0", Host.of(0).text());
    }

    @Test
    void bytes_are_ipv4_or_ipv6_in_network_order() {
        assertEquals(ok("10.1.2.3"), Host.of(new byte[] {10, 1, 2, 3}));
        byte[] sixteen = new byte[16];
        sixteen[15] = 1;
        assertEquals(ok("::1"), Host.of(sixteen));
        var e = assertThrows(IllegalArgumentException.class, () -> Host.of(new byte[5]));
        assertEquals("expected 4 or 16 address bytes but was 5", e.getMessage());
    }

    @Test
    void of_throws_the_parse_error() {
        var e = assertThrows(AddressError.class, () -> Host.of("010.0.0.1"));
        assertEquals(Host.parse("010.0.0.1").getLeft(), e);
    }

    // The lenient inet_aton forms, only by name.

    @ParameterizedTest
    @CsvSource({
        "127.1,          127.0.0.1",
        "0x7f.1,         127.0.0.1",
        "0X7F.0.0.1,     127.0.0.1",
        "0177.0.0.1,     127.0.0.1",
        "2130706433,     127.0.0.1",
        "0x7f000001,     127.0.0.1",
        "10.1.65535,     10.1.255.255",
        "1.2.3.4,        1.2.3.4",
        "010.0.0.1,      8.0.0.1",
        "0,              0.0.0.0",
        "4294967295,     255.255.255.255",
    })
    void lenient_parser_reads_the_inet_aton_forms(String text, String expected) {
        assertEquals(Either.right(Host.Ipv4.parse(expected).get()), Host.Ipv4.parseLenient(text));
    }

    @Test
    void the_lenient_forms_are_refused_by_default() {
        for (String s : new String[] {"127.1", "0x7f.1", "0177.0.0.1", "2130706433"}) {
            assertTrue(Host.parse(s).isLeft(), s);
            assertTrue(Host.Ipv4.parse(s).isLeft(), s);
        }
    }

    @Test
    void lenient_errors() {
        assertEquals("`4294967296`: part 1 is 4294967296, more than 4294967295 at position 0; a single part fills all 4 bytes",
                message(Host.Ipv4.parseLenient("4294967296")));
        assertEquals("`1.2.65536`: part 3 is 65536, more than 65535 at position 4; the last of 3 parts fills the last 2 bytes",
                message(Host.Ipv4.parseLenient("1.2.65536")));
        assertEquals("`256.1`: part 1 is 256, more than 255 at position 0; every part but the last is one byte",
                message(Host.Ipv4.parseLenient("256.1")));
        assertEquals("`08.1`: digit `8` in octal part 1 at position 1; a leading 0 makes the part octal (digits 0–7); drop the 0 for decimal",
                message(Host.Ipv4.parseLenient("08.1")));
        assertEquals("`0x.1`: hex part 1 has no digits at position 0; write a digit after 0x",
                message(Host.Ipv4.parseLenient("0x.1")));
        assertEquals("`1.2.3.4.5`: too many parts at position 7; inet_aton takes 1 to 4 parts",
                message(Host.Ipv4.parseLenient("1.2.3.4.5")));
        assertEquals("`1.2.3.4 junk`: stray character space (U+0020) in part 4 at position 7; inet_aton parts are decimal, octal (leading 0) or hex (0x)",
                message(Host.Ipv4.parseLenient("1.2.3.4 junk")));
        assertEquals("`99999999999999999999999`: part 1 is 99999999999999999999999, more than 4294967295 at position 0; a single part fills all 4 bytes",
                message(Host.Ipv4.parseLenient("99999999999999999999999")));
    }

    // Exact messages of the main errors.

    @Test
    void leading_zero_message_is_exact() {
        var r = Host.parse("010.0.0.1");
        assertEquals("`010.0.0.1`: leading zero in part 1 at position 0; C reads it as octal, Java as decimal — try `10.0.0.1`, or use the lenient parser",
                message(r));
        assertEquals(new AddressError("010.0.0.1", 0, "leading zero in part 1",
                "C reads it as octal, Java as decimal — try `10.0.0.1`, or use the lenient parser"), r.getLeft());
        assertEquals(r, Host.Ipv4.parse("010.0.0.1").map(h -> (Host) h));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "256.1.1.1   | `256.1.1.1`: part 1 is 256, more than 255 at position 0; each of the four parts is one byte, 0 to 255",
        "1.256.1.1   | `1.256.1.1`: part 2 is 256, more than 255 at position 2; each of the four parts is one byte, 0 to 255",
        "1.2.3       | `1.2.3`: too few parts (3 of 4) at position 5; inet_aton reads it as 1.2.0.3: try `1.2.0.3`, or use the lenient parser",
        "2130706433  | `2130706433`: part 1 is 2130706433, more than 255 at position 0; inet_aton reads it as 127.0.0.1: try `127.0.0.1`, or use the lenient parser",
        "1.2.3.4.5   | `1.2.3.4.5`: too many parts at position 7; an IPv4 address has four parts",
        "1..2.3      | `1..2.3`: empty part 2 at position 2; an IPv4 address has four decimal parts 0–255 between dots",
        "1.2.3.      | `1.2.3.`: empty part 4 at position 6; an IPv4 address has four decimal parts 0–255 between dots",
        "1.2.03.4    | `1.2.03.4`: leading zero in part 3 at position 4; C reads it as octal, Java as decimal — try `1.2.3.4`, or use the lenient parser",
        "1.2.3.4/24  | `1.2.3.4/24`: stray character `/` in an address at position 7; a host is an address, not a prefix; drop the `/length`; try `1.2.3.4`",
        "1.2.3.٤     | `1.2.3.٤`: non-ASCII digit `٤` (U+0664) in an address at position 6; write the ASCII digits 0–9",
        "0x7f.1      | `0x7f.1`: last label `1` is all digits at position 5; inet_aton reads it as `127.0.0.1`: use the lenient parser for such forms; a host name ends with a label that has a letter",
        "0x7f000001  | `0x7f000001`: a hex address, not a host name; C's resolver reads it as `127.0.0.1`; use Ipv4.parseLenient if you mean that address",
        "10.0xff     | `10.0xff`: a hex address, not a host name; C's resolver reads it as `10.0.0.255`; use Ipv4.parseLenient if you mean that address",
        "foo.123     | `foo.123`: last label `123` is all digits at position 4; a host name ends with a label that has a letter; an IPv4 address is four decimal parts 0–255",
        "1::2::3     | `1::2::3`: second `::` at position 4; `::` may appear once",
        "1:2:12345::  | `1:2:12345::`: group 3 has 5 hex digits at position 4; a group holds 1 to 4 hex digits",
        "1:2:3:4:5:6:7:8:9 | `1:2:3:4:5:6:7:8:9`: too many groups at position 16; an address has 8 groups",
        "1::2:3:4:5:6:7:8  | `1::2:3:4:5:6:7:8`: too many groups at position 15; with `::` at most 7 groups are written",
        "1:2:3:4:5:6:7     | `1:2:3:4:5:6:7`: too few groups (7 of 8) at position 13; write 8 groups, or `::` for a run of zero groups",
        ":1                | `:1`: single `:` at the start at position 0; an address starts with a group or `::`",
        "1:                | `1:`: trailing single `:` at position 1; end with a group, or with `::` for zero groups",
        "1:::2             | `1:::2`: `:::` at position 1; `::` stands for the zero groups; write two colons",
        "fe80::g           | `fe80::g`: stray character `g` in group 2 at position 6; a group holds 1 to 4 hex digits 0–9, a–f",
        "::ffff:1.2.3      | `::ffff:1.2.3`: too few parts (3 of 4) of the embedded IPv4 address at position 12; a dotted quad has four decimal parts, such as `::ffff:192.0.2.1`",
        "::ffff:010.0.0.1  | `::ffff:010.0.0.1`: leading zero in part 1 of the embedded IPv4 address at position 7; C reads it as octal, Java as decimal — try `::ffff:10.0.0.1`",
        "::1.2.3.4:5       | `::1.2.3.4:5`: `:` after the embedded IPv4 address at position 9; a dotted quad can only be the last 32 bits",
        "fe80::1%          | `fe80::1%`: empty zone after `%` at position 7; a zone is an interface name or number: letters, digits, `-`, `.`, `_`, `~`",
        "fe80::1%eth/0     | `fe80::1%eth/0`: stray character `/` in the zone at position 11; a zone is an interface name or number: letters, digits, `-`, `.`, `_`, `~`",
        "[::1]             | `[::1]`: brackets around an IPv6 address at position 0; brackets belong to an endpoint such as `[::1]:80`; try `::1`",
        "localhost:80      | `localhost:80`: a port after the host at position 9; a host has no port; try `localhost`, or use Endpoint.parse(\"localhost:80\") for host and port",
        "-web.example      | `-web.example`: label 1 starts with `-` at position 0; a host name is labels of letters, digits, hyphens and underscores between dots",
        "web-.example      | `web-.example`: label 1 ends with `-` at position 3; a host name is labels of letters, digits, hyphens and underscores between dots",
        "a..example        | `a..example`: empty label at position 2; labels between dots hold 1 to 63 characters",
        "<BROADCAST>       | `<BROADCAST>`: unknown special host <BROADCAST> at position 0; `<broadcast>` (255.255.255.255) is the only one, in lower case",
    })
    void main_error_messages_are_exact(String text, String expected) {
        assertEquals(expected, message(Host.parse(text)));
    }

    @Test
    void null_is_an_error_not_an_exception() {
        assertEquals("`null`: the host is null; pass \"\" for the any address", message(Host.parse(null)));
        assertTrue(Host.Ipv4.parse(null).isLeft());
        assertTrue(Host.Ipv4.parseLenient(null).isLeft());
        assertTrue(Host.Ipv6.parse(null).isLeft());
    }

    @Test
    void a_space_shows_in_the_message() {
        assertEquals("`local host`: stray character space (U+0020) in a host name at position 5; a host name has no spaces",
                message(Host.parse("local host")));
    }

    @Test
    void ipv6_parse_refuses_brackets_and_ipv4() {
        assertEquals("`[::1]`: brackets around an IPv6 address at position 0; brackets belong to an endpoint such as `[::1]:80`; try `::1`",
                message(Host.Ipv6.parse("[::1]")));
        assertEquals("`1.2.3.4`: no `:`; this is not an IPv6 address; pass IPv4 addresses to Host.parse or Ipv4.parse",
                message(Host.Ipv6.parse("1.2.3.4")));
    }

    // Names.

    @Test
    void names_follow_rfc_1123_limits() {
        String label63 = "a".repeat(63);
        assertTrue(Host.parse(label63 + ".example").isRight());
        assertEquals("`" + label63 + "b.example`: label 1 is 64 characters, more than 63 at position 0; a label holds 1 to 63 characters",
                message(Host.parse(label63 + "b.example")));
        // 4 labels of 63 and one of 1: 4*64 + 1 = 257 > 253; 3 of 63 and one of 61: 253 exactly.
        String n253 = label63 + "." + label63 + "." + label63 + "." + "b".repeat(61);
        assertEquals(253, n253.length());
        assertTrue(Host.parse(n253).isRight());
        assertTrue(Host.parse(n253 + ".").isRight(), "one trailing dot does not count");
        // The message quotes the first 100 chars of a long input; input() keeps all 254.
        assertEquals("`" + n253.substring(0, 100) + "…(154 more chars)`: name is 254 characters, more than 253 at position 253; a host name has at most 253 characters",
                message(Host.parse(n253 + "c")));
        assertTrue(Host.parse("localhost..").isLeft(), "only one trailing dot");
        assertTrue(Host.parse(".").isLeft());
        assertTrue(Host.parse("1.2.3.4x").isRight(), "digits are fine where the last label has a letter");
        assertTrue(Host.parse("xn--bcher-kva.example").isRight());
        assertTrue(Host.parse("xn--zz").isRight(), "an ASCII label is not checked as punycode: a resolver may know it");
        assertTrue(Host.parse("0xygen.example").isRight(), "0x starts a name that no parser reads as hex");
        assertTrue(Host.parse("0x1g").isRight());
        assertTrue(Host.parse("a-b.c-d").isRight());
    }

    /** Names a resolver would answer are not refused before it is asked: glibc, Go and Guava take `_`. */
    @ParameterizedTest
    @CsvSource({"my_host", "_sip._tcp.example.com", "my-_host", "_", "a_.b_", "host_1.internal."})
    void underscores_are_accepted_and_the_name_prints_as_written(String text) {
        Host h = ok(text);
        assertEquals(new Host.Name(text), h);
        assertEquals(text, h.text());
        assertEquals(text, h.toString());
        assertFalse(h.isLiteral());
    }

    /** An internationalized name is resolved by its ASCII form, and prints both so that a look-alike shows. */
    @Test
    void a_unicode_name_is_kept_with_its_ascii_form_and_prints_both() {
        Host h = ok("bücher.example");
        assertEquals("xn--bcher-kva.example", h.text());
        assertEquals("bücher.example (xn--bcher-kva.example)", h.toString());
        assertEquals("bücher.example", ((Host.Name) h).name());
        assertEquals(ok("xn--bcher-kva.example"), h);
        assertEquals(ok("xn--bcher-kva.example").hashCode(), h.hashCode());
        assertEquals(ok("XN--BCHER-KVA.example"), h);
        assertEquals(new Host.Name("bücher.example"), h);
        assertFalse(h.isLiteral());
        assertEquals("xn--bcher-kva.example:80", Endpoint.of("bücher.example", 80).text());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Bücher.Example          | xn--bcher-kva.example",
        "a\u3002b\uff0ec\uff61d      | a.b.c.d",
        "\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54 | localhost",
        "пример.рф               | xn--e1afmkfd.xn--p1ai",
        "my_hôst.example.        | xn--my_hst-lxa.example.",
        "ab-ü-                   | xn--ab---2ra",
    })
    void a_unicode_name_maps_to_lower_case_ascii_with_every_full_stop_a_dot(String escaped, String ascii) {
        String text = unescape(escaped);
        Host h = ok(text);
        assertEquals(ascii, h.text());
        assertEquals(text + " (" + ascii + ")", h.toString());
        assertEquals(Either.right(h), Host.parse(h.text()));
    }

    private static String unescape(String s) {
        var m = java.util.regex.Pattern.compile("\\\\u([0-9a-f]{4})").matcher(s);
        return m.replaceAll(r -> String.valueOf((char) Integer.parseInt(r.group(1), 16)));
    }

    /** What no resolver could use is refused, with where and why, in the ASCII form where that is what is too long. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a..bücher            | `a..bücher`: empty label at position 2; labels between dots hold 1 to 63 characters",
        "bücher..example      | `bücher..example`: empty label at position 7; labels between dots hold 1 to 63 characters",
        "bücher.example..     | `bücher.example..`: empty label at position 15; labels between dots hold 1 to 63 characters",
        "xn--bücher           | `xn--bücher`: label 1 starts with `xn--` and has non-ASCII characters at position 0; an `xn--` label is already the ASCII form; write the label in Unicode without `xn--`, or all in ASCII",
        "\u05d0a             | `\u05d0a`: label 1 mixes right-to-left and left-to-right characters at position 0; IDNA (RFC 3491) takes a right-to-left label only if it starts and ends with a right-to-left character",
        "x\ue000y.example    | `x\ue000y.example`: character U+E000 cannot be in a host name at position 1; IDNA (RFC 3491) prohibits it; drop it: try `xy.example`",
        "\ufe0f.example      | `\ufe0f.example`: label 1 is empty once mapped at position 0; it holds only characters that IDNA removes, such as variation selectors",
        "bü cher              | `bü cher`: stray character space (U+0020) in a host name at position 2; a host name has no spaces",
        "bü\u00adcher        | `bü\u00adcher`: stray character U+00AD in a host name at position 2; drop it: try `bücher`",
        "ü.123                | `ü.123`: last label `123` is all digits in the ASCII form at position 2; a host name ends with a label that has a letter; an IPv4 address is four decimal parts 0–255; the ASCII form is `xn--tda.123`",
        "\uff11.2.3.4        | `\uff11.2.3.4`: non-ASCII digit `\uff11` (U+FF11) in a host name at position 0; write the ASCII digits 0–9",
        "1.2.3.\u0664        | `1.2.3.\u0664`: non-ASCII digit `\u0664` (U+0664) in an address at position 6; write the ASCII digits 0–9",
        "\uff46\uff4f\uff4f\uff01 | `\uff46\uff4f\uff4f\uff01`: stray character `!` in a host name in the ASCII form at position 0; a host name is labels of letters, digits, hyphens and underscores between dots; the ASCII form is `foo!`",
    })
    void a_unicode_name_no_resolver_could_use_is_refused(String escaped, String expected) {
        assertEquals(unescape(expected), message(Host.parse(unescape(escaped))));
    }

    @Test
    void label_and_name_limits_count_the_ascii_form() {
        String fits = "a".repeat(55) + "ü";
        assertTrue(Host.parse(fits + ".example").isRight(), Host.parse(fits + ".example").toString());
        assertTrue(Host.parse(fits + ".example").get().text().split("\\.")[0].length() <= 63);
        String over = "a".repeat(60) + "ü";
        assertEquals("`" + over + ".example`: label 1 is more than 63 characters in the ASCII form at position 0; a label holds 1 to 63 characters of its ASCII (punycode) form",
                message(Host.parse(over + ".example")));
        // Four labels of 63 in the ASCII form: 255 characters, more than 253, though only 4 of them are non-ASCII.
        String label = "a".repeat(55) + "ü"; // xn-- + 55 a + "-" + 3 = 63
        assertEquals(63, ok(label).text().length());
        String name = String.join(".", label, label, label, label);
        AddressError e = Host.parse(name).getLeft();
        assertEquals("name is 255 characters, more than 253 in the ASCII form", e.reason());
        assertEquals(3 * 57, e.position(), "the start of the label, as written, where the ASCII form passes 253");
    }

    /** A pasted URL, a user part, a path or a space: the hint says what to drop and suggests the host. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://localhost          | `http://localhost`: a URL, not a host at position 0; drop the scheme `http://` and what follows the host; try `localhost`",
        "http://localhost:8080/x   | `http://localhost:8080/x`: a URL, not a host at position 0; drop the scheme `http://` and what follows the host; try `localhost`",
        "https://[::1]:8443/       | `https://[::1]:8443/`: a URL, not a host at position 0; drop the scheme `https://` and what follows the host; try `::1`",
        "user@host                 | `user@host`: stray character `@` in a host name at position 4; a host has no user part (`user@` belongs to ssh and URLs); try `host`",
        "host/path                 | `host/path`: stray character `/` in a host name at position 4; a host has no path (that belongs to a URL); try `host`",
        "localhost:                | `localhost:`: a colon after the host at position 9; a host has no port; try `localhost`",
        "'localhost '              | `localhost `: space (U+0020) after the host at position 9; drop the white space: try `localhost`",
        "'127.0.0.1  '             | `127.0.0.1  `: space (U+0020) after the host at position 9; drop the white space: try `127.0.0.1`",
        "' ::1'                    | ` ::1`: space (U+0020) before the host at position 0; drop the white space: try `::1`",
        "'\"localhost\"'            | `\"localhost\"`: stray character `\"` in a host name at position 0; the quotes belong to the code, not to the name; try `localhost`",
        "//localhost:80            | `//localhost:80`: a URL, not a host at position 0; drop `//` and what follows the host; try `localhost`",
        "localhost:80:             | `localhost:80:`: `:` after the host name `localhost` at position 9; a host has no `:`; an IPv6 address is hex groups between colons, such as `fe80::1`; try `localhost`",
    })
    void a_pasted_url_user_path_or_space_gets_a_hint_that_parses(String text, String expected) {
        assertEquals(expected, message(Host.parse(text)));
        assertTrue(Host.parse(dev.sockets.internal.words.Hints.suggestion(Host.parse(text).getLeft().hint())).isRight());
    }

    @Test
    void a_star_is_not_a_host_and_the_hint_names_the_any_address() {
        assertEquals("`*`: `*` is not a host at position 0; the any address (every interface) is \"\", as in Python", message(Host.parse("*")));
    }

    @Test
    void a_line_end_from_a_file_shows_escaped_and_the_hint_drops_it() {
        assertEquals("`localhost\\n`: U+000A after the host at position 9; drop the white space: try `localhost`",
                message(Host.parse("localhost\n")));
    }

    @Test
    void name_equality_ignores_ascii_case_and_text_keeps_it() {
        Host a = ok("LocalHost");
        assertEquals(ok("localhost"), a);
        assertEquals(ok("localhost").hashCode(), a.hashCode());
        assertEquals("LocalHost", a.text());
        assertNotEquals(ok("localhost."), ok("localhost"));
    }

    @Test
    void constructors_keep_the_round_trip_invariant() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Host.Name("1.2.3"));
        assertEquals("expected a host name but was `1.2.3`: too few parts (3 of 4) at position 5; inet_aton reads it as 1.2.0.3: try `1.2.0.3`, or use the lenient parser",
                e.getMessage());
        var z = assertThrows(IllegalArgumentException.class, () -> new Host.Ipv6(0, 1, "a b"));
        assertEquals("expected a zone of letters, digits, '-', '.', '_', '~' but was \"a b\"", z.getMessage());
    }

    // RFC 5952 printing.

    @ParameterizedTest
    @CsvSource({
        "2001:0DB8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:db8:0:0:1:0:0:1,                    2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1,                    2001:db8:0:1:1:1:1:1",
        "1:0:0:2:0:0:0:3,                         1:0:0:2::3",
        "1:0:0:2:0:0:3:4,                         1::2:0:0:3:4",
        "0:0:1:0:0:0:0:2,                         0:0:1::2",
        "::2:3:4:5:6:7:8,                         0:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7::,                         1:2:3:4:5:6:7:0",
        "1::8,                                    1::8",
        "0:0:0:0:1:0:0:0,                         ::1:0:0:0",
        "0:0:0:1:0:0:0:0,                         0:0:0:1::",
        "0:0:0:1:0:0:0:2,                         ::1:0:0:0:2",
        "0:0:0:0:0:0:0:0,                         ::",
        "0:0:0:0:0:0:0:1,                         ::1",
        "1:0:0:0:0:0:0:0,                         1::",
        "0:0:0:0:0:0:1.2.3.4,                     ::102:304",
        "::FFFF:0:0,                              ::ffff:0.0.0.0",
        "0:0:0:0:0:ffff:7f00:1,                   ::ffff:127.0.0.1",
        "fe80:0:0:0:0:0:0:1%1,                    fe80::1%1",
    })
    void ipv6_prints_in_rfc_5952_form(String text, String expected) {
        assertEquals(expected, Host.Ipv6.parse(text).get().text());
    }

    @Test
    void loopback_and_mapped_helpers() {
        assertTrue(Host.loopback().isLoopback());
        assertTrue(((Host.Ipv4) ok("127.255.255.255")).isLoopback());
        assertFalse(((Host.Ipv4) ok("128.0.0.1")).isLoopback());
        assertTrue(((Host.Ipv6) ok("::1")).isLoopback());
        assertFalse(((Host.Ipv6) ok("::2")).isMapped());
        assertEquals(Optional.empty(), ((Host.Ipv6) ok("::2")).ipv4());
    }

    @Test
    void invisible_and_look_alike_characters_show_their_code_point() {
        assertEquals("`local\u200Bhost`: stray character U+200B in a host name at position 5; drop it: try `localhost`",
                message(Host.parse("local\u200Bhost")));
        assertEquals("`1.2.3.4%eth0`: stray character `%` in a host at position 7; a `%zone` belongs to an IPv6 address such as `fe80::1%eth0`",
                message(Host.parse("1.2.3.4%eth0")));
        assertEquals("`１.2.3.4`: non-ASCII digit `１` (U+FF11) in a host name at position 0; write the ASCII digits 0–9",
                message(Host.parse("１.2.3.4")));
        assertEquals("`１.2.3.4`: non-ASCII digit `１` (U+FF11) in part 1 at position 0; write the ASCII digits 0–9",
                message(Host.Ipv4.parse("１.2.3.4")));
    }

    /**
     * "Never resolves", checked on the bytecode: the parsers do not even refer to the JDK's
     * resolving classes, so no input can make them ask DNS.
     */
    @ParameterizedTest
    @CsvSource({
        "dev/sockets/internal/words/HostParser.class",
        "dev/sockets/internal/words/Ipv4Parser.class",
        "dev/sockets/internal/words/Ipv6Parser.class",
        "dev/sockets/internal/words/HostNameParser.class",
        "dev/sockets/internal/words/EndpointParser.class",
        "dev/sockets/internal/words/Hints.class",
        "dev/sockets/internal/words/Url.class",
        "dev/sockets/Endpoint.class",
        "dev/sockets/Host.class",
        "dev/sockets/Host$Ipv4.class",
        "dev/sockets/Host$Ipv6.class",
        "dev/sockets/Host$Name.class",
    })
    void the_parsers_never_refer_to_the_jdk_resolver(String classFile) throws java.io.IOException {
        try (var in = HostTest.class.getClassLoader().getResourceAsStream(classFile)) {
            assertTrue(in != null, classFile);
            String constants = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            for (String resolver : new String[] {"java/net/InetAddress", "java/net/Inet4Address", "java/net/Inet6Address", "java/net/InetSocketAddress"}) {
                assertFalse(constants.contains(resolver), classFile + " refers to " + resolver);
            }
        }
    }

    @Test
    void parse_and_ipv4_parse_agree_on_dotted_quads() {
        assertInstanceOf(Host.Ipv4.class, ok("0.0.0.0"));
        assertEquals(Host.Ipv4.parse("8.8.4.4").get(), ok("8.8.4.4"));
    }

    // ---------------------------------------------------------------- messages a hostile input cannot abuse

    /** A host from a config or a peer must not forge a log line or reorder a terminal when its error is logged. */
    @Test
    void control_characters_separators_and_bidi_controls_show_escaped_and_input_keeps_them() {
        String forged = "evil\r\n2024-01-01 INFO admin logged in";
        AddressError e = Host.parse(forged).getLeft();
        assertEquals(forged, e.input());
        assertEquals("`evil\\r\\n2024-01-01 INFO admin logged in`: stray character U+000D in a host name at position 4;"
                + " a host name is labels of letters, digits, hyphens and underscores between dots", e.getMessage());
        for (String text : new String[] {"a\nb", "\u001b[2J\u001b[31mred", "x\u2028y", "x\u2029y", "abc\u202Egpj.exe",
                "\u2066x\u2069", "x\u0085y", "x\u007fy", "x\u0000y", "fe80::1%\u001b", "1.2.3.\n", "::1\u200e"}) {
            AddressError err = Host.parse(text).getLeft();
            assertEquals(text, err.input());
            dev.sockets.testing.SafeMessages.check(err.getMessage());
        }
        assertTrue(message(Host.parse("\u001b[31mred")).startsWith("`\\u001b[31mred`: "), message(Host.parse("\u001b[31mred")));
        assertTrue(message(Host.parse("abc\u202Egpj")).startsWith("`abc\\u202egpj`: "));
        assertTrue(message(Host.parse("x\u2028y")).startsWith("`x\\u2028y`: "));
    }

    /** A backslash is escaped too, so that `\n` in a message is a line feed and `\\n` was a backslash and an n. */
    @Test
    void a_backslash_shows_doubled_so_the_escaping_reads_back_one_way() {
        assertTrue(message(Host.parse("a\\nb")).startsWith("`a\\\\nb`: "), message(Host.parse("a\\nb")));
        assertTrue(message(Host.parse("a\nb")).startsWith("`a\\nb`: "), message(Host.parse("a\nb")));
    }

    /** A 10 MB input: the message quotes a bounded prefix once, the hint no copy of it; input() is the whole text. */
    @Test
    void a_huge_input_gives_a_bounded_message_and_input_keeps_it_all() {
        String huge = "a".repeat(10_000_000);
        for (String text : new String[] {huge, "1.2.3." + "9".repeat(10_000_000), "[" + huge + "]", "[::1" + huge + "]",
                "<" + huge + ">", "localhost:" + huge, "fe80::1%" + huge, "010.0.0." + "0".repeat(10_000_000) + "1",
                "bücher" + huge, huge + ".1", "\n".repeat(10_000_000), "ü.".repeat(5_000_000), "ü\ufe0f".repeat(5_000_000)}) {
            AddressError e = Host.parse(text).getLeft();
            assertTrue(e.input() == text || e.input().equals(text));
            dev.sockets.testing.SafeMessages.check(e.getMessage());
        }
        assertEquals("`" + "a".repeat(100) + "…(9999900 more chars)`: label 1 is 10000000 characters, more than 63 at position 0;"
                + " a label holds 1 to 63 characters", message(Host.parse(huge)));
    }

    /** Never half a surrogate pair: the cut falls before an emoji that would cross the bound. */
    @Test
    void the_cut_never_splits_a_surrogate_pair() {
        String text = "a".repeat(99) + "\uD83D\uDE00" + "b";
        String m = message(Host.parse(text));
        assertTrue(m.startsWith("`" + "a".repeat(99) + "…(3 more chars)`: "), m);
    }

    // ---------------------------------------------------------------- zones that can name an interface

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "fe80::1%eth0",
        "fe80::1%lo",
        "fe80::1%1",
        "fe80::1%2147483647",
        "fe80::1%abcdefghijklmno",
        "fe80::1%eth0.100",
        "fe80::1%br-1a2b",
    })
    void a_zone_that_can_name_an_interface_is_accepted(String text) {
        assertEquals(text, ok(text).text());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "fe80::1%-1                | `fe80::1%-1`: zone index -1 is negative at position 8",
        "fe80::1%0                 | `fe80::1%0`: zone index 0 is out of range at position 8",
        "fe80::1%4294967296        | `fe80::1%4294967296`: zone index 4294967296 is out of range at position 8",
        "fe80::1%2147483648        | `fe80::1%2147483648`: zone index 2147483648 is out of range at position 8",
        "fe80::1%abcdefghijklmnop  | `fe80::1%abcdefghijklmnop`: zone of 16 bytes, longer than an interface name can be (15) at position 23",
        "fe80::1%.                 | `fe80::1%.`: zone `.` can never name an interface at position 8",
    })
    void a_zone_that_can_never_name_an_interface_is_refused(String text, String message) {
        String range = "a zone is an interface name of at most 15 bytes or an interface index in [1, 2147483647],"
                + " as in `fe80::1%eth0` or `fe80::1%2`";
        String m = message(Host.parse(text));
        assertTrue(m.startsWith(message + "; ") && m.endsWith(range), m);
        assertEquals(Host.parse(text), Host.Ipv6.parse(text).map(h -> (Host) h));
        assertTrue(Endpoint.parse("[" + text + "]:80").isLeft());
    }

    @Test
    void a_10_mb_zone_is_refused_by_its_length_with_a_bounded_message() {
        String text = "fe80::1%" + "z".repeat(10_000_000);
        AddressError e = Host.parse(text).getLeft();
        assertEquals("zone of 10000000 bytes, longer than an interface name can be (15)", e.reason());
        assertEquals(8 + 15, e.position());
        assertEquals(text, e.input());
        dev.sockets.testing.SafeMessages.check(e.getMessage());
    }

    @Test
    void an_ipv6_value_with_a_zone_that_can_never_name_an_interface_cannot_be_made() {
        for (String zone : new String[] {"0", "-1", "4294967296", "abcdefghijklmnop", ".", ".."}) {
            assertThrows(IllegalArgumentException.class, () -> new Host.Ipv6(0xfe80L << 48, 1, zone), zone);
        }
        assertEquals("fe80::1%7", new Host.Ipv6(0xfe80L << 48, 1, "7").text());
    }
}
