package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.Gens;
import dev.sockets.testing.NoDnsResolver;
import dev.sockets.testing.Parsers;
import dev.sockets.testing.Pbt;
import dev.sockets.testing.ReliabilityLog;
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
                assertTrue(took < TimeUnit.SECONDS.toNanos(1), name + " took " + took / 1_000_000 + " ms on " + text.length() + " chars");
                TRIED.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
            }
            assertEquals(0, noDns.asked());
        });
    }
}
