package bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A server in a process of its own, with what /proc says about it. */
final class Proc implements AutoCloseable {
    /** The same flags for every server, whatever it is: the JVM's defaults but a fixed heap ceiling. */
    static final List<String> JVM_FLAGS = List.of("-Xmx2g", "-XX:+UseG1GC");
    /** For the idle-memory scenario: a fixed, pre-touched heap, so that RSS grows only outside it. */
    static final List<String> IDLE_FLAGS = List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-XX:+UseG1GC");

    final Process process;
    final int port;
    private final BufferedReader out;
    private final PrintWriter in;

    Proc(String java, String classpath, String impl) throws IOException {
        this(java, classpath, impl, JVM_FLAGS);
    }

    Proc(String java, String classpath, String impl, List<String> flags) throws IOException {
        this(javaCommand(java, classpath, impl, flags), impl);
    }

    /**
     * A server started by {@code cmd}, which prints {@code PORT n} once it listens and ends when
     * its standard input closes: a {@code bench.ServerMain} or the C server of {@code bench/lab}.
     */
    Proc(List<String> cmd, String name) throws IOException {
        process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        try {
            String line = out.readLine();
            if (line == null || !line.startsWith("PORT ")) {
                throw new IOException("server " + name + " did not start: " + line);
            }
            port = Integer.parseInt(line.substring(5).trim());
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static List<String> javaCommand(String java, String classpath, String impl, List<String> flags) {
        var cmd = new ArrayList<String>();
        cmd.add(java);
        cmd.addAll(flags);
        // The TLS servers' identity, made once by the suite (Tls.makeKeystore).
        String keystore = System.getProperty(Tls.KEYSTORE_PROPERTY);
        if (keystore != null) {
            cmd.add("-D" + Tls.KEYSTORE_PROPERTY + "=" + keystore);
            // Every handshake a full one: the JDK servers take no pre-shared key (no resumption),
            // so that a client's session cache cannot turn the handshake scenario into resumptions.
            cmd.add("-Djdk.tls.server.disableExtensions=pre_shared_key");
        }
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add("bench.ServerMain");
        cmd.add(impl);
        return cmd;
    }

    long pid() {
        return process.pid();
    }

    /** Full GC in the server; returns the heap it keeps (bytes in use after it). */
    long gc() throws IOException {
        in.println("gc");
        String line = out.readLine();
        if (line == null || !line.startsWith("OK ")) {
            throw new IOException("gc: " + line);
        }
        return Long.parseLong(line.substring(3).trim());
    }

    /** utime + stime of the whole process, in nanoseconds. */
    long cpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * (1_000_000_000L / 100); // USER_HZ is 100 on Linux
    }

    /**
     * The process's CPU time by what its threads do, in nanoseconds: {@code jit} (the C1 and C2
     * compiler threads), {@code gc} (G1's threads) and {@code work} (the rest: the server's own
     * threads, the JVM's others). Threads that ended are not counted, so take it of a server
     * whose threads live as long as it does.
     */
    java.util.Map<String, Long> cpuByKind() throws IOException {
        var kinds = new java.util.TreeMap<String, Long>(java.util.Map.of("jit", 0L, "gc", 0L, "work", 0L));
        try (var tasks = Files.list(Path.of("/proc/" + pid() + "/task"))) {
            for (Path t : tasks.toList()) {
                String name;
                String stat;
                try {
                    name = Files.readString(t.resolve("comm")).trim();
                    stat = Files.readString(t.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long nanos = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * (1_000_000_000L / 100);
                String kind = name.contains("CompilerThre") ? "jit"
                        : name.startsWith("G1 ") || name.startsWith("GC Thread") ? "gc" : "work";
                kinds.merge(kind, nanos, Long::sum);
            }
        }
        return kinds;
    }

    /** A field of /proc/pid/status in KiB (VmRSS, VmHWM) or as a count (Threads). */
    long status(String field) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
            if (l.startsWith(field + ":")) {
                return Long.parseLong(l.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no " + field + " in /proc/" + pid() + "/status");
    }

    @Override
    public void close() {
        in.close();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
