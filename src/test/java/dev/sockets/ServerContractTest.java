package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.Descriptors;
import dev.sockets.testing.LiveThreads;
import dev.sockets.testing.ReliabilityLog;
import dev.sockets.testing.ServerLog;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every server form promises alike, {@code onAccept} (a thread per connection) and
 * {@code onReceive} (event loops), over TCP and over Unix domain sockets: the idle timeout, the
 * bound on open connections, a graceful close, a failing handler, and nothing left behind. Each
 * form serves the same line protocol from the same settings, so a server core shared by all four
 * can be checked against one suite; each also over TLS, where the library's TLS client talks to it.
 */
@Timeout(120)
class ServerContractTest {
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    /** Much more than the socket buffers of either kind hold while the client does not read. */
    private static final byte[] BIG = new byte[8 << 20];
    private static final TlsIdentity TLS_ID = TlsIdentity.selfSigned("localhost", "127.0.0.1");

    static {
        new Random(42).nextBytes(BIG);
    }

    @TempDir
    Path dir;

    @RegisterExtension
    final ServerLog serverLog = new ServerLog();

    /** What the server answers to one line; the same for every form. */
    @FunctionalInterface
    interface App {
        byte[] answer(String line) throws Exception;
    }

    /** The settings every form is built from. */
    record Settings(Duration idleTimeout, int maxConnections) {
        static Settings defaults() {
            return new Settings(TcpSpec.DEFAULT_IDLE_TIMEOUT, TcpSpec.DEFAULT_MAX_CONNECTIONS);
        }
    }

    /**
     * The four forms, each started both ways (on the binding, and on the listener {@code listen}
     * returns), each built from the same settings and serving the same {@link App}.
     */
    enum Form {
        ON_ACCEPT_TCP, ON_ACCEPT_UNIX, ON_RECEIVE_TCP, ON_RECEIVE_UNIX,
        ON_ACCEPT_TCP_BINDING, ON_ACCEPT_UNIX_BINDING, ON_RECEIVE_TCP_LISTENER, ON_RECEIVE_UNIX_LISTENER,
        ON_ACCEPT_TLS, ON_RECEIVE_TLS, ON_ACCEPT_TLS_BINDING, ON_RECEIVE_TLS_LISTENER;

        boolean unix() {
            return name().contains("UNIX");
        }

        /** TLS over TCP: the client's connect returns once the handshake is done. */
        boolean tls() {
            return name().contains("TLS");
        }

        boolean events() {
            return name().startsWith("ON_RECEIVE");
        }

        /** Started the other way: onAccept on the binding, onReceive on a listener. */
        boolean otherWay() {
            return name().endsWith("_BINDING") || name().endsWith("_LISTENER");
        }

        Server start(Settings s, Path dir, App app) {
            if (unix()) {
                var b = Sockets.unix().idleTimeout(s.idleTimeout()).maxConnections(s.maxConnections())
                        .bind(dir.resolve("server.sock"));
                if (events()) {
                    return otherWay() ? b.listen(5).onReceive(lines(app)) : b.onReceive(lines(app));
                }
                return otherWay() ? b.onAccept(handler(app)) : b.listen().onAccept(handler(app));
            }
            if (tls()) {
                var b = Sockets.tls().certificate(TLS_ID).idleTimeout(s.idleTimeout()).maxConnections(s.maxConnections())
                        .bind("127.0.0.1", 0);
                if (events()) {
                    return otherWay() ? b.listen(5).onReceive(lines(app)) : b.onReceive(lines(app));
                }
                return otherWay() ? b.onAccept(handler(app)) : b.listen().onAccept(handler(app));
            }
            var b = Sockets.tcp().idleTimeout(s.idleTimeout()).maxConnections(s.maxConnections()).bind("127.0.0.1", 0);
            if (events()) {
                return otherWay() ? b.listen(5).onReceive(lines(app)) : b.onReceive(lines(app));
            }
            return otherWay() ? b.onAccept(handler(app)) : b.listen().onAccept(handler(app));
        }

        Connection connect(Server s) {
            if (unix()) {
                return Sockets.unix().timeout(CLIENT_TIMEOUT).connect(((UnixAddress) s.address()).path());
            }
            if (tls()) {
                return Sockets.tls().trust(TLS_ID).timeout(CLIENT_TIMEOUT).connect("127.0.0.1", s.port());
            }
            return Sockets.tcp().timeout(CLIENT_TIMEOUT).connect("127.0.0.1", s.port());
        }

        /** The blocking form: a line, its answer, until the client's end. */
        private static Handler handler(App app) {
            return c -> {
                for (String line; (line = c.readLine()) != null; ) {
                    c.send(app.answer(line));
                }
            };
        }

        /** The event form: bytes collected per connection up to each newline, as TCP may split them. */
        private static Receiver lines(App app) {
            return new Receiver() {
                private final Map<Peer, ByteArrayOutputStream> partial = new ConcurrentHashMap<>();

                @Override
                public void opened(Peer p) {
                    partial.put(p, new ByteArrayOutputStream());
                }

                @Override
                public void receive(Peer p, Bytes data) throws Exception {
                    var line = partial.get(p);
                    for (byte b : data.toByteArray()) {
                        if (b == '\n') {
                            String text = line.toString(StandardCharsets.UTF_8);
                            line.reset();
                            p.send(app.answer(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text));
                        } else {
                            line.write(b);
                        }
                    }
                }

                @Override
                public void closed(Peer p) {
                    partial.remove(p);
                }
            };
        }
    }

    private static final App ECHO = line -> (line + "\n").getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest(name = "{0}")
    @EnumSource(Form.class)
    void a_silent_client_is_closed_after_the_idle_timeout_not_before_and_counted(Form form) throws Exception {
        Duration idle = Duration.ofMillis(400);
        Server s = form.start(new Settings(idle, TcpSpec.DEFAULT_MAX_CONNECTIONS), dir, ECHO);
        long took;
        try {
            // Before the connect: the server's idle clock cannot start earlier than this.
            long t0 = System.nanoTime();
            try (Connection c = form.connect(s)) {
                assertEquals(Bytes.empty(), c.recv(1), "closed by the server: the end of the stream");
                took = System.nanoTime() - t0;
            }
        } finally {
            // Waits for the handler to finish: then its counts are final.
            s.close();
        }
        assertTrue(took >= idle.toNanos(), "closed before the idle timeout of " + idle + ": after "
                + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
        // Not absurdly late: a timer that never fires, or fires on a wrong unit or a coarse sweep,
        // is caught; a busy machine that connects, shakes hands or wakes the closer seconds late is
        // not (how late it came is measured below, for RELIABILITY.md).
        assertTrue(took <= idle.plusSeconds(5).toNanos(), "closed more than 5 s after the idle timeout of " + idle
                + ": after " + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
        assertEquals(1, s.accepted(), s.toString());
        assertEquals(1, s.idleClosed(), "counted as idle-closed: " + s);
        assertEquals(0, s.failed(), "an idle client is not a failure: " + s);
        assertEquals(0, s.open(), s.toString());
        assertEquals(List.of(), serverLog.atLeast(Level.WARNING), "an idle close is no warning: " + serverLog);
        ReliabilityLog.timing("server idle timeout, each server form (client silent from its connect; late includes the"
                + " connect, and the handshake for TLS)", idle, took - idle.toNanos());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Form.class)
    void at_maxConnections_the_next_client_waits_unserved_and_is_served_once_one_closes(Form form) throws Exception {
        Server s = form.start(new Settings(TcpSpec.DEFAULT_IDLE_TIMEOUT, 2), dir, ECHO);
        try (s; Connection a = form.connect(s); Connection b = form.connect(s)) {
            assertEquals("a", a.sendLine("a").readLine());
            assertEquals("b", b.sendLine("b").readLine());
            assertEquals(2, s.open());
            if (form.tls()) {
                // A TLS connect returns after the handshake, which the server begins only once it
                // accepts: the third client's connect itself waits for a slot.
                var third = java.util.concurrent.CompletableFuture.supplyAsync(() -> form.connect(s));
                assertThrows(java.util.concurrent.TimeoutException.class, () -> third.get(300, TimeUnit.MILLISECONDS),
                        "handshaken while two connections are open");
                assertEquals(2, s.accepted(), "accepted beyond maxConnections: " + s);
                a.close();
                try (Connection c = third.get(10, TimeUnit.SECONDS)) {
                    assertEquals("third", c.sendLine("third").readLine(), "served once a slot is free");
                }
                assertEquals("b", b.sendLine("b").readLine(), "the other held connection is still served");
                assertEquals(3, s.accepted());
                return;
            }
            // Connects (the backlog takes it: nothing is refused) but is not served while two are open.
            try (Connection third = form.connect(s)) {
                third.sendLine("third");
                third.timeout(Duration.ofMillis(300));
                assertThrows(dev.sockets.Timeout.class, third::readLine, "served while two connections are open");
                assertEquals(2, s.accepted(), "accepted beyond maxConnections: " + s);
                assertEquals(2, s.open());
                a.close();
                third.timeout(CLIENT_TIMEOUT);
                assertEquals("third", third.readLine(), "served once a slot is free");
                assertEquals("b", b.sendLine("b").readLine(), "the other held connection is still served");
                assertEquals(3, s.accepted());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Form.class)
    void close_lets_an_answer_in_flight_reach_the_client_then_ends_and_join_returns(Form form) throws Exception {
        var inFlight = new CountDownLatch(1);
        Server s = form.start(Settings.defaults(), dir, line -> {
            if (line.equals("big")) {
                inFlight.countDown();
                return BIG;
            }
            return ECHO.answer(line);
        });
        Thread closer = new Thread(() -> s.close(Duration.ofSeconds(20)), "contract-closer");
        try (Connection c = form.connect(s)) {
            // The client does not read yet: the answer waits in the server (a blocked send for
            // onAccept, a queue for onReceive) when the close begins.
            c.sendLine("big");
            assertTrue(inFlight.await(10, TimeUnit.SECONDS), "the server took the request");
            closer.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (int i = 0; i < 1_000_000 && s.isOpen() && System.nanoTime() - deadline < 0; i++) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            assertFalse(s.isOpen(), "isOpen() once close() began");
            assertThrows(SocketError.class, () -> form.connect(s).close(), "no new connection once isOpen() is false");
            assertArrayEquals(BIG, c.recvExactly(BIG.length).toByteArray(), "the answer in flight arrived whole");
            c.shutdownOutput();
            assertEquals(Bytes.empty(), c.recv(1), "then the end of the stream");
        } finally {
            if (!closer.isAlive() && s.isOpen()) {
                s.close();
            }
        }
        closer.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(closer.isAlive(), "close() returned");
        assertTrue(s.join(Duration.ofSeconds(10)), "join() returns once closed");
        s.join();
        assertFalse(s.isOpen());
        assertEquals(0, s.open(), s.toString());
        assertEquals(0, s.failed(), "nothing failed: " + s);
        assertEquals(List.of(), serverLog.atLeast(Level.WARNING), serverLog.toString());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Form.class)
    void a_throwing_handler_loses_its_connection_is_logged_and_counted_and_the_server_serves_on(Form form)
            throws Exception {
        var boom = new IllegalStateException("fails on purpose");
        try (Server s = form.start(Settings.defaults(), dir, line -> {
            if (line.equals("boom")) {
                throw boom;
            }
            return ECHO.answer(line);
        })) {
            String peer;
            try (Connection bad = form.connect(s)) {
                // The server's view of this client; a Unix client's is unnamed, "unix:".
                peer = bad.local().text();
                bad.sendLine("boom");
                assertEquals(Bytes.empty(), bad.recv(10), "the failing connection is closed");
            }
            try (Connection good = form.connect(s)) {
                assertEquals("next", good.sendLine("next").readLine(), "the next client is served");
            }
            assertEquals(1, s.failed(), s.toString());
            assertEquals(2, s.accepted(), s.toString());
            assertTrue(s.isOpen());
            List<LogRecord> warnings = serverLog.atLeast(Level.WARNING);
            assertEquals(1, warnings.size(), "one warning: " + serverLog);
            LogRecord w = warnings.get(0);
            assertSame(boom, w.getThrown(), "the handler's own exception is logged");
            assertTrue(w.getMessage().contains("for the connection from " + peer), "names the peer: " + w.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Form.class)
    void a_closed_server_leaves_no_descriptor_no_library_thread_and_no_socket_file(Form form) throws Exception {
        Assumptions.assumeTrue(Descriptors.available(), "no /proc/self/fd on this OS: descriptors cannot be listed");
        // Warm up: what the JDK opens once (the classes, a poller, the thread dump's beans) opens here.
        serveEveryKindOfEnding(form, dir.resolve("warm-up"));
        LiveThreads.named("sockets-");
        var before = Descriptors.snapshot();
        Path second = dir.resolve("second");
        serveEveryKindOfEnding(form, dir.resolve("first"));
        assertEquals(List.of(), LiveThreads.awaitNone("sockets-", 10), "library threads (virtual too) left behind");
        Descriptors.assertNoLeak(before, Duration.ofSeconds(10), () -> serveEveryKindOfEnding(form, second));
    }

    /**
     * A server that ends a connection in each way a server does (the client's end, a failure, the
     * idle timeout, its own close) and is closed; then nothing of it may be left.
     */
    private static void serveEveryKindOfEnding(Form form, Path dir) throws Exception {
        Files.createDirectories(dir);
        Server s = form.start(new Settings(Duration.ofMillis(300), 100), dir, line -> {
            if (line.equals("boom")) {
                throw new IllegalStateException("fails on purpose");
            }
            return ECHO.answer(line);
        });
        Connection open = null;
        try {
            for (int i = 0; i < 5; i++) {
                try (Connection c = form.connect(s)) {
                    assertEquals("echo " + i, c.sendLine("echo " + i).readLine());
                }
            }
            try (Connection c = form.connect(s)) {
                assertEquals(Bytes.empty(), c.sendLine("boom").recv(1));
            }
            try (Connection c = form.connect(s)) {
                assertEquals(Bytes.empty(), c.recv(1), "idle-closed");
            }
            open = form.connect(s);
            assertEquals("still open", open.sendLine("still open").readLine());
        } finally {
            s.close(Duration.ofMillis(500));
            if (open != null) {
                open.close();
            }
        }
        assertEquals(0, s.open(), s.toString());
        assertEquals(1, s.failed(), s.toString());
        assertEquals(8, s.accepted(), s.toString());
        if (form.unix()) {
            assertFalse(Files.exists(dir.resolve("server.sock")), "the socket file is removed at close");
        }
    }
}
