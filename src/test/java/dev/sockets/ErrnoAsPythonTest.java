package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.Loopback;
import dev.sockets.testing.Python;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SocketError#errno()} is the number Python's {@code OSError.errno} has for the same
 * failure: each test provokes it in Python 3 on this machine and in Java, and compares
 * {@code errno name}, {@code None None} where Python has none.
 */
class ErrnoAsPythonTest {

    /** Runs {@code body} in Python, which prints the errno of the OSError it raises. */
    private static List<String> python(String body, String... args) throws Exception {
        return Python.run("import errno, socket, struct, sys\n"
                + "try:\n"
                + body.indent(4)
                + "    print('no error')\n"
                + "except OSError as e:\n"
                + "    print(e.errno, errno.errorcode.get(e.errno))\n", args);
    }

    private static List<String> java(SocketError e) {
        return List.of(e.errno() == 0 ? "None None" : e.errno() + " " + e.errnoName());
    }

    @Test
    void a_refused_connect_is_111_econnrefused() throws Exception {
        int dead = Loopback.deadPort();
        var py = python("socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=10)", "" + dead);
        var e = assertThrows(ConnectionRefused.class, () -> Sockets.tcp().connect("127.0.0.1", dead));
        assertEquals(List.of("111 ECONNREFUSED"), py);
        assertEquals(py, java(e));
        assertTrue(e.getMessage().contains(": [Errno 111] connection refused; "), e.getMessage());
    }

    @Test
    void a_port_in_use_is_98_eaddrinuse() throws Exception {
        try (var l = Sockets.tcp().bind("127.0.0.1", 0).listen()) {
            var py = python("socket.socket().bind(('127.0.0.1', int(sys.argv[1])))", "" + l.port());
            var e = assertThrows(AddressInUse.class, () -> Sockets.tcp().bind("127.0.0.1", l.port()).listen());
            assertEquals(List.of("98 EADDRINUSE"), py);
            assertEquals(py, java(e));
        }
    }

    @Test
    void a_reset_connection_is_104_econnreset() throws Exception {
        var py = python("l = socket.create_server(('127.0.0.1', 0))\n"
                + "c = socket.create_connection(l.getsockname(), timeout=10)\n"
                + "a, _ = l.accept()\n"
                + "a.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))\n"
                + "a.close()\n"
                + "c.recv(10)");
        // The peer that resets is a plain JDK socket with SO_LINGER 0, as Python's above.
        try (var peer = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             var c = Sockets.tcp().timeout(Duration.ofSeconds(10)).connect("127.0.0.1", peer.getLocalPort())) {
            var a = peer.accept();
            a.setSoLinger(true, 0);
            a.close();
            var e = assertThrows(ConnectionReset.class, () -> c.recv(10));
            assertEquals(List.of("104 ECONNRESET"), py);
            assertEquals(py, java(e));
        }
    }

    @Test
    void a_datagram_over_the_limit_is_90_emsgsize() throws Exception {
        var py = python("socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x' * 70000, ('127.0.0.1', 9))");
        var e = assertThrows(SocketError.class, () -> Sockets.udp().sendto(new byte[70_000], "127.0.0.1", 9));
        assertEquals(List.of("90 EMSGSIZE"), py);
        assertEquals(py, java(e));
    }

    @Test
    void a_unix_path_with_no_socket_file_is_2_enoent(@TempDir Path dir) throws Exception {
        Path none = dir.resolve("none.sock");
        var py = python("socket.socket(socket.AF_UNIX).connect(sys.argv[1])", none.toString());
        var e = assertThrows(ConnectionRefused.class, () -> Sockets.unix().connect(none));
        assertEquals(List.of("2 ENOENT"), py);
        assertEquals(py, java(e));
        assertTrue(!Files.exists(none));
    }

    @Test
    void a_receive_that_times_out_has_no_errno_as_python_s_timeout() throws Exception {
        var py = python("s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                + "s.bind(('127.0.0.1', 0))\n"
                + "s.settimeout(0.1)\n"
                + "s.recv(10)");
        try (var s = Sockets.udp().timeout(Duration.ofMillis(100)).bind("127.0.0.1", 0)) {
            var e = assertThrows(Timeout.class, () -> s.recv(10));
            assertEquals(List.of("None None"), py);
            assertEquals(py, java(e));
            assertEquals("", e.errnoName());
        }
    }
}
