package bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The TLS scenarios of the suite (BENCHMARKS.md, "TLS"): bulk and ping-pong through one TLS
 * connection, full TLS 1.3 handshakes per second, and 1,000 busy TLS connections. Their
 * baseline is {@code tls-raw}, the JDK's own SSLServerSocket with a platform thread per
 * connection, driven by the JDK's own SSLSocket; the library's servers get the library's TLS
 * client, as in the plain scenarios, except in the 1,000-connection load, where every server
 * gets the same raw SSLSocket clients so that only the servers differ.
 */
final class TlsScenarios {
    static final String RAW = "tls-raw";
    /** Metric ids of the TLS scenarios start with this: their own table and chart. */
    static final String PREFIX = "tls.";

    private final Suite suite;

    TlsScenarios(Suite suite) {
        this.suite = suite;
    }

    /**
     * Starts the servers of a scenario; one that does not start (the library's onReceive form
     * on a build whose TLS binding has none) is left out of {@code servers}, with a note.
     */
    private List<Proc> startAll(List<String> servers) throws IOException {
        var procs = new ArrayList<Proc>();
        for (var it = servers.iterator(); it.hasNext(); ) {
            String s = it.next();
            try {
                procs.add(suite.start(s));
            } catch (IOException | RuntimeException e) {
                if (s.equals(RAW)) {
                    Suite.closeAll(procs);
                    throw e;
                }
                it.remove();
                String note = "TLS: " + s + " did not start (" + String.valueOf(e.getMessage()).replaceAll("\\s+", " ") + ")";
                if (!suite.notes.contains(note)) {
                    suite.notes.add(note);
                }
                Suite.log("  " + note);
            }
        }
        return procs;
    }

    void pingPong() throws Exception {
        List<String> servers = new ArrayList<>(Tls.servers(false));
        int warm = suite.quick ? 2_000 : 10_000;
        int rounds = suite.quick ? 4 : 10;
        int perRound = suite.quick ? 2_000 : 5_000;
        var med = suite.metric("tls.pp.median", "TLS 1.3 ping-pong 64 B, 1 connection, median (of round medians)", "µs", false, RAW);
        var p99 = suite.metric("tls.pp.p99", "TLS 1.3 ping-pong 64 B, 1 connection, p99", "µs", false, RAW);
        List<Proc> procs = startAll(servers);
        var clients = new ArrayList<Loads.Client>();
        try {
            for (int i = 0; i < servers.size(); i++) {
                Loads.Client c = Tls.connect(servers.get(i), procs.get(i).port);
                clients.add(c);
                Loads.pingPong(c, warm, suite.deadline(30));
            }
            var samples = new ArrayList<long[]>();
            double[][] roundMedians = new double[servers.size()][rounds];
            for (int i = 0; i < servers.size(); i++) {
                samples.add(new long[0]);
            }
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < servers.size(); k++) {
                    int i = r % 2 == 0 ? k : servers.size() - 1 - k;
                    long[] got = Loads.pingPong(clients.get(i), perRound, suite.deadline(30));
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
                double median = Suite.median(roundMedians[i]);
                med.values.put(s, median);
                med.rounds.put(s, roundMedians[i]);
                p99.values.put(s, rtt[(int) (rtt.length * 0.99)] / 1e3);
                Suite.log(String.format(Locale.ROOT, "  tls ping-pong %-17s median %.1f µs, p99 %.1f µs (%d round trips; round medians %s)",
                        s, median, rtt[(int) (rtt.length * 0.99)] / 1e3, rtt.length,
                        Arrays.toString(Arrays.stream(roundMedians[i]).map(v -> Math.round(v * 10) / 10.0).toArray())));
            }
        } finally {
            for (Loads.Client c : clients) {
                c.close();
            }
            Suite.closeAll(procs);
        }
    }

    void bulk() throws Exception {
        List<String> servers = new ArrayList<>(Tls.servers(false));
        long total = suite.quick ? 64L << 20 : 256L << 20;
        int rounds = suite.quick ? 2 : 7;
        var m = suite.metric("tls.bulk", "TLS 1.3 bulk echo, " + (total >> 20) + " MiB in 64 KiB writes, median of " + rounds,
                "MiB/s", true, RAW);
        List<Proc> procs = startAll(servers);
        try {
            double[][] got = new double[servers.size()][rounds];
            for (int i = 0; i < servers.size(); i++) {
                try (Loads.Client c = Tls.connect(servers.get(i), procs.get(i).port)) {
                    Loads.bulk(c, total / 4, suite.deadline(20));
                }
            }
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < servers.size(); k++) {
                    int i = r % 2 == 0 ? k : servers.size() - 1 - k;
                    try (Loads.Client c = Tls.connect(servers.get(i), procs.get(i).port)) {
                        got[i][r] = Loads.bulk(c, total, suite.deadline(60)) / (1 << 20);
                    }
                }
            }
            for (int i = 0; i < servers.size(); i++) {
                m.values.put(servers.get(i), Suite.median(got[i]));
                m.rounds.put(servers.get(i), got[i]);
                Suite.log(String.format(Locale.ROOT, "  tls bulk %-17s %.0f MiB/s %s", servers.get(i), Suite.median(got[i]),
                        Arrays.toString(Arrays.stream(got[i]).mapToLong(Math::round).toArray())));
            }
        } finally {
            Suite.closeAll(procs);
        }
    }

    static final int HANDSHAKE_CLIENTS = 4;

    /**
     * Full TLS 1.3 handshakes: {@link #HANDSHAKE_CLIENTS} client threads each connect, handshake,
     * echo one byte, close. The suite's JVM offers no session to resume
     * ({@code jdk.tls.client.disableExtensions=pre_shared_key}, set in {@link Suite#main}), so
     * every connection pays the key exchange and the certificate's signature and its check.
     */
    void handshakes() throws Exception {
        // Not Netty's OpenSSL provider: BoringSSL resumes through tickets whatever its session
        // cache says (996 of 1,000 in a trial run), and the scenario is of full handshakes.
        List<String> servers = new ArrayList<>(Tls.servers(true));
        servers.remove("netty-tls-openssl");
        // Full handshakes cost milliseconds of CPU on each end: 100-700 a second on this machine.
        int count = suite.quick ? 200 : 1_000;
        int rounds = suite.quick ? 2 : 5;
        int warm = suite.quick ? 400 : 3_000;
        var m = suite.metric("tls.handshake", "Full TLS 1.3 handshakes: connect + handshake + 1-byte echo + close, "
                + HANDSHAKE_CLIENTS + " client threads", "handshakes/s", true, RAW);
        var cpu = suite.metric("tls.handshake.cpu", "Full TLS 1.3 handshakes: server CPU per handshake", "µs", false, RAW);
        var clientCpu = suite.metric("tls.handshake.clientcpu", "Full TLS 1.3 handshakes: client CPU per handshake", "µs", false, RAW);
        List<Proc> procs = startAll(servers);
        try {
            long[] nanos = new long[servers.size()];
            long[] serverCpu = new long[servers.size()];
            long[] mine = new long[servers.size()];
            double[][] perRound = new double[servers.size()][rounds];
            for (int i = 0; i < servers.size(); i++) {
                handshakes(servers.get(i), procs.get(i).port, warm, suite.deadline(60));
            }
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < servers.size(); k++) {
                    int i = r % 2 == 0 ? k : servers.size() - 1 - k;
                    Proc p = procs.get(i);
                    long c0 = p.cpuNanos();
                    long m0 = Suite.selfCpuNanos();
                    double rate = handshakes(servers.get(i), p.port, count, suite.deadline(40));
                    nanos[i] += (long) (count / rate * 1e9);
                    perRound[i][r] = rate;
                    serverCpu[i] += p.cpuNanos() - c0;
                    mine[i] += Suite.selfCpuNanos() - m0;
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
                Suite.log(String.format(Locale.ROOT, "  tls handshakes %-17s %.0f /s; CPU per handshake: server %.0f µs, clients %.0f µs",
                        s, rate, serverCpu[i] / 1e3 / n, mine[i] / 1e3 / n));
            }
        } finally {
            Suite.closeAll(procs);
        }
    }

    /** {@code count} full handshakes over {@link #HANDSHAKE_CLIENTS} threads; handshakes per second. */
    static double handshakes(String server, int port, int count, long deadline) throws Exception {
        var done = new AtomicLong();
        var resumed = new AtomicLong();
        var failure = new AtomicReference<Throwable>();
        var ts = new Thread[HANDSHAKE_CLIENTS];
        long t0 = System.nanoTime();
        for (int t = 0; t < ts.length; t++) {
            ts[t] = new Thread(() -> {
                byte[] one = new byte[1];
                try {
                    for (int i = 0; i < count / ts.length && System.nanoTime() < deadline; i++) {
                        try (Loads.Client c = Tls.connect(server, port)) {
                            c.send(one, 0, 1);
                            if (!c.recvFully(one, 0, 1)) {
                                throw new IOException("no echo");
                            }
                            if (c instanceof Tls.RawClient raw && raw.resumed) {
                                resumed.incrementAndGet();
                            }
                        }
                        done.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "handshake-" + t);
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        long t1 = System.nanoTime();
        if (failure.get() != null) {
            throw new IOException(server + ": handshakes failed after " + done.get(), failure.get());
        }
        if (resumed.get() > 0) {
            // The scenario measures full handshakes; a server that resumed sessions says so.
            throw new IOException(server + ": " + resumed.get() + " of " + done.get() + " handshakes resumed a session");
        }
        return done.get() * 1e9 / (t1 - t0);
    }

    /**
     * 1,000 TLS connections, each doing its round trips at once: the server CPU per round trip.
     * Every server gets the same clients, raw SSLSockets on virtual threads, one per connection
     * (the plain scenario's one selector would need an SSLEngine per connection of the suite's
     * own: the JDK's SSLSocket is the plainest correct TLS client). Cold and warmed-up CPU as the
     * plain scenario.
     */
    void many() throws Exception {
        if (!Vt.available()) {
            suite.notes.add("TLS 1,000 connections: not run (the clients are virtual threads: Java 21+)");
            return;
        }
        List<String> servers = Tls.servers(true);
        int conns = 1000;
        int rounds = suite.quick ? 20 : 100;
        int runs = suite.quick ? 1 : 3;
        var rate = suite.metric("tls.many.rate", "TLS: " + conns + " connections × " + rounds + " round trips", "round trips/s", true, RAW);
        var cpu = suite.metric("tls.many.cpu", "TLS: " + conns + " × " + rounds + ": server CPU per round trip, from a cold start", "µs", false, RAW);
        var warmCpu = suite.metric("tls.many.cpu.warm", "TLS: " + conns + " × " + rounds + ": server CPU per round trip, warmed up", "µs", false, RAW);
        var rss = suite.metric("tls.many.rss", "TLS: " + conns + " × " + rounds + ": server peak RSS", "MiB", false, RAW);
        Map<String, double[][]> got = new LinkedHashMap<>();
        for (String s : servers) {
            got.put(s, new double[4][runs]);
        }
        for (int r = 0; r < runs; r++) {
            for (int k = 0; k < servers.size(); k++) {
                String s = servers.get(r % 2 == 0 ? k : servers.size() - 1 - k);
                if (!got.containsKey(s)) {
                    continue;
                }
                Proc started;
                try {
                    started = suite.start(s);
                } catch (IOException | RuntimeException e) {
                    suite.notes.add("TLS 1,000 connections: " + s + " did not start (" + String.valueOf(e.getMessage()).replaceAll("\\s+", " ") + ")");
                    got.remove(s);
                    continue;
                }
                try (Proc p = started) {
                    var clients = new ArrayList<Loads.Client>(conns);
                    try {
                        long dl = suite.deadline(90);
                        for (int i = 0; i < conns && System.nanoTime() < dl; i++) {
                            clients.add(new Tls.RawClient(p.port));
                        }
                        double[][] g = got.get(s);
                        // The handshakes' CPU is not the round trips': the count starts after them.
                        long c0 = p.cpuNanos();
                        long t0 = System.nanoTime();
                        long trips = roundTrips(clients, rounds, suite.deadline(90));
                        long t1 = System.nanoTime();
                        if (clients.size() < conns || trips == 0) {
                            // The suite's time bound cut the load short: no figure rather than a wrong one.
                            suite.notes.add("TLS 1,000 connections: " + s + " cut short by the time bound ("
                                    + clients.size() + " connections, " + trips + " round trips)");
                            g[0][r] = g[1][r] = g[2][r] = g[3][r] = Double.NaN;
                            continue;
                        }
                        g[0][r] = trips * 1e9 / (t1 - t0);
                        g[1][r] = (p.cpuNanos() - c0) / 1e3 / trips;
                        g[3][r] = p.status("VmHWM") / 1024.0;
                        roundTrips(clients, rounds, suite.deadline(90));
                        long w0 = p.cpuNanos();
                        long warmTrips = roundTrips(clients, rounds, suite.deadline(90));
                        g[2][r] = warmTrips == 0 ? Double.NaN : (p.cpuNanos() - w0) / 1e3 / warmTrips;
                        Suite.log(String.format(Locale.ROOT,
                                "  tls %d×%d %-17s %.0f round trips/s, %.1f µs CPU each (%.1f warmed up), peak RSS %.0f MiB",
                                clients.size(), rounds, s, g[0][r], g[1][r], g[2][r], g[3][r]));
                    } finally {
                        for (Loads.Client c : clients) {
                            try {
                                c.close();
                            } catch (IOException e) {
                                // closing anyway
                            }
                        }
                    }
                }
            }
        }
        got.forEach((s, g) -> {
            if (Double.isNaN(Suite.median(g[0]))) {
                return;
            }
            rate.values.put(s, Suite.median(g[0]));
            cpu.values.put(s, Suite.median(g[1]));
            warmCpu.values.put(s, Suite.median(g[2]));
            rss.values.put(s, Suite.median(g[3]));
        });
    }

    /** Every client does {@code rounds} 64-byte round trips, all at once, each on a virtual thread; round trips done. */
    static long roundTrips(List<Loads.Client> clients, int rounds, long deadline) throws Exception {
        var total = new AtomicLong();
        var failure = new AtomicReference<Throwable>();
        var threads = new ArrayList<Thread>(clients.size());
        for (Loads.Client c : clients) {
            threads.add(Vt.start(() -> {
                byte[] msg = new byte[64];
                byte[] back = new byte[64];
                try {
                    for (int i = 0; i < rounds && System.nanoTime() < deadline; i++) {
                        c.send(msg, 0, 64);
                        if (!c.recvFully(back, 0, 64)) {
                            throw new IOException("the server closed a connection");
                        }
                        total.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000 + 5_000));
        }
        if (failure.get() != null) {
            throw new IOException("TLS round trips failed", failure.get());
        }
        return total.get();
    }

    /**
     * The TLS targets (bulk, ping-pong and handshakes against the raw JDK; the 1,000 connections'
     * CPU against Netty's {@code SslHandler}), each met or missed, by how much.
     */
    String targets() {
        var sb = new StringBuilder("| target | measured | met? |\n|---|---|---|\n");
        for (String[] form : new String[][] {{"tls-lib", ", onAccept"}, {"tls-lib-events", ", onReceive"}}) {
            suite.ratioTarget(sb, "tls.bulk", form[0], RAW, "≥", 0.95, "TLS bulk ≥ 0.95× raw JDK SSLSocket" + form[1]);
            suite.ratioTarget(sb, "tls.pp.median", form[0], RAW, "≤", 1.05, "TLS ping-pong RTT ≤ 1.05× raw JDK SSLSocket" + form[1]);
            suite.ratioTarget(sb, "tls.handshake", form[0], RAW, "≥", 0.95, "full TLS 1.3 handshakes/s ≥ 0.95× raw SSLServerSocket" + form[1]);
        }
        suite.ratioTarget(sb, "tls.many.cpu", "tls-lib-events", "netty-tls-jdk", "≤", 1.0,
                "TLS 1,000 connections: server CPU per round trip ≤ Netty SslHandler (JDK provider), cold start, onReceive");
        suite.ratioTarget(sb, "tls.many.cpu.warm", "tls-lib-events", "netty-tls-jdk", "≤", 1.0,
                "TLS 1,000 connections: server CPU per round trip ≤ Netty SslHandler (JDK provider), warmed up, onReceive");
        suite.scale(sb, "tls.many.cpu", "tls-lib", "netty-tls-jdk",
                "(not a target: a thread per connection) the same, cold start, onAccept");
        suite.scale(sb, "tls.many.cpu.warm", "tls-lib", "netty-tls-jdk",
                "(not a target: a thread per connection) the same, warmed up, onAccept");
        suite.scale(sb, "tls.many.cpu.warm", "tls-lib-events", "netty-tls-openssl",
                "(a further reference, not a target) the same, warmed up, against Netty with OpenSSL (BoringSSL)");
        suite.scale(sb, "tls.many.cpu.warm", "netty-tls-jdk", RAW,
                "(for scale) Netty SslHandler (JDK provider) against the raw SSLServerSocket, warmed up");
        return sb.toString();
    }
}
