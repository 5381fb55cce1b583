package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.DeployedEchoServer;
import dev.sockets.testing.EchoServerMain;
import dev.sockets.testing.ReliabilityLog;
import dev.sockets.testing.Subprocess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server's memory is bounded as a whole, not only per connection: many clients together must
 * not run its JVM out of heap. The server is a deployed program in a child JVM at
 * {@code -Xmx256m} ({@link EchoServerMain}, built into a jar as {@link DescriptorExhaustionTest}
 * does), so that an OutOfMemoryError there kills nothing here. Wanted, in both server forms: the
 * process lives, its stderr has no OutOfMemoryError, and a new client is served afterwards.
 */
@Timeout(90)
class ServerMemoryBudgetTest {

    private static final String HEAP = "-Xmx256m";
    /** onAccept: handlers each reading a 64 MiB message at once; 12 x 64 MiB is three heaps. */
    private static final int READERS = 12;
    /** What each of them sends: enough to grow the handler's buffer to 64 MiB, not the whole message. */
    private static final int PARTIAL = 40 << 20;
    /** onReceive: clients that send and never read their echo. */
    private static final int SILENT = 2_500;
    /** What each of them sends. */
    private static final int EACH = 512 * 1024;

    @TempDir
    static Path dir;
    private static String classPath;

    @BeforeAll
    static void deployTheServer() throws Exception {
        classPath = DeployedEchoServer.classPath(dir);
    }

    private static Subprocess server(String form) throws IOException {
        return Subprocess.start(dir, List.of(Subprocess.tool("java"), HEAP, "-cp", classPath,
                EchoServerMain.class.getName(), form, "warm"));
    }

    @Test
    void the_setting_is_checked_shown_when_set_and_a_quarter_of_the_heap_when_not() {
        assertEquals(Runtime.getRuntime().maxMemory() / 4, Sockets.tcp().maxBuffered());
        assertEquals(Runtime.getRuntime().maxMemory() / 4, Sockets.unix().maxBuffered());
        assertEquals(1 << 20, Sockets.tcp().maxBuffered(1 << 20).maxBuffered());
        assertTrue(Sockets.tcp().maxBuffered(1 << 20).toString().contains("maxBuffered=1048576"));
        assertTrue(Sockets.unix().maxBuffered(1 << 20).toString().contains("maxBuffered=1048576"));
        assertTrue(!Sockets.tcp().toString().contains("maxBuffered"));
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Sockets.tcp().maxBuffered(0));
        assertEquals("expected maxBuffered > 0 but was 0", e.getMessage());
    }

    @Test
    void a_read_the_budget_refuses_fails_with_a_socket_error_and_gives_back_what_it_took() throws Exception {
        var outcomes = new java.util.concurrent.LinkedBlockingQueue<String>();
        try (Server server = Sockets.tcp().maxBuffered(1 << 20).bind("127.0.0.1", 0).listen(5).onAccept(c -> {
            int n = Integer.parseInt(c.readLine());
            try {
                outcomes.add("got " + c.recvExactly(n).length());
            } catch (SocketError err) {
                outcomes.add("refused " + err.getMessage());
            }
        })) {
            for (int n : new int[] {4 << 20, 900 * 1024}) {
                try (var c = Sockets.tcp().timeout(Duration.ofSeconds(10)).connect("127.0.0.1", server.port())) {
                    c.sendLine(String.valueOf(n));
                    try {
                        c.send(new byte[n]);
                    } catch (SocketError cut) {
                        // refused: the server closed the connection under the send
                    }
                    String outcome = outcomes.poll(10, TimeUnit.SECONDS);
                    if (n > 1 << 20) {
                        assertTrue(outcome != null && outcome.startsWith("refused ")
                                && outcome.contains("the server's memory budget of 1 MiB"), String.valueOf(outcome));
                    } else {
                        // Fits only if the refused read gave back all it took.
                        assertEquals("got " + n, outcome);
                    }
                }
            }
            assertTrue(!server.toString().contains("buffered"), server.toString());
        }
    }

    @Test
    void handlers_reading_64_MiB_each_fail_clearly_past_the_budget_instead_of_running_out_of_heap() throws Exception {
        try (var child = server("exactly")) {
            int port = port(child);
            ExecutorService clients = Executors.newFixedThreadPool(READERS);
            List<Future<String>> sent = new ArrayList<>();
            try {
                for (int i = 0; i < READERS; i++) {
                    sent.add(clients.submit(() -> sendPartially(port)));
                }
                List<String> outcomes = new ArrayList<>();
                for (var f : sent) {
                    outcomes.add(f.get(60, TimeUnit.SECONDS));
                }
                // Every sender finished or was cut off: each handler read its part or failed.
                String after = echo(port, "after");
                boolean alive = alive(child);
                List<String> refused = new ArrayList<>();
                String status;
                try {
                    child.input("status\n");
                    status = child.await(l -> {
                        if (l.startsWith("refused ")) {
                            refused.add(l);
                        }
                        return l.startsWith("status ");
                    }, Duration.ofSeconds(10));
                } catch (IOException | AssertionError e) {
                    status = "(no status: " + e + ")";
                }
                String stderr = child.errors();
                String figures = READERS + " handlers at recvExactly(64 MiB), " + HEAP + ": " + refused.size()
                        + " refused; senders " + outcomes + "; new client: " + after + "; " + status
                        + (refused.isEmpty() ? "" : "; first refusal: " + refused.get(0));
                System.out.println("ServerMemoryBudgetTest " + figures);
                assertAll(figures,
                        () -> assertTrue(alive, "the server's process died"),
                        () -> assertTrue(!stderr.contains("OutOfMemoryError"), "the server ran out of heap:\n" + head(stderr)),
                        () -> assertEquals("after", after, "a new client was not served"),
                        () -> assertTrue(!refused.isEmpty() && refused.get(0).contains("memory budget of "),
                                "no handler was refused with the budget's message: " + refused));
                ReliabilityLog.record("faults", READERS + " onAccept handlers each recvExactly(64 MiB) at " + HEAP
                        + " -> refused past the budget, served after", 1, 1, 0, figures);
            } finally {
                clients.shutdownNow();
            }
        }
    }

    @Test
    void an_echo_to_clients_that_never_read_pauses_them_past_the_budget_instead_of_running_out_of_heap() throws Exception {
        try (var child = server("receive")) {
            int port = port(child);
            List<SocketChannel> silent = new ArrayList<>();
            long sent = 0;
            try {
                var to = new InetSocketAddress("127.0.0.1", port);
                for (int i = 0; i < SILENT; i++) {
                    SocketChannel ch = SocketChannel.open();
                    silent.add(ch);
                    ch.setOption(StandardSocketOptions.SO_RCVBUF, 4096); // the echo piles up on the server
                    ch.connect(to);
                    ch.configureBlocking(false);
                }
                // Send EACH bytes on each, as far as the server takes them: rounds until all is sent
                // or nothing moved for 2 s (the server stopped reading), within 40 s in all.
                ByteBuffer data = ByteBuffer.allocate(64 * 1024);
                long[] left = new long[SILENT];
                java.util.Arrays.fill(left, EACH);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
                long lastMoved = System.nanoTime();
                for (int round = 0; round < 100_000 && System.nanoTime() - deadline < 0
                        && System.nanoTime() - lastMoved < TimeUnit.SECONDS.toNanos(2); round++) {
                    boolean moved = false;
                    boolean any = false;
                    for (int i = 0; i < SILENT; i++) {
                        if (left[i] == 0) {
                            continue;
                        }
                        any = true;
                        data.clear().limit((int) Math.min(data.capacity(), left[i]));
                        int n;
                        try {
                            n = silent.get(i).write(data);
                        } catch (IOException e) {
                            left[i] = 0; // the server closed it; not one that holds its memory
                            continue;
                        }
                        left[i] -= n;
                        sent += n;
                        moved |= n > 0;
                    }
                    if (!any || !alive(child)) {
                        break;
                    }
                    if (moved) {
                        lastMoved = System.nanoTime();
                    } else {
                        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                    }
                }
                String after = echo(port, "after");
                boolean alive = alive(child);
                String status;
                try {
                    child.input("status\n");
                    status = child.awaitPrefix("status ", Duration.ofSeconds(10));
                } catch (IOException | AssertionError e) {
                    status = "(no status: " + e + ")";
                }
                String stderr = child.errors();
                String shown = status;
                String figures = SILENT + " silent clients, " + (sent >> 20) + " MiB sent of " + ((long) SILENT * EACH >> 20)
                        + ", " + HEAP + ": new client: " + after + "; " + status;
                System.out.println("ServerMemoryBudgetTest " + figures);
                assertAll(figures,
                        () -> assertTrue(alive, "the server's process died"),
                        () -> assertTrue(!stderr.contains("OutOfMemoryError"), "the server ran out of heap:\n" + head(stderr)),
                        () -> assertEquals("after", after, "a new client was not served"),
                        () -> assertTrue(shown.contains(" MiB buffered"), "the server does not show its budget in use: "
                                + shown));
                ReliabilityLog.record("faults", SILENT + " onReceive clients that never read at " + HEAP
                        + " -> paused past the budget, served after", 1, 1, 0, figures);
            } finally {
                for (SocketChannel ch : silent) {
                    ch.close();
                }
            }
        }
    }

    private static boolean alive(Subprocess child) {
        return ProcessHandle.of(child.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    private static int port(Subprocess child) throws InterruptedException {
        return Integer.parseInt(child.awaitPrefix("listening ", Duration.ofSeconds(20)).substring("listening ".length()));
    }

    /** Asks for a 64 MiB message and sends {@link #PARTIAL} of it; what happened, for the figures. */
    private static String sendPartially(int port) {
        try (SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
            ch.write(ByteBuffer.wrap("big\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            ByteBuffer data = ByteBuffer.allocate(256 * 1024);
            for (int sent = 0; sent < PARTIAL; ) {
                data.clear().limit(Math.min(data.capacity(), PARTIAL - sent));
                sent += ch.write(data);
            }
            return "sent";
        } catch (IOException e) {
            return "cut";
        }
    }

    /** A new client's echo of {@code line}, or its failure. */
    private static String echo(int port, String line) {
        try (var c = Sockets.tcp().connectTimeout(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(10))
                .connect("127.0.0.1", port)) {
            c.sendLine(line);
            String back = c.readLine();
            return back == null ? "(end of stream)" : back;
        } catch (SocketError e) {
            return e.toString();
        }
    }

    private static String head(String text) {
        return text.lines().limit(30).reduce("", (a, b) -> a + b + "\n");
    }
}
