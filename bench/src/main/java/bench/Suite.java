package bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The benchmark suite: every server in a process of its own, loaded from this one, all in one
 * run, so that each figure has a raw java.net figure of the same run beside it.
 *
 * <pre>
 * bench/run            the full suite (under 15 minutes on 2 cores)
 * bench/run --quick    fewer round trips and bytes (under 2 minutes)
 * </pre>
 *
 * Writes bench/results/results.md (tables and targets), results.csv and chart.png.
 */
public final class Suite {
    static final String RAW = "raw-platform";

    /** One figure for each contender. */
    static final class Metric {
        final String id;
        final String title;
        final String unit;
        final boolean higherBetter;
        final String baseline;
        final Map<String, Double> values = new LinkedHashMap<>();

        Metric(String id, String title, String unit, boolean higherBetter, String baseline) {
            this.id = id;
            this.title = title;
            this.unit = unit;
            this.higherBetter = higherBetter;
            this.baseline = baseline;
        }

        /** Per-round figures of the interleaved scenarios: rounds of two servers ran side by side in time. */
        final Map<String, double[]> rounds = new LinkedHashMap<>();

        Double ratio(String who) {
            return ratio(who, baseline);
        }

        /**
         * {@code who}'s figure over {@code than}'s: for interleaved scenarios the median of the
         * per-round ratios (each pair measured moments apart, so that a change of the machine's
         * state between rounds, as load from elsewhere starting or stopping, cancels out), else
         * the ratio of the figures.
         */
        Double ratio(String who, String than) {
            double[] a = rounds.get(who);
            double[] b = rounds.get(than);
            if (a != null && b != null && a.length == b.length && a.length > 0) {
                double[] r = new double[a.length];
                for (int i = 0; i < a.length; i++) {
                    r[i] = a[i] / b[i];
                }
                return median(r);
            }
            Double v = values.get(who);
            Double w = values.get(than);
            return v == null || w == null || w == 0 ? null : v / w;
        }
    }

    final boolean quick;
    final String java;
    final String classpath;
    final Path out;
    final List<Metric> metrics = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final long suiteDeadline;
    /** The TLS scenarios, when this run has them. */
    TlsScenarios tls;

    Suite(boolean quick, Path out) {
        this(quick, out, 0);
    }

    /** {@code extraSeconds}: the TLS scenarios' share of the time bound, when they run. */
    Suite(boolean quick, Path out, long extraSeconds) {
        this.quick = quick;
        this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.classpath = System.getProperty("java.class.path");
        this.out = out;
        this.suiteDeadline = System.nanoTime() + ((quick ? 110L : 840L) + extraSeconds) * 1_000_000_000L;
    }

    Metric metric(String id, String title, String unit, boolean higherBetter, String baseline) {
        for (Metric m : metrics) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        var m = new Metric(id, title, unit, higherBetter, baseline);
        metrics.add(m);
        return m;
    }

    /** A deadline for one load: its own bound, and never past the suite's. */
    long deadline(double seconds) {
        return Math.min(System.nanoTime() + (long) (seconds * 1e9), suiteDeadline);
    }

    static boolean virtualOk() {
        return Runtime.version().feature() >= 21;
    }

    List<String> tcpServers() {
        var l = new ArrayList<String>(List.of("lib", "lib-platform"));
        if (virtualOk()) {
            l.add("lib-virtual");
        }
        l.add("lib-events");
        l.add(RAW);
        if (virtualOk()) {
            l.add("raw-virtual");
        }
        l.add("netty-epoll");
        l.add("netty-nio");
        return l;
    }

    static boolean libClient(String server) {
        return server.startsWith("lib");
    }

    Proc start(String impl) throws IOException {
        return new Proc(java, classpath, impl);
    }

    static void log(String s) {
        System.out.println(s);
        System.out.flush();
    }

    // ---- the scenarios ---------------------------------------------------------------------

    /** Starts every server of a scenario at once, so that its rounds interleave: load from elsewhere hits all alike. */
    List<Proc> startAll(List<String> servers) throws IOException {
        var procs = new ArrayList<Proc>();
        try {
            for (String s : servers) {
                procs.add(start(s));
            }
        } catch (IOException | RuntimeException e) {
            procs.forEach(Proc::close);
            throw e;
        }
        return procs;
    }

    static void closeAll(List<Proc> procs) {
        procs.forEach(Proc::close);
    }

    void pingPong(String suffix, List<String> servers) throws Exception {
        int warm = quick ? 5_000 : 20_000;
        int rounds = quick ? 4 : 10;
        int perRound = quick ? 5_000 : 10_000;
        var med = metric("pp.median" + suffix, "Ping-pong 64 B, 1 connection, median (of round medians)" + titleJdk(suffix), "µs", false, RAW);
        var p99 = metric("pp.p99" + suffix, "Ping-pong 64 B, 1 connection, p99" + titleJdk(suffix), "µs", false, RAW);
        List<Proc> procs = startAll(servers);
        var clients = new ArrayList<Loads.Client>();
        try {
            for (int i = 0; i < servers.size(); i++) {
                Loads.Client c = Loads.connect(libClient(servers.get(i)), procs.get(i).port);
                clients.add(c);
                Loads.pingPong(c, warm, deadline(30));
            }
            var samples = new ArrayList<long[]>();
            for (int i = 0; i < servers.size(); i++) {
                samples.add(new long[0]);
            }
            double[][] roundMedians = new double[servers.size()][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < servers.size(); i++) {
                    long[] got = Loads.pingPong(clients.get(i), perRound, deadline(30));
                    long[] sorted = got.clone();
                    Arrays.sort(sorted);
                    roundMedians[i][r] = sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2] / 1e3;
                    long[] all = Arrays.copyOf(samples.get(i), samples.get(i).length + got.length);
                    System.arraycopy(got, 0, all, samples.get(i).length, got.length);
                    samples.set(i, all);
                }
            }
            for (int i = 0; i < servers.size(); i++) {
                long[] rtt = samples.get(i);
                Arrays.sort(rtt);
                String s = servers.get(i);
                // The median of the rounds' medians: a round that met a burst of load from elsewhere
                // moves it less than it would move the median of all samples.
                double median = median(roundMedians[i]);
                med.values.put(s, median);
                med.rounds.put(s, roundMedians[i]);
                p99.values.put(s, rtt[(int) (rtt.length * 0.99)] / 1e3);
                log(String.format(Locale.ROOT, "  ping-pong%s %-13s median %.1f µs, p99 %.1f µs (%d round trips in %d rounds; round medians %s)",
                        suffix, s, median, rtt[(int) (rtt.length * 0.99)] / 1e3, rtt.length, rounds,
                        Arrays.toString(Arrays.stream(roundMedians[i]).map(v -> Math.round(v * 10) / 10.0).toArray())));
            }
        } finally {
            for (Loads.Client c : clients) {
                c.close();
            }
            closeAll(procs);
        }
    }

    /** The median of a few values. */
    /**
     * The median; of an even count, the mean of the middle two. (It took the upper one before:
     * with 16 UDP rounds and 10 ping-pong rounds that leaned every ratio upwards, in the
     * library's favour for UDP's "≥" and against it for ping-pong's "≤".)
     */
    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        int n = c.length;
        return n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
    }

    void bulk(List<String> tcp) throws Exception {
        // Also the library's server with its stream API (input().transferTo(output())), beside recv/send.
        var servers = new ArrayList<>(tcp);
        servers.add(servers.indexOf("lib") + 1, "lib-stream");
        long total = quick ? 256L << 20 : 1L << 30;
        // Nine rounds: with five, one round disturbed from elsewhere (a third below the others,
        // as in run K for lib and for netty-epoll, in different rounds) moved the median ratio by 20%.
        int rounds = quick ? 2 : 9;
        var m = metric("bulk", "Bulk echo, " + (total >> 20) + " MiB in 64 KiB writes, median of " + rounds,
                "MiB/s", true, RAW);
        List<Proc> procs = startAll(servers);
        try {
            double[][] got = new double[servers.size()][rounds];
            for (int i = 0; i < servers.size(); i++) {
                // Warm-up: with 64 MiB the library's first round still ran 15-25% under its others.
                Loads.bulk(libClient(servers.get(i)), procs.get(i).port, total / 4, deadline(20));
            }
            for (int r = 0; r < rounds; r++) {
                // The order turned round every other round: the first server of a round ran slower
                // in every run (the library's first round 1,237-1,319 MiB/s, its others 1,588-1,734).
                for (int k = 0; k < servers.size(); k++) {
                    int i = r % 2 == 0 ? k : servers.size() - 1 - k;
                    got[i][r] = Loads.bulk(libClient(servers.get(i)), procs.get(i).port, total, deadline(60)) / (1 << 20);
                }
            }
            for (int i = 0; i < servers.size(); i++) {
                m.values.put(servers.get(i), median(got[i]));
                m.rounds.put(servers.get(i), got[i]);
                log(String.format(Locale.ROOT, "  bulk %-13s %.0f MiB/s %s", servers.get(i), median(got[i]),
                        Arrays.toString(Arrays.stream(got[i]).mapToLong(Math::round).toArray())));
            }
        } finally {
            closeAll(procs);
        }
    }

    /**
     * Framing's cost: {@code onReceive} with a 4-byte length prefix (each request one frame of 60
     * bytes, 64 on the wire, answered with one) against the plain {@code onReceive} echo, on the
     * load of {@link #many}: 1,000 connections, all busy. Nine runs (one in quick mode), each
     * with both servers in fresh processes side by side, 1,000 connections to each: a batch of
     * 100,000 round trips to each from its cold start (the order turned every other run), one
     * batch each to warm up, then three pairs of warmed-up batches, A B, B A, A B, so that each
     * warmed-up ratio compares batches moments apart. A run's figure is the median of its three;
     * the ratio is the median of the per-run ratios.
     */
    void framing() throws Exception {
        int conns = 1000;
        int rounds = quick ? 20 : 100;
        // Nine: on two shared cores one run's CPU per round trip moves by 15% from the next's.
        int runs = quick ? 1 : 9;
        List<String> servers = List.of("lib-events", "lib-events-framed");
        var cpu = metric("framing.cpu", conns + " × " + rounds + " frames: server CPU per round trip, from a cold start", "µs", false, "lib-events");
        var warmCpu = metric("framing.cpu.warm", conns + " × " + rounds + " frames: server CPU per round trip, warmed up", "µs", false, "lib-events");
        var rate = metric("framing.rate", conns + " × " + rounds + " frames: round trips/s", "round trips/s", true, "lib-events");
        byte[] frame = new byte[64];
        frame[3] = 60; // a 60-byte frame after its 4-byte big-endian length
        Map<String, double[][]> got = new LinkedHashMap<>();
        for (String s : servers) {
            got.put(s, new double[3][runs]);
        }
        for (int r = 0; r < runs; r++) {
            List<String> order = r % 2 == 0 ? servers : List.of(servers.get(1), servers.get(0));
            Map<String, Proc> procs = new LinkedHashMap<>();
            Map<String, List<SocketChannel>> chs = new LinkedHashMap<>();
            try {
                for (String s : order) {
                    Proc p = start(s);
                    procs.put(s, p);
                    chs.put(s, Loads.open(p.port, conns, deadline(60)));
                }
                Map<String, String> coldKinds = new LinkedHashMap<>();
                for (String s : order) {
                    Proc p = procs.get(s);
                    double[][] g = got.get(s);
                    long c0 = p.cpuNanos();
                    var k0 = p.cpuByKind();
                    long t0 = System.nanoTime();
                    long trips = Loads.roundTrips(chs.get(s), rounds, deadline(90), frame);
                    long t1 = System.nanoTime();
                    g[0][r] = trips * 1e9 / (t1 - t0);
                    g[1][r] = (p.cpuNanos() - c0) / 1e3 / trips;
                    // Where a cold start's CPU went: the JIT's compiler threads, the GC's, the rest.
                    coldKinds.put(s, kinds(k0, p.cpuByKind(), trips));
                }
                for (String s : order) {
                    Loads.roundTrips(chs.get(s), rounds, deadline(90), frame);
                }
                Map<String, double[]> warm = new LinkedHashMap<>();
                Map<String, String> warmKinds = new LinkedHashMap<>();
                for (String s : order) {
                    warm.put(s, new double[3]);
                    warmKinds.put(s, "");
                }
                for (int b = 0; b < 3; b++) {
                    for (String s : b % 2 == 0 ? order : List.of(order.get(1), order.get(0))) {
                        Proc p = procs.get(s);
                        long w0 = p.cpuNanos();
                        var k0 = p.cpuByKind();
                        long warmTrips = Loads.roundTrips(chs.get(s), rounds, deadline(90), frame);
                        warm.get(s)[b] = warmTrips == 0 ? Double.NaN : (p.cpuNanos() - w0) / 1e3 / warmTrips;
                        warmKinds.put(s, warmKinds.get(s) + (b == 0 ? "" : " | ") + kinds(k0, p.cpuByKind(), warmTrips));
                    }
                }
                for (String s : servers) {
                    double[][] g = got.get(s);
                    g[2][r] = median(warm.get(s));
                    log(String.format(Locale.ROOT, "  framing %d×%d %-18s %.0f round trips/s, %.1f µs CPU each from a cold start (%s);"
                                    + " warmed up %.1f µs (batches %s; %s)",
                            conns, rounds, s, g[0][r], g[1][r], coldKinds.get(s), g[2][r],
                            Arrays.toString(warm.get(s)), warmKinds.get(s)));
                }
            } finally {
                chs.values().forEach(Loads::closeAll);
                procs.values().forEach(Proc::close);
            }
        }
        got.forEach((s, g) -> {
            rate.values.put(s, median(g[0]));
            cpu.values.put(s, median(g[1]));
            warmCpu.values.put(s, median(g[2]));
            rate.rounds.put(s, g[0]);
            cpu.rounds.put(s, g[1]);
            warmCpu.rounds.put(s, g[2]);
        });
    }

    /** A batch's server CPU per round trip by thread kind ({@link Proc#cpuByKind}), for the log. */
    private static String kinds(Map<String, Long> before, Map<String, Long> after, long trips) {
        return String.format(Locale.ROOT, "jit %.1f, gc %.1f, work %.1f µs",
                (after.get("jit") - before.get("jit")) / 1e3 / trips, (after.get("gc") - before.get("gc")) / 1e3 / trips,
                (after.get("work") - before.get("work")) / 1e3 / trips);
    }

    void many(List<String> servers) throws Exception {
        int conns = 1000;
        int rounds = quick ? 20 : 100;
        // Each server three times (once in quick mode), a fresh process each time, the order
        // turned round every other time; each figure is the median of its runs. One run each
        // spread by 15% from one suite run to the next.
        int runs = quick ? 1 : 3;
        var rate = metric("many.rate", conns + " connections × " + rounds + " round trips", "round trips/s", true, RAW);
        var cpu = metric("many.cpu", conns + " × " + rounds + ": server CPU per round trip, from a cold start", "µs", false, RAW);
        var warmCpu = metric("many.cpu.warm", conns + " × " + rounds + ": server CPU per round trip, warmed up", "µs", false, RAW);
        var rss = metric("many.rss", conns + " × " + rounds + ": server peak RSS", "MiB", false, RAW);
        Map<String, double[][]> got = new LinkedHashMap<>();
        for (String s : servers) {
            got.put(s, new double[4][runs]);
        }
        for (int r = 0; r < runs; r++) {
            for (int k = 0; k < servers.size(); k++) {
                String s = servers.get(r % 2 == 0 ? k : servers.size() - 1 - k);
                try (Proc p = start(s)) {
                    List<SocketChannel> chs = Loads.open(p.port, conns, deadline(60));
                    try {
                        double[][] g = got.get(s);
                        // A server's first round trips pay for its JIT compiling them; so does its
                        // CPU figure, as it would for a server that just started. The warm figure is
                        // a third batch on the same connections, after a second one unmeasured: what
                        // a server that has run a while pays per round trip (Netty epoll about 10 µs
                        // there against 19 µs cold; threads of any kind about 15 µs).
                        long c0 = p.cpuNanos();
                        long t0 = System.nanoTime();
                        long trips = Loads.roundTrips(chs, rounds, deadline(90));
                        long t1 = System.nanoTime();
                        g[0][r] = trips * 1e9 / (t1 - t0);
                        g[1][r] = (p.cpuNanos() - c0) / 1e3 / trips;
                        // The peak of the scenario's load (1,000 connections × 100 round trips), before the warm
                        // batches: the heap goes on growing with them (in a trial run the library's
                        // to 131–138 MiB after three batches, Netty epoll's, pooled buffers, to 105).
                        g[3][r] = p.status("VmHWM") / 1024.0;
                        Loads.roundTrips(chs, rounds, deadline(90));
                        long w0 = p.cpuNanos();
                        long warmTrips = Loads.roundTrips(chs, rounds, deadline(90));
                        // NaN (no figure) if the suite's deadline cut the batch short.
                        g[2][r] = warmTrips == 0 ? Double.NaN : (p.cpuNanos() - w0) / 1e3 / warmTrips;
                        log(String.format(Locale.ROOT, "  %d×%d %-13s %.0f round trips/s, %.1f µs CPU each (%.1f warmed up), peak RSS %.0f MiB",
                                conns, rounds, s, g[0][r], g[1][r], g[2][r], g[3][r]));
                    } finally {
                        Loads.closeAll(chs);
                    }
                }
            }
        }
        got.forEach((s, g) -> {
            rate.values.put(s, median(g[0]));
            cpu.values.put(s, median(g[1]));
            warmCpu.values.put(s, median(g[2]));
            rss.values.put(s, median(g[3]));
        });
    }

    void idle(List<String> servers) throws Exception {
        int n = quick ? 2_000 : 10_000;
        var per = metric("idle.kib", n + " idle connections: server memory per connection (RSS outside the heap + live heap)", "KiB", false, RAW);
        var threads = metric("idle.threads", n + " idle connections: server threads", "threads", false, RAW);
        var probe = metric("idle.probe", n + " idle connections: a new client's connect + round trip, worst of 20", "ms", false, RAW);
        var refused = metric("idle.refused", n + " idle connections: refused or failed", "connections", false, RAW);
        for (String s : servers) {
            // A pre-touched heap of fixed size: RSS then grows only outside the heap (thread stacks,
            // malloc, direct buffers), and the heap's share is its live size after a full GC.
            try (Proc p = new Proc(java, classpath, s, Proc.IDLE_FLAGS)) {
                // The baseline: a server that served one connection, after a full GC.
                try (SocketChannel one = SocketChannel.open(new java.net.InetSocketAddress(Loads.HOST, p.port))) {
                    Loads.roundTrip(one);
                }
                long heap0 = p.gc();
                long rss0 = p.status("VmRSS");
                var chs = new ArrayList<SocketChannel>(n);
                int failed = 0;
                long dl = deadline(90);
                try {
                    // In batches: connect, then one round trip each, so every handler has run.
                    while (chs.size() + failed < n && System.nanoTime() < dl) {
                        int batch = Math.min(500, n - chs.size() - failed);
                        List<SocketChannel> b;
                        try {
                            b = Loads.open(p.port, batch, dl);
                        } catch (IOException e) {
                            failed += batch;
                            continue;
                        }
                        for (SocketChannel ch : b) {
                            try {
                                Loads.roundTrip(ch);
                                chs.add(ch);
                            } catch (IOException e) {
                                failed++;
                                ch.close();
                            }
                        }
                    }
                    long heap1 = p.gc();
                    long rss1 = p.status("VmRSS");
                    long[] probes = new long[20];
                    for (int i = 0; i < probes.length; i++) {
                        long t0 = System.nanoTime();
                        try (SocketChannel c = SocketChannel.open(new java.net.InetSocketAddress(Loads.HOST, p.port))) {
                            Loads.roundTrip(c);
                        }
                        probes[i] = System.nanoTime() - t0;
                    }
                    Arrays.sort(probes);
                    double nativeKib = (rss1 - rss0) / (double) chs.size();
                    double heapKib = (heap1 - heap0) / 1024.0 / chs.size();
                    per.values.put(s, nativeKib + heapKib);
                    threads.values.put(s, (double) p.status("Threads"));
                    probe.values.put(s, probes[probes.length - 1] / 1e6);
                    refused.values.put(s, (double) (n - chs.size()));
                    log(String.format(Locale.ROOT,
                            "  idle %-13s %d held, %.1f KiB each (%.1f outside the heap, %.1f live heap), %d threads,"
                                    + " new client %.2f ms worst (median %.2f)",
                            s, chs.size(), nativeKib + heapKib, nativeKib, heapKib, p.status("Threads"),
                            probes[probes.length - 1] / 1e6, probes[probes.length / 2] / 1e6));
                } finally {
                    Loads.closeAll(chs);
                }
            }
        }
    }

    static final int SETUP_CLIENTS = 4;

    /** The C server of bench/lab: 4 threads that each accept and serve in turn (blocking calls). */
    static final String C_SERVER = "c-4threads";
    /** The same in Java on blocking NIO channels (bench/lab/SetupLab.java, mode nio): the cheapest Java server measured. */
    static final String NIO_SERVER = "nio-4threads";
    /**
     * The C server's design in Java through the foreign function API (bench/lab/FfmServer.java,
     * Java 22+): what a JVM server pays when the JDK's socket objects are out of the way.
     */
    static final String FFM_SERVER = "ffm-4threads";
    /**
     * An event loop in Java through the foreign function API (bench/lab/FfmLoop.java, Java 22+): two
     * epoll loops, one woken per client (EPOLLEXCLUSIVE), each accepted socket read at once.
     */
    static final String FFM_LOOP = "ffm-eventloop";
    /** The same event loop in C (cserver.c, mode epollx): the cheapest server that keeps accepting while it serves. */
    static final String C_LOOP = "c-eventloop";

    /** The C servers' program, built by gcc into bench/target/lab; null (and a note) without gcc. */
    Path cServer() {
        try {
            Path dir = Files.createDirectories(Path.of("bench", "target", "lab"));
            Path exe = dir.resolve("cserver").toAbsolutePath();
            Process gcc = new ProcessBuilder("gcc", "-O2", "-pthread", "-o", exe.toString(), "bench/lab/cserver.c")
                    .redirectErrorStream(true).start();
            String said = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (gcc.waitFor() != 0) {
                notes.add("setup: the C server for scale was not run (gcc failed: " + said.strip().replaceAll("\\s+", " ") + ")");
                return null;
            }
            return exe;
        } catch (IOException e) {
            notes.add("setup: the C server for scale was not run (no gcc: " + e.getMessage() + ")");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            notes.add("setup: the C server for scale was not run (interrupted while gcc built it)");
            return null;
        }
    }

    /** Starts a server for scale, or notes why not: its absence costs its row, not the scenario. */
    void startForScale(List<String> cmd, String name, List<String> servers, List<Proc> procs) {
        try {
            procs.add(new Proc(cmd, name));
            servers.add(name);
        } catch (IOException | RuntimeException e) {
            notes.add("setup: the server for scale " + name + " did not start (" + String.valueOf(e.getMessage()).replaceAll("\\s+", " ") + ")");
        }
    }

    void setup(List<String> javaServers) throws Exception {
        int count = quick ? 1_000 : 2_000;
        int rounds = quick ? 2 : 5;
        // Warm-up to the steady state. After 10,000 connections the JIT still compiled in the rounds
        // and its CPU counted as the server's: Netty epoll took 100 µs per connection there (run D),
        // 54–66 µs after 40,000 (runs E to G), and the library's lead over it read 1.33× instead of 1.11–1.22×.
        int warm = quick ? 20_000 : 40_000;
        var m = metric("setup", "Connect + accept + 1-byte echo + close, " + SETUP_CLIENTS + " client threads", "connections/s", true, RAW);
        var cpu = metric("setup.cpu", "Connection setup: server CPU per connection", "µs", false, RAW);
        var clientCpu = metric("setup.clientcpu", "Connection setup: client CPU per connection", "µs", false, RAW);
        List<String> servers = new ArrayList<>(javaServers);
        List<Proc> procs = startAll(javaServers);
        try {
            // For scale (the setup analysis in BENCHMARKS.md): what the cheapest Java server and
            // a C server take. Their four threads all accept and serve in turn: while all four
            // serve, none waits at the listener, which a server whose handlers may block cannot
            // allow. The Java one through the source launcher, on the suite's JDK.
            var nio = new ArrayList<String>(List.of(java));
            nio.addAll(Proc.JVM_FLAGS);
            nio.addAll(List.of("bench/lab/SetupLab.java", "nio", "4"));
            startForScale(nio, NIO_SERVER, servers, procs);
            if (Runtime.version().feature() >= 22) {
                String loops = String.valueOf(Runtime.getRuntime().availableProcessors()); // as many as onReceive's
                for (String[] lab : new String[][] {{"FfmServer.java", "4", FFM_SERVER}, {"FfmLoop.java", loops, FFM_LOOP}}) {
                    var ffm = new ArrayList<String>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
                    ffm.addAll(Proc.JVM_FLAGS);
                    ffm.addAll(List.of("bench/lab/" + lab[0], lab[1]));
                    startForScale(ffm, lab[2], servers, procs);
                }
            } else {
                notes.add("setup: the FFM servers for scale were not run (they need Java 22+)");
            }
            Path cserver = cServer();
            if (cserver != null) {
                startForScale(List.of(cserver.toString(), "serial", "4"), C_SERVER, servers, procs);
                // As many loops as the library's onReceive has: one per core.
                startForScale(List.of(cserver.toString(), "epollx", String.valueOf(Runtime.getRuntime().availableProcessors())),
                        C_LOOP, servers, procs);
            }
            long[] nanos = new long[servers.size()];
            long[] serverCpu = new long[servers.size()];
            long[] mine = new long[servers.size()];
            double[][] perRound = new double[servers.size()][rounds];
            for (int i = 0; i < servers.size(); i++) {
                Loads.setup(libClient(servers.get(i)), procs.get(i).port, warm, SETUP_CLIENTS, deadline(60));
            }
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < servers.size(); k++) {
                    // The order turns round every other round: the clients' cost grows with the
                    // TIME_WAIT sockets the rounds before left behind.
                    int i = r % 2 == 0 ? k : servers.size() - 1 - k;
                    Proc p = procs.get(i);
                    long c0 = p.cpuNanos();
                    long m0 = selfCpuNanos();
                    double rate = Loads.setup(libClient(servers.get(i)), p.port, count, SETUP_CLIENTS, deadline(40));
                    nanos[i] += (long) (count / rate * 1e9);
                    perRound[i][r] = rate;
                    serverCpu[i] += p.cpuNanos() - c0;
                    mine[i] += selfCpuNanos() - m0;
                }
            }
            for (int i = 0; i < servers.size(); i++) {
                String s = servers.get(i);
                long n = (long) count * rounds;
                double rate = n * 1e9 / nanos[i];
                m.values.put(s, rate);
                m.rounds.put(s, perRound[i]);
                cpu.values.put(s, serverCpu[i] / 1e3 / n);
                clientCpu.values.put(s, mine[i] / 1e3 / n);
                log(String.format(Locale.ROOT, "  setup %-13s %.0f connections/s; CPU per connection: server %.0f µs, clients %.0f µs",
                        s, rate, serverCpu[i] / 1e3 / n, mine[i] / 1e3 / n));
            }
        } finally {
            closeAll(procs);
        }
    }

    void udp() throws Exception {
        long millis = 500;
        int rounds = quick ? 4 : 16;
        List<String> servers = List.of("lib-udp", "raw-udp");
        List<Proc> procs = startAll(servers);
        try {
            for (int size : new int[] {64, 1400}) {
                var m = metric("udp" + size, "UDP echo, " + size + " B datagrams, 32 in flight", "datagrams/s", true, "raw-udp");
                double[] sum = new double[servers.size()];
                double[][] perRound = new double[servers.size()][rounds];
                for (int i = 0; i < servers.size(); i++) {
                    Loads.udp(procs.get(i).port, size, 32, 300); // warm-up
                }
                for (int r = 0; r < rounds; r++) {
                    // Every other round in the other order (A B, B A, ...): a server never always
                    // runs first, right after the client's JIT or the other server's burst.
                    for (int k = 0; k < servers.size(); k++) {
                        int i = r % 2 == 0 ? k : servers.size() - 1 - k;
                        perRound[i][r] = Loads.udp(procs.get(i).port, size, 32, millis);
                        sum[i] += perRound[i][r];
                    }
                }
                for (int i = 0; i < servers.size(); i++) {
                    m.values.put(servers.get(i), sum[i] / rounds);
                    m.rounds.put(servers.get(i), perRound[i]);
                    log(String.format(Locale.ROOT, "  udp %d B %-8s %.0f datagrams/s; rounds %s", size, servers.get(i), sum[i] / rounds,
                            Arrays.stream(perRound[i]).mapToObj(v -> String.format(Locale.ROOT, "%.0f", v / 1e3) + "k")
                                    .collect(Collectors.joining(" "))));
                }
            }
        } finally {
            closeAll(procs);
        }
    }

    /**
     * sendFile against a raw transferTo to a SocketChannel and a read-and-send loop, all in the
     * same rounds (the order turned every other round), over TCP and a Unix socket.
     */
    void sendFile() throws Exception {
        long size = quick ? 64L << 20 : 256L << 20;
        // Many short rounds: one send takes a tenth of a second, and with other builds on the two
        // cores single rounds over TCP ranged from 300 to 2,700 MiB/s in one run.
        int rounds = quick ? 8 : 21;
        Path dir = Files.createTempDirectory("sockets-sendfile");
        try {
            Path file = SendFileLoad.file(dir, size);
            for (boolean unix : new boolean[] {false, true}) {
                List<String> who = unix ? List.of(SendFileLoad.LIB, SendFileLoad.TRANSFER, SendFileLoad.LOOP)
                        : List.of(SendFileLoad.LIB, SendFileLoad.TRANSFER, SendFileLoad.LOOP, SendFileLoad.STREAM);
                var m = metric("sendfile." + (unix ? "unix" : "tcp"), "sendFile of a " + (size >> 20) + " MiB file over "
                        + (unix ? "a Unix socket" : "TCP") + ", median of " + rounds, "MiB/s", true, SendFileLoad.TRANSFER);
                try (var drain = new SendFileLoad.Drain(unix, dir)) {
                    double[][] got = new double[who.size()][rounds];
                    for (String w : who) {
                        SendFileLoad.run(w, drain, file, deadline(30)); // warm-up
                    }
                    for (int r = 0; r < rounds; r++) {
                        for (int k = 0; k < who.size(); k++) {
                            int i = r % 2 == 0 ? k : who.size() - 1 - k;
                            got[i][r] = SendFileLoad.run(who.get(i), drain, file, deadline(30));
                        }
                    }
                    for (int i = 0; i < who.size(); i++) {
                        m.values.put(who.get(i), median(got[i]));
                        m.rounds.put(who.get(i), got[i]);
                        log(String.format(Locale.ROOT, "  sendfile %s %-17s %.0f MiB/s %s", unix ? "unix" : "tcp ", who.get(i), median(got[i]),
                                Arrays.toString(Arrays.stream(got[i]).mapToLong(Math::round).toArray())));
                    }
                }
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** utime + stime of this process (the clients), in nanoseconds. */
    static long selfCpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }

    static String titleJdk(String suffix) {
        return suffix.isEmpty() ? "" : ", JDK " + suffix.substring(1);
    }

    void hostParse() throws Exception {
        var opts = new OptionsBuilder().include(HostParseBench.class.getName())
                .forks(quick ? 1 : 2).warmupIterations(quick ? 1 : 3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 2 : 5).measurementTime(TimeValue.seconds(1))
                .jvmArgs(Proc.JVM_FLAGS.toArray(new String[0]))
                .build();
        var m = metric("hostparse", "Parsing 8 IPv4/IPv6 literals (JMH)", "ops/s", true, "InetAddress.getByName");
        for (RunResult r : new Runner(opts).run()) {
            String name = r.getParams().getBenchmark();
            double score = r.getPrimaryResult().getScore();
            m.values.put(name.endsWith("hostParse") ? "Host.parse" : "InetAddress.getByName", score);
        }
    }

    /** The ping-pong again on JDK 17: this suite in a JVM of that JDK, ping-pong only. */
    void pingPong17(String java17) throws Exception {
        var cmd = new ArrayList<>(List.of(java17, "-cp", classpath, Suite.class.getName(), "--pingpong-only"));
        if (quick) {
            cmd.add("--quick");
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().close();
        var r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        var med = metric("pp.median.17", "Ping-pong 64 B, 1 connection, median (of round medians), JDK 17", "µs", false, RAW);
        var p99 = metric("pp.p99.17", "Ping-pong 64 B, 1 connection, p99, JDK 17", "µs", false, RAW);
        for (String line; (line = r.readLine()) != null; ) {
            if (line.startsWith("ROUNDS ")) {
                String[] f = line.split(" ");
                med.rounds.put(f[1], Arrays.stream(f[2].split(",")).mapToDouble(Double::parseDouble).toArray());
            } else if (line.startsWith("RESULT ")) {
                String[] f = line.split(" ");
                (f[1].equals("median") ? med : p99).values.put(f[2], Double.parseDouble(f[3]));
            } else {
                log(line);
            }
        }
        p.waitFor();
    }

    // ---- the report ----------------------------------------------------------------------------

    static String fmt(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    String table() {
        var sb = new StringBuilder();
        for (Metric m : metrics) {
            sb.append("\n**").append(m.title).append("** (").append(m.unit).append(", ")
                    .append(m.higherBetter ? "higher is better" : "lower is better").append("; ratio to ")
                    .append(m.baseline).append(m.rounds.isEmpty() ? "" : ", the median of per-round ratios")
                    .append(")\n\n| server | value | ratio |\n|---|---:|---:|\n");
            m.values.forEach((who, v) -> {
                Double r = m.ratio(who);
                sb.append("| ").append(who).append(" | ").append(fmt(v)).append(" | ")
                        .append(r == null ? "–" : String.format(Locale.ROOT, "%.2f×", r)).append(" |\n");
            });
        }
        return sb.toString();
    }

    /** Each target in BENCHMARKS.md, met or missed, by how much. */
    String targets() {
        var sb = new StringBuilder("| target | measured | met? |\n|---|---|---|\n");
        ratioTarget(sb, "pp.median", "lib", RAW, "≤", 1.05, "ping-pong median, library ≤ 1.05× raw platform threads (JDK 25)");
        ratioTarget(sb, "pp.median.17", "lib", RAW, "≤", 1.05, "ping-pong median, library ≤ 1.05× raw platform threads (JDK 17)");
        ratioTarget(sb, "pp.median", "lib", "netty-epoll", "≤", 0.9, "ping-pong median, library ≤ 0.9× Netty epoll");
        ratioTarget(sb, "bulk", "lib", RAW, "≥", 0.95, "bulk throughput ≥ 0.95× raw");
        ratioTarget(sb, "framing.cpu", "lib-events-framed", "lib-events", "≤", 1.10, "1,000 × 100 frames (4-byte length): server CPU per round trip ≤ 1.1× plain onReceive (from a cold start)");
        ratioTarget(sb, "framing.cpu.warm", "lib-events-framed", "lib-events", "≤", 1.10, "1,000 × 100 frames (4-byte length): server CPU per round trip ≤ 1.1× plain onReceive (warmed up)");
        // Where the library has two server forms, a row for each: onAccept (a thread per
        // connection, blocking handlers) and onReceive (event loops, lib-events).
        for (String[] form : new String[][] {{"lib-events", ", onReceive"}, {"lib", ", onAccept"}}) {
            ratioTarget(sb, "many.cpu", form[0], "netty-epoll", "≤", 1.0, "1,000 × 100: server CPU per round trip ≤ Netty epoll (from a cold start)" + form[1]);
            ratioTarget(sb, "many.cpu.warm", form[0], "netty-epoll", "≤", 1.0, "1,000 × 100: server CPU per round trip ≤ Netty epoll (warmed up)" + form[1]);
            ratioTarget(sb, "many.rss", form[0], "netty-epoll", "≤", 1.0, "1,000 × 100: peak RSS ≤ Netty epoll" + form[1]);
        }
        for (String[] form : new String[][] {{"lib", ", onAccept"}, {"lib-events", ", onReceive"}}) {
            absTarget(sb, "idle.kib", form[0], "≤", 8.0, "KiB", "idle connections: ≤ 8 KiB per connection" + form[1]);
            absTarget(sb, "idle.refused", form[0], "≤", 0.0, "", "idle connections: none refused" + form[1]);
            absTarget(sb, "idle.probe", form[0], "<", 10.0, "ms", "idle connections: a new client answered in < 10 ms (worst of 20)" + form[1]);
        }
        ratioTarget(sb, "setup", "lib", "netty-epoll", "≥", 1.5, "connection setup rate ≥ 1.5× Netty epoll, onAccept");
        ratioTarget(sb, "setup", "lib-events", "netty-epoll", "≥", 1.5, "connection setup rate ≥ 1.5× Netty epoll, onReceive");
        scale(sb, "setup", NIO_SERVER, "netty-epoll", "(for scale, not a target) setup rate of the cheapest Java server (4 threads on NIO channels that accept and serve in turn) against Netty epoll");
        scale(sb, "setup", FFM_SERVER, "netty-epoll", "(for scale, not a target) setup rate of the same 4 threads in Java through the foreign function API (no JDK socket objects) against Netty epoll");
        scale(sb, "setup", C_SERVER, "netty-epoll", "(for scale, not a target) setup rate of a C server (4 threads that accept and serve in turn) against Netty epoll");
        scale(sb, "setup", FFM_LOOP, "netty-epoll", "(for scale, not a target) setup rate of an event loop in Java through the foreign function API (a loop per core, one woken per client, each accepted socket read at once) against Netty epoll");
        scale(sb, "setup", C_LOOP, "netty-epoll", "(for scale, not a target) setup rate of the same event loop in C, the cheapest server that keeps accepting while it serves, against Netty epoll");
        ratioTarget(sb, "udp64", "lib-udp", "raw-udp", "≥", 0.95, "UDP 64 B datagrams/s ≥ 0.95× raw DatagramChannel");
        ratioTarget(sb, "udp1400", "lib-udp", "raw-udp", "≥", 0.95, "UDP 1,400 B datagrams/s ≥ 0.95× raw DatagramChannel");
        ratioTarget(sb, "hostparse", "Host.parse", "InetAddress.getByName", "≥", 2.0, "Host.parse ≥ 2× InetAddress.getByName");
        for (String[] t : new String[][] {{"unix", "a Unix socket"}, {"tcp", "TCP"}}) {
            ratioTarget(sb, "sendfile." + t[0], SendFileLoad.LIB, SendFileLoad.TRANSFER, "≥", 0.95, "sendFile over " + t[1] + " ≥ 0.95× raw transferTo to a SocketChannel");
            ratioTarget(sb, "sendfile." + t[0], SendFileLoad.LIB, SendFileLoad.LOOP, "≥", 1.0, "sendFile over " + t[1] + " faster than a read-and-send loop");
        }
        scale(sb, "sendfile.tcp", SendFileLoad.STREAM, SendFileLoad.LOOP, "(for scale, not a target) transferTo to a java.net.Socket's OutputStream (Channels.newChannel) against the read-and-send loop");
        return sb.toString();
    }

    Metric find(String id) {
        return metrics.stream().filter(m -> m.id.equals(id)).findFirst().orElse(null);
    }

    void ratioTarget(StringBuilder sb, String id, String who, String than, String op, double bound, String text) {
        Metric m = find(id);
        if (m == null || m.values.get(who) == null || m.values.get(than) == null) {
            sb.append("| ").append(text).append(" | not measured | – |\n");
            return;
        }
        double r = m.ratio(who, than);
        boolean met = op.equals("≤") ? r <= bound : r >= bound;
        sb.append(String.format(Locale.ROOT, "| %s | %s %s vs %s %s: %.2f×%s | %s |%n", text, fmt(m.values.get(who)), m.unit,
                fmt(m.values.get(than)), m.unit, r, m.rounds.containsKey(who) ? " (median of per-round ratios)" : "", met ? "met" : String.format(Locale.ROOT, "**missed** by %.0f%%",
                        Math.abs(r / bound - 1) * 100)));
    }

    /** A row that is no target: a comparison that says what a target asks of the machine. */
    void scale(StringBuilder sb, String id, String who, String than, String text) {
        Metric m = find(id);
        if (m == null || m.values.get(who) == null || m.values.get(than) == null) {
            return;
        }
        sb.append(String.format(Locale.ROOT, "| %s | %s %s vs %s %s: %.2f×%s | – |%n", text, fmt(m.values.get(who)), m.unit,
                fmt(m.values.get(than)), m.unit, m.ratio(who, than), m.rounds.containsKey(who) ? " (median of per-round ratios)" : ""));
    }

    void absTarget(StringBuilder sb, String id, String who, String op, double bound, String unit, String text) {
        Metric m = find(id);
        if (m == null || m.values.get(who) == null) {
            sb.append("| ").append(text).append(" | not measured | – |\n");
            return;
        }
        double v = m.values.get(who);
        boolean met = op.equals("≤") ? v <= bound : op.equals("<") ? v < bound : v >= bound;
        sb.append(String.format(Locale.ROOT, "| %s | %s %s | %s |%n", text, fmt(v), unit,
                met ? "met" : bound == 0 ? "**missed**" : String.format(Locale.ROOT, "**missed** by %.0f%%", Math.abs(v / bound - 1) * 100)));
    }

    String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 2)).orElse("?");
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        return "- when: " + Instant.now() + (quick ? " (quick mode)" : " (full suite)") + "\n"
                + "- CPU: " + Runtime.getRuntime().availableProcessors() + " cores, " + cpu + "\n"
                + "- kernel: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + "\n"
                + "- JDK: " + System.getProperty("java.vm.name") + " " + Runtime.version() + "\n"
                + "- load average at the end (1, 5, 15 min): " + load + "\n"
                + "- server JVM flags: " + String.join(" ", Proc.JVM_FLAGS) + "\n";
    }

    void write(double seconds) throws IOException {
        Files.createDirectories(out);
        var md = new StringBuilder("# Benchmark results\n\n").append(machine())
                .append(String.format(Locale.ROOT, "- suite time: %.0f s%n", seconds))
                .append("\n## Targets\n\n").append(targets())
                .append(tls == null ? "" : "\n## TLS targets\n\n" + tls.targets())
                .append("\n## Figures\n").append(table());
        if (!notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        Files.writeString(out.resolve("results.md"), md.toString());
        var csv = new StringBuilder("metric,unit,server,value,ratio\n");
        for (Metric m : metrics) {
            m.values.forEach((who, v) -> csv.append(m.id).append(',').append(m.unit).append(',').append(who).append(',')
                    .append(v).append(',').append(m.ratio(who) == null ? "" : m.ratio(who)).append('\n'));
        }
        Files.writeString(out.resolve("results.csv"), csv.toString());
        // The TLS figures get a chart of their own: their baseline is the JDK's TLS, not plain java.net.
        // Framing's figures compare two forms of the library with each other, not with java.net: no bar.
        List<Metric> plain = metrics.stream().filter(m -> !m.id.startsWith(TlsScenarios.PREFIX) && !m.id.startsWith("framing.")).toList();
        List<Metric> tlsMetrics = metrics.stream().filter(m -> m.id.startsWith(TlsScenarios.PREFIX)).toList();
        if (!plain.isEmpty()) {
            Chart.write(plain, out.resolve("chart.png"), Chart.TITLE);
        }
        if (!tlsMetrics.isEmpty()) {
            Chart.write(tlsMetrics, out.resolve("chart-tls.png"), Chart.TLS_TITLE);
        }
    }

    // ---- main ------------------------------------------------------------------------------

    interface Step {
        void run() throws Exception;
    }

    void step(String name, Step s) {
        if (System.nanoTime() > suiteDeadline) {
            notes.add(name + ": skipped, the suite ran out of its time bound");
            log("== " + name + ": skipped (time bound)");
            return;
        }
        log("== " + name);
        try {
            s.run();
        } catch (Exception e) {
            notes.add(name + ": failed: " + e);
            log("  FAILED: " + e);
            e.printStackTrace();
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        boolean quick = a.contains("--quick");
        if (a.contains("--pingpong-only")) {
            // The JDK 17 leg: results on stdout for the parent suite.
            var s = new Suite(quick, null);
            s.pingPong("", List.of("lib", RAW, "netty-epoll"));
            for (Metric m : s.metrics) {
                m.values.forEach((who, v) -> System.out.println("RESULT " + (m.id.startsWith("pp.median") ? "median" : "p99")
                        + " " + who + " " + v));
                m.rounds.forEach((who, v) -> System.out.println("ROUNDS " + who + " "
                        + String.join(",", Arrays.stream(v).mapToObj(Double::toString).toArray(String[]::new))));
            }
            return;
        }
        // The last --out wins: bench/run names bench/results first, and a run that should not
        // replace the results of record names another folder after it.
        Path out = Path.of(a.contains("--out") ? a.get(a.lastIndexOf("--out") + 1) : "bench/results");
        String java17 = a.contains("--jdk17") ? a.get(a.indexOf("--jdk17") + 1) : null;
        // --only pingpong,udp,...: a part of the suite, for working on one figure (results still written).
        List<String> only = a.contains("--only") ? expand(Arrays.asList(a.get(a.indexOf("--only") + 1).split(","))) : null;
        List<String> scenarios = List.of("pingpong", "bulk", "many", "framing", "setup", "udp", "hostparse", "idle", "sendfile",
                "tls-pingpong", "tls-bulk", "tls-handshake", "tls-many");
        if (only != null && !scenarios.containsAll(only)) {
            throw new IllegalArgumentException("expected --only from " + scenarios + " (or tls for the four TLS ones) but was " + only);
        }
        java.util.function.Predicate<String> on = id -> only == null || only.contains(id);
        boolean anyTls = scenarios.stream().anyMatch(id -> id.startsWith("tls-") && on.test(id));
        var s = new Suite(quick, out, anyTls ? (quick ? 150 : 420) : 0);
        if (anyTls) {
            Path dir = Files.createTempDirectory("bench-tls");
            dir.toFile().deleteOnExit();
            Path ks = Tls.makeKeystore(dir);
            ks.toFile().deleteOnExit();
            System.setProperty(Tls.KEYSTORE_PROPERTY, ks.toString());
            s.tls = new TlsScenarios(s);
            if (Tls.lib() == null) {
                s.notes.add("TLS: the library of this build has no TLS (no bench.LibTls): the baselines and references only");
            }
        }
        long t0 = System.nanoTime();
        List<String> servers = new ArrayList<>(s.tcpServers());
        if (a.contains("--servers")) {
            // --servers lib,raw-platform,netty-epoll: only these TCP servers, for working on one figure.
            List<String> wanted = Arrays.asList(a.get(a.indexOf("--servers") + 1).split(","));
            var known = new ArrayList<>(servers);
            if (!known.containsAll(wanted)) {
                throw new IllegalArgumentException("expected --servers from " + servers + " but was " + wanted);
            }
            servers.retainAll(wanted);
            s.notes.add("a partial run: --servers " + String.join(",", servers));
        }
        log("Suite on " + Runtime.version() + (quick ? ", quick mode" : "") + "; servers: " + servers);
        if (on.test("pingpong")) {
            s.step("ping-pong", () -> s.pingPong("", servers));
            if (java17 != null) {
                s.step("ping-pong on JDK 17", () -> s.pingPong17(java17));
            } else {
                s.notes.add("ping-pong on JDK 17: not run (no --jdk17 given)");
            }
        }
        if (on.test("bulk")) {
            s.step("bulk", () -> s.bulk(servers));
        }
        if (on.test("many")) {
            s.step("1,000 connections", () -> s.many(servers));
        }
        if (on.test("framing")) {
            s.step("framing, 1,000 connections", s::framing);
        }
        if (on.test("setup")) {
            s.step("setup rate", () -> s.setup(servers));
        }
        if (on.test("udp")) {
            s.step("UDP", s::udp);
        }
        if (on.test("hostparse")) {
            s.step("Host.parse (JMH)", s::hostParse);
        }
        if (on.test("idle")) {
            s.step("idle connections", () -> s.idle(servers));
        }
        if (on.test("sendfile")) {
            s.step("sendFile", s::sendFile);
        }
        if (on.test("tls-pingpong")) {
            s.step("TLS ping-pong", s.tls::pingPong);
        }
        if (on.test("tls-bulk")) {
            s.step("TLS bulk", s.tls::bulk);
        }
        if (on.test("tls-handshake")) {
            s.step("TLS handshakes", s.tls::handshakes);
        }
        if (on.test("tls-many")) {
            s.step("TLS 1,000 connections", s.tls::many);
        }
        if (only != null) {
            s.notes.add("a partial run: --only " + String.join(",", only));
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        s.write(secs);
        log(String.format(Locale.ROOT, "Done in %.0f s: %s", secs, out.resolve("results.md")));
        System.out.println(s.targets());
        if (s.tls != null) {
            System.out.println(s.tls.targets());
        }
    }

    /** {@code tls} stands for the four TLS scenarios. */
    static List<String> expand(List<String> only) {
        var l = new ArrayList<String>();
        for (String o : only) {
            if (o.equals("tls")) {
                l.addAll(List.of("tls-pingpong", "tls-bulk", "tls-handshake", "tls-many"));
            } else {
                l.add(o);
            }
        }
        return l;
    }
}
