package dev.sockets;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.sockets.testing.NoDnsResolver;
import dev.sockets.testing.Parsers;
import dev.sockets.testing.ReliabilityLog;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing (Jazzer) of every parser: for any text, a value or an
 * {@link AddressError}, no other exception, no hang, no DNS look-up.
 *
 * <p>Under {@code mvn test} each target runs its seeds (regression mode, milliseconds). The
 * reliability stage of {@code .ci/run} fuzzes each target for a bounded time:
 * {@code JAZZER_FUZZ=1 mvn test -Dtest='ParsersFuzzTest#host'} (one target per run: Jazzer fuzzes
 * one test per JVM).
 */
class ParsersFuzzTest {
    private static NoDnsResolver noDns;
    private static final AtomicLong RUNS = new AtomicLong();
    private static final java.util.Map<String, AtomicLong> PER = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void noDns() {
        noDns = NoDnsResolver.install();
    }

    @AfterAll
    static void record() {
        noDns.close();
        boolean fuzzing = System.getenv("JAZZER_FUZZ") != null && !System.getenv("JAZZER_FUZZ").isEmpty();
        if (fuzzing) { // the seed-only run of every build tries a handful of inputs: not worth a row
            PER.forEach((name, n) -> ReliabilityLog.record("bad-input", "Jazzer fuzzing (20 s): " + name,
                    n.get(), n.get(), 0, "resolver asked " + noDns.asked() + " times"));
        }
    }

    private static void run(String parser, String text) {
        PER.computeIfAbsent(parser, k -> new AtomicLong()).incrementAndGet();
        RUNS.incrementAndGet();
        Parsers.check(parser, text);
    }

    @FuzzTest(maxDuration = "20s")
    void host(@NotNull String text) {
        run("Host.parse", text);
    }

    @FuzzTest(maxDuration = "20s")
    void port(@NotNull String text) {
        run("Port.parse", text);
    }

    @FuzzTest(maxDuration = "20s")
    void endpoint(@NotNull String text) {
        run("Endpoint.parse", text);
    }

    @FuzzTest(maxDuration = "20s")
    void names(@NotNull String text) {
        run("Domain.parse", text);
        run("Type.parse", text);
        run("Protocol.parse", text);
    }

    @FuzzTest(maxDuration = "20s")
    void ipv4Lenient(@NotNull String text) {
        run("Ipv4.parseLenient", text);
        run("Ipv4.parse", text);
    }

    @FuzzTest(maxDuration = "20s")
    void ipv6(@NotNull String text) {
        run("Ipv6.parse", text);
    }
}
