package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.Gens;
import dev.sockets.testing.Pbt;
import dev.sockets.testing.TextGens;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class EndpointProperties {
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";

    /** Hosts of every kind: any, broadcast, IPv4, IPv6 with and without a zone, names. */
    private static Gen<Host> hosts() {
        Gen<Host> v4 = Gens.anyInt().map(bits -> (Host) Host.of(bits));
        // Zones: none, numbers, and names in RFC 6874's unreserved set (the host parser's rule).
        Gen<String> zone = Gens.oneOf(Gens.just(""), Gens.just("lo"),
                Gens.ints(1, 99).map(v -> String.valueOf(v)),
                Gens.strings(Gens.charsOf(LOWER + DIGITS + "-._~"), 1, 15).assuming(HostProperties::canNameAnInterface));
        Gen<Host> v6 = Gens.anyLong().zip(Gens.anyLong(), zone, (hi, lo, z) -> (Host) new Host.Ipv6(hi, lo, z));
        Gen<Host> v6fewBits = Gens.of(0L, 0xfe80L << 48, 0x20010db8L << 32)
                .zip(Gens.longs(0, 0xffff), zone, (hi, lo, z) -> (Host) new Host.Ipv6(hi, lo, z));
        Gen<String> label = Gens.strings(Gens.charsOf(LOWER + DIGITS + "-"), 1, 20)
                .assuming(s -> !s.startsWith("-") && !s.endsWith("-"));
        Gen<String> last = Gens.strings(Gens.charsOf(LOWER), 1, 10);
        Gen<Host> name = Gens.lists(label, 0, 3).zip(last, Gens.of("", "."), (ls, l, dot) -> {
            var sb = new StringBuilder();
            ls.forEach(x -> sb.append(x).append('.'));
            return Host.of(sb.append(l).append(dot).toString());
        });
        return Gens.oneOf(Gens.just(Host.any()), Gens.just(Host.broadcast()), v4, v6, v6fewBits, name);
    }

    @Test
    void every_endpoint_prints_and_parses_back_to_an_equal_value() {
        Pbt.qt(1000).forAll(hosts(), Gens.ints(0, 65535)).checkAssert((host, port) -> {
            Endpoint e = new Endpoint(host, Port.of(port));
            assertEquals(Either.right(e), Endpoint.parse(e.text()));
            assertEquals(e.text(), e.toString());
        });
    }

    @Test
    void an_ipv6_endpoint_prints_in_brackets_and_others_do_not() {
        // More draws than cases wanted: edge cases come up again, and QuickTheories runs a repeated case once.
        Pbt.qt(1700).forAll(hosts()).checkAssert(host -> {
            String text = new Endpoint(host, Port.of(80)).text();
            assertEquals(host instanceof Host.Ipv6, text.startsWith("["));
            assertTrue(text.endsWith(":80"));
        });
    }

    @Test
    void parse_never_throws_for_any_text() {
        Pbt.qt(1000).forAll(TextGens.weird()).checkAssert(text -> {
            var r = Endpoint.parse(text);
            assertNotNull(r);
            if (r.isLeft()) {
                assertEquals(text, r.getLeft().input());
                assertTrue(r.getLeft().position() <= text.length(), r.getLeft().getMessage());
            } else {
                assertEquals(Either.right(r.get()), Endpoint.parse(r.get().text()));
            }
        });
    }
}
