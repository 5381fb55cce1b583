package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.Descriptors;
import dev.sockets.testing.ReliabilityLog;
import dev.sockets.testing.Scale;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Leaks (RELIABILITY.md, "Leaks"): many connections mixing every fault a server meets (resets, half closes,
 * silent clients, idle timeouts, throwing handlers, stack overflows), then file descriptors
 * ({@code /proc/self/fd}) and platform threads are back to their baseline, and the heap after GC
 * does not grow with the number of connections. 10,000 connections by default, 100,000 with
 * {@code -Dsockets.scale=full} (the reliability stage of .ci/run).
 */
@org.junit.jupiter.api.Timeout(900)
class ServerLeakTest {
    private static final Logger SERVER_LOG = Logger.getLogger("dev.sockets.Server");

    @Test
    void many_mixed_connections_leave_no_descriptor_thread_or_heap_behind() throws Exception {
        leakCheck(false);
    }

    /** The same faults against the event-driven form, {@code onReceive}: its loops, not a thread per connection. */
    @Test
    void many_mixed_connections_to_an_onReceive_server_leave_no_descriptor_thread_or_heap_behind() throws Exception {
        leakCheck(true);
    }

    private static void leakCheck(boolean events) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")),
                "no /proc/self/fd on this OS: descriptors cannot be counted");
        int total = Scale.of(10_000, 100_000);
        Level before = SERVER_LOG.getLevel();
        SERVER_LOG.setLevel(Level.OFF);
        try {
            round(1000, null, events); // warm-up: classes loaded, pools and JIT settled
            // Threads first: counting them writes a temporary thread dump, whose SecureRandom opens
            // /dev/random and /dev/urandom for good; that must happen before the descriptors' baseline.
            long threads0 = settle(ServerLeakTest::threads, Long.MAX_VALUE);
            // The baseline once the warm-up's descriptors are closed (its count stable for 2 s).
            settle(Descriptors::count, Long.MAX_VALUE);
            var fds0 = Descriptors.snapshot();
            long[] heap = new long[2];
            long t0 = System.nanoTime();
            AtomicLong[] kinds = round(total, heap, events);
            long took = System.nanoTime() - t0;
            List<String> fdsLeft = Descriptors.awaitBaseline(fds0, Duration.ofSeconds(30));
            long fds1 = Descriptors.count();
            long threads1 = settle(ServerLeakTest::threads, threads0);
            List<String> handlers = dev.sockets.testing.LiveThreads.awaitNone("sockets-conn-", 30);
            assertTrue(handlers.isEmpty(), "connection threads still alive: " + handlers);
            List<String> loops = dev.sockets.testing.LiveThreads.awaitNone("sockets-loop-", 30);
            assertTrue(loops.isEmpty(), "loop threads still alive: " + loops);
            long growth = heap[1] - heap[0];
            long between = total - total / 10;
            double perConnection = (double) growth / between;
            var k = new StringBuilder();
            String[] names = {"echo", "client reset", "half close", "handler throws", "silent", "idle-closed", "stack overflow"};
            for (int i = 0; i < names.length; i++) {
                k.append(i == 0 ? "" : ", ").append(kinds[i].get()).append(' ').append(names[i]);
            }
            String fig = String.format("%d connections in %.0f s (%s); fds %d -> %d; live threads (virtual too) %d -> %d;"
                            + " heap after GC at 10%%: %d KiB, at 100%%: %d KiB (%+.1f B per connection)",
                    total, took / 1e9, k, fds0.open().size(), fds1, threads0, threads1, heap[0] >> 10, heap[1] >> 10, perConnection);
            String form = events ? "onReceive" : "onAccept";
            fig = form + ": " + fig;
            System.out.println("leaks: " + fig);
            assertTrue(threads1 <= threads0, "threads leaked: " + fig + "\n" + threadNames());
            // By what each descriptor points at, not by count; anything but a socket still open may
            // be the JDK's once-per-JVM descriptor, which a second, smaller round must not add again.
            if (!fdsLeft.isEmpty()) {
                System.out.println("leaks: " + form + ": open after the round, checked by a second one: " + fdsLeft);
            }
            Descriptors.assertNoLeak(fds0, Duration.ofSeconds(30), () -> round(1000, null, events));
            // Generous for GC noise: 8 MiB in all, or 100 bytes a connection at the full count.
            assertTrue(growth < Math.max(8L << 20, 100L * between), "heap grows with connections: " + fig);
            ReliabilityLog.record("leaks", "mixed connections (echo, reset, half close, throws,"
                    + " silent, idle, stack overflow) to an " + form + " server -> fds, threads, heap back to baseline",
                    total, total, 0, fig);
        } finally {
            SERVER_LOG.setLevel(before);
        }
    }

    /** Runs {@code n} connections through a fresh server; fills heap[0] at 10% and heap[1] at the end. */
    private static AtomicLong[] round(int n, long[] heap, boolean events) throws Exception {
        AtomicLong[] kinds = new AtomicLong[7];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = new AtomicLong();
        }
        var spec = Sockets.tcp().maxConnections(200).idleTimeout(Duration.ofMillis(500));
        var server = events ? spec.bind("127.0.0.1", 0).onReceive(256, (peer, data) -> {
            // One byte names a fault (a message may come in pieces, so no words): '!' throws,
            // '#' overflows the loop thread's stack; anything else is echoed.
            switch (data.get(0)) {
                case '!':
                    throw new IllegalStateException("fails on purpose");
                case '#':
                    recurse(0);
                    return;
                default:
                    peer.send(data); // the half close's payload too: the loop closes after it, at the end of input
            }
        }) : spec.bind("127.0.0.1", 0).listen(256).onAccept(c -> {
            String line = c.readLine();
            if (line == null) {
                return;
            }
            switch (line) {
                case "throw":
                    throw new IllegalStateException("fails on purpose");
                case "soe":
                    recurse(0);
                    return;
                case "all":
                    c.send(c.recvAll()); // to the client's half close, then answer
                    return;
                default:
                    c.sendLine(line);
                    c.readLine(); // waits for the client to go (end of stream or a reset)
            }
        });
        int port = server.port();
        var client = Sockets.tcp().timeout(Duration.ofSeconds(30)).connectTimeout(Duration.ofSeconds(10));
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        var firstError = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        var mid = new java.util.concurrent.CountDownLatch(1);
        var midDone = new java.util.concurrent.CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                long i;
                while ((i = next.getAndIncrement()) < n) {
                    if (heap != null && i == n / 10) {
                        mid.countDown();
                    }
                    try {
                        one(client, port, i, kinds, events);
                    } catch (Exception | StackOverflowError e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, new AssertionError("connection " + i + " of kind " + (i % 7), e));
                    }
                    if (heap != null && i == n / 10) {
                        try {
                            midDone.await();
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }, "leak-client-" + t);
            workers.add(th);
            th.start();
        }
        if (heap != null) {
            mid.await();
            heap[0] = heapAfterGc();
            midDone.countDown();
        }
        for (Thread th : workers) {
            th.join();
        }
        if (heap != null) {
            heap[1] = heapAfterGc();
        }
        server.close();
        assertEquals(0, server.open(), "handlers still running after close (threads of any kind, virtual too)");
        if (firstError.get() != null) {
            throw new AssertionError(errors.get() + " client-side errors; the first:", firstError.get());
        }
        assertEquals(n, server.accepted());
        return kinds;
    }

    private static void one(TcpSpec client, int port, long i, AtomicLong[] kinds, boolean events) throws IOException {
        int kind = (int) (i % 7);
        if (kind == 6 && i % 70 != 6) {
            kind = 0; // stack overflows are slow: one in seventy
        }
        if (kind == 5 && i % 350 != 5) {
            kind = 0; // idle closes wait for the timeout (500 ms, long enough that no busy client is idle): one in 350
        }
        kinds[kind].incrementAndGet();
        switch (kind) {
            case 0:
                try (var c = client.connect("127.0.0.1", port)) {
                    if (!("m" + i).equals(c.sendLine("m" + i).readLine())) {
                        throw new IOException("wrong echo");
                    }
                }
                return;
            case 1:
                // A client that resets: plain java.net with SO_LINGER 0, mid-request.
                try (Socket s = new Socket(java.net.Proxy.NO_PROXY)) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                    s.getOutputStream().write("partial".getBytes());
                    s.setSoLinger(true, 0);
                }
                return;
            case 2:
                try (var c = client.connect("127.0.0.1", port)) {
                    if (!events) {
                        c.sendLine("all");
                    }
                    c.send("payload").shutdownOutput();
                    if (c.recvAll().length() != 7) {
                        throw new IOException("half close lost bytes");
                    }
                }
                return;
            case 3:
                try (var c = client.connect("127.0.0.1", port)) {
                    c.send(events ? "!" : "throw\n");
                    expectEnd(c);
                }
                return;
            case 4:
                try (var c = client.connect("127.0.0.1", port)) {
                    c.close(); // silent
                }
                return;
            case 5:
                try (var c = client.connect("127.0.0.1", port)) {
                    expectEnd(c); // says nothing: the idle timeout closes it
                }
                return;
            default:
                try (var c = client.connect("127.0.0.1", port)) {
                    c.send(events ? "#" : "soe\n");
                    expectEnd(c);
                }
        }
    }

    private static void expectEnd(Connection c) throws IOException {
        try {
            if (!c.recv(1).isEmpty()) {
                throw new IOException("expected the end of the stream");
            }
        } catch (ConnectionReset e) {
            // Closed all the same.
        }
    }

    private static int recurse(int i) {
        return recurse(i + 1) + 1;
    }

    private static long heapAfterGc() {
        var mem = ManagementFactory.getMemoryMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            best = Math.min(best, mem.getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    /** Polls {@code count} until it is at most {@code target} (30 s at most), or until it stops falling. */
    private static long settle(java.util.function.LongSupplier count, long target) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long last = count.getAsLong();
        int steady = 0;
        while (System.nanoTime() < deadline) {
            // Threads end and descriptors close asynchronously (handler threads finishing, the
            // deadline thread's one-second keep-alive): wait for the count, not for a fixed time.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            long now = count.getAsLong();
            if (now <= target) {
                return now;
            }
            steady = now == last ? steady + 1 : 0;
            last = now;
            if (target == Long.MAX_VALUE && steady >= 20) {
                return now; // the baseline: stable for 2 s
            }
        }
        return last;
    }

    /** Every live thread, virtual ones included on Java 21+ (a JSON thread dump, see LiveThreads). */
    private static long threads() {
        try {
            return dev.sockets.testing.LiveThreads.named("").size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String threadNames() {
        try {
            return String.join("\n", dev.sockets.testing.LiveThreads.named(""));
        } catch (Exception e) {
            return e.toString();
        }
    }
}
