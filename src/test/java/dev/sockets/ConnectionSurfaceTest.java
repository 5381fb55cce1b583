package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Python has no same call for, or what the library adds around it: options on listeners and
 * peers and the words that refuse an option, the connection's own buffer under recvInto and peek,
 * sendFile's errors and write timeout, and what shutdownInput drops.
 */
@org.junit.jupiter.api.Timeout(120) // a send the write timeout failed to end would hang the suite
class ConnectionSurfaceTest {

    private final List<AutoCloseable> open = new ArrayList<>();

    private <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    @AfterEach
    void close() throws Exception {
        for (var c : open) {
            c.close();
        }
    }

    private Connection[] pair(TcpSpec spec) {
        spec = spec.timeout(Duration.ofSeconds(10));
        try (var l = spec.bind("127.0.0.1", 0).listen()) {
            var c = keep(spec.connect("127.0.0.1", l.port()));
            return new Connection[] {c, keep(l.accept())};
        }
    }

    // ---------------------------------------------------------------- options

    @Test
    void the_spec_keeps_what_was_asked_and_option_reads_what_the_socket_has() {
        var spec = Sockets.tcp().receiveBufferSize(65536).noDelay(true);
        var c = pair(spec)[0];
        assertEquals(65536, spec.options().get(StandardSocketOptions.SO_RCVBUF));
        // Linux keeps twice the size asked for, as Python's getsockopt shows.
        assertEquals(131072, c.option(StandardSocketOptions.SO_RCVBUF));
        assertTrue(c.option(StandardSocketOptions.TCP_NODELAY));
        assertSame(c, c.option(StandardSocketOptions.TCP_NODELAY, false));
        assertFalse(c.option(StandardSocketOptions.TCP_NODELAY));
        assertEquals(-1, c.option(StandardSocketOptions.SO_LINGER));
        assertEquals(5, c.option(StandardSocketOptions.SO_LINGER, 5).option(StandardSocketOptions.SO_LINGER));
        assertTrue(c.option(StandardSocketOptions.SO_KEEPALIVE, true).option(StandardSocketOptions.SO_KEEPALIVE));
        assertEquals(true, spec.options().get(StandardSocketOptions.TCP_NODELAY), "the spec is unchanged");
    }

    @Test
    void an_option_the_socket_does_not_have_is_refused_in_the_words_of_the_spec() {
        var c = pair(Sockets.tcp())[0];
        var e = assertThrows(IllegalArgumentException.class, () -> c.option(StandardSocketOptions.SO_BROADCAST));
        assertTrue(e.getMessage().startsWith("expected an option TCP sockets support ["), e.getMessage());
        assertTrue(e.getMessage().contains("TCP_NODELAY"), e.getMessage());
        assertTrue(e.getMessage().endsWith("] but was SO_BROADCAST"), e.getMessage());
        var u = keep(Sockets.socketpair()).a();
        var f = assertThrows(IllegalArgumentException.class, () -> u.option(StandardSocketOptions.TCP_NODELAY, true));
        assertTrue(f.getMessage().startsWith("expected an option Unix sockets support ["), f.getMessage());
        assertTrue(f.getMessage().endsWith("] but was TCP_NODELAY"), f.getMessage());
        c.close();
        assertThrows(SocketClosed.class, () -> c.option(StandardSocketOptions.TCP_NODELAY));
    }

    @Test
    void a_listener_reads_and_sets_its_own_options(@TempDir Path dir) {
        var l = keep(Sockets.tcp().bind("127.0.0.1", 0).listen());
        assertTrue(l.option(StandardSocketOptions.SO_REUSEADDR), "the JDK listens with SO_REUSEADDR");
        assertSame(l, l.option(StandardSocketOptions.SO_RCVBUF, 32768));
        assertEquals(65536, l.option(StandardSocketOptions.SO_RCVBUF));
        var e = assertThrows(IllegalArgumentException.class, () -> l.option(StandardSocketOptions.TCP_NODELAY));
        assertTrue(e.getMessage().startsWith("expected an option TCP listening sockets support ["), e.getMessage());
        var u = keep(Sockets.unix().bind(dir.resolve("s.sock")).listen());
        assertTrue(u.option(StandardSocketOptions.SO_RCVBUF) > 0);
        l.close();
        assertThrows(SocketClosed.class, () -> l.option(StandardSocketOptions.SO_RCVBUF));
    }

    @Test
    void a_peer_sets_and_reads_options_from_its_receiver_and_from_another_thread() throws Exception {
        var fromReceiver = new ArrayBlockingQueue<Object>(1);
        var peers = new ArrayBlockingQueue<Peer>(1);
        var server = keep(Sockets.tcp().bind("127.0.0.1", 0).onReceive(new Receiver() {
            @Override
            public void opened(Peer peer) {
                peers.add(peer);
            }

            @Override
            public void receive(Peer peer, Bytes data) {
                fromReceiver.add(peer.option(StandardSocketOptions.TCP_NODELAY, true).option(StandardSocketOptions.TCP_NODELAY));
            }
        }));
        var c = keep(Sockets.tcp().timeout(Duration.ofSeconds(10)).connect("127.0.0.1", server.port()));
        Peer p = peers.poll(10, TimeUnit.SECONDS);
        // Another thread: applied on the peer's loop, the answer handed back.
        assertFalse(p.option(StandardSocketOptions.SO_KEEPALIVE));
        assertSame(p, p.option(StandardSocketOptions.SO_KEEPALIVE, true));
        assertTrue(p.option(StandardSocketOptions.SO_KEEPALIVE));
        assertEquals(10, p.option(StandardSocketOptions.SO_LINGER, 10).option(StandardSocketOptions.SO_LINGER));
        var e = assertThrows(IllegalArgumentException.class, () -> p.option(StandardSocketOptions.SO_BROADCAST));
        assertTrue(e.getMessage().startsWith("expected an option TCP sockets support ["), e.getMessage());
        // A value the option does not take: the JDK's refusal, made on the loop, reaches the caller.
        assertThrows(IllegalArgumentException.class, () -> p.option(StandardSocketOptions.SO_RCVBUF, -1));
        c.send("go");
        assertEquals(true, fromReceiver.poll(10, TimeUnit.SECONDS));
        c.close();
        p.close();
        assertThrows(SocketClosed.class, () -> p.option(StandardSocketOptions.SO_KEEPALIVE));
    }

    @Test
    void a_peer_whose_loop_is_held_by_a_receiver_answers_another_thread_with_a_timeout() throws Exception {
        var inside = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        var peers = new ArrayBlockingQueue<Peer>(1);
        // A receiver runs on its peer's own loop: while it blocks, that loop answers no one.
        var server = keep(Sockets.tcp().bind("127.0.0.1", 0).onReceive(new Receiver() {
            @Override
            public void receive(Peer peer, Bytes data) {
                peers.add(peer);
                inside.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
        var c = keep(Sockets.tcp().connect("127.0.0.1", server.port()));
        c.send("hold the loop");
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        Peer p = peers.take();
        long t = System.nanoTime();
        try {
            var e = assertThrows(Timeout.class, () -> p.option(StandardSocketOptions.TCP_NODELAY));
            assertTrue(System.nanoTime() - t >= Peer.OPTION_WAIT.toNanos(), "not before its time");
            assertTrue(e.getMessage().contains("the server's loop did not answer within 5 s"), e.getMessage());
        } finally {
            release.countDown();
        }
        // The loop free again, the next call is answered.
        assertFalse(p.option(StandardSocketOptions.TCP_NODELAY));
    }

    // ---------------------------------------------------------------- recvInto and peek

    @Test
    void recv_into_hands_over_the_bytes_a_read_line_left_first() {
        var p = pair(Sockets.tcp());
        p[0].send("header\nbody").shutdownOutput();
        assertEquals("header", p[1].readLine());
        var direct = ByteBuffer.allocateDirect(2);
        assertEquals(2, p[1].recvInto(direct));
        assertEquals(2, direct.position());
        byte[] b = new byte[10];
        assertEquals(2, p[1].recvInto(b, 0, 10));
        assertEquals("dy", new String(b, 0, 2, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(0, p[1].recvInto(b, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> p[1].recvInto(ByteBuffer.allocate(4).asReadOnlyBuffer()));
        assertThrows(IndexOutOfBoundsException.class, () -> p[1].recvInto(b, 8, 3));
    }

    @Test
    void peek_leaves_the_bytes_for_the_read_that_follows() {
        var p = pair(Sockets.tcp());
        p[0].sendLine("GET / HTTP/1.0");
        assertEquals("GET ", p[1].peek(4).text());
        assertEquals("GET / HTTP/1.0", p[1].readLine());
        p[0].send("rest").close();
        assertEquals("re", p[1].peek(2).text());
        assertEquals("rest", p[1].recvAll().text());
        assertEquals(Bytes.empty(), p[1].peek(10));
        assertThrows(IllegalArgumentException.class, () -> p[1].peek(-1));
    }

    // ---------------------------------------------------------------- sendFile

    @Test
    void send_file_of_a_file_that_is_not_there_says_which_and_why(@TempDir Path dir) {
        var c = pair(Sockets.tcp())[0];
        Path missing = dir.resolve("missing.bin");
        var e = assertThrows(SocketError.class, () -> c.sendFile(missing));
        assertEquals("cannot read the file " + missing + ": no such file", e.reason());
        assertThrows(IllegalArgumentException.class, () -> c.sendFile(missing, -1, 10));
        assertTrue(c.isOpen(), "the connection is of use still");
    }

    @Test
    void send_file_to_a_peer_that_does_not_read_ends_with_the_write_timeout(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.bin");
        try (var f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(64L << 20); // sparse: no disk written
        }
        var tcp = pair(Sockets.tcp())[0];
        var unix = keep(Sockets.socketpair()).a();
        for (var c : List.of(tcp, unix)) {
            c.writeTimeout(Duration.ofMillis(300));
            long t = System.nanoTime();
            var e = assertThrows(Timeout.class, () -> c.sendFile(big), c.toString());
            assertTrue(System.nanoTime() - t >= Duration.ofMillis(300).toNanos(), "not before its time");
            assertTrue(e.getMessage().contains("no progress for 300 ms"), e.getMessage());
            assertFalse(c.isOpen(), "a send cut short closes the connection");
        }
    }

    @Test
    void send_file_returns_what_went_for_every_range(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("small.txt");
        Files.writeString(file, "0123456789");
        var p = pair(Sockets.tcp());
        assertEquals(10, p[0].sendFile(file));
        assertEquals(3, p[0].sendFile(file, 7, 100));
        assertEquals(0, p[0].sendFile(file, 10, 5));
        assertEquals(0, p[0].sendFile(file, 3, 0));
        p[0].shutdownOutput();
        assertEquals("0123456789789", p[1].recvAll().text());
    }

    // ---------------------------------------------------------------- shutdown

    @Test
    void shutdown_input_drops_what_the_connection_held_and_what_comes_later() throws Exception {
        var p = pair(Sockets.tcp());
        p[0].send("line one\nheld");
        assertEquals("line one", p[1].readLine());
        assertSame(p[1], p[1].shutdownInput());
        assertEquals(Bytes.empty(), p[1].recv(10));
        p[0].send("later");
        assertEquals(Bytes.empty(), p[1].recv(10));
        assertEquals(null, p[1].readLine());
        assertEquals(0, p[1].recvInto(new byte[4], 0, 4));
        assertEquals(Bytes.empty(), p[1].peek(4));
        p[1].send("answer").shutdown(Shutdown.WRITE);
        assertEquals("answer", p[0].recvAll().text());
    }

    @Test
    void shutdown_read_wakes_a_reader_blocked_in_another_thread() throws Exception {
        var p = pair(Sockets.tcp());
        var got = new CompletableFuture<Bytes>();
        var reader = new Thread(() -> got.complete(p[1].recv(10)));
        reader.start();
        // The reader may not be blocked yet: either way it sees the end, never data or a hang.
        p[1].shutdown(Shutdown.READ);
        assertEquals(Bytes.empty(), got.get(10, TimeUnit.SECONDS));
        reader.join(10_000);
    }
}
