package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.ReliabilityLog;
import dev.sockets.testing.Timers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that never reads must not pin an {@code onAccept} handler for ever: served
 * connections get a write timeout by default ({@link TcpSpec#DEFAULT_SERVED_WRITE_TIMEOUT}), and a
 * send that makes no progress counts as silence for {@code idleTimeout}. Connections from
 * {@code connect} keep Python's behaviour: no write timeout unless set.
 */
@org.junit.jupiter.api.Timeout(120)
class ServedWriteTimeoutTest {

    private static final Duration SHORT = Duration.ofMillis(300);
    private static final int CHUNKS = 200; // 200 sends of 1 MiB: the bound on what a handler tries
    private static final byte[] MIB = new byte[1 << 20];

    /** What the handler's sends ended with (null if all 200 MiB went), and how long they took. */
    private record Outcome(Throwable error, long tookNanos) {
    }

    /** A handler that sends up to 200 MiB; its outcome completes {@code out}. */
    private static Handler sender(CompletableFuture<Outcome> out) {
        return c -> {
            long t0 = System.nanoTime();
            try {
                for (int i = 0; i < CHUNKS; i++) {
                    c.send(MIB);
                }
                out.complete(new Outcome(null, System.nanoTime() - t0));
            } catch (SocketError e) {
                out.complete(new Outcome(e, System.nanoTime() - t0));
                throw e;
            }
        };
    }

    /** Serves {@code handler}, connects a client that never reads, and returns what the handler's sends ended with. */
    private static Outcome neverRead(Server server, Function<Server, Connection> connect,
                                     CompletableFuture<Outcome> out) throws Exception {
        try (server; var client = connect.apply(server)) {
            Outcome o = out.get(60, TimeUnit.SECONDS); // the client keeps its socket open and reads nothing
            assertTrue(client.isOpen());
            return o;
        }
    }

    private static Connection tcpClient(Server s) {
        return Sockets.tcp().connect("127.0.0.1", s.port());
    }

    // ---- the mechanism: a short write timeout on the spec ----------------------------------

    @Test
    void tcp_onAccept_sending_to_a_client_that_never_reads_ends_with_Timeout() throws Exception {
        var out = new CompletableFuture<Outcome>();
        var server = Sockets.tcp().writeTimeout(SHORT).bind("127.0.0.1", 0).listen().onAccept(sender(out));
        Outcome o = neverRead(server, ServedWriteTimeoutTest::tcpClient, out);
        assertInstanceOf(Timeout.class, o.error(), "the handler's send gives up");
        long late = Timers.late("the served write timeout (TCP)", SHORT, o.tookNanos());
        ReliabilityLog.record("faults", "onAccept handler sends to a client that never reads (TCP) -> Timeout", 1, 1, 0,
                "writeTimeout 300 ms, late " + TimeUnit.NANOSECONDS.toMillis(late) + " ms");
    }

    @Test
    void unix_onAccept_sending_to_a_client_that_never_reads_ends_with_Timeout(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("w.sock");
        var out = new CompletableFuture<Outcome>();
        var server = Sockets.unix().writeTimeout(SHORT).bind(path).listen().onAccept(sender(out));
        Outcome o = neverRead(server, s -> Sockets.unix().connect(path), out);
        assertInstanceOf(Timeout.class, o.error(), "the handler's send gives up");
        long late = Timers.late("the served write timeout (Unix)", SHORT, o.tookNanos());
        ReliabilityLog.record("faults", "onAccept handler sends to a client that never reads (Unix) -> Timeout", 1, 1, 0,
                "writeTimeout 300 ms, late " + TimeUnit.NANOSECONDS.toMillis(late) + " ms");
    }

    // ---- the default is in force without setting anything ------------------------------------

    @Test
    void the_served_default_is_sixty_seconds() {
        assertEquals(Duration.ofSeconds(60), TcpSpec.DEFAULT_SERVED_WRITE_TIMEOUT);
    }

    @Test
    void a_tcp_onAccept_connection_has_the_default_write_timeout_unless_set() throws Exception {
        var seen = new CompletableFuture<Duration>();
        try (var server = Sockets.tcp().bind("127.0.0.1", 0).listen().onAccept(c -> seen.complete(c.writeTimeout()));
             var client = tcpClient(server)) {
            assertEquals(TcpSpec.DEFAULT_SERVED_WRITE_TIMEOUT, seen.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void a_unix_onAccept_connection_has_the_default_write_timeout_unless_set(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("d.sock");
        var seen = new CompletableFuture<Duration>();
        try (var server = Sockets.unix().bind(path).listen().onAccept(c -> seen.complete(c.writeTimeout()));
             var client = Sockets.unix().connect(path)) {
            assertEquals(TcpSpec.DEFAULT_SERVED_WRITE_TIMEOUT, seen.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void a_connection_from_listener_accept_has_the_default_write_timeout_too() throws Exception {
        try (var l = Sockets.tcp().bind("127.0.0.1", 0).listen();
             var client = Sockets.tcp().connect("127.0.0.1", l.port());
             var a = l.accept()) {
            assertEquals(TcpSpec.DEFAULT_SERVED_WRITE_TIMEOUT, a.writeTimeout());
        }
    }

    @Test
    void writeTimeout_zero_on_the_spec_turns_the_default_off_for_served_connections() throws Exception {
        var seen = new CompletableFuture<Duration>();
        try (var server = Sockets.tcp().writeTimeout(Duration.ZERO).bind("127.0.0.1", 0).listen()
                .onAccept(c -> seen.complete(c.writeTimeout()));
             var client = tcpClient(server)) {
            assertEquals(Duration.ZERO, seen.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void connected_clients_have_no_write_timeout_unless_set(@TempDir Path dir) throws Exception {
        try (var l = Sockets.tcp().bind("127.0.0.1", 0).listen();
             var c = Sockets.tcp().connect("127.0.0.1", l.port())) {
            assertEquals(Duration.ZERO, c.writeTimeout());
        }
        Path path = dir.resolve("c.sock");
        try (var l = Sockets.unix().bind(path).listen(); var c = Sockets.unix().connect(path)) {
            assertEquals(Duration.ZERO, c.writeTimeout());
        }
    }

    // ---- a stalled send is silence for the idle timeout ------------------------------------

    @Test
    void tcp_a_stalled_send_is_closed_by_the_idle_timeout() throws Exception {
        var out = new CompletableFuture<Outcome>();
        var server = Sockets.tcp().idleTimeout(SHORT).bind("127.0.0.1", 0).listen().onAccept(sender(out));
        Outcome o = neverRead(server, ServedWriteTimeoutTest::tcpClient, out);
        assertStalledSendIdleClosed(server, o, "TCP");
    }

    @Test
    void unix_a_stalled_send_is_closed_by_the_idle_timeout(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("i.sock");
        var out = new CompletableFuture<Outcome>();
        var server = Sockets.unix().idleTimeout(SHORT).bind(path).listen().onAccept(sender(out));
        Outcome o = neverRead(server, s -> Sockets.unix().connect(path), out);
        assertStalledSendIdleClosed(server, o, "Unix");
    }

    private static void assertStalledSendIdleClosed(Server server, Outcome o, String family) {
        assertInstanceOf(SocketClosed.class, o.error(), "the idle timeout closed it under the send");
        assertTrue(o.error().getMessage().contains("nothing was sent or received for 300 ms (the spec's idleTimeout)"),
                o.error().getMessage());
        assertEquals(1, server.idleClosed());
        long late = Timers.late("the idle timeout of a stalled send (" + family + ")", SHORT, o.tookNanos());
        ReliabilityLog.record("faults", "onAccept send stalls on a client that never reads (" + family
                + ") -> idle timeout closes it", 1, 1, 0, "idleTimeout 300 ms, late " + TimeUnit.NANOSECONDS.toMillis(late) + " ms");
    }
}
