package dev.sockets.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.AsString;
import org.quicktheories.core.ExceptionReporter;
import org.quicktheories.core.NoGuidance;

/**
 * The start of every property: {@code Pbt.qt(tries).forAll(...).checkAssert(...)}.
 *
 * <p>QuickTheories draws a fresh seed per property unless the system property {@value #SEED} is set,
 * and prints it on failure. A failure here adds the Maven command that runs that one property again
 * with that seed, so that the same values are generated and shrunk to the same counterexample, on
 * any JDK (see {@link Gens#anyChar()}).
 *
 * <p>QuickTheories runs the body once per distinct generated case: a case drawn twice counts as a
 * try but runs once. With {@code -D}{@value #REPORT}{@code =FILE} each property appends to FILE its
 * tries and the cases it ran, so that a run shows how much each property really checked.
 */
public final class Pbt {
    /** QuickTheories' own system property for the seed; Surefire passes {@code -D} options on to the test JVM. */
    public static final String SEED = "QT_SEED";

    /** The system property naming the file for the tries and cases run, per property. */
    public static final String REPORT = "pbt.report";

    private static final Map<String, long[]> RUNS = new ConcurrentHashMap<>();

    static {
        String report = System.getProperty(REPORT);
        if (report != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                var b = new StringBuilder();
                new TreeMap<>(RUNS).forEach((test, n) -> b.append(test).append('\t').append(n[0]).append('\t').append(n[1]).append('\n'));
                try {
                    Files.writeString(Path.of(report), b, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
    }

    private Pbt() {
    }

    /** A theory run for {@code tries} generated cases, whose failure message says how to replay it. */
    public static QuickTheory qt(int tries) {
        StackWalker.StackFrame caller = StackWalker.getInstance()
                .walk(s -> s.filter(f -> !f.getClassName().equals(Pbt.class.getName())).findFirst().orElseThrow());
        String test = caller.getClassName().substring(caller.getClassName().lastIndexOf('.') + 1) + "#" + caller.getMethodName();
        long[] counts = {tries, 0};
        RUNS.put(test, counts);
        return QuickTheory.qt().withExamples(tries).withReporter(new Replay(test)).withGuidance(prng -> new NoGuidance() {
            @Override
            public void exampleExecuted() {
                counts[1]++;
            }
        });
    }

    /** A property body that may throw checked exceptions, as socket code does. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body}, turning a checked exception into a failure of the property. */
    public static void unchecked(Body body) {
        try {
            body.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("threw " + e, e);
        }
    }

    /** QuickTheories' report, followed by the command that replays it. */
    private static final class Replay extends ExceptionReporter {
        private final String test;

        Replay(String test) {
            this.test = test;
        }

        @Override
        public void falisification(long seed, int examplesUsed, Object smallest, List<Object> examples,
                                   AsString<Object> toString) {
            try {
                super.falisification(seed, examplesUsed, smallest, examples, toString);
            } catch (AssertionError e) {
                throw withReplay(e, seed);
            }
        }

        @Override
        public void falisification(long seed, int examplesUsed, Object smallest, Throwable cause,
                                   List<Object> examples, AsString<Object> toString) {
            try {
                super.falisification(seed, examplesUsed, smallest, cause, examples, toString);
            } catch (AssertionError e) {
                throw withReplay(e, seed);
            }
        }

        private AssertionError withReplay(AssertionError e, long seed) {
            var r = new AssertionError(e.getMessage() + "\nReplay: mvn test -Dtest='" + test + "' -D" + SEED + "=" + seed, e.getCause());
            r.setStackTrace(e.getStackTrace());
            return r;
        }
    }
}
