package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.Gens;
import dev.sockets.testing.NoDnsResolver;
import dev.sockets.testing.Parsers;
import dev.sockets.testing.Pbt;
import dev.sockets.testing.ReliabilityLog;
import dev.sockets.testing.SafeMessages;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Every parser of the public API (Host, Port, Endpoint, Domain, Type, Protocol, Ipv4 strict and
 * lenient, Ipv6) against random and hostile text: a value or an {@link AddressError},
 * nothing thrown, no DNS look-up (a resolver that fails the test is installed), and no slow
 * path (each call well under a second, even for long inputs).
 */
class AddressErrorProperties {
    private static NoDnsResolver noDns;
    private static final Map<String, AtomicLong> TRIED = new ConcurrentHashMap<>();
    private static final AtomicLong SLOWEST = new AtomicLong();

    @BeforeAll
    static void install() {
        noDns = NoDnsResolver.install();
    }

    @AfterAll
    static void uninstall() {
        long asked = noDns.asked();
        noDns.close();
        TRIED.forEach((name, n) -> ReliabilityLog.record("bad-input", "random/hostile text: " + name, n.get(), n.get(), 0,
                "resolver asked " + asked + " times; slowest call " + TimeUnit.NANOSECONDS.toMicros(SLOWEST.get()) + " us"));
    }

    private static Gen<String> hostile() {
        Gen<String> pieces = Gens.of("[", "]", ":", "::", "%", ".", "0x", "0", "00", "255", "256", "4294967296",
                "ffff", "::ffff:", "<broadcast>", "localhost", "-", "+", " ", "\t", "\u0000", "\uFFFF", "é", "9".repeat(40),
                "a".repeat(70), "AF_INET", "SOCK_", "IPPROTO_", "tcp", "www", "%lo", "1.2.3.4", "\uD800", "/", "@", "\\");
        return Gens.oneOf(
                Gens.strings(80),
                Gens.strings(Gens.charsOf("0123456789abcdefx.:[]%"), 0, 60),
                Gens.lists(pieces, 0, 12).map(l -> String.join("", l)),
                Gens.strings(Gens.charsOf(".:0123456789"), 1000, 20_000));
    }

    @Test
    void every_parser_returns_a_value_or_an_AddressError_and_never_asks_the_resolver() {
        Pbt.qt(3000).forAll(hostile()).checkAssert(text -> {
            for (String name : Parsers.ALL.keySet()) {
                long t0 = System.nanoTime();
                Parsers.check(name, text);
                long took = System.nanoTime() - t0;
                SLOWEST.accumulateAndGet(took, Math::max);
                // How long is a figure (SLOWEST, in RELIABILITY.md); only an absurd time fails, one
                // no scheduler delay explains for a text of at most 20,000 chars.
                assertTrue(took < TimeUnit.SECONDS.toNanos(30), name + " took " + took / 1_000_000 + " ms on " + text.length() + " chars");
                TRIED.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
            }
            assertEquals(0, noDns.asked());
        });
    }

    /** Text with the characters that forge log lines or reorder a terminal mixed into address-like pieces, now and then huge. */
    private static Gen<String> withControls() {
        Gen<String> controls = Gens.oneOf(
                Gens.chars('\u0000', '\u001f').map(c -> String.valueOf(c)),
                Gens.chars('\u007f', '\u009f').map(c -> String.valueOf(c)),
                Gens.of("\r\n", "\n2024-01-01 INFO forged", "\u001b[31m", "\u001b]0;t\u0007", "\u2028", "\u2029",
                        "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
                        "\u200e", "\u200f", "\u061c", "\uD800", "\uDC00", "\\", "\\n", "\uD83D\uDE00"));
        Gen<String> mixed = Gens.lists(Gens.oneOf(controls, hostile(), Gens.of("fe80::1%", "[::1]:", "localhost:", "127.0.0.1:80",
                "010.0.0.1", "1.2.3", "WWW", "<x>")), 1, 8).map(l -> String.join("", l));
        Gen<String> huge = mixed.zip(Gens.ints(10_000, 300_000), (m, n) -> m.repeat(Math.max(1, n / Math.max(1, m.length()))));
        return Gens.frequency(Gens.weight(20, mixed), Gens.weight(1, huge));
    }

    @Test
    void no_message_contains_a_control_character_or_exceeds_the_bound_whatever_the_input() {
        Pbt.qt(2000).forAll(withControls()).checkAssert(text -> {
            for (var parser : Parsers.ALL.entrySet()) {
                var r = parser.getValue().apply(text);
                if (r.isLeft()) {
                    AddressError e = r.getLeft();
                    assertEquals(text, e.input(), parser.getKey() + " keeps the input whole");
                    try {
                        SafeMessages.check(e.getMessage());
                    } catch (AssertionError bad) {
                        throw new AssertionError(parser.getKey() + ": " + bad.getMessage(), bad);
                    }
                }
            }
        });
    }
}
