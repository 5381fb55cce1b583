package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.NoDnsResolver;
import dev.sockets.testing.Parsers;
import dev.sockets.testing.ReliabilityLog;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every parser of the public API (Host, Port, Endpoint, Domain, Type, Protocol, Ipv4 strict and
 * lenient, Ipv6) against random and hostile text (issue 6): a value or an {@link AddressError},
 * nothing thrown, no DNS look-up (a resolver that fails the test is installed), and no slow
 * path (each call well under a second, even for long inputs).
 */
class AddressErrorProperties {
    private static NoDnsResolver noDns;
    private static final Map<String, AtomicLong> TRIED = new ConcurrentHashMap<>();
    private static final AtomicLong SLOWEST = new AtomicLong();

    @BeforeContainer
    static void install() {
        noDns = NoDnsResolver.install();
    }

    @AfterContainer
    static void uninstall() {
        long asked = noDns.asked();
        noDns.close();
        TRIED.forEach((name, n) -> ReliabilityLog.record("bad-input", "jqwik random/hostile text: " + name, n.get(), n.get(), 0,
                "resolver asked " + asked + " times; slowest call " + TimeUnit.NANOSECONDS.toMicros(SLOWEST.get()) + " us"));
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> pieces = Arbitraries.of("[", "]", ":", "::", "%", ".", "0x", "0", "00", "255", "256", "4294967296",
                "ffff", "::ffff:", "<broadcast>", "localhost", "-", "+", " ", "\t", "\u0000", "\uFFFF", "é", "9".repeat(40),
                "a".repeat(70), "AF_INET", "SOCK_", "IPPROTO_", "tcp", "www", "%lo", "1.2.3.4", "\uD800", "/", "@", "\\");
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(80),
                Arbitraries.strings().withChars("0123456789abcdefx.:[]%").ofMaxLength(60),
                pieces.list().ofMaxSize(12).map(l -> String.join("", l)),
                Arbitraries.strings().withChars(".:0123456789").ofMinLength(1000).ofMaxLength(20_000));
    }

    @Property(tries = 3000)
    void every_parser_returns_a_value_or_an_AddressError_and_never_asks_the_resolver(@ForAll("hostile") String text) {
        for (String name : Parsers.ALL.keySet()) {
            long t0 = System.nanoTime();
            Parsers.check(name, text);
            long took = System.nanoTime() - t0;
            SLOWEST.accumulateAndGet(took, Math::max);
            assertTrue(took < TimeUnit.SECONDS.toNanos(1), name + " took " + took / 1_000_000 + " ms on " + text.length() + " chars");
            TRIED.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
        }
        assertEquals(0, noDns.asked());
    }
}
