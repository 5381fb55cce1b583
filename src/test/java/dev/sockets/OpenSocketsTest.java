package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.internal.registry.Registry;
import dev.sockets.testing.Descriptors;
import dev.sockets.testing.LiveThreads;
import dev.sockets.testing.Subprocess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Sockets#open()}, {@link Sockets#closeAll()}, the holder a failed bind names, and the
 * byte counters of {@link Connection}, {@link Peer} and {@link UdpSocket}.
 */
@Timeout(120)
class OpenSocketsTest {

    static final TlsIdentity CA = TlsIdentity.authority("Registry CA");
    static final TlsIdentity ID = CA.issue("localhost", "127.0.0.1");

    @TempDir
    Path dir;

    /** The row of {@code handle} in the list, if listed. */
    private static Optional<OpenSocket> row(Object handle) {
        return Sockets.open().sockets().stream().filter(s -> s.handle() == handle).findFirst();
    }

    private static OpenSocket listed(Object handle) {
        return row(handle).orElseThrow(() -> new AssertionError(handle + " is not in\n" + Sockets.open()));
    }

    /** Waits, bounded, until the condition holds: servers close their side of a connection on their own thread. */
    private static void await(String what, java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within 20 s: " + what + "\n" + Sockets.open());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    // ---- what open() lists -----------------------------------------------------------------

    @Test
    void open_lists_a_listener_a_client_connection_and_the_accepted_one_with_their_addresses() {
        var l = Sockets.tcp().bind("127.0.0.1", 0).listen();
        var c = Sockets.tcp().connect("127.0.0.1", l.port());
        var a = l.accept();
        try {
            var lr = listed(l);
            assertEquals("tcp listener", lr.kind());
            assertEquals(l.address(), lr.local());
            assertEquals(Optional.empty(), lr.remote());
            assertEquals(-1, lr.bytesReceived());

            var cr = listed(c);
            assertEquals("tcp connection", cr.kind());
            assertEquals(c.local(), cr.local());
            assertEquals(Optional.of(l.address()), cr.remote());

            var ar = listed(a);
            assertEquals("tcp connection", ar.kind());
            assertEquals(l.address(), ar.local());
            assertEquals(Optional.of(c.local()), ar.remote());
            assertFalse(ar.age().isNegative());
            assertTrue(ar.age().compareTo(Duration.ofMinutes(5)) < 0, ar.age().toString());
        } finally {
            a.close();
            c.close();
            l.close();
        }
        assertEquals(Optional.empty(), row(a));
        assertEquals(Optional.empty(), row(c));
        assertEquals(Optional.empty(), row(l));
    }

    @Test
    void a_listener_taken_over_by_a_server_is_listed_as_that_server_until_it_closes() throws Exception {
        var l = Sockets.tcp().bind("127.0.0.1", 0).listen();
        listed(l);
        var handled = new AtomicReference<Connection>();
        var seen = new CountDownLatch(1);
        var done = new CountDownLatch(1);
        var s = l.onAccept(c -> {
            handled.set(c);
            seen.countDown();
            done.await(20, TimeUnit.SECONDS);
        });
        try (var c = Sockets.tcp().connect("127.0.0.1", s.port())) {
            assertEquals(Optional.empty(), row(l));
            var sr = listed(s);
            assertEquals("tcp server", sr.kind());
            assertEquals(s.address(), sr.local());
            assertTrue(seen.await(20, TimeUnit.SECONDS));
            var hr = listed(handled.get());
            assertEquals("tcp connection", hr.kind());
            assertEquals(Optional.of(c.local()), hr.remote());
            done.countDown();
            s.close();
        }
        assertEquals(Optional.empty(), row(s));
        assertEquals(Optional.empty(), row(handled.get()));
    }

    @Test
    void a_server_that_closes_itself_leaves_the_list() {
        var l = Sockets.tcp().bind("127.0.0.1", 0).listen();
        var s = l.onAccept(c -> { });
        listed(s);
        // Closing the listener under the server ends the server: no Server.close() call.
        l.close();
        await("the server closed", () -> !s.isOpen());
        assertEquals(Optional.empty(), row(s));
    }

    @Test
    void udp_sockets_are_listed_with_their_peer_when_connected() {
        try (var rx = Sockets.udp().bind("127.0.0.1", 0);
             var tx = Sockets.udp().connect("127.0.0.1", rx.local().port().number())) {
            var rr = listed(rx);
            assertEquals("udp socket", rr.kind());
            assertEquals(rx.local(), rr.local());
            assertEquals(Optional.empty(), rr.remote());
            var tr = listed(tx);
            assertEquals(Optional.of(rx.local()), tr.remote());
            var s = rx.onDatagram((u, d) -> { });
            assertEquals(Optional.empty(), row(rx), "served: the server stands for it");
            assertEquals("udp server", listed(s).kind());
            s.close();
            assertEquals(Optional.empty(), row(s));
            tx.close();
            assertEquals(Optional.empty(), row(tx));
        }
    }

    @Test
    void unix_listeners_and_connections_are_listed_by_their_path() {
        Path sock = dir.resolve("open.sock");
        var l = Sockets.unix().bind(sock).listen();
        var c = Sockets.unix().connect(sock);
        var a = l.accept();
        try {
            var lr = listed(l);
            assertEquals("unix listener", lr.kind());
            assertEquals(UnixAddress.of(sock.toString()), lr.local());
            assertEquals("unix connection", listed(c).kind());
            assertEquals(Optional.of(UnixAddress.of(sock.toString())), listed(c).remote());
            assertEquals(UnixAddress.of(sock.toString()), listed(a).local());
        } finally {
            a.close();
            c.close();
            l.close();
        }
        assertEquals(Optional.empty(), row(l));
        assertEquals(Optional.empty(), row(a));
    }

    @Test
    void onReceive_peers_are_listed_with_their_bytes_and_leave_when_closed() throws Exception {
        var peers = new ConcurrentLinkedQueue<Peer>();
        var got = new CountDownLatch(1);
        var gone = new CountDownLatch(1);
        try (var s = Sockets.tcp().bind("127.0.0.1", 0).onReceive(new Receiver() {
            @Override
            public void receive(Peer peer, Bytes data) {
                peer.send(data);
                peers.add(peer);
                got.countDown();
            }

            @Override
            public void closed(Peer peer) {
                gone.countDown();
            }
        })) {
            Peer p;
            try (var c = Sockets.tcp().timeout(Duration.ofSeconds(20)).connect("127.0.0.1", s.port())) {
                c.send("hello");
                assertEquals(Bytes.of("hello"), c.recvExactly(5));
                assertTrue(got.await(20, TimeUnit.SECONDS));
                p = peers.peek();
                var pr = listed(p);
                assertEquals("tcp peer", pr.kind());
                assertEquals(Optional.of(c.local()), pr.remote());
                assertEquals(s.address(), pr.local());
                assertEquals(5, pr.bytesReceived());
                assertEquals(5, pr.bytesSent());
            }
            assertTrue(gone.await(20, TimeUnit.SECONDS));
            await("the peer left", () -> row(p).isEmpty());
        }
    }

    @Test
    void the_list_prints_as_a_table_with_aligned_columns_and_a_count() {
        try (var l = Sockets.tcp().bind("127.0.0.1", 0).listen();
             var c = Sockets.tcp().connect("127.0.0.1", l.port());
             var a = l.accept()) {
            c.send("hi");
            assertEquals(Bytes.of("hi"), a.recvExactly(2));
            var mine = new OpenSockets(Sockets.open().sockets().stream()
                    .filter(s -> s.handle() == l || s.handle() == c || s.handle() == a).toList());
            String[] lines = mine.toString().split("\n");
            assertEquals("3 open sockets:", lines[0]);
            assertTrue(lines[1].matches("KIND +LOCAL +REMOTE +AGE +IN +OUT"), lines[1]);
            int remoteAt = lines[1].indexOf("REMOTE");
            int outEnd = lines[1].length();
            String p = "127.0.0.1:" + l.port();
            assertTrue(lines[2].matches("tcp listener +" + p.replace(".", "\\.") + " +- +\\d+ s +- +-"), lines[2]);
            for (int i = 2; i < 5; i++) {
                assertEquals(' ', lines[i].charAt(remoteAt - 1), lines[i]);
                assertEquals(outEnd, lines[i].length(), "counts align to the right: " + lines[i]);
            }
            String rows = String.join("\n", lines);
            assertTrue(rows.matches("(?s).*tcp connection +" + p.replace(".", "\\.") + " +"
                    + c.local().text().replace(".", "\\.") + " +\\d+ s +2 +0.*"), rows);
        }
        assertEquals("no open sockets", new OpenSockets(List.of()).toString());
    }

    // ---- closeAll ---------------------------------------------------------------------------

    @Test
    void closeAll_closes_servers_listeners_connections_and_udp_sockets_and_leaves_no_descriptor_or_thread()
            throws Exception {
        var before = Descriptors.snapshot();
        var handlerIn = new CountDownLatch(1);
        var server = Sockets.tcp().bind("127.0.0.1", 0).onAccept(c -> {
            handlerIn.countDown();
            c.readLine(); // until the server closes it
        });
        var loops = Sockets.tcp().bind("127.0.0.1", 0).onReceive((p, d) -> p.send(d));
        var l = Sockets.tcp().bind("127.0.0.1", 0).listen();
        var c1 = Sockets.tcp().connect("127.0.0.1", server.port());
        var c2 = Sockets.tcp().connect("127.0.0.1", loops.port());
        var c3 = Sockets.tcp().connect("127.0.0.1", l.port());
        var a3 = l.accept();
        var u = Sockets.udp().bind("127.0.0.1", 0);
        var unix = Sockets.unix().bind(dir.resolve("all.sock")).listen();
        assertTrue(handlerIn.await(20, TimeUnit.SECONDS));
        c2.send("x");
        assertEquals(Bytes.of("x"), c2.recvExactly(1));
        List<Object> mine = List.of(server, loops, l, c1, c2, c3, a3, u, unix);
        int listed = Sockets.open().size();
        assertTrue(listed >= mine.size(), Sockets.open().toString());

        var closed = Sockets.closeAll();

        assertEquals(List.of(), closed.failures());
        assertTrue(closed.closed() >= mine.size(), closed.toString());
        assertTrue(closed.toString().startsWith("closed " + closed.closed() + " sockets"), closed.toString());
        assertFalse(server.isOpen());
        assertFalse(loops.isOpen());
        assertFalse(l.isOpen());
        assertFalse(c1.isOpen());
        assertFalse(c2.isOpen());
        assertFalse(c3.isOpen());
        assertFalse(a3.isOpen());
        assertFalse(u.isOpen());
        assertFalse(unix.isOpen());
        assertEquals("no open sockets", Sockets.open().toString());
        assertEquals(List.of(), Descriptors.sockets(Descriptors.awaitBaseline(before, Duration.ofSeconds(20))));
        String[] ports = {":" + server.port(), ":" + loops.port()};
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<String> left;
        do {
            left = LiveThreads.named("sockets-").stream()
                    .filter(t -> t.endsWith(ports[0]) || t.endsWith(ports[1])).toList();
        } while (!left.isEmpty() && System.nanoTime() - deadline < 0 && parked());
        assertEquals(List.of(), left, "the servers' threads");
    }

    private static boolean parked() {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        return true;
    }

    @Test
    void a_close_that_fails_is_reported_and_the_others_are_closed_all_the_same() {
        var stubborn = new Registry.Entry() {
            final AtomicBoolean open = new AtomicBoolean(true);

            @Override
            public int closeOrder() {
                return 0; // first: the failure must not stop the rest
            }

            @Override
            public boolean isOpen() {
                return open.get();
            }

            @Override
            public OpenSocket describe(long now) {
                return new OpenSocket("tcp server", this, Endpoint.of("127.0.0.1", 9), Optional.empty(), Duration.ZERO, -1, -1);
            }

            @Override
            public void close() {
                throw new IllegalStateException("cannot close this one");
            }

            @Override
            public String toString() {
                return "Stubborn[127.0.0.1:9]";
            }
        };
        Registry.opened(stubborn);
        var l = Sockets.tcp().bind("127.0.0.1", 0).listen();
        try {
            var closed = Sockets.closeAll();
            assertFalse(l.isOpen());
            assertEquals(List.of("Stubborn[127.0.0.1:9]: java.lang.IllegalStateException: cannot close this one"),
                    closed.failures());
            assertTrue(closed.toString().matches("(?s)closed \\d+ sockets?; 1 failed:\nStubborn\\[127\\.0\\.0\\.1:9\\]: .*"),
                    closed.toString());
            assertTrue(row(stubborn).isPresent(), "still open, still listed");
        } finally {
            stubborn.open.set(false);
            Registry.closed(stubborn);
        }
    }

    // ---- a bind refused because this JVM holds the address -----------------------------------

    private static final String HELD = " opened \\d+ s ago in this JVM: close it, or Sockets\\.closeAll\\(\\)";

    private static String q(String s) {
        return java.util.regex.Pattern.quote(s);
    }

    @Test
    void a_tcp_bind_on_a_port_a_listener_of_this_jvm_holds_names_that_listener() {
        try (var l = Sockets.tcp().bind("127.0.0.1", 0).listen()) {
            var e = assertThrows(AddressInUse.class, () -> Sockets.tcp().bind("127.0.0.1", l.port()).listen());
            assertTrue(e.getMessage().matches(q("bind 127.0.0.1:" + l.port() + ": [Errno 98] address already in use; held by "
                    + "Listener[tcp 127.0.0.1:" + l.port() + "]") + HELD), e.getMessage());
            assertEquals(SocketError.Kind.ADDRESS_IN_USE, e.kind());
        }
    }

    @Test
    void a_bind_run_again_in_jshell_names_the_server_the_first_run_started() {
        try (var s = Sockets.tcp().bind("", 0).onAccept(c -> c.send("hi"))) {
            var e = assertThrows(AddressInUse.class, () -> Sockets.tcp().bind("127.0.0.1", s.port()).onAccept(c -> c.send("hi")));
            assertTrue(e.getMessage().matches(q("bind 127.0.0.1:" + s.port() + ": [Errno 98] address already in use; held by "
                    + "Server[tcp 0.0.0.0:" + s.port() + ", 0 open, 0 accepted]") + HELD), e.getMessage());
            var r = assertThrows(AddressInUse.class, () -> Sockets.tcp().bind("127.0.0.1", s.port()).onReceive((p, d) -> { }));
            assertTrue(r.getMessage().contains("held by Server[tcp 0.0.0.0:" + s.port()), r.getMessage());
        }
    }

    @Test
    void a_udp_bind_on_a_port_a_socket_of_this_jvm_holds_names_that_socket() {
        try (var u = Sockets.udp().bind("127.0.0.1", 0)) {
            int port = u.local().port().number();
            var e = assertThrows(AddressInUse.class, () -> Sockets.udp().bind("127.0.0.1", port));
            assertTrue(e.getMessage().matches(q("bind 127.0.0.1:" + port + ": [Errno 98] address already in use; held by "
                    + "UdpSocket[127.0.0.1:" + port + "]") + HELD), e.getMessage());
        }
    }

    @Test
    void a_unix_bind_on_a_path_a_listener_of_this_jvm_holds_names_that_listener() {
        Path sock = dir.resolve("held.sock");
        try (var l = Sockets.unix().bind(sock).listen()) {
            var e = assertThrows(AddressInUse.class, () -> Sockets.unix().bind(sock).listen());
            assertTrue(e.getMessage().matches(q("bind unix:" + sock + ": [Errno 98] a server is listening there; held by "
                    + "Listener[unix:" + sock + "]") + HELD), e.getMessage());
        }
    }

    /** A Python process that holds an address, and prints what it prints, until it is killed. */
    private static Subprocess python(String script) throws Exception {
        return Subprocess.start(Path.of("."), List.of("python3", "-c", "import socket, sys, time\n" + script
                + "\nprint('ready', flush=True)\ntime.sleep(120)\n"));
    }

    @Test
    void a_port_another_process_holds_is_not_said_to_be_held_in_this_jvm() throws Exception {
        try (var py = python("s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()\n"
                + "u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('127.0.0.1', 0))\n"
                + "print('ports', s.getsockname()[1], u.getsockname()[1], flush=True)")) {
            String[] ports = py.awaitPrefix("ports ", Duration.ofSeconds(30)).split(" ");
            int tcp = Integer.parseInt(ports[1]);
            int udp = Integer.parseInt(ports[2]);
            var e = assertThrows(AddressInUse.class, () -> Sockets.tcp().bind("127.0.0.1", tcp).listen());
            assertEquals("bind 127.0.0.1:" + tcp + ": [Errno 98] address already in use; pass port 0 for a free one,"
                    + " or stop the other process", e.getMessage());
            var u = assertThrows(AddressInUse.class, () -> Sockets.udp().bind("127.0.0.1", udp));
            assertEquals("bind 127.0.0.1:" + udp + ": [Errno 98] address already in use; pass port 0 for a free one,"
                    + " stop the other process, or reuseAddress(true) on the spec to share it", u.getMessage());
        }
        // A TCP listener of this JVM on the port Python holds for UDP is not the holder of a UDP bind.
        // The listener first, on a free port, then Python's UDP socket on its number: the other
        // order could find the TCP port taken by some other socket of the machine.
        try (var mine = Sockets.tcp().bind("127.0.0.1", 0).listen();
             var py = python("u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('127.0.0.1', "
                     + mine.port() + "))")) {
            py.awaitPrefix("ready", Duration.ofSeconds(30));
            var again = assertThrows(AddressInUse.class, () -> Sockets.udp().bind("127.0.0.1", mine.port()));
            assertFalse(again.getMessage().contains("in this JVM"), again.getMessage());
            assertEquals("bind 127.0.0.1:" + mine.port() + ": [Errno 98] address already in use; pass port 0 for a free one,"
                    + " stop the other process, or reuseAddress(true) on the spec to share it", again.getMessage());
        }
    }

    @Test
    void a_unix_path_another_process_listens_on_is_not_said_to_be_held_in_this_jvm() throws Exception {
        Path sock = dir.resolve("py.sock");
        try (var py = python("s = socket.socket(socket.AF_UNIX); s.bind('" + sock + "'); s.listen()")) {
            py.awaitPrefix("ready", Duration.ofSeconds(30));
            var e = assertThrows(AddressInUse.class, () -> Sockets.unix().bind(sock).listen());
            assertEquals("bind unix:" + sock + ": [Errno 98] a server is listening there; stop it, or choose another path",
                    e.getMessage());
        }
    }

    // ---- byte counters ------------------------------------------------------------------------

    /** Client sends 5, server answers 3 (then 7 more from a file): both ends count exactly that. */
    private static void exchange(Connection client, Connection server, Path file) throws Exception {
        client.send("hello");
        assertEquals(Bytes.of("hello"), server.recvExactly(5));
        server.send(new byte[] {1, 2, 3});
        assertEquals(3, client.recvExactly(3).length());
        Files.write(file, new byte[7]);
        assertEquals(7, server.sendFile(file));
        assertEquals(7, client.recvExactly(7).length());
        assertEquals(5, client.bytesSent());
        assertEquals(10, client.bytesReceived());
        assertEquals(5, server.bytesReceived());
        assertEquals(10, server.bytesSent());
        assertEquals(5, listed(client).bytesSent());
        assertEquals(10, listed(client).bytesReceived());
        assertEquals(10, listed(server).bytesSent());
    }

    @Test
    void tcp_connections_count_the_bytes_each_way() throws Exception {
        try (var l = Sockets.tcp().bind("127.0.0.1", 0).listen();
             var c = Sockets.tcp().timeout(Duration.ofSeconds(20)).connect("127.0.0.1", l.port());
             var a = l.accept()) {
            assertEquals(0, c.bytesSent());
            assertEquals(0, c.bytesReceived());
            exchange(c, a, dir.resolve("seven"));
        }
    }

    @Test
    void unix_connections_count_the_bytes_each_way() throws Exception {
        Path sock = dir.resolve("count.sock");
        try (var l = Sockets.unix().bind(sock).listen();
             var c = Sockets.unix().timeout(Duration.ofSeconds(20)).connect(sock);
             var a = l.accept()) {
            exchange(c, a, dir.resolve("seven"));
        }
    }

    @Test
    void tls_connections_count_the_plaintext_not_the_records() throws Exception {
        try (var l = Sockets.tls().certificate(ID).timeout(Duration.ofSeconds(20)).bind("127.0.0.1", 0).listen()) {
            var connecting = CompletableFuture.supplyAsync(
                    () -> Sockets.tls().trust(CA).timeout(Duration.ofSeconds(20)).connect("127.0.0.1", l.port()));
            try (var a = l.accept(); var c = connecting.get(30, TimeUnit.SECONDS)) {
                assertEquals("tls connection", listed(c).kind());
                assertEquals(0, c.bytesSent(), "the handshake is not counted");
                exchange(c, a, dir.resolve("seven"));
            }
        }
    }

    @Test
    void a_connection_upgraded_by_startTls_goes_on_counting_and_leaves_one_row() throws Exception {
        try (var l = Sockets.tcp().bind("127.0.0.1", 0).listen();
             var plain = Sockets.tcp().timeout(Duration.ofSeconds(20)).connect("127.0.0.1", l.port());
             var a = l.accept()) {
            plain.sendLine("STARTTLS");
            assertEquals("STARTTLS", a.readLine());
            var serving = CompletableFuture.supplyAsync(() -> a.startTls(Sockets.tls().certificate(ID)));
            var t = plain.startTls(Sockets.tls().trust(CA));
            var ta = serving.get(30, TimeUnit.SECONDS);
            t.send("abc");
            assertEquals(Bytes.of("abc"), ta.recvExactly(3));
            assertEquals(12, t.bytesSent(), "9 plain, then 3 over TLS");
            assertEquals(12, plain.bytesSent(), "the spent connection reads its successor's count");
            assertEquals(Optional.empty(), row(plain));
            assertEquals("tls connection", listed(t).kind());
            ta.close();
            t.close();
        }
    }

    @Test
    void udp_sockets_count_the_payload_each_way() {
        try (var rx = Sockets.udp().timeout(Duration.ofSeconds(20)).bind("127.0.0.1", 0);
             var tx = Sockets.udp().timeout(Duration.ofSeconds(20)).bind("127.0.0.1", 0)) {
            tx.sendto("ping", "127.0.0.1", rx.local().port().number());
            var d = rx.recvfrom(100);
            rx.sendto(Bytes.of("ok"), d.remote());
            assertEquals(Bytes.of("ok"), tx.recv(100));
            assertEquals(4, tx.bytesSent());
            assertEquals(2, tx.bytesReceived());
            assertEquals(4, rx.bytesReceived());
            assertEquals(2, rx.bytesSent());
            assertEquals(4, listed(rx).bytesReceived());
            assertEquals(2, listed(rx).bytesSent());
        }
    }

    @Test
    void a_udp_server_counts_the_datagrams_of_its_socket_and_a_tcp_server_shows_no_counts() {
        try (var u = Sockets.udp().bind("127.0.0.1", 0).onDatagram((sock, d) -> sock.sendto(d.data(), d.remote()));
             var t = Sockets.tcp().bind("127.0.0.1", 0).onAccept(c -> { });
             var c = Sockets.udp().timeout(Duration.ofSeconds(20)).connect((Endpoint) u.address())) {
            c.send("hello");
            assertEquals(Bytes.of("hello"), c.recv(100));
            // Counted before the handler runs; the handler's send is counted after its datagram left.
            assertEquals(5, listed(u).bytesReceived());
            await("the server counted its echo", () -> listed(u).bytesSent() == 5);
            assertTrue(listed(u).toString().endsWith(", 5 bytes in, 5 out"), listed(u).toString());

            var tr = listed(t);
            assertEquals(-1, tr.bytesReceived());
            assertEquals(-1, tr.bytesSent());
            assertFalse(tr.toString().contains("bytes"), tr.toString());
            String table = new OpenSockets(List.of(listed(u), tr)).toString();
            assertTrue(table.matches("(?s).*\nudp server .* 5 +5\ntcp server .* - +-"), table);
        }
    }

    @Test
    void tls_onReceive_peers_count_the_plaintext() throws Exception {
        var peer = new CompletableFuture<Peer>();
        try (var s = Sockets.tls().certificate(ID).bind("127.0.0.1", 0).onReceive((p, d) -> {
            p.send(d).send("!");
            peer.complete(p);
        });
             var c = Sockets.tls().trust(CA).timeout(Duration.ofSeconds(20)).connect("127.0.0.1", s.port())) {
            c.send("hello");
            assertEquals(Bytes.of("hello!"), c.recvExactly(6));
            Peer p = peer.get(20, TimeUnit.SECONDS);
            assertEquals(5, p.bytesReceived());
            assertEquals(6, p.bytesSent());
            assertEquals("tls peer", listed(p).kind());
            assertEquals(6, c.bytesReceived());
        }
    }

    // ---- concurrency -----------------------------------------------------------------------------

    @Test
    void open_read_while_many_connections_open_and_close_shows_whole_rows_and_keeps_none_after() throws Exception {
        try (var s = Sockets.tcp().bind("127.0.0.1", 0).onAccept(c -> c.send(c.recv(1)))) {
            int threads = 4;
            int each = 150;
            var clients = new ArrayList<CompletableFuture<Void>>();
            var made = new ConcurrentLinkedQueue<Connection>();
            for (int t = 0; t < threads; t++) {
                clients.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < each; i++) {
                        try (var c = Sockets.tcp().timeout(Duration.ofSeconds(20)).connect("127.0.0.1", s.port())) {
                            made.add(c);
                            c.send("x");
                            c.recv(1);
                        }
                    }
                }));
            }
            var all = CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new));
            int reads = 0;
            int sawOurs = 0;
            while (!all.isDone() && reads < 100_000) {
                var now = Sockets.open();
                reads++;
                for (OpenSocket o : now.sockets()) {
                    assertTrue(o.local() != null && o.kind() != null && !o.age().isNegative(), o.toString());
                    if (o.remote().map(r -> r.equals(s.address())).orElse(false)) {
                        sawOurs++;
                        assertTrue(o.bytesSent() >= 0 && o.bytesSent() <= 1, o.toString());
                    }
                }
                assertFalse(now.toString().isEmpty());
            }
            all.get(60, TimeUnit.SECONDS);
            assertEquals(threads * each, made.size());
            assertTrue(reads > 0);
            for (Connection c : made) {
                assertEquals(Optional.empty(), row(c));
            }
            await("the server's side of every connection closed", () -> Sockets.open().sockets().stream()
                    .noneMatch(o -> o.kind().equals("tcp connection") && o.local().equals(s.address())));
            System.out.println("open() read " + reads + " times while " + threads * each + " connections came and went; "
                    + sawOurs + " client rows seen");
        }
    }
}
