package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.Loopback;
import dev.sockets.testing.RawPeer;
import dev.sockets.testing.ReliabilityLog;
import dev.sockets.testing.Timers;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Peers that misbehave, provoked for real on loopback (RELIABILITY.md, "Faults on loopback"): a reset mid-stream, a half
 * close, a peer that vanishes, a peer that never reads (the write timeout), a client that
 * connects and sends nothing (the idle timeout). Each repeats the fault and records the count
 * for RELIABILITY.md.
 */
@org.junit.jupiter.api.Timeout(120)
class MisbehavingPeersTest {

    private static final int ROUNDS = 20;

    @Test
    void a_reset_mid_stream_is_ConnectionReset_on_the_next_call() throws Exception {
        int held = 0;
        try (var server = Sockets.tcp().bind("127.0.0.1", 0).listen(64).onAccept(c -> c.input().transferTo(c.output()));
             var proxy = Sockets.proxy("127.0.0.1", server.port()).bind("127.0.0.1", 0).resetAfter(1000)) {
            for (int i = 0; i < ROUNDS; i++) {
                try (var c = Sockets.tcp().timeout(Duration.ofSeconds(10)).connect("127.0.0.1", proxy.port())) {
                    c.send(new byte[5000]); // the proxy forwards 1000 bytes, then resets both sides
                    SocketError e = assertThrows(SocketError.class, () -> {
                        while (true) {
                            if (c.recv(65536).isEmpty()) {
                                return; // an end of stream instead of the reset would fail the test
                            }
                        }
                    });
                    assertInstanceOf(ConnectionReset.class, e, e.getMessage());
                    assertEquals("recv from 127.0.0.1:" + proxy.port() + ": [Errno 104] connection reset by peer; the peer closed"
                            + " abruptly (it stopped, or closed with data unread)", e.getMessage());
                    held++;
                }
            }
            assertEquals(ROUNDS, proxy.cut());
        }
        ReliabilityLog.record("faults", "reset mid-stream (SO_LINGER 0, fault proxy) -> ConnectionReset", ROUNDS, held, 0, "");
    }

    @Test
    void after_a_half_close_recv_sees_the_end_and_sending_still_works() throws Exception {
        Random r = new Random(6);
        long lost = 0;
        try (var server = Sockets.tcp().bind("127.0.0.1", 0).listen(64).onAccept(c -> {
            Bytes all = c.recvAll();          // to the end of the stream: the client's half close
            c.send(all).send(Bytes.of("|" + all.length()));
        })) {
            for (int i = 0; i < ROUNDS; i++) {
                byte[] data = new byte[r.nextInt(200_000)];
                r.nextBytes(data);
                try (var c = Sockets.tcp().timeout(Duration.ofSeconds(10)).connect("127.0.0.1", server.port())) {
                    c.send(data).shutdownOutput();
                    Bytes back = c.recvAll();
                    byte[] expected = concat(data, ("|" + data.length).getBytes());
                    lost += Math.max(0, expected.length - back.length());
                    assertArrayEquals(expected, back.toByteArray());
                }
            }
        }
        ReliabilityLog.record("faults", "half close (shutdownOutput) -> peer reads the end, answer still arrives", ROUNDS,
                ROUNDS, lost, "");
    }

    @Test
    void a_peer_that_vanishes_ends_the_wait_with_the_read_timeout() throws Exception {
        long worst = 0;
        Duration timeout = Duration.ofMillis(300);
        long[] late = new long[5];
        try (var server = Sockets.tcp().bind("127.0.0.1", 0).listen(64).onAccept(c -> c.input().transferTo(c.output()))) {
            for (int i = 0; i < 5; i++) {
                try (var proxy = Sockets.proxy("127.0.0.1", server.port()).bind("127.0.0.1", 0);
                     var c = Sockets.tcp().timeout(timeout).connect("127.0.0.1", proxy.port())) {
                    c.sendLine("before");
                    assertEquals("before", c.readLine());
                    proxy.blackhole();
                    c.sendLine("after: the proxy holds it");
                    long t0 = System.nanoTime();
                    Timeout e = assertThrows(Timeout.class, c::readLine);
                    long took = System.nanoTime() - t0;
                    worst = Math.max(worst, took);
                    assertEquals("recv from 127.0.0.1:" + proxy.port() + ": timed out after 300 ms; raise timeout(...)"
                            + " or check that the peer sends", e.getMessage());
                    late[i] = Timers.late("the read timeout", timeout, took);
                }
            }
        }
        ReliabilityLog.record("faults", "peer vanishes (fault proxy black hole) -> Timeout on recv", 5, 5, 0,
                "timeout 300 ms, slowest " + TimeUnit.NANOSECONDS.toMillis(worst) + " ms");
        ReliabilityLog.timing("TCP read timeout (peer vanished behind the fault proxy)", timeout, late);
    }

    private static final Pattern STUCK = Pattern.compile("send to 127\\.0\\.0\\.1:(\\d+): no progress for 500 ms;"
            + " the peer is not reading \\(at least (\\d+) of 67108864 bytes were handed to the OS before;"
            + " the connection is closed\\); raise writeTimeout\\(\\.\\.\\.\\) if the peer is only slow");

    @Test
    void a_peer_that_never_reads_makes_send_give_up_after_the_write_timeout() throws Exception {
        byte[] big = new byte[64 << 20];
        Duration writeTimeout = Duration.ofMillis(500);
        long[] late = new long[3];
        for (int i = 0; i < 3; i++) {
            try (var peer = new RawPeer()) {
                var c = Sockets.tcp().writeTimeout(writeTimeout).connect("127.0.0.1", peer.port());
                Socket s = peer.accept();   // accepted, never read until the send gave up
                long t0 = System.nanoTime();
                Timeout e = assertThrows(Timeout.class, () -> c.send(big));
                long took = System.nanoTime() - t0;
                Matcher m = STUCK.matcher(e.getMessage());
                assertTrue(m.matches(), e.getMessage());
                long reported = Long.parseLong(m.group(2));
                assertFalse(c.isOpen(), "the connection closes with the timeout");
                assertInstanceOf(SocketClosed.class, assertThrows(SocketError.class, () -> c.send("more")));
                // Nothing half-reported: the peer reads at least what the message says, and less than one
                // more of the chunks a watched send hands the OS (64 KiB: TcpTransport's CHUNK), of
                // which the OS may have taken a part when the timeout closed the socket.
                long got;
                try (InputStream in = s.getInputStream()) {
                    got = in.transferTo(java.io.OutputStream.nullOutputStream());
                }
                assertTrue(got >= reported && got < reported + 64 * 1024 + 1, "reported " + reported + ", peer got " + got);
                late[i] = Timers.late("the write timeout", writeTimeout, took);
                ReliabilityLog.record("faults", "peer never reads (TCP) -> send gives up after writeTimeout", 1, 1, 0,
                        "took " + TimeUnit.NANOSECONDS.toMillis(took) + " ms for 500 ms; reported " + reported
                                + ", peer got " + got);
            }
        }
        ReliabilityLog.timing("TCP write timeout, no progress for the time set (peer never reads; late includes"
                + " filling the socket buffers)", writeTimeout, late);
    }

    /**
     * The cost of the write timeout on the send path, measured (not asserted: speed belongs to
     * benchmarks) and recorded for RELIABILITY.md: ping-pong round trips without a write timeout
     * (the fast path, which costs one volatile read) and with one (progress stamps per send,
     * read by a deadline), interleaved in rounds so that JIT and noise hit both alike.
     */
    @Test
    void the_send_path_cost_of_the_write_timeout_is_measured() throws Exception {
        int perRound = 5000;
        long[][] best = {{Long.MAX_VALUE}, {Long.MAX_VALUE}};
        try (var server = Sockets.tcp().noDelay(true).bind("127.0.0.1", 0).listen().onAccept(c -> {
            for (Bytes b = c.recv(64); !b.isEmpty(); b = c.recv(64)) {
                c.send(b);
            }
        })) {
            var plain = Sockets.tcp().noDelay(true).timeout(Duration.ofSeconds(10));
            try (var a = plain.connect("127.0.0.1", server.port());
                 var w = plain.writeTimeout(Duration.ofSeconds(5)).connect("127.0.0.1", server.port())) {
                Connection[] both = {a, w};
                for (int round = 0; round < 6; round++) {
                    for (int k = 0; k < 2; k++) {
                        long t0 = System.nanoTime();
                        for (int i = 0; i < perRound; i++) {
                            both[k].send(new byte[] {(byte) i});
                            assertEquals(1, both[k].recvExactly(1).length());
                        }
                        long per = (System.nanoTime() - t0) / perRound;
                        if (round > 0) { // the first round warms up
                            best[k][0] = Math.min(best[k][0], per);
                        }
                    }
                }
            }
        }
        String fig = "best of 5 rounds of " + perRound + " one-byte round trips: " + best[0][0] + " ns without a write timeout, "
                + best[1][0] + " ns with writeTimeout(5 s)";
        System.out.println("send path: " + fig);
        ReliabilityLog.record("measurements", "send path cost of the write timeout (ping-pong, measured)", 2L * 6 * perRound,
                2L * 6 * perRound, 0, fig);
    }

    @Test
    void a_unix_peer_that_never_reads_makes_send_give_up_after_the_write_timeout(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path path = dir.resolve("w.sock");
        byte[] big = new byte[64 << 20];
        try (var l = Sockets.unix().bind(path).listen()) {
            var c = Sockets.unix().writeTimeout(Duration.ofMillis(500)).connect(path);
            var accepted = l.accept();    // never read until the send gave up
            Timeout e = assertThrows(Timeout.class, () -> c.send(big));
            Matcher m = Pattern.compile("send to " + Pattern.quote("unix:" + path) + ": no progress for 500 ms; the peer is"
                    + " not reading \\(at least (\\d+) of 67108864 bytes were handed to the OS before; the connection is"
                    + " closed\\); raise writeTimeout\\(\\.\\.\\.\\) if the peer is only slow").matcher(e.getMessage());
            assertTrue(m.matches(), e.getMessage());
            long reported = Long.parseLong(m.group(1));
            assertFalse(c.isOpen());
            long got = accepted.recvAll().length(); // exact for Unix: the channel says what it took
            assertEquals(reported, got);
            accepted.close();
            ReliabilityLog.record("faults", "peer never reads (Unix) -> send gives up after writeTimeout", 1, 1, 0,
                    "reported " + reported + " = peer got " + got);
        }
    }

    @Test
    void a_client_that_connects_and_sends_nothing_is_closed_by_the_idle_timeout() throws Exception {
        int n = 10;
        Duration idle = Duration.ofMillis(300);
        long[] late = new long[n];
        var handlerErrors = new java.util.concurrent.ConcurrentLinkedQueue<String>();
        var spec = Sockets.tcp().idleTimeout(idle);
        var server = spec.bind("127.0.0.1", 0).listen(64).onAccept(c -> {
            try {
                c.readLine();
            } catch (SocketClosed e) {
                handlerErrors.add(e.getMessage());
                throw e;
            }
        });
        try {
            for (int i = 0; i < n; i++) {
                // Timed from before the connect: the server's idle clock starts at its accept,
                // which may come before connect() returns here.
                long t0 = System.nanoTime();
                try (var c = Sockets.tcp().timeout(Duration.ofSeconds(10)).connect("127.0.0.1", server.port())) {
                    assertEquals(Bytes.empty(), c.recv(1), "the server closed it: end of stream");
                    late[i] = Timers.late("the idle timeout", idle, System.nanoTime() - t0);
                }
            }
        } finally {
            server.close();
        }
        assertEquals(n, server.idleClosed());
        assertEquals(0, server.failed());
        assertEquals(n, handlerErrors.size());
        assertTrue(handlerErrors.peek().matches("recv from 127\\.0\\.0\\.1:\\d+: the server closed the connection:"
                + " nothing was sent or received for 300 ms \\(the spec's idleTimeout\\);"
                + " raise idleTimeout\\(\\.\\.\\.\\) on the spec if the peer is only slow"), handlerErrors.peek());
        ReliabilityLog.record("faults", "client connects and sends nothing (slowloris) -> idle timeout closes it", n, n, 0,
                "idleTimeout 300 ms");
        ReliabilityLog.timing("server idle timeout, onAccept (client connects and sends nothing; late includes the"
                + " connect)", idle, late);
    }

    @Test
    void a_client_that_keeps_talking_is_not_idle() throws Exception {
        // A pause between messages a tenth of the idle timeout: only a thread held off the CPU for
        // most of a second (not a busy machine's tens of milliseconds) could make the server see
        // the client as idle.
        var spec = Sockets.tcp().idleTimeout(Duration.ofSeconds(1));
        Loopback.server(spec, c -> c.lines().forEach(l -> c.sendLine(l)), server -> {
            try (var c = Sockets.tcp().timeout(Duration.ofSeconds(10)).connect("127.0.0.1", server.port())) {
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2500);
                int i = 0;
                while (System.nanoTime() < end) {
                    c.sendLine("ping " + i);
                    assertEquals("ping " + i, c.readLine());
                    i++;
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // the client's pace
                }
                assertEquals(0, server.idleClosed());
            }
        });
    }

    @Test
    void a_connection_from_listener_accept_is_never_idle_closed() throws Exception {
        Loopback.listener(Sockets.tcp().idleTimeout(Duration.ofMillis(100)), l -> {
            try (var c = Sockets.tcp().connect("127.0.0.1", l.port()); var a = l.accept()) {
                CompletableFuture<String> line = CompletableFuture.supplyAsync(a::readLine);
                // Longer than the idle timeout, measured on the real clock of the reader: it still waits.
                assertThrows(java.util.concurrent.TimeoutException.class, () -> line.get(400, TimeUnit.MILLISECONDS));
                c.sendLine("late");
                assertEquals("late", line.get(10, TimeUnit.SECONDS));
            }
        });
    }

    @Test
    void random_payloads_through_tiny_chunks_and_delays_arrive_intact() throws Exception {
        Random r = new Random(66);
        int transfers = 30;
        long lost = 0;
        long bytes = 0;
        // The server answers each request: a line "n", then n bytes; it sends back the CRC32 and the bytes.
        try (var server = Sockets.tcp().bind("127.0.0.1", 0).listen(64).onAccept(c -> {
            String line;
            while ((line = c.readLine()) != null) {
                Bytes body = c.recvExactly(Integer.parseInt(line));
                var crc = new java.util.zip.CRC32();
                crc.update(body.toByteArray());
                c.sendLine(Long.toString(crc.getValue())).send(body);
            }
        }); var proxy = Sockets.proxy("127.0.0.1", server.port()).bind("127.0.0.1", 0).chunk(700).delay(Duration.ofMillis(1))) {
            try (var c = Sockets.tcp().timeout(Duration.ofSeconds(20)).connect("127.0.0.1", proxy.port())) {
                for (int i = 0; i < transfers; i++) {
                    byte[] data = new byte[r.nextInt(40_000)];
                    r.nextBytes(data);
                    var crc = new java.util.zip.CRC32();
                    crc.update(data);
                    c.sendLine(Integer.toString(data.length)).send(data);
                    assertEquals(Long.toString(crc.getValue()), c.readLine());
                    // Read the echo back with recv: any cut the proxy made must not lose or repeat a byte.
                    var got = new java.io.ByteArrayOutputStream();
                    while (got.size() < data.length) {
                        got.writeBytes(c.recv(data.length - got.size()).toByteArray());
                    }
                    lost += data.length - got.size();
                    assertArrayEquals(data, got.toByteArray());
                    bytes += data.length;
                }
            }
        }
        ReliabilityLog.record("faults", "fault proxy (Sockets.proxy): tiny chunks (1-700 B) and 1 ms delay each way -> payloads intact"
                + " (CRC32, readLine/recvExactly/recv)", transfers, transfers, lost, bytes + " bytes each way");
    }

    // ------------------------------------------------------------------ secure by default

    @Test
    void bind_with_no_host_listens_on_loopback_only() {
        try (var l = Sockets.tcp().bind(0).listen()) {
            assertEquals("127.0.0.1", l.endpoint().host().text());
        }
        try (var l = Sockets.tcp().bind("", 0).listen()) {
            assertEquals("0.0.0.0", l.endpoint().host().text());
        }
        try (var u = Sockets.udp().bind(0)) {
            assertEquals("127.0.0.1", u.local().host().text());
        }
    }

    @Test
    void bind_with_no_host_and_family_inet6_listens_on_ipv6_loopback() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/proc/net/if_inet6")), "no IPv6 on this machine");
        try (var l = Sockets.tcp().family(Domain.INET6).bind(0).listen()) {
            assertEquals("::1", l.endpoint().host().text());
        }
        try (var u = Sockets.udp().family(Domain.INET6).bind(0)) {
            assertEquals("::1", u.local().host().text());
        }
    }

    @Test
    void a_unix_socket_file_is_owner_only(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path p = dir.resolve("s.sock");
        try (var l = Sockets.unix().bind(p).listen()) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        }
    }

    @Test
    void a_unix_socket_file_gets_other_permissions_only_when_the_spec_asks(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path p = dir.resolve("g.sock");
        try (var l = Sockets.unix().filePermissions("rw-rw----").bind(p).listen()) {
            assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sockets.unix().filePermissions("0660"));
        assertEquals("expected permissions such as \"rw-rw----\" (nine of r, w, x, -) but was \"0660\"", e.getMessage());
        assertEquals("rw-------", Sockets.unix().filePermissions());
    }

    // ------------------------------------------------------------------ bounded reads

    @Test
    void recvExactly_of_a_hostile_length_allocates_only_what_arrives() throws Exception {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        Loopback.listener(l -> {
            try (var c = Sockets.tcp().connect("127.0.0.1", l.port()); var a = l.accept()) {
                c.send("0123456789").close();
                long before = threads.getCurrentThreadAllocatedBytes();
                SocketError e = assertThrows(SocketError.class, () -> a.recvExactly(Connection.MAX_RECV_EXACTLY));
                long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                assertEquals("recv from 127.0.0.1:" + c.local().endpoint().port().number() + ": the stream ended after 10 of "
                        + Connection.MAX_RECV_EXACTLY + " bytes; the peer sent less than expected", e.getMessage());
                assertTrue(allocated < 1 << 20, "allocated " + allocated + " bytes for 10 that arrived");
            }
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            try (var p = Sockets.socketpair()) {
                p.a().recvExactly(Connection.MAX_RECV_EXACTLY + 1);
            }
        });
        assertEquals("expected n <= 67108864 (MAX_RECV_EXACTLY) but was 67108865; read longer messages in parts with input()",
                e.getMessage());
    }

    @Test
    void readLine_refuses_a_line_longer_than_the_maximum() throws Exception {
        Loopback.listener(Sockets.tcp().maxLineLength(1024), l -> {
            try (var c = Sockets.tcp().connect("127.0.0.1", l.port()); var a = l.accept()) {
                c.send(new byte[4096]);
                SocketError e = assertThrows(SocketError.class, a::readLine);
                assertTrue(e.getMessage().endsWith(": line longer than 1024 bytes; raise maxLineLength(...) on the spec,"
                        + " or read it with recv(...)"), e.getMessage());
                assertEquals(4096, a.recvExactly(4096).length(), "its bytes stay unread");
            }
        });
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
