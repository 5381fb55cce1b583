package dev.sockets.testing;

import dev.sockets.Bytes;
import dev.sockets.Connection;
import dev.sockets.Datagram;
import dev.sockets.Server;
import dev.sockets.SocketError;
import dev.sockets.Sockets;
import dev.sockets.Timeout;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * The scenarios NetworkFaultsTest runs inside a network namespace it made and broke (nftables
 * loss or drops, tc tbf): client and server both run here, in this child JVM started with
 * {@code ip netns exec}, so the host's own loopback is never touched. Prints {@code RESULT}
 * lines for the parent to assert on, and {@code FAILED ...} with exit code 1 when a promise broke.
 */
public final class NetnsScenarios {
    private NetnsScenarios() {
    }

    /** {@code args[0]}: lossy, vanish, slow, or eyeballs with the family whose packets are dropped (6 or 4). */
    public static void main(String[] args) throws Exception {
        try {
            switch (args[0]) {
                case "lossy":
                    lossyTcp(Integer.parseInt(args[1]));
                    lossyUdp();
                    break;
                case "vanish":
                    vanish();
                    break;
                case "slow":
                    slow();
                    break;
                case "eyeballs":
                    eyeballs(args[1]);
                    break;
                default:
                    throw new IllegalArgumentException(args[0]);
            }
            System.out.println("DONE");
            System.exit(0);
        } catch (Throwable e) {
            System.out.println("FAILED " + e);
            e.printStackTrace(System.out);
            System.exit(1);
        }
    }

    private static void result(String line) {
        System.out.println("RESULT " + line);
        System.out.flush();
    }

    /** A server that answers "n" + n bytes with the CRC32 of the bytes and the bytes themselves. */
    private static Server crcEcho(int port) {
        return Sockets.tcp().bind("127.0.0.1", port).listen(64).onAccept(c -> {
            String line;
            while ((line = c.readLine()) != null) {
                Bytes body = c.recvExactly(Integer.parseInt(line));
                var crc = new CRC32();
                crc.update(body.toByteArray());
                c.sendLine(Long.toString(crc.getValue())).send(body);
            }
        });
    }

    /** Sends random payloads and checks each comes back whole; returns bytes lost. */
    private static long transfers(Connection c, int count, int maxSize, Random r, long[] sent) {
        long lost = 0;
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[1 + r.nextInt(maxSize)];
            r.nextBytes(data);
            var crc = new CRC32();
            crc.update(data);
            c.sendLine(Integer.toString(data.length)).send(data);
            String sum = c.readLine();
            byte[] back = c.recvExactly(data.length).toByteArray();
            if (!Long.toString(crc.getValue()).equals(sum) || !java.util.Arrays.equals(data, back)) {
                throw new AssertionError("transfer " + i + " of " + data.length + " bytes came back damaged");
            }
            sent[0] += data.length;
        }
        return lost;
    }

    private static void lossyTcp(int lossPercent) {
        Random r = new Random(lossPercent);
        int count = 12;
        long[] sent = {0};
        long t0 = System.nanoTime();
        try (Server s = crcEcho(0);
             Connection c = Sockets.tcp().timeout(Duration.ofSeconds(60)).connectTimeout(Duration.ofSeconds(30))
                     .connect("127.0.0.1", s.port())) {
            long lost = transfers(c, count, 128 * 1024, r, sent);
            result("tcp transfers=" + count + " intact=" + count + " bytes=" + sent[0] + " lost=" + lost + " millis="
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        }
    }

    private static void lossyUdp() {
        int n = 300;
        int received = 0;
        int timeouts = 0;
        List<Long> tookMicros = new ArrayList<>();
        try (var rx = Sockets.udp().timeout(Duration.ofMillis(200)).bind("127.0.0.1", 0);
             var tx = Sockets.udp().bind("127.0.0.1", 0)) {
            for (int i = 0; i < n; i++) {
                tx.sendto("d" + i, rx.local());
                long t0 = System.nanoTime();
                try {
                    Datagram d = rx.recvfrom(64);
                    if (!d.data().equals(Bytes.of("d" + i))) {
                        throw new AssertionError("expected d" + i + " but got " + d.data());
                    }
                    received++;
                } catch (Timeout e) {
                    timeouts++;
                    tookMicros.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t0));
                }
            }
        }
        result("udp sent=" + n + " received=" + received + " timeouts=" + timeouts + " timeoutMillis=200 tookMicros="
                + join(tookMicros));
    }

    private static void vanish() throws Exception {
        // Warm-up: classes loaded and compiled before anything is timed.
        try (Server s = Sockets.tcp().bind("127.0.0.1", 0).listen().onAccept(c -> c.recv(1));
             Connection c = Sockets.tcp().timeout(Duration.ofMillis(50)).connect("127.0.0.1", s.port())) {
            c.recv(1);
        } catch (Timeout expected) {
            // As it should.
        }
        try {
            Sockets.tcp().connectTimeout(Duration.ofMillis(50)).connect("127.0.0.1", 5000).close();
        } catch (Timeout expected) {
            // As it should.
        }
        // 1. connect to a port whose SYNs the parent's rule drops: the connect timeout ends it.
        List<Long> connectMicros = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            try {
                Sockets.tcp().connectTimeout(Duration.ofSeconds(1)).connect("127.0.0.1", 5000).close();
                throw new AssertionError("connected through a dropping rule");
            } catch (Timeout e) {
                connectMicros.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t0));
            }
        }
        result("connect timeoutMillis=1000 tookMicros=" + join(connectMicros));
        // 2. a peer that accepts and never answers: the read timeout ends it.
        List<Long> recvMicros = new ArrayList<>();
        try (Server s = Sockets.tcp().bind("127.0.0.1", 0).listen().onAccept(c -> c.recv(1))) {
            for (int i = 0; i < 3; i++) {
                try (Connection c = Sockets.tcp().timeout(Duration.ofSeconds(1)).connect("127.0.0.1", s.port())) {
                    long t0 = System.nanoTime();
                    try {
                        c.recv(1);
                        throw new AssertionError("a silent peer answered");
                    } catch (Timeout e) {
                        recvMicros.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t0));
                    }
                }
            }
        }
        result("recv timeoutMillis=1000 tookMicros=" + join(recvMicros));
        // 3. a peer that vanishes mid-connection (every packet of the connection dropped from now on).
        try (Server s = crcEcho(5002);
             Connection c = Sockets.tcp().timeout(Duration.ofSeconds(1)).connect("127.0.0.1", 5002)) {
            transfers(c, 1, 1000, new Random(1), new long[1]);
            nft("add rule inet faults in tcp sport 5002 drop");
            nft("add rule inet faults in tcp dport 5002 drop");
            long t0 = System.nanoTime();
            try {
                c.sendLine("10").send("0123456789");
                c.readLine();
                throw new AssertionError("a vanished peer answered");
            } catch (Timeout e) {
                result("vanished-timeout timeoutMillis=1000 tookMicros=" + TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t0));
            }
        }
        // 4. the same with keep-alive and no read timeout: the OS's probes end the wait.
        try (Server s = Sockets.tcp().bind("127.0.0.1", 5003).listen().onAccept(c -> c.recv(1));
             Connection c = Sockets.tcp().keepAlive(true)
                     .option(jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE, 1)
                     .option(jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL, 1)
                     .option(jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT, 2)
                     .connect("127.0.0.1", 5003)) {
            nft("add rule inet faults in tcp sport 5003 drop");
            nft("add rule inet faults in tcp dport 5003 drop");
            long t0 = System.nanoTime();
            try {
                c.recv(1);
                throw new AssertionError("a vanished peer answered");
            } catch (SocketError e) {
                result("vanished-keepalive took=" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)
                        + " kind=" + e.kind() + " message=" + e.getMessage().replace(' ', '_'));
            }
        }
    }

    private static void slow() {
        Random r = new Random(3);
        long[] sent = {0};
        long t0 = System.nanoTime();
        try (Server s = crcEcho(0);
             Connection c = Sockets.tcp().timeout(Duration.ofSeconds(60)).writeTimeout(Duration.ofSeconds(2))
                     .connect("127.0.0.1", s.port())) {
            transfers(c, 4, 64 * 1024, r, sent);
            result("slow transfers=4 intact=4 bytes=" + sent[0] + " millis="
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        }
    }

    /** The port whose packets of one family the parent's rule drops, for Happy Eyeballs. */
    public static final int EYEBALLS_PORT = 5010;

    /**
     * Happy Eyeballs against a family whose packets vanish (the parent's nft rule drops IPv6 or
     * IPv4 to {@link #EYEBALLS_PORT}): a name resolving to {@code ::1} and {@code 127.0.0.1}, in
     * both orders, connects on the other family; a sequential connect (happyEyeballs off) with the
     * dropped family first waits its whole connect timeout. Listens on both loopbacks at that port.
     */
    private static void eyeballs(String dropped) throws Exception {
        boolean v6Dropped = dropped.equals("6");
        String winner = v6Dropped ? "127.0.0.1" : "::1";
        // Long, so that the test's bound (half of it) leaves a busy machine seconds to spare
        // beyond the 250 ms delay; a connect that waits the dropped attempt still times out.
        Duration generous = Duration.ofSeconds(30);
        Duration sequentialLimit = Duration.ofSeconds(3);
        try (var v4 = Sockets.tcp().bind("127.0.0.1", EYEBALLS_PORT).listen();
             var v6 = Sockets.tcp().bind("::1", EYEBALLS_PORT).listen();
             var warm4 = Sockets.tcp().bind("127.0.0.1", 0).listen();
             var dns = FakeResolver.install().name("v6first.test", "::1", "127.0.0.1").name("v4first.test", "127.0.0.1", "::1")) {
            // Warm-up on a port nothing drops: classes loaded and compiled before anything is timed.
            for (int i = 0; i < 3; i++) {
                try (Connection c = Sockets.tcp().connect("v4first.test", warm4.port()); Connection s = warm4.accept()) {
                    c.send("w");
                    s.recv(1);
                }
            }
            List<Long> micros = new ArrayList<>();
            List<String> remotes = new ArrayList<>();
            for (String name : List.of("v6first.test", "v4first.test", "v6first.test", "v4first.test")) {
                long t0 = System.nanoTime();
                try (Connection c = Sockets.tcp().connectTimeout(generous).connect(name, EYEBALLS_PORT)) {
                    micros.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t0));
                    String host = ((dev.sockets.Endpoint) c.remote()).host().text();
                    remotes.add(host);
                    try (Connection s = (host.equals("::1") ? v6 : v4).accept()) {
                        c.send("x");
                        if (!s.recv(1).text().equals("x")) {
                            throw new AssertionError("the winning connection does not carry data");
                        }
                    }
                }
            }
            // Sequential, the dropped family first: its attempt takes the whole connect timeout.
            String droppedFirst = v6Dropped ? "v6first.test" : "v4first.test";
            long t0 = System.nanoTime();
            String outcome;
            try (Connection c = Sockets.tcp().happyEyeballs(false).connectTimeout(sequentialLimit).connect(droppedFirst, EYEBALLS_PORT)) {
                outcome = "connected";
            } catch (Timeout e) {
                outcome = "TIMEOUT";
            }
            long sequential = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t0);
            result("eyeballs dropped=IPv" + dropped + " winner=" + winner + " delayMillis="
                    + Sockets.tcp().happyEyeballs().toMillis() + " connectTimeoutMillis=" + generous.toMillis()
                    + " tookMicros=" + join(micros) + " remotes=" + String.join(",", remotes)
                    + " sequentialTimeoutMillis=" + sequentialLimit.toMillis() + " sequentialMicros=" + sequential
                    + " sequential=" + outcome);
        }
    }

    private static void nft(String rule) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(("nft " + rule).split(" ")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("nft " + rule + " failed: " + out);
        }
    }

    private static String join(List<Long> l) {
        var b = new StringBuilder();
        for (Long x : l) {
            b.append(b.length() == 0 ? "" : ",").append(x);
        }
        return b.toString();
    }
}
