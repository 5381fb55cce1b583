package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1:80      | 127.0.0.1:80",
        "localhost:www     | localhost:80",
        "localhost:80      | localhost:80",
        ":80               | :80",
        "<broadcast>:9999  | <broadcast>:9999",
        "127.0.0.1:0080    | 127.0.0.1:80",
        "localhost.:https  | localhost.:443",
    })
    void parses_and_prints_the_tutorials_forms(String text, String printed) {
        Endpoint e = Endpoint.parse(text).get();
        assertEquals(printed, e.toString());
        assertEquals(printed, e.text());
        assertEquals(Either.right(e), Endpoint.parse(e.text()));
    }

    /** The host prints in RFC 5952 form, in brackets. */
    @Test
    void an_ipv6_endpoint_prints_its_host_in_brackets() {
        String[][] cases = {
            {"[::1]:80", "[::1]:80"},
            {"[fe80::1%lo]:80", "[fe80::1%lo]:80"},
            {"[::FFFF:127.0.0.1]:80", "[::ffff:127.0.0.1]:80"},
            {"[2001:DB8:0:0:8:800:200C:417A]:80", "[2001:db8::8:800:200c:417a]:80"},
        };
        for (String[] c : cases) {
            Endpoint e = Endpoint.parse(c[0]).get();
            assertEquals(c[1], e.toString());
            assertEquals(Either.right(e), Endpoint.parse(e.text()));
        }
    }

    @Test
    void parses_into_its_host_and_port() {
        assertEquals(new Endpoint(Host.of("127.0.0.1"), Port.of(80)), Endpoint.of("127.0.0.1:80"));
        assertEquals(new Endpoint(Host.of("::1"), Port.of(80)), Endpoint.of("[::1]:80"));
        assertEquals(new Endpoint(Host.of("fe80::1%lo"), Port.of(80)), Endpoint.of("[fe80::1%lo]:80"));
        assertEquals(new Endpoint(Host.of("localhost"), Port.of(80)), Endpoint.of("localhost:www"));
        assertEquals(new Endpoint(Host.any(), Port.of(80)), Endpoint.of(":80"));
        assertEquals(new Endpoint(Host.broadcast(), Port.of(9999)), Endpoint.of("<broadcast>:9999"));
    }

    @Test
    void of_host_and_port_takes_numbers_and_service_names() {
        assertEquals(Endpoint.of("localhost:80"), Endpoint.of("localhost", "www"));
        assertEquals(Endpoint.of("localhost:80"), Endpoint.of("localhost", "80"));
        assertEquals(Endpoint.of("[::1]:80"), Endpoint.of("::1", 80));
        assertEquals(Endpoint.of(":0"), Endpoint.of(Host.any(), 0));
        assertEquals("`70000`: expected port in [0, 65535] but was 70000",
                assertThrows(AddressError.class, () -> Endpoint.of("localhost", "70000")).getMessage());
        // The same error whether the port came as text or as an int.
        assertEquals("`70000`: expected port in [0, 65535] but was 70000",
                assertThrows(AddressError.class, () -> Endpoint.of("localhost", 70000)).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "::1:80            | `::1:80`: IPv6 address without brackets at position 0; an IPv6 address goes in brackets before the port: try `[::1]:80`, or try `[::1:80]:80` if the whole text is the address",
        "fe80::1:443       | `fe80::1:443`: IPv6 address without brackets at position 0; an IPv6 address goes in brackets before the port: try `[fe80::1]:443`, or try `[fe80::1:443]:80` if the whole text is the address",
        "localhost         | `localhost`: missing port at position 9; add a colon and a port; try `localhost:80`",
        "localhost:        | `localhost:`: missing port at position 10; add a port after the colon; try `localhost:80`",
        "localhost:70000   | `localhost:70000`: expected port in [0, 65535] but was 70000 at position 10",
        "localhost:-1      | `localhost:-1`: sign in port at position 10; a port is a number in [0, 65535], written without a sign",
        "localhost:WWW     | `localhost:WWW`: unknown service for tcp at position 10; service names are case-sensitive, as in C: try `localhost:www`",
        "[::1]             | `[::1]`: missing port at position 5; add a colon and a port; try `[::1]:80`",
        "[::1]80           | `[::1]80`: expected : after ] at position 5; put a colon between the address and the port: try `[::1]:80`",
        "[::1:80           | `[::1:80`: [ without ] at position 0; close the bracket before the port: try `[::1]:80`",
        "[127.0.0.1]:80    | `[127.0.0.1]:80`: brackets hold only IPv6 addresses at position 1; drop the brackets; try `127.0.0.1:80`",
        "[::1]:8 0         | `[::1]:8 0`: space in port at position 7; remove the spaces",
    })
    void refuses_with_the_exact_message_and_position(String text, String message) {
        assertEquals(message, Endpoint.parse(text).getLeft().getMessage());
    }

    /** Text a new user pastes where an endpoint goes: the hint says what is wrong and suggests text that parses. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "::1                      | `::1`: IPv6 address without brackets and port at position 0; an IPv6 address needs brackets and a port; try `[::1]:80`",
        "fe80::1                  | `fe80::1`: IPv6 address without brackets and port at position 0; an IPv6 address needs brackets and a port; try `[fe80::1]:80`",
        "::ffff:1.2.3.4:80        | `::ffff:1.2.3.4:80`: IPv6 address without brackets at position 0; an IPv6 address goes in brackets before the port: try `[::ffff:1.2.3.4]:80`",
        "::1:                     | `::1:`: IPv6 address without brackets at position 0; an IPv6 address goes in brackets before the port: try `[::1]:80`",
        "http://localhost:8080/x  | `http://localhost:8080/x`: a URL, not an endpoint at position 0; drop the scheme `http://` and what follows the port; try `localhost:8080`",
        "http://localhost         | `http://localhost`: a URL, not an endpoint at position 0; drop the scheme `http://` and what follows the port; try `localhost:80`",
        "ssh://user@[::1]:22      | `ssh://user@[::1]:22`: a URL, not an endpoint at position 0; drop the scheme `ssh://` and what follows the port; try `[::1]:22`",
        "user@host:22             | `user@host:22`: stray character `@` in a host name at position 4; a host has no user part (`user@` belongs to ssh and URLs); try `host:22`",
        "localhost:8080/x         | `localhost:8080/x`: a path after the port at position 14; an endpoint is a host and a port; a path belongs to a URL; try `localhost:8080`",
        "'localhost:80 '          | `localhost:80 `: space (U+0020) after the endpoint at position 12; drop the white space: try `localhost:80`",
        "localhost :80            | `localhost :80`: space (U+0020) after the host at position 9; drop the white space: try `localhost:80`",
        "[::1]:                   | `[::1]:`: missing port at position 6; add a port after the colon; try `[::1]:80`",
        "010.0.0.1:80             | `010.0.0.1:80`: leading zero in part 1 at position 0; C reads it as octal, Java as decimal — try `10.0.0.1:80`, or use the lenient parser",
        "1.2.3:80                 | `1.2.3:80`: too few parts (3 of 4) at position 5; inet_aton reads it as 1.2.0.3: try `1.2.0.3:80`, or use the lenient parser",
        "[010.0.0.1]:80           | `[010.0.0.1]:80`: leading zero in part 1 at position 1; C reads it as octal, Java as decimal — `10.0.0.1` in its place, or use the lenient parser",
        "127.0.0.1:99999          | `127.0.0.1:99999`: expected port in [0, 65535] but was 99999 at position 10",
        "host:port                | `host:port`: unknown service for tcp at position 5; give the port as a number in [0, 65535], or a name from /etc/services such as www",
        "1.2.3.4.5:80             | `1.2.3.4.5:80`: too many parts at position 7; an IPv4 address has four parts",
        "*:80                     | `*:80`: `*` is not a host at position 0; the any address (every interface) is written as nothing before the colon, as \"\" in Python; try `:80`",
        "[fe80::1]%eth0:80        | `[fe80::1]%eth0:80`: a zone after ] at position 9; the zone goes inside the brackets: try `[fe80::1%eth0]:80`",
        "//localhost:80           | `//localhost:80`: a URL, not an endpoint at position 0; drop `//` and what follows the port; try `localhost:80`",
        "localhost:80:            | `localhost:80:`: `:` after the host name `localhost` at position 9; a host has no `:`; an IPv6 address is hex groups between colons, such as `fe80::1`; try `localhost:80`",
        "'\"localhost\"'          | `\"localhost\"`: stray character `\"` in a host name at position 0; the quotes belong to the code, not to the name; try `localhost:80`",
        "http://                  | `http://`: a URL, not an endpoint at position 0; drop the scheme `http://` and what follows the port",
    })
    void pasted_text_gets_a_hint_whose_suggestion_parses(String text, String message) {
        AddressError e = Endpoint.parse(text).getLeft();
        assertEquals(message, e.getMessage());
        String suggestion = dev.sockets.internal.words.Hints.suggestion(e.hint());
        assertTrue(suggestion == null || Endpoint.parse(suggestion).isRight(), suggestion);
    }

    /** Names a resolver would answer: underscores, and Unicode names by their ASCII form. */
    @Test
    void an_endpoint_takes_the_names_a_resolver_would_answer() {
        assertEquals("my_host:80", Endpoint.of("my_host:80").text());
        assertEquals("_sip._tcp.example.com:5060", Endpoint.of("_sip._tcp.example.com:5060").text());
        Endpoint e = Endpoint.of("bücher.example:80");
        assertEquals("xn--bcher-kva.example:80", e.text());
        assertEquals(Endpoint.of("xn--bcher-kva.example:80"), e);
        assertEquals("bücher.example (xn--bcher-kva.example)", e.host().toString());
    }

    @Test
    void empty_and_null_are_errors_not_exceptions() {
        assertEquals("``: empty endpoint; write host:port, such as 127.0.0.1:80", Endpoint.parse("").getLeft().getMessage());
        assertEquals("`null`: no endpoint; write host:port, such as 127.0.0.1:80", Endpoint.parse(null).getLeft().getMessage());
    }

    /** A host error keeps the host parser's reason and hint, its position moved to where the host starts. */
    @Test
    void a_host_error_points_into_the_whole_text() {
        for (String[] c : new String[][] {{"[zz::1]:80", "zz::1", "1"}, {"300.1.2.3:80", "300.1.2.3", "0"},
                {"[1:2:3:4:5:6:7:8:9]:80", "1:2:3:4:5:6:7:8:9", "1"}}) {
            AddressError inner = Host.parse(c[1]).getLeft();
            AddressError outer = Endpoint.parse(c[0]).getLeft();
            int offset = Integer.parseInt(c[2]);
            assertEquals(c[0], outer.input());
            assertEquals(inner.reason(), outer.reason());
            assertEquals(inner.hint(), outer.hint());
            assertEquals(inner.position() < 0 ? offset : inner.position() + offset, outer.position());
        }
    }

    /** An endpoint from a peer or a config must not forge a log line when its error is logged; input() keeps it. */
    @Test
    void control_characters_in_an_endpoint_show_escaped() {
        String forged = "127.0.0.1:80\n2024-01-01 INFO admin logged in";
        AddressError e = Endpoint.parse(forged).getLeft();
        assertEquals(forged, e.input());
        assertEquals(-1, dev.sockets.testing.SafeMessages.firstUnsafe(e.getMessage()), e.getMessage());
        assertTrue(e.getMessage().startsWith("`127.0.0.1:80\\n2024-01-01 INFO admin logged in`: "), e.getMessage());
        for (String text : new String[] {"\u001b]0;title\u0007:80", "[::1\u202e]:80", "localhost\u2028:80", "[fe80::1%\r]:80",
                "local\u0085host", "::1\t:80"}) {
            dev.sockets.testing.SafeMessages.check(Endpoint.parse(text).getLeft().getMessage());
        }
    }

    /** Hints that echo the input (brackets to add, a port to add) quote a bounded prefix of it, however long it is. */
    @Test
    void a_huge_endpoint_gives_a_bounded_message() {
        String huge = "1:".repeat(5_000_000);
        for (String text : new String[] {huge + "1", "[" + huge, "[" + huge + "]", "[::1]" + huge, "[::1]:" + huge,
                "127.0.0.1:" + huge, "a".repeat(10_000_000), "[1.2.3.4]" + huge, "[::1]" + "\n".repeat(10_000_000),
                "localhost:80" + "\u202e".repeat(10_000_000)}) {
            AddressError e = Endpoint.parse(text).getLeft();
            assertEquals(text, e.input());
            dev.sockets.testing.SafeMessages.check(e.getMessage());
        }
    }

    @Test
    void a_bracketed_endpoint_refuses_a_zone_that_can_never_name_an_interface() {
        assertEquals("zone index 0 is out of range", Endpoint.parse("[fe80::1%0]:80").getLeft().reason());
        assertEquals(9, Endpoint.parse("[fe80::1%0]:80").getLeft().position());
        assertEquals("[fe80::1%eth0]:80", Endpoint.parse("[fe80::1%eth0]:80").get().text());
    }
}
