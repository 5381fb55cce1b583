package dev.sockets.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An example or script run as a user runs it ({@code java -cp sockets.jar examples/X.java},
 * {@code jshell --class-path sockets.jar script.jsh}), its output collected line by line so a
 * test can wait for a line (readiness) instead of sleeping. Uses the JDK running the tests.
 */
public final class ExampleProcess implements AutoCloseable {
    /** The packaged jar (Failsafe's {@code sockets.jar} property). */
    public static final Path JAR = Path.of(System.getProperty("sockets.jar", "target/sockets.jar"));
    /** The project directory, where examples/ and jshell-scripts/ are. */
    public static final Path BASE = Path.of(System.getProperty("sockets.basedir", "."));
    private static final String BIN = System.getProperty("java.home") + "/bin/";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;

    private ExampleProcess(List<String> command) throws IOException {
        process = new ProcessBuilder(command).directory(BASE.toFile()).redirectErrorStream(true).start();
        reader = new Thread(() -> {
            try (var r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    all.add(line);
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // The process ended; what it printed is in `all`.
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code java -cp sockets.jar examples/NAME.java args...}. */
    public static ExampleProcess example(String name, String... args) throws IOException {
        var cmd = new ArrayList<>(List.of(BIN + "java", "-cp", JAR.toString(), "examples/" + name + ".java"));
        cmd.addAll(List.of(args));
        return new ExampleProcess(cmd);
    }

    /** Starts {@code jshell --class-path sockets.jar jshell-scripts/NAME}. */
    public static ExampleProcess jshell(String script) throws IOException {
        // JShell keeps its settings in java.util.prefs, which logs "Created user preferences
        // directory." to stderr (merged into the output checked here) the first time a user runs
        // it: a preferences root that already exists keeps a fresh machine's output the same.
        Path prefs = BASE.resolve("target").resolve("jshell-prefs").toAbsolutePath();
        java.nio.file.Files.createDirectories(prefs.resolve(".java").resolve(".userPrefs"));
        return new ExampleProcess(List.of(BIN + "jshell", "-J-Djava.util.prefs.userRoot=" + prefs,
                "--class-path", JAR.toString(), "jshell-scripts/" + script));
    }

    /** Waits (at most 30 s) for the next line matching the whole pattern, skipping others. */
    public Matcher await(String regex) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                break;
            }
            Matcher m = p.matcher(line);
            if (m.matches()) {
                return m;
            }
        }
        throw new AssertionError("no line matching " + regex + " in " + all);
    }

    /** Waits (at most 60 s) for the process to end and returns its exit code. */
    public int exit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("process still running after 60 s; printed " + all);
        }
        return process.exitValue();
    }

    /** Everything it printed, each line ended by a newline, once it has ended. */
    public String output() throws InterruptedException {
        exit();
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return String.join("\n", all) + (all.isEmpty() ? "" : "\n");
    }

    /** What it printed so far, for failure messages. */
    public List<String> printed() {
        return List.copyOf(all);
    }

    /** Kills the process at once (SIGKILL), as a crash would: no shutdown hooks, no cleanup. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Stops the process if it still runs. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
