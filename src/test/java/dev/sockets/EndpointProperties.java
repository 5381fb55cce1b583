package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.TextArbitraries;
import io.vavr.control.Either;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class EndpointProperties {

    /** Hosts of every kind: any, broadcast, IPv4, IPv6 with and without a zone, names. */
    @Provide
    Arbitrary<Host> hosts() {
        Arbitrary<Host> v4 = Arbitraries.integers().map(Host::of);
        // Zones: none, numbers, and names in RFC 6874's unreserved set (the host parser's rule).
        Arbitrary<String> zone = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.just("lo"),
                Arbitraries.integers().between(1, 99).map(String::valueOf),
                Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('-', '.', '_', '~')
                        .ofMinLength(1).ofMaxLength(15));
        Arbitrary<Host> v6 = Combinators.combine(Arbitraries.longs(), Arbitraries.longs(), zone)
                .as((hi, lo, z) -> (Host) new Host.Ipv6(hi, lo, z));
        Arbitrary<Host> v6fewBits = Combinators.combine(Arbitraries.of(0L, 0xfe80L << 48, 0x20010db8L << 32),
                Arbitraries.longs().between(0, 0xffff), zone).as((hi, lo, z) -> (Host) new Host.Ipv6(hi, lo, z));
        Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('-')
                .ofMinLength(1).ofMaxLength(20)
                .filter(s -> !s.startsWith("-") && !s.endsWith("-"));
        Arbitrary<String> last = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10);
        Arbitrary<Host> name = Combinators.combine(label.list().ofMaxSize(3), last, Arbitraries.of("", "."))
                .as((ls, l, dot) -> {
                    var sb = new StringBuilder();
                    ls.forEach(x -> sb.append(x).append('.'));
                    return Host.of(sb.append(l).append(dot).toString());
                });
        return Arbitraries.oneOf(Arbitraries.just(Host.any()), Arbitraries.just(Host.broadcast()), v4, v6, v6fewBits, name);
    }

    @Property
    void every_endpoint_prints_and_parses_back_to_an_equal_value(
            @ForAll("hosts") Host host, @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 65535) int port) {
        Endpoint e = new Endpoint(host, Port.of(port));
        assertEquals(Either.right(e), Endpoint.parse(e.text()));
        assertEquals(e.text(), e.toString());
    }

    @Property
    void an_ipv6_endpoint_prints_in_brackets_and_others_do_not(@ForAll("hosts") Host host) {
        String text = new Endpoint(host, Port.of(80)).text();
        assertEquals(host instanceof Host.Ipv6, text.startsWith("["));
        assertTrue(text.endsWith(":80"));
    }

    @Provide
    Arbitrary<String> weird() {
        return TextArbitraries.weird();
    }

    @Property
    void parse_never_throws_for_any_text(@ForAll("weird") String text) {
        var r = Endpoint.parse(text);
        assertNotNull(r);
        if (r.isLeft()) {
            assertEquals(text, r.getLeft().input());
            assertTrue(r.getLeft().position() <= text.length(), r.getLeft().getMessage());
        } else {
            assertEquals(Either.right(r.get()), Endpoint.parse(r.get().text()));
        }
    }
}
