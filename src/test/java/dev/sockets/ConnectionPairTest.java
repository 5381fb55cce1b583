package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sockets.socketpair(): two connected ends, both directions, half close. */
@Timeout(60)
class ConnectionPairTest {

    @Test
    void what_one_end_sends_the_other_receives_in_both_directions() {
        try (var p = Sockets.socketpair()) {
            p.a().send("ping");
            assertEquals(Bytes.of("ping"), p.b().recvExactly(4));
            p.b().sendLine("pong");
            assertEquals("pong", p.a().readLine());
            assertEquals("ConnectionPair[unix, open]", p.toString());
        }
    }

    @Test
    void after_a_half_close_the_other_end_reads_the_end_and_can_still_answer() {
        try (var p = Sockets.socketpair()) {
            p.a().send("last words").shutdownOutput();
            assertEquals(Bytes.of("last words"), p.b().recvAll());
            assertEquals(Bytes.empty(), p.b().recv(10), "end of stream after the half close");
            assertNull(p.b().readLine());
            p.b().send("reply after half close");
            p.b().close();
            assertEquals(Bytes.of("reply after half close"), p.a().recvAll());
        }
    }

    @Test
    void the_pair_leaves_no_socket_file_behind_and_closes_both_ends() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = pairDirs(tmp);
        var p = Sockets.socketpair();
        assertEquals(before, pairDirs(tmp), "the temporary directory and its socket file are removed");
        assertTrue(p.a().local() instanceof UnixAddress);
        p.close();
        assertFalse(p.a().isOpen());
        assertFalse(p.b().isOpen());
        assertEquals("ConnectionPair[unix, closed]", p.toString());
    }

    @Test
    void both_ends_are_unnamed_and_print_as_socketpair_as_python_reports_them() throws Exception {
        var python = dev.sockets.testing.Python.run("import socket\n"
                + "a, b = socket.socketpair()\n"
                + "print(repr(a.getsockname()), repr(a.getpeername()), repr(b.getsockname()), repr(b.getpeername()))\n");
        try (var p = Sockets.socketpair()) {
            String got = java.util.stream.Stream.of(p.a().local(), p.a().remote(), p.b().local(), p.b().remote())
                    .map(x -> "'" + ((UnixAddress) x).path() + "'").collect(java.util.stream.Collectors.joining(" "));
            assertEquals(python, java.util.List.of(got));
            assertEquals("Connection[socketpair]", p.a().toString());
            assertEquals("Connection[socketpair]", p.b().toString());
            p.a().close();
            assertEquals("Connection[socketpair, closed]", p.a().toString());
        }
    }

    private static long pairDirs(Path tmp) throws java.io.IOException {
        try (var list = java.nio.file.Files.list(tmp)) {
            return list.filter(f -> f.getFileName().toString().startsWith("sockets-pair")).count();
        }
    }

    @Test
    void a_pair_carries_a_megabyte_each_way_at_once() throws Exception {
        byte[] big = new byte[1 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7);
        }
        try (var p = Sockets.socketpair()) {
            p.a().timeout(Duration.ofSeconds(20));
            p.b().timeout(Duration.ofSeconds(20));
            // Both ends write while the other reads: neither may wait on the other's full buffer.
            var writer = new Thread(() -> p.a().send(big).shutdownOutput());
            writer.start();
            var other = new Thread(() -> p.b().send(big).shutdownOutput());
            other.start();
            assertEquals(Bytes.of(big), p.b().recvAll());
            assertEquals(Bytes.of(big), p.a().recvAll());
            writer.join();
            other.join();
        }
    }
}
