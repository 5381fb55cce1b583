package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Unix domain stream sockets: the same Listener and Connection as TCP, over a socket file. */
@Timeout(60)
class UnixSpecTest {
    @TempDir
    Path dir;

    private static final Handler ECHO_LINES = c -> {
        for (String line; (line = c.readLine()) != null; ) {
            c.sendLine(line);
        }
    };

    @Test
    void a_client_and_a_server_round_trip_over_a_socket_file() throws Exception {
        Path sock = dir.resolve("echo.sock");
        try (var server = Sockets.unix().bind(sock).listen().onAccept(ECHO_LINES);
             var c = Sockets.unix().timeout(Duration.ofSeconds(10)).connect(sock)) {
            c.sendLine("hello over unix");
            assertEquals("hello over unix", c.readLine());
            assertEquals(new UnixAddress(sock), c.remote());
            assertEquals("Server[unix:" + sock + ", 1 open, 1 accepted]", server.toString());
        }
    }

    @Test
    void accept_and_connect_without_a_server_thread() throws Exception {
        Path sock = dir.resolve("plain.sock");
        try (var listener = Sockets.unix().timeout(Duration.ofSeconds(10)).bind(sock.toString()).listen(5);
             var client = Sockets.unix().connect(sock.toString());
             var served = listener.accept()) {
            client.send("ping");
            assertEquals(Bytes.of("ping"), served.recvExactly(4));
            served.send("pong");
            assertEquals(Bytes.of("pong"), client.recvExactly(4));
            assertEquals("Listener[unix:" + sock + "]", listener.toString());
            assertEquals(new UnixAddress(Path.of("")), client.local());
        }
    }

    @Test
    void the_socket_file_is_owner_only_and_removed_when_the_listener_closes() throws Exception {
        Path sock = dir.resolve("perm.sock");
        var listener = Sockets.unix().bind(sock).listen();
        assertTrue(Files.exists(sock));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));
        listener.close();
        assertFalse(Files.exists(sock), "socket file removed on close");
    }

    @Test
    void the_listener_and_its_connections_report_the_path_not_the_private_place_it_was_bound_in() throws Exception {
        Path sock = dir.resolve("named.sock");
        try (var listener = Sockets.unix().bind(sock).listen();
             var c = Sockets.unix().connect(sock);
             var served = listener.accept()) {
            assertEquals(new UnixAddress(sock), listener.address());
            assertEquals(new UnixAddress(sock), served.local());
            assertEquals(new UnixAddress(sock), c.remote());
            // The private directory is gone: the path's directory holds the socket file only.
            try (var entries = Files.list(dir)) {
                assertEquals(java.util.List.of(sock), entries.toList());
            }
        }
    }

    @Test
    void the_socket_file_is_removed_when_the_server_closes() {
        Path sock = dir.resolve("server.sock");
        var server = Sockets.unix().bind(sock).listen().onAccept(ECHO_LINES);
        assertTrue(Files.exists(sock));
        server.close();
        assertFalse(Files.exists(sock), "socket file removed on server close");
    }

    /** A socket file nothing listens on: what a server that died leaves behind. */
    private static void leaveStaleFile(Path sock) throws Exception {
        try (var ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.bind(UnixDomainSocketAddress.of(sock));
        }
        assertTrue(Files.exists(sock), "the JDK leaves the file when the channel closes");
    }

    @Test
    void a_stale_socket_file_is_reported_and_replaced_only_when_asked() throws Exception {
        Path sock = dir.resolve("stale.sock");
        leaveStaleFile(sock);
        var e = assertThrows(AddressInUse.class, () -> Sockets.unix().bind(sock).listen());
        assertEquals("bind unix:" + sock + ": [Errno 98] a stale socket file is there, left by a server that is gone;"
                + " pass replaceStale(true) on the spec to replace it, or delete the file", e.getMessage());
        assertEquals(SocketError.Kind.ADDRESS_IN_USE, e.kind());

        try (var server = Sockets.unix().replaceStale(true).bind(sock).listen().onAccept(ECHO_LINES);
             var c = Sockets.unix().timeout(Duration.ofSeconds(10)).connect(sock)) {
            c.sendLine("after replace");
            assertEquals("after replace", c.readLine());
        }
    }

    @Test
    void a_live_listener_of_this_jvm_is_never_replaced_nor_handed_a_probe_connection() throws Exception {
        Path sock = dir.resolve("live.sock");
        try (var live = Sockets.unix().timeout(Duration.ofMillis(200)).bind(sock).listen()) {
            var e = assertThrows(AddressInUse.class, () -> Sockets.unix().replaceStale(true).bind(sock).listen());
            assertTrue(e.getMessage().matches(java.util.regex.Pattern.quote("bind unix:" + sock + ": [Errno 98] a server is"
                    + " listening there; held by " + live + " opened ") + "\\d+ s ago in this JVM: close it, or"
                    + " Sockets\\.closeAll\\(\\)"), e.getMessage());
            assertTrue(live.isOpen());
            assertTrue(Files.exists(sock));
            // Found as this JVM's own: no probe connection waits to be accepted.
            assertThrows(dev.sockets.Timeout.class, live::accept);
        }
    }

    @Test
    void a_live_listener_bound_at_its_path_is_found_without_disturbing_it() throws Exception {
        Path sock = dir.resolve("other.sock");
        // Another program's server, bound at the path itself: /proc/net/unix lists it by that path.
        try (var other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            other.bind(UnixDomainSocketAddress.of(sock));
            var e = assertThrows(AddressInUse.class, () -> Sockets.unix().replaceStale(true).bind(sock).listen());
            assertEquals("bind unix:" + sock + ": [Errno 98] a server is listening there; stop it, or choose another path",
                    e.getMessage());
            assertTrue(Files.exists(sock));
            // Found without a probe connection: nothing waits to be accepted.
            other.configureBlocking(false);
            assertEquals(null, other.accept());
        }
    }

    @Test
    void a_file_that_is_not_a_socket_is_never_replaced() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "keep me");
        var e = assertThrows(AddressInUse.class, () -> Sockets.unix().replaceStale(true).bind(file).listen());
        assertEquals("bind unix:" + file + ": [Errno 98] a file that is not a socket is there; remove it, or choose another path",
                e.getMessage());
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void a_path_longer_than_sun_path_is_refused_before_any_call_with_the_limit() {
        String longPath = "/tmp/" + "x".repeat(102);   // 107 bytes: one too many for the JDK
        // The path is an address the user gave: an AddressError, so catch (SocketError e) catches it.
        SocketError caught = assertThrows(SocketError.class, () -> Sockets.unix().bind(longPath));
        var e = assertInstanceOf(AddressError.class, caught);
        assertEquals("`" + longPath.substring(0, 100) + "…(7 more chars)`: Unix socket path of 107 bytes, over the limit"
                + " of 106 (the JDK's; Linux's sun_path is 108 bytes with the final NUL); use a shorter path: a shorter"
                + " file name, or a directory nearer the root", e.getMessage());
        assertEquals(longPath, e.input());
        assertEquals(SocketError.Kind.BAD_ADDRESS, e.kind());
        var e2 = assertThrows(AddressError.class, () -> Sockets.unix().connect(longPath));
        assertEquals(e.getMessage(), e2.getMessage());
        assertFalse(Files.exists(Path.of(longPath)));
        // A long directory: the hint names the same file in /tmp, which fits.
        String deep = "/tmp/" + "d".repeat(100) + "/app.sock";
        assertTrue(assertThrows(AddressError.class, () -> Sockets.unix().bind(deep)).getMessage()
                .endsWith("; use a shorter path, such as /tmp/app.sock"));
    }

    @Test
    void an_abstract_name_as_ss_shows_it_is_refused_and_makes_no_file() {
        var e = assertThrows(AddressError.class, () -> Sockets.unix().bind("@app"));
        assertEquals("`@app`: an abstract socket name (as ss shows them), which Java cannot open: the JDK binds and"
                + " connects file-system paths only; use a file-system path such as /tmp/app.sock (or ./@app for a file"
                + " of that name)", e.getMessage());
        assertEquals("@app", e.input());
        assertEquals(e.getMessage(), assertThrows(AddressError.class, () -> Sockets.unix().connect("@app")).getMessage());
        assertFalse(Files.exists(Path.of("@app")));
        // A file of that name is still reachable, written as a path.
        Path named = dir.resolve("@app");
        try (var l = Sockets.unix().bind(named).listen(); var c = Sockets.unix().connect(named)) {
            assertTrue(c.isOpen());
        }
    }

    @Test
    void an_empty_path_is_an_AddressError() {
        var e = assertThrows(AddressError.class, () -> Sockets.unix().bind(""));
        assertEquals("``: empty Unix socket path; give a path such as /tmp/app.sock", e.getMessage());
    }

    @Test
    void a_path_in_a_message_is_escaped() throws Exception {
        Path sock = dir.resolve("no\nsuch\u202e.sock");
        var e = assertThrows(ConnectionRefused.class, () -> Sockets.unix().connect(sock));
        assertEquals("connect unix:" + dir + "/no\\nsuch\\u202e.sock: [Errno 2] no socket file there; is the server running,"
                + " and is the path right?", e.getMessage());
        assertEquals(SocketError.Op.CONNECT, e.operation());
        assertEquals("no socket file there", e.reason());
    }

    @Test
    void a_path_of_exactly_106_bytes_works() throws Exception {
        String name = "y".repeat(106 - dir.toString().length() - 1);
        Path sock = dir.resolve(name);
        assertEquals(106, sock.toString().length());
        try (var listener = Sockets.unix().bind(sock).listen(); var c = Sockets.unix().connect(sock)) {
            assertTrue(c.isOpen());
            assertTrue(listener.isOpen());
        }
    }

    @Test
    void connecting_where_no_socket_file_is_says_so() {
        Path sock = dir.resolve("missing.sock");
        var e = assertThrows(ConnectionRefused.class, () -> Sockets.unix().connect(sock));
        assertEquals("connect unix:" + sock + ": [Errno 2] no socket file there; is the server running, and is the path right?",
                e.getMessage());
    }

    @Test
    void connecting_to_a_stale_socket_file_says_nothing_listens() throws Exception {
        Path sock = dir.resolve("dead.sock");
        leaveStaleFile(sock);
        var e = assertThrows(ConnectionRefused.class, () -> Sockets.unix().connect(sock));
        assertEquals("connect unix:" + sock + ": [Errno 111] connection refused; the socket file is there but nothing listens"
                + " on it (a stale file left by a server that is gone?)", e.getMessage());
    }

    @Test
    void two_hundred_concurrent_clients_are_all_served() throws Exception {
        Path sock = dir.resolve("many.sock");
        int clients = 200;
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try (var server = Sockets.unix().bind(sock).listen(clients).onAccept(ECHO_LINES)) {
            var replies = new ArrayList<Future<String>>();
            for (int i = 0; i < clients; i++) {
                String line = "client " + i;
                replies.add(pool.submit(() -> {
                    try (var c = Sockets.unix().timeout(Duration.ofSeconds(20)).connect(sock)) {
                        c.sendLine(line);
                        return c.readLine();
                    }
                }));
            }
            Set<String> got = new HashSet<>();
            for (var f : replies) {
                got.add(f.get(30, TimeUnit.SECONDS));
            }
            assertEquals(clients, got.size());
            for (int i = 0; i < clients; i++) {
                assertTrue(got.contains("client " + i), "reply to client " + i);
            }
            assertEquals(clients, server.accepted());
            assertEquals(0, server.failed());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_read_past_the_timeout_raises_timeout() throws Exception {
        Path sock = dir.resolve("slow.sock");
        try (var listener = Sockets.unix().bind(sock).listen();
             var c = Sockets.unix().timeout(Duration.ofMillis(200)).connect(sock);
             var served = listener.accept()) {
            var e = assertThrows(dev.sockets.Timeout.class, () -> c.recv(10));
            assertEquals(SocketError.Kind.TIMED_OUT, e.kind());
            // The connection still works after a timeout.
            served.send("late");
            assertEquals(Bytes.of("late"), c.recvExactly(4));
        }
    }

    @Test
    void an_accept_past_the_timeout_raises_timeout() {
        Path sock = dir.resolve("quiet.sock");
        try (var listener = Sockets.unix().timeout(Duration.ofMillis(200)).bind(sock).listen()) {
            var e = assertThrows(dev.sockets.Timeout.class, listener::accept);
            assertEquals(SocketError.Kind.TIMED_OUT, e.kind());
        }
    }

    @Test
    void closing_a_connection_ends_a_timed_read_blocked_in_another_thread() throws Exception {
        Path sock = dir.resolve("close.sock");
        try (var listener = Sockets.unix().bind(sock).listen();
             var c = Sockets.unix().timeout(Duration.ofSeconds(30)).connect(sock);
             var served = listener.accept()) {
            var failure = new CompletableFuture<Throwable>();
            var t = new Thread(() -> {
                try {
                    c.recv(10);
                    failure.complete(null);
                } catch (Throwable x) {
                    failure.complete(x);
                }
            });
            t.start();
            while (t.isAlive() && !inSelect(t)) {
                Thread.onSpinWait();
            }
            c.close();
            Throwable x = failure.get(10, TimeUnit.SECONDS);
            assertTrue(x instanceof SocketClosed, String.valueOf(x));
        }
    }

    @Test
    void interrupting_a_timed_read_closes_the_connection_and_keeps_the_interrupt() throws Exception {
        Path sock = dir.resolve("interrupt.sock");
        try (var listener = Sockets.unix().bind(sock).listen();
             var c = Sockets.unix().timeout(Duration.ofSeconds(30)).connect(sock);
             var served = listener.accept()) {
            var failure = new CompletableFuture<Throwable>();
            var flag = new CompletableFuture<Boolean>();
            var t = new Thread(() -> {
                try {
                    c.recv(10);
                    failure.complete(null);
                } catch (Throwable x) {
                    flag.complete(Thread.currentThread().isInterrupted());
                    failure.complete(x);
                }
            });
            t.start();
            while (t.isAlive() && !inSelect(t)) {
                Thread.onSpinWait();
            }
            t.interrupt();
            Throwable x = failure.get(10, TimeUnit.SECONDS);
            assertTrue(x instanceof SocketClosed, String.valueOf(x));
            assertTrue(flag.get(10, TimeUnit.SECONDS), "interrupt flag kept");
            assertEquals(Bytes.empty(), served.recv(10), "the interrupt closed the socket: the peer reads the end");
        }
    }

    private static boolean inSelect(Thread t) {
        for (var f : t.getStackTrace()) {
            if (f.getMethodName().startsWith("select") || f.getMethodName().equals("poll")
                    || f.getMethodName().startsWith("doSelect")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void the_spec_prints_what_was_set_and_is_immutable() {
        var base = Sockets.unix();
        var set = base.timeout(Duration.ofSeconds(2)).replaceStale(true).maxConnections(10);
        assertEquals("UnixSpec[]", base.toString());
        assertEquals("UnixSpec[timeout=2 s, maxConnections=10, replaceStale=true]", set.toString());
        assertEquals(set, Sockets.unix().maxConnections(10).replaceStale(true).timeout(Duration.ofSeconds(2)));
        assertEquals("UnixBinding[/tmp/a.sock]", base.bind("/tmp/a.sock").toString());
        assertEquals("UnixBinding[/tmp/a.sock, timeout=2 s, maxConnections=10, replaceStale=true]",
                set.bind("/tmp/a.sock").toString());
        assertEquals("expected timeout > 0 but was -1 s",
                assertThrows(IllegalArgumentException.class, () -> base.timeout(Duration.ofSeconds(-1))).getMessage());
        assertEquals("expected maxConnections > 0 but was 0",
                assertThrows(IllegalArgumentException.class, () -> base.maxConnections(0)).getMessage());
        assertEquals("expected backlog >= 0 but was -1",
                assertThrows(IllegalArgumentException.class, () -> base.bind("/tmp/a.sock").listen(-1)).getMessage());
    }
}
