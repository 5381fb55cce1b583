package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.FakeResolver;
import dev.sockets.testing.Gens;
import dev.sockets.testing.Pbt;
import dev.sockets.testing.TextGens;
import org.junit.jupiter.api.Test;

/** Sockets.explain on any text: names go to FakeResolver, so no DNS query leaves the machine. */
class ExplainProperties {

    @Test
    void explain_never_throws_for_any_text_and_prints_one_report() {
        try (var dns = FakeResolver.install().name("localhost", "127.0.0.1")) {
            Pbt.qt(1500).forAll(TextGens.weird()).checkAssert(text -> {
                Explanation e = Sockets.explain(text);
                String report = e.toString();
                assertTrue(report.startsWith("explain(\""), report);
                assertFalse(e.kind().isEmpty(), report);
                // One line a fact: nothing quoted from the text can add a line or a control character.
                assertEquals(e.lines().size() + 1, report.split("\n", -1).length, report);
                assertTrue(report.chars().noneMatch(c -> c < 0x20 && c != '\n'), report);
            });
        }
    }

    @Test
    void explain_with_any_port_text_never_throws() {
        try (var dns = FakeResolver.install()) {
            Pbt.qt(500).forAll(TextGens.weird(), TextGens.weird()).checkAssert((host, port) -> {
                Explanation e = Sockets.explain(host, port);
                assertTrue(e.toString().startsWith("explain(\""), e.toString());
                assertTrue(e.lines().stream().anyMatch(l -> l.startsWith("port ") || l.startsWith("service ")), e.toString());
            });
        }
    }

    @Test
    void every_address_the_strict_parser_takes_is_read_alike_or_its_differences_named() {
        try (var dns = FakeResolver.install()) {
            Pbt.qt(500).forAll(Gens.anyInt()).checkAssert(bits -> {
                Host.Ipv4 a = Host.of(bits);
                Explanation e = Sockets.explain(a.text());
                assertEquals(a.text(), e.canonical());
                assertEquals("read       as " + a.text() + " by C (inet_aton), Python (ipaddress), Java (InetAddress) and this library",
                        e.lines().get(0));
            });
        }
    }
}
