package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sockets.testing.NetnsScenarios;
import dev.sockets.testing.ReliabilityLog;
import dev.sockets.testing.Timers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real network faults (RELIABILITY.md, "Faults in a network namespace"), in a network namespace each test makes and always deletes:
 * its loopback broken with nftables (a random share of packets dropped, every packet to a port
 * dropped) or shaped with {@code tc qdisc tbf} (this kernel has no netem). The whole scenario,
 * client and server, runs in a child JVM inside the namespace ({@link NetnsScenarios}), so the
 * host's loopback is never touched; this test asserts on what the child prints.
 *
 * <p>Needs root, {@code ip}, {@code nft} and {@code tc} (.ci/run installs nftables). Without
 * them the tests are skipped with the reason, except under {@code CI=true}, where they fail.
 */
@org.junit.jupiter.api.Timeout(300)
class NetworkFaultsTest {
    private static final AtomicInteger SEQ = new AtomicInteger();

    @BeforeAll
    static void tools() {
        String missing = missingTools();
        if (missing != null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true and the network fault tests cannot run: " + missing);
            }
            Assumptions.assumeTrue(false, "network fault tests skipped: " + missing);
        }
    }

    private static String missingTools() {
        try {
            Run id = run(List.of("id", "-u"), 10);
            if (!id.out.trim().equals("0")) {
                return "not root (uid " + id.out.trim() + "); ip netns and nft need root";
            }
            for (List<String> probe : List.of(List.of("ip", "-V"), List.of("nft", "--version"), List.of("tc", "-V"))) {
                Run r = run(probe, 10);
                if (r.code != 0) {
                    return probe.get(0) + " is not usable: " + r.out.trim();
                }
            }
        } catch (IOException e) {
            return "a tool is missing: " + e.getMessage();
        }
        return null;
    }

    @Test
    void a_lossy_link_loses_no_byte_of_tcp_and_udp_loss_is_a_timeout() throws Exception {
        int loss = 10;
        Map<String, Map<String, String>> r = inNamespace(List.of(
                nft("table inet faults { chain in { type filter hook input priority 0; policy accept;"
                        + " iifname \"lo\" numgen random mod 100 < " + loss + " drop; } }")), "lossy", String.valueOf(loss));
        var tcp = r.get("tcp");
        assertEquals(tcp.get("transfers"), tcp.get("intact"));
        assertEquals("0", tcp.get("lost"));
        var udp = r.get("udp");
        int sent = Integer.parseInt(udp.get("sent"));
        int received = Integer.parseInt(udp.get("received"));
        int timeouts = Integer.parseInt(udp.get("timeouts"));
        assertEquals(sent, received + timeouts, "each datagram arrived or its recvfrom timed out");
        assertTrue(timeouts > 0, "no loss seen: the rule did not apply? " + udp);
        // How late each timeout fired is the scheduler's as much as the library's: asserted only
        // within bounds no busy machine breaks, and recorded for RELIABILITY.md's table of timers.
        Duration udpTimeout = Duration.ofMillis(Long.parseLong(udp.get("timeoutMillis")));
        long[] udpLate = micros(udp.get("tookMicros")).map(t -> Timers.late("a UDP recvfrom timeout", udpTimeout, t)).toArray();
        assertEquals(timeouts, udpLate.length, "each timeout timed: " + udp);
        ReliabilityLog.record("netns", "lossy link (nft: " + loss + "% of packets dropped) -> TCP payloads intact (CRC32)",
                Long.parseLong(tcp.get("transfers")), Long.parseLong(tcp.get("intact")), Long.parseLong(tcp.get("lost")),
                tcp.get("bytes") + " bytes in " + tcp.get("millis") + " ms");
        ReliabilityLog.record("netns", "lossy link (nft: " + loss + "% dropped) -> UDP loss is a Timeout on recvfrom, never a hang",
                sent, received + timeouts, 0, received + " received, " + timeouts + " timeouts (200 ms)");
        ReliabilityLog.timing("UDP recvfrom timeout (datagrams lost on a lossy link, netns)", udpTimeout, udpLate);
    }

    @Test
    void a_vanished_peer_ends_connect_and_recv_within_their_timeouts() throws Exception {
        Map<String, Map<String, String>> r = inNamespace(List.of(
                nft("table inet faults { chain in { type filter hook input priority 0; policy accept;"
                        + " tcp dport 5000 drop; } }")), "vanish");
        for (String k : List.of("connect", "recv")) {
            Duration set = Duration.ofMillis(Long.parseLong(r.get(k).get("timeoutMillis")));
            long[] took = micros(r.get(k).get("tookMicros")).toArray();
            assertEquals(3, took.length, k + ": " + r.get(k));
            long[] late = Arrays.stream(took).map(t -> Timers.late(k + " timeout", set, t)).toArray();
            String cause = k.equals("connect") ? "nft drops the SYNs" : "a peer that never answers";
            ReliabilityLog.record("netns", k + " timeout 1 s (" + cause + ") -> Timeout, not before the time set",
                    took.length, took.length, 0, "took " + millis(took) + " ms");
            ReliabilityLog.timing(k + " timeout (" + cause + ", netns)", set, late);
        }
        Duration set = Duration.ofMillis(Long.parseLong(r.get("vanished-timeout").get("timeoutMillis")));
        long[] t = micros(r.get("vanished-timeout").get("tookMicros")).toArray();
        long late = Timers.late("the read timeout after the peer vanished", set, t[0]);
        ReliabilityLog.record("netns", "peer vanishes mid-connection (nft drops its packets) -> read timeout ends the wait",
                1, 1, 0, "took " + millis(t) + " ms for " + set.toMillis() + " ms");
        ReliabilityLog.timing("read timeout (peer vanished mid-connection, netns)", set, late);
        var ka = r.get("vanished-keepalive");
        long k = Long.parseLong(ka.get("took"));
        assertTrue(k < 15_000, "keep-alive took " + k + " ms");
        ReliabilityLog.record("netns", "peer vanishes, no read timeout, keep-alive (idle 1 s, 2 probes) -> the wait ends",
                1, 1, 0, "took " + k + " ms: " + ka.get("kind") + " " + ka.get("message").replace('_', ' '));
    }

    @Test
    void a_slow_link_delivers_every_byte_and_the_write_timeout_does_not_fire_on_progress() throws Exception {
        Map<String, Map<String, String>> r = inNamespace(List.of(
                List.of("ip", "link", "set", "lo", "mtu", "1500"),
                List.of("tc", "qdisc", "add", "dev", "lo", "root", "tbf", "rate", "1mbit", "burst", "16kb", "latency", "500ms")),
                "slow");
        var s = r.get("slow");
        assertEquals(s.get("transfers"), s.get("intact"));
        long bytes = Long.parseLong(s.get("bytes"));
        long millis = Long.parseLong(s.get("millis"));
        // Both directions share lo's 1 Mbit/s: at least (2 x bytes x 8) / 1e6 s, less the burst.
        long floor = (2 * bytes * 8 - 2 * 16 * 1024 * 8) / 1000;
        assertTrue(millis >= floor, "the link was not slow: " + millis + " ms for " + bytes + " bytes (floor " + floor + ")");
        ReliabilityLog.record("netns", "slow link (tc tbf 1 Mbit/s) with writeTimeout 2 s -> payloads intact, no false timeout",
                Long.parseLong(s.get("transfers")), Long.parseLong(s.get("intact")), 0,
                bytes + " bytes each way in " + millis + " ms");
    }

    // ------------------------------------------------------------------ Happy Eyeballs

    @Test
    void with_ipv6_dropped_a_dual_stack_name_connects_on_ipv4_after_the_delay_where_a_sequential_connect_times_out()
            throws Exception {
        var r = eyeballs("6");
        long[] took = micros(r.get("tookMicros")).toArray();
        long delay = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(r.get("delayMillis")));
        long limit = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(r.get("connectTimeoutMillis")));
        for (long t : took) {
            // IPv6 goes first and its SYNs vanish: IPv4 cannot start before the delay, and must not wait the connect
            // timeout (30 s: half of it is tens of delays, which no busy machine adds; how long it took is recorded).
            assertTrue(t >= delay, "connected on IPv4 before the delay: " + millis(took) + " ms; " + r);
            assertTrue(t < limit / 2, "waited for the dropped IPv6 attempt: " + millis(took) + " ms; " + r);
        }
        ReliabilityLog.record("netns", "Happy Eyeballs, IPv6 to the port dropped (nft) -> connects on IPv4 after the "
                        + r.get("delayMillis") + " ms delay; happyEyeballs(false) times out", took.length, took.length, 0,
                "took " + millis(took) + " ms; sequential: " + r.get("sequential") + " after "
                        + TimeUnit.MICROSECONDS.toMillis(Long.parseLong(r.get("sequentialMicros"))) + " ms (connectTimeout "
                        + r.get("sequentialTimeoutMillis") + " ms)");
        ReliabilityLog.timing("Happy Eyeballs fallback to IPv4 (IPv6 dropped, netns)", Duration.ofNanos(delay),
                Arrays.stream(took).map(t -> t - delay).toArray());
    }

    @Test
    void with_ipv4_dropped_a_dual_stack_name_connects_on_ipv6_at_once_as_it_is_tried_first() throws Exception {
        var r = eyeballs("4");
        long[] took = micros(r.get("tookMicros")).toArray();
        long limit = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(r.get("connectTimeoutMillis")));
        for (long t : took) {
            assertTrue(t < limit / 2, "waited for the dropped IPv4 attempt: " + millis(took) + " ms; " + r);
        }
        ReliabilityLog.record("netns", "Happy Eyeballs, IPv4 to the port dropped (nft) -> connects on IPv6, tried first;"
                        + " happyEyeballs(false) with IPv4 first times out", took.length, took.length, 0,
                "took " + millis(took) + " ms; sequential: " + r.get("sequential") + " after "
                        + TimeUnit.MICROSECONDS.toMillis(Long.parseLong(r.get("sequentialMicros"))) + " ms (connectTimeout "
                        + r.get("sequentialTimeoutMillis") + " ms)");
    }

    /**
     * Runs the eyeballs scenario with the packets of {@code family} ("6" or "4") to its port
     * dropped, and checks what holds on any machine: each connect won on the other family, and the
     * sequential connect timed out, not before its connect timeout.
     */
    private static Map<String, String> eyeballs(String family) throws Exception {
        Map<String, Map<String, String>> all = inNamespace(List.of(
                nft("table inet faults { chain in { type filter hook input priority 0; policy accept;"
                        + " meta nfproto ipv" + family + " tcp dport " + NetnsScenarios.EYEBALLS_PORT + " drop; } }")),
                "eyeballs", family);
        var r = all.get("eyeballs");
        String winner = r.get("winner");
        for (String remote : r.get("remotes").split(",")) {
            assertEquals(winner, remote, "a connect won on the dropped family: " + r);
        }
        assertEquals("TIMEOUT", r.get("sequential"), "the sequential connect through a dropping rule: " + r);
        Timers.late("the sequential connect's timeout", Duration.ofMillis(Long.parseLong(r.get("sequentialTimeoutMillis"))),
                TimeUnit.MICROSECONDS.toNanos(Long.parseLong(r.get("sequentialMicros"))));
        return r;
    }

    // ------------------------------------------------------------------ plumbing

    /** The child's comma-separated microseconds, as nanoseconds. */
    private static LongStream micros(String list) {
        return list.isEmpty() ? LongStream.empty()
                : Arrays.stream(list.split(",")).mapToLong(Long::parseLong).map(TimeUnit.MICROSECONDS::toNanos);
    }

    private static String millis(long[] nanos) {
        return Arrays.stream(nanos).mapToObj(n -> Long.toString(TimeUnit.NANOSECONDS.toMillis(n)))
                .collect(java.util.stream.Collectors.joining(","));
    }

    /** {@code nft -f} of a ruleset file (deleted when the JVM exits): one statement a line. */
    private static List<String> nft(String ruleset) throws IOException {
        Path f = java.nio.file.Files.createTempFile("sockets-nft", ".conf");
        f.toFile().deleteOnExit();
        java.nio.file.Files.writeString(f, ruleset.replace("; ", ";\n").replace("{ ", "{\n").replace("} ", "}\n") + "\n");
        return List.of("nft", "-f", f.toString());
    }

    /** Makes a namespace, runs setup commands in it, runs the scenario's child JVM there, always deletes it. */
    private static Map<String, Map<String, String>> inNamespace(List<List<String>> setup, String... scenario) throws Exception {
        String ns = "sockets-test-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
        must(List.of("ip", "netns", "add", ns));
        try {
            must(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
            for (List<String> cmd : setup) {
                List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
                full.addAll(cmd);
                must(full);
            }
            List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns,
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), NetnsScenarios.class.getName()));
            cmd.addAll(Arrays.asList(scenario));
            Run child = run(cmd, 240);
            if (child.code != 0 || !child.out.contains("\nDONE")) {
                fail("the scenario " + String.join(" ", scenario) + " failed in namespace " + ns + " (exit " + child.code
                        + "):\n" + child.out);
            }
            Map<String, Map<String, String>> results = new LinkedHashMap<>();
            for (String line : child.out.split("\n")) {
                if (line.startsWith("RESULT ")) {
                    String[] parts = line.substring(7).trim().split(" ");
                    Map<String, String> kv = new LinkedHashMap<>();
                    for (int i = 1; i < parts.length; i++) {
                        int eq = parts[i].indexOf('=');
                        kv.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
                    }
                    results.put(parts[0], kv);
                }
            }
            System.out.println("netns " + String.join(" ", scenario) + ": " + results);
            return results;
        } finally {
            Run del = run(List.of("ip", "netns", "delete", ns), 30);
            assertEquals(0, del.code, "could not delete namespace " + ns + ": " + del.out);
        }
    }

    private static void must(List<String> cmd) throws IOException {
        Run r = run(cmd, 30);
        if (r.code != 0) {
            fail(String.join(" ", cmd) + " failed (exit " + r.code + "): " + r.out);
        }
    }

    private static final class Run {
        final int code;
        final String out;

        Run(int code, String out) {
            this.code = code;
            this.out = out;
        }
    }

    private static Run run(List<String> cmd, int seconds) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        var out = new java.io.ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                p.getInputStream().transferTo(out);
            } catch (IOException ignored) {
                // The process ended.
            }
        });
        reader.start();
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                reader.join(5000);
                return new Run(-1, "timed out after " + seconds + " s:\n" + out.toString(StandardCharsets.UTF_8));
            }
            reader.join(10_000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return new Run(p.exitValue(), out.toString(StandardCharsets.UTF_8));
    }
}
