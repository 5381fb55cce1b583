package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.internal.io.Acceptor;
import dev.sockets.internal.io.RealListener;
import dev.sockets.internal.io.StreamConfig;
import dev.sockets.internal.io.Transport;
import dev.sockets.internal.time.Threads;
import dev.sockets.testing.Loopback;
import dev.sockets.testing.ServerLog;
import dev.sockets.testing.WrappedAcceptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Server: background serving, counts, failures, bounded connections, closing with grace. */
@Timeout(120)
class ServerTest {

    @RegisterExtension
    final ServerLog serverLog = new ServerLog();

    @Test
    void serves_in_the_background_and_counts() throws Exception {
        Server s = Sockets.tcp().bind("127.0.0.1", 0).listen(5).onAccept(c -> c.send("Thank you for connecting"));
        try {
            assertEquals("Server[tcp 127.0.0.1:" + s.port() + ", 0 open, 0 accepted]", s.toString());
            assertEquals(Endpoint.of("127.0.0.1", s.port()), s.endpoint());
            assertEquals(s.endpoint(), s.address());
            for (int i = 0; i < 3; i++) {
                try (var c = Sockets.tcp().connect("127.0.0.1", s.port())) {
                    assertEquals(Bytes.of("Thank you for connecting"), c.recvAll(), "closed when the handler returns");
                }
            }
            assertEquals(3, s.accepted());
            assertEquals(0, s.failed());
            assertTrue(s.isOpen());
            assertFalse(s.join(Duration.ofMillis(1)));
        } finally {
            s.close();
        }
        assertFalse(s.isOpen());
        assertTrue(s.join(Duration.ZERO));
        s.join();
        assertEquals("Server[tcp 127.0.0.1:" + s.port() + ", 0 open, 3 accepted, closed]", s.toString());
        assertThrows(ConnectionRefused.class, () -> Sockets.tcp().connect("127.0.0.1", s.port()));
        s.close();
    }

    @Test
    void each_connection_has_a_daemon_thread_of_its_own_virtual_from_java_21_when_asked() throws Exception {
        // The default (ThreadModel.AUTO) starts on platform threads; ThreadModelTest covers each model.
        var seen = new CompletableFuture<Thread>();
        Loopback.server(Sockets.tcp().threads(ThreadModel.VIRTUAL.equals(virtualOrPlatform()) ? ThreadModel.VIRTUAL
                : ThreadModel.PLATFORM), c -> seen.complete(Thread.currentThread()), s -> {
            Sockets.tcp().connect("127.0.0.1", s.port()).close();
            Thread t = seen.get(30, TimeUnit.SECONDS);
            assertTrue(t.isDaemon());
            assertEquals(Runtime.version().feature() >= 21, isVirtual(t));
            assertEquals(Runtime.version().feature() >= 21, Threads.virtual());
            assertTrue(t.getName().startsWith("sockets-conn-"), t.getName());
        });
    }

    private static ThreadModel virtualOrPlatform() {
        return Runtime.version().feature() >= 21 ? ThreadModel.VIRTUAL : ThreadModel.PLATFORM;
    }

    private static boolean isVirtual(Thread t) throws Exception {
        if (Runtime.version().feature() < 21) {
            return false;
        }
        return (boolean) Thread.class.getMethod("isVirtual").invoke(t);
    }

    @Test
    void many_concurrent_clients_each_get_their_own_bytes_back() throws Exception {
        int n = Runtime.version().feature() >= 21 ? 5000 : 500;
        var allConnected = new CountDownLatch(n);
        Loopback.server(c -> {
            String hello = c.readLine();
            byte[] payload = c.recvExactly(64).toByteArray();
            reverse(payload);
            c.sendLine("ack " + hello).send(payload);
            assertEquals("bye", c.readLine());
            c.sendLine("bye " + hello);
        }, s -> {
            var go = new CountDownLatch(1);
            // A few hundred connects in flight at a time keep the SYN queue from overflowing.
            var connecting = new Semaphore(200);
            var errors = new ConcurrentLinkedQueue<Throwable>();
            var done = new CountDownLatch(n);
            for (int i = 0; i < n; i++) {
                int id = i;
                Threads.startConnection(() -> {
                    try {
                        Connection c;
                        connecting.acquire();
                        try {
                            c = Sockets.tcp().timeout(Duration.ofSeconds(60)).connect("127.0.0.1", s.port());
                        } finally {
                            connecting.release();
                        }
                        try (c) {
                            byte[] payload = payload(id);
                            c.sendLine("client " + id).send(payload);
                            assertEquals("ack client " + id, c.readLine());
                            byte[] back = c.recvExactly(64).toByteArray();
                            reverse(back);
                            assertTrue(Arrays.equals(payload, back), "payload of " + id);
                            allConnected.countDown();
                            go.await();
                            c.sendLine("bye");
                            assertEquals("bye client " + id, c.readLine());
                            assertNull(c.readLine());
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                        allConnected.countDown();
                    } finally {
                        done.countDown();
                    }
                });
            }
            assertTrue(allConnected.await(90, TimeUnit.SECONDS), "every client connected and exchanged");
            assertEquals(List.of(), new ArrayList<>(errors));
            assertEquals(n, s.open(), "all " + n + " connections open at once");
            go.countDown();
            assertTrue(done.await(60, TimeUnit.SECONDS));
            assertEquals(List.of(), new ArrayList<>(errors));
            assertEquals(n, s.accepted());
            assertEquals(0, s.failed());
        });
    }

    private static byte[] payload(int id) {
        byte[] p = new byte[64];
        new java.util.Random(id).nextBytes(p);
        return p;
    }

    private static void reverse(byte[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            byte t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    @Test
    void a_handler_that_throws_is_logged_its_connection_closed_and_the_server_goes_on() throws Exception {
        Loopback.server(c -> {
            String what = c.readLine();
            if (what.equals("runtime")) {
                throw new IllegalStateException("boom");
            } else if (what.equals("checked")) {
                throw new Exception("checked boom");
            } else if (what.equals("overflow")) {
                recurse(0);
            }
            c.send("fine");
        }, s -> {
            for (String what : List.of("runtime", "checked", "overflow")) {
                try (var c = Sockets.tcp().connect("127.0.0.1", s.port())) {
                    c.sendLine(what);
                    assertEquals(Bytes.empty(), c.recv(10), what + ": connection closed");
                }
            }
            try (var c = Sockets.tcp().connect("127.0.0.1", s.port())) {
                c.sendLine("ok");
                assertEquals(Bytes.of("fine"), c.recvAll());
            }
            assertEquals(3, s.failed());
            assertEquals(4, s.accepted());
            assertTrue(s.toString().endsWith(", 3 failed]"), s.toString());
            var warnings = serverLog.records().stream().filter(r -> r.getLevel() == Level.WARNING)
                    .filter(r -> r.getMessage().startsWith("handler failed for the connection from 127.0.0.1:"))
                    .toList();
            assertEquals(3, warnings.size(), serverLog.toString());
            assertTrue(warnings.stream().anyMatch(r -> r.getThrown() instanceof StackOverflowError));
            assertTrue(warnings.stream().anyMatch(r -> "checked boom".equals(r.getThrown().getMessage())));
        });
    }

    private static int recurse(int i) {
        return recurse(i + 1) + 1;
    }

    @Test
    void close_lets_handlers_finish_within_the_grace_then_closes_the_rest() throws Exception {
        var stuckStarted = new CountDownLatch(1);
        var workerStarted = new CountDownLatch(1);
        var stuckEnded = new CompletableFuture<Throwable>();
        byte[] big = new byte[1 << 20];
        new java.util.Random(1).nextBytes(big);
        Server s = Sockets.tcp().bind("127.0.0.1", 0).listen().onAccept(c -> {
            String role = c.readLine();
            if (role.equals("stuck")) {
                stuckStarted.countDown();
                try {
                    c.readLine();
                    stuckEnded.complete(null);
                } catch (Throwable e) {
                    stuckEnded.complete(e);
                    throw e;
                }
            } else {
                workerStarted.countDown();
                c.readLine();
                c.send(big);
            }
        });
        try (var stuck = Sockets.tcp().connect("127.0.0.1", s.port());
             var worker = Sockets.tcp().connect("127.0.0.1", s.port())) {
            stuck.sendLine("stuck");
            worker.sendLine("worker");
            stuckStarted.await();
            workerStarted.await();
            var closing = CompletableFuture.runAsync(() -> s.close(Duration.ofSeconds(1)));
            while (s.isOpen()) {
                Thread.onSpinWait();
            }
            assertThrows(ConnectionRefused.class, () -> Sockets.tcp().connect("127.0.0.1", s.port()),
                    "no new connections once closing");
            // The worker finishes its answer after close began: every byte arrives.
            worker.sendLine("go");
            assertEquals(Bytes.of(big), worker.recvAll());
            // The stuck one is closed after the grace: its client reads the end of the stream.
            assertEquals(Bytes.empty(), stuck.recv(10));
            closing.get(30, TimeUnit.SECONDS);
            assertTrue(stuckEnded.get(30, TimeUnit.SECONDS) instanceof SocketClosed);
            s.join();
            assertEquals(0, s.open());
            assertEquals(0, s.failed(), "a handler closed by the server did nothing wrong");
        }
    }

    @Test
    void closing_the_listener_of_a_server_closes_the_server() throws Exception {
        var l = Sockets.tcp().bind("127.0.0.1", 0).listen();
        Server s = l.onAccept(c -> c.send("hi"));
        l.close();
        assertTrue(s.join(Duration.ofSeconds(30)), "the server closed with its listener");
        assertFalse(s.isOpen());
        assertTrue(serverLog.records().stream().noneMatch(r -> r.getLevel() == Level.WARNING), serverLog.toString());
    }

    @Test
    void a_request_left_unread_does_not_turn_the_end_of_stream_into_a_reset() throws Exception {
        Loopback.server(c -> c.send("Thank you for connecting"), s -> {
            for (int i = 0; i < 50; i++) {
                try (var c = Sockets.tcp().connect("127.0.0.1", s.port())) {
                    c.send("a request the handler never reads\n");
                    assertEquals(Bytes.of("Thank you for connecting"), c.recvAll());
                }
            }
        });
    }

    @Test
    void close_returns_even_when_a_handler_ignores_interrupts_and_says_so() throws Exception {
        var started = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        Server s = Sockets.tcp().bind("127.0.0.1", 0).listen().onAccept(c -> {
            started.countDown();
            while (true) {
                try {
                    release.await();
                    return;
                } catch (InterruptedException e) {
                    // stubborn: keeps waiting
                }
            }
        });
        try (var c = Sockets.tcp().connect("127.0.0.1", s.port())) {
            started.await();
            s.close(Duration.ofMillis(100));
            assertFalse(s.isOpen());
            assertTrue(s.join(Duration.ZERO));
            assertEquals(Bytes.empty(), c.recv(10), "its connection was closed anyway");
            assertTrue(serverLog.records().stream().anyMatch(r -> r.getMessage().equals("a handler for " + c.local()
                    + " is still running after the server closed; it ignores interrupts and a closed connection")),
                    serverLog.toString());
        } finally {
            release.countDown();
        }
    }

    @Test
    void a_handler_may_close_its_own_server() throws Exception {
        var server = new AtomicReference<Server>();
        var ready = new CountDownLatch(1);
        Server s = Sockets.tcp().bind("127.0.0.1", 0).listen().onAccept(c -> {
            ready.await();
            c.sendLine("closing");
            server.get().close(Duration.ofSeconds(30));
            c.sendLine("closed");
        });
        server.set(s);
        ready.countDown();
        try (var c = Sockets.tcp().connect("127.0.0.1", s.port())) {
            assertEquals("closing", c.readLine());
            assertTrue(s.join(Duration.ofSeconds(10)), "close returned without waiting for its own handler");
            assertEquals("closed", c.readLine());
        }
    }

    @Test
    void at_maxConnections_the_accept_loop_waits_instead_of_refusing() throws Exception {
        var release = new CountDownLatch(1);
        Loopback.server(Sockets.tcp().maxConnections(2), c -> {
            c.sendLine("hello");
            release.await();
        }, s -> {
            try (var a = Sockets.tcp().connect("127.0.0.1", s.port());
                 var b = Sockets.tcp().connect("127.0.0.1", s.port());
                 var third = Sockets.tcp().connect("127.0.0.1", s.port())) {
                assertEquals("hello", a.readLine());
                assertEquals("hello", b.readLine());
                assertEquals(2, s.open());
                // Connected (the backlog took it) but not served while two are open.
                assertThrows(dev.sockets.Timeout.class, () -> third.timeout(Duration.ofMillis(300)).readLine());
                assertEquals(2, s.accepted());
                release.countDown();
                assertEquals("hello", third.timeout(Duration.ofSeconds(30)).readLine());
            }
        });
    }

    @Test
    void a_failing_accept_is_logged_and_the_loop_goes_on() throws Exception {
        var real = Sockets.tcp().bind("127.0.0.1", 0).listen();
        var acceptor = WrappedAcceptor.under(real);
        var failedOnce = new AtomicBoolean();
        Acceptor flaky = new WrappedAcceptor(acceptor) {
            @Override
            public Transport accept() throws IOException {
                if (failedOnce.compareAndSet(false, true)) {
                    throw new IOException("Too many open files");
                }
                return acceptor.accept();
            }
        };
        var l = new RealListener(flaky, new StreamConfig(StandardCharsets.UTF_8, 100, Duration.ZERO, 10));
        Server s = l.onAccept(c -> c.send("served"));
        try (var c = Sockets.tcp().connect("127.0.0.1", s.port())) {
            assertEquals(Bytes.of("served"), c.recvAll());
            assertTrue(failedOnce.get());
            assertTrue(serverLog.records().stream().anyMatch(r -> r.getMessage().equals("accept on 127.0.0.1:" + s.port()
                    + " failed; retrying in 100 ms")), serverLog.toString());
        } finally {
            s.close();
            real.close();
        }
    }

    @Test
    void a_listening_socket_closed_under_the_server_closes_the_server_instead_of_retrying_forever() throws Exception {
        // As an interrupt that reaches a channel's accept does: the socket closes, the Listener
        // object does not know.
        var real = Sockets.tcp().bind("127.0.0.1", 0).listen();
        var acceptor = WrappedAcceptor.under(real);
        Acceptor closing = new WrappedAcceptor(acceptor) {
            @Override
            public Transport accept() throws IOException {
                acceptor.close();
                throw new java.nio.channels.ClosedByInterruptException();
            }
        };
        var l = new RealListener(closing, new StreamConfig(StandardCharsets.UTF_8, 100, Duration.ZERO, 10));
        Server s = l.onAccept(c -> c.send("served"));
        try {
            assertTrue(s.join(Duration.ofSeconds(30)), "the server closed itself");
            assertFalse(s.isOpen());
            assertFalse(l.isOpen());
            assertTrue(serverLog.records().stream().anyMatch(r -> r.getLevel() == Level.WARNING
                    && r.getMessage().equals("listener 127.0.0.1:" + s.port()
                    + " closed under the server (an interrupt closes a channel); closing the server")), serverLog.toString());
            assertTrue(serverLog.records().stream().noneMatch(r -> r.getMessage().startsWith("accept on ")), serverLog.toString());
        } finally {
            s.close();
            real.close();
        }
    }

    @Test
    void close_refuses_a_negative_grace() throws Exception {
        Loopback.server(c -> { }, s -> {
            assertEquals("expected grace >= 0 but was PT-1S", assertThrows(IllegalArgumentException.class,
                    () -> s.close(Duration.ofSeconds(-1))).getMessage());
            assertTrue(s.isOpen());
        });
    }

    @Test
    void no_thread_and_no_file_descriptor_outlive_a_server_that_served_1000_connections() throws Exception {
        // Warm up: JDK-internal threads (carriers, cleaners) that start once start here.
        serve(200);
        // ...and what the thread dump opens once (management beans).
        dev.sockets.testing.LiveThreads.named("sockets-");
        var fdsBefore = dev.sockets.testing.Descriptors.snapshot();
        var before = Thread.getAllStackTraces().keySet();
        serve(1000);
        var extra = new ArrayList<Thread>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.getName().startsWith("sockets-")) {
                // A handler thread may still be returning from its last line: wait for the real end.
                t.join(TimeUnit.SECONDS.toMillis(10));
            }
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.isAlive() && !jdkInternal(t.getName())) {
                extra.add(t);
            }
        }
        assertEquals(List.of(), extra, "threads left behind");
        // Virtual threads (Java 21+) are not in getAllStackTraces: count them from a thread dump.
        assertEquals(List.of(), dev.sockets.testing.LiveThreads.awaitNone("sockets-", 10),
                "library threads (virtual included) left behind");
        // Descriptors by what they point at, with a second server to tell the JDK's lazy
        // once-per-JVM descriptors from a leak: see Descriptors.
        dev.sockets.testing.Descriptors.assertNoLeak(fdsBefore, Duration.ofSeconds(10), () -> serve(1000));
    }

    /** The JDK's own pools, which live on after their work (virtual-thread carriers, the common pool). */
    private static boolean jdkInternal(String name) {
        return name.startsWith("ForkJoinPool") || name.startsWith("VirtualThread-") || name.equals("Common-Cleaner");
    }

    /** A server, {@code n} connections of one echoed line, 50 at a time; then every end is closed. */
    private static void serve(int n) throws Exception {
        Server s = Sockets.tcp().bind("127.0.0.1", 0).listen(128).onAccept(c -> c.sendLine(c.readLine()));
        try {
            var errors = new ConcurrentLinkedQueue<Throwable>();
            var slots = new Semaphore(50);
            var done = new CountDownLatch(n);
            for (int i = 0; i < n; i++) {
                int id = i;
                slots.acquire();
                Threads.startConnection(() -> {
                    try (var c = Sockets.tcp().connect("127.0.0.1", s.port())) {
                        assertEquals("line " + id, c.sendLine("line " + id).readLine());
                        assertNull(c.readLine());
                    } catch (Throwable e) {
                        errors.add(e);
                    } finally {
                        slots.release();
                        done.countDown();
                    }
                });
            }
            assertTrue(done.await(60, TimeUnit.SECONDS));
            assertEquals(List.of(), new ArrayList<>(errors));
            assertEquals(n, s.accepted());
        } finally {
            s.close();
        }
        assertEquals(0, s.open());
    }
}
