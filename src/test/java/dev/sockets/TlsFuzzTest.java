package dev.sockets;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.sockets.internal.tls.Der;
import dev.sockets.internal.tls.Pem;
import dev.sockets.testing.ReliabilityLog;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;

/**
 * Coverage-guided fuzzing (Jazzer) of the PEM and DER readers: for any bytes, certificates, a key
 * or a {@link TlsError} (a {@code Der.Malformed} from the DER reader), no other exception, no hang.
 *
 * <p>Under {@code mvn test} each target runs its seeds (a certificate chain and keys in each PEM
 * form, under {@code TlsFuzzTestInputs}). The reliability stage of {@code .ci/run} fuzzes each
 * target for a bounded time: {@code JAZZER_FUZZ=1 mvn test -Dtest='TlsFuzzTest#pemKey'}.
 */
class TlsFuzzTest {
    private static final Map<String, AtomicLong> PER = new ConcurrentHashMap<>();

    @AfterAll
    static void record() {
        String fuzz = System.getenv("JAZZER_FUZZ");
        if (fuzz != null && !fuzz.isEmpty()) { // the seed-only run of every build tries a handful of inputs: not worth a row
            PER.forEach((name, n) -> ReliabilityLog.record("bad-input", "Jazzer fuzzing (20 s): " + name,
                    n.get(), n.get(), 0, "only the library's own errors"));
        }
    }

    private static void count(String reader) {
        PER.computeIfAbsent(reader, k -> new AtomicLong()).incrementAndGet();
    }

    @FuzzTest(maxDuration = "20s")
    void pemCertificates(@NotNull byte[] file) {
        count("Pem.certificates");
        try {
            if (Pem.certificates(file, "fuzz.pem").isEmpty()) {
                throw new AssertionError("certificates() returned none instead of refusing the file");
            }
        } catch (TlsError e) {
            // The library's own refusal: what bad input must give.
        }
    }

    @FuzzTest(maxDuration = "20s")
    void pemKey(@NotNull byte[] file) {
        count("Pem.privateKey");
        try {
            Pem.privateKey(file, "fuzz.pem");
        } catch (TlsError e) {
            // The library's own refusal.
        }
    }

    @FuzzTest(maxDuration = "20s")
    void der(@NotNull byte[] der) {
        count("Der reader");
        try {
            Der.check(der, 32);
            // Well-formed: read every primitive the ways the key readers do.
            var pending = new java.util.ArrayDeque<Der.Reader>();
            pending.push(new Der.Reader(der));
            while (!pending.isEmpty()) {
                Der.Reader r = pending.peek();
                if (!r.more()) {
                    pending.pop();
                    continue;
                }
                Der.Element e = r.next();
                switch (e.tag()) {
                    case Der.INTEGER -> e.integer();
                    case Der.OID -> e.oid();
                    case Der.BIT_STRING -> e.bits();
                    default -> {
                        if ((e.tag() & 0x20) != 0) {
                            pending.push(e.children());
                        }
                    }
                }
            }
        } catch (Der.Malformed e) {
            if (e.position() < 0 || e.position() > der.length) {
                throw new AssertionError("position " + e.position() + " outside " + der.length + " bytes", e);
            }
        }
    }
}
