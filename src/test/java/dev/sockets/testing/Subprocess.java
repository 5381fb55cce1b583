package dev.sockets.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A program run as a user runs it (java, jshell, a launcher script), with its output read line by
 * line as it comes: a test waits for a line ("Listening on ...") instead of sleeping.
 * Always close it: that destroys the process and its children.
 */
public final class Subprocess implements AutoCloseable {
    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final StringBuffer errors = new StringBuffer();

    private Subprocess(Process process) {
        this.process = process;
        Thread out = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)), true), "subprocess-stdout");
        Thread err = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8)), false), "subprocess-stderr");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
    }

    private void pump(BufferedReader r, boolean stdout) {
        try (r) {
            for (String line; (line = r.readLine()) != null; ) {
                if (stdout) {
                    lines.add(line);
                } else {
                    errors.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            // The process went away; EOF below says so.
        } finally {
            if (stdout) {
                lines.add(EOF);
            }
        }
    }

    /** Starts {@code command} in {@code dir}, with extra environment variables. */
    public static Subprocess start(Path dir, Map<String, String> env, List<String> command) throws IOException {
        var pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        return new Subprocess(pb.start());
    }

    /** Starts {@code command} in {@code dir}. */
    public static Subprocess start(Path dir, List<String> command) throws IOException {
        return start(dir, Map.of(), command);
    }

    /** The JDK tool running these tests: {@code java}, {@code jshell}. */
    public static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /** Writes to the process's standard input and closes it. */
    public void input(String text) throws IOException {
        try (Writer w = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            w.write(text);
        }
    }

    /**
     * Blocks until a line matching {@code wanted} arrives and returns it.
     *
     * @throws AssertionError if the output ends or {@code limit} passes first, with all output so far
     */
    public String await(Predicate<String> wanted, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("no such line within " + limit + "; output so far: " + seen + "; stderr: " + errors);
            }
            if (line.equals(EOF)) {
                lines.add(EOF);
                throw new AssertionError("output ended without such a line; output: " + seen + "; stderr: " + errors);
            }
            seen.add(line);
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** Blocks until a line starting with {@code prefix} arrives. */
    public String awaitPrefix(String prefix, Duration limit) throws InterruptedException {
        return await(l -> l.startsWith(prefix), limit);
    }

    /** Blocks until the process ends (at most {@code limit}) and returns every stdout line it printed. */
    public List<String> finish(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + limit + "; output so far: " + seen + "; stderr: " + errors);
        }
        while (true) {
            String line = lines.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null || line.equals(EOF)) {
                break;
            }
            seen.add(line);
        }
        return List.copyOf(seen);
    }

    /** The exit code, once {@link #finish} returned. */
    public int exitCode() {
        return process.exitValue();
    }

    /** The process id: with {@code bash -c '... && exec java ...'}, the JVM's own. */
    public long pid() {
        return process.pid();
    }

    /** What the process wrote to stderr so far. */
    public String errors() {
        return errors.toString();
    }

    /** Destroys the process and its children, if still running. */
    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
