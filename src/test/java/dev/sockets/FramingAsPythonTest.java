package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockets.testing.Python;
import dev.sockets.testing.Subprocess;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Length-prefixed framing against Python's own, {@code struct.pack('>I', len(data)) + data}, both
 * ways: a Python client against both server forms of the library, and the library's client
 * against a Python server. Python sends the frames joined in one {@code sendall} and cut one byte
 * at a time, so both the split and the joined cases cross a real socket.
 */
@Timeout(120)
class FramingAsPythonTest {

    private static final Framing BE4 = Framing.lengthPrefixed(4, ByteOrder.BIG_ENDIAN, 1 << 20);

    // Sends each frame as struct.pack('>I', len) + data: the first three joined in one sendall, the
    // rest a byte per send (TCP_NODELAY); reads the echoes back the same way and prints each.
    private static final String CLIENT = String.join("\n",
            "import socket, struct, sys",
            "s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=30)",
            "s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)",
            "frames = [b'hello', b'', b'x' * 70000, 'h\\u00e9llo'.encode(), b'\\x00\\x01\\x02', b'last']",
            "def frame(d): return struct.pack('>I', len(d)) + d",
            "s.sendall(b''.join(frame(f) for f in frames[:3]))",
            "for f in frames[3:]:",
            "    for b in frame(f):",
            "        s.sendall(bytes([b]))",
            "def exactly(n):",
            "    out = b''",
            "    while len(out) < n:",
            "        got = s.recv(n - len(out))",
            "        if not got: raise EOFError('ended after %d of %d bytes' % (len(out), n))",
            "        out += got",
            "    return out",
            "for f in frames:",
            "    (n,) = struct.unpack('>I', exactly(4))",
            "    got = exactly(n)",
            "    print(len(got), got == f)",
            "s.close()");

    private static final List<String> ALL_BACK = List.of("5 True", "0 True", "70000 True", "6 True", "3 True", "4 True");

    @Test
    void a_python_client_gets_its_frames_back_from_onReceive_with_a_length_prefix() throws Exception {
        try (Server s = Sockets.tcp().bind("127.0.0.1", 0).onReceive(BE4, (peer, frame) -> peer.sendFrame(BE4, frame))) {
            assertEquals(ALL_BACK, Python.run(CLIENT, Integer.toString(s.port())));
            assertEquals(0, s.failed());
        }
    }

    @Test
    void a_python_client_gets_its_frames_back_from_onAccept_with_readFrame() throws Exception {
        try (Server s = Sockets.tcp().bind("127.0.0.1", 0).onAccept(c -> c.frames(BE4).forEach(f -> c.sendFrame(BE4, f)))) {
            assertEquals(ALL_BACK, Python.run(CLIENT, Integer.toString(s.port())));
            assertEquals(0, s.failed());
        }
    }

    @Test
    void the_library_reads_and_sends_frames_a_python_server_frames_with_struct_pack() throws Exception {
        // Answers each frame with its length and the frame upper-cased, framed the same way, a byte per send.
        String server = String.join("\n",
                "import socket, struct",
                "srv = socket.create_server(('127.0.0.1', 0))",
                "print('port', srv.getsockname()[1], flush=True)",
                "c, _ = srv.accept()",
                "c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)",
                "c.settimeout(30)",
                "buf = b''",
                "def exactly(n):",
                "    global buf",
                "    while len(buf) < n:",
                "        got = c.recv(65536)",
                "        if not got: return None",
                "        buf += got",
                "    out, buf = buf[:n], buf[n:]",
                "    return out",
                "while True:",
                "    head = exactly(4)",
                "    if head is None: break",
                "    (n,) = struct.unpack('>I', head)",
                "    data = exactly(n)",
                "    answer = ('%d:' % n).encode() + data.upper()",
                "    for b in struct.pack('>I', len(answer)) + answer:",
                "        c.sendall(bytes([b]))",
                "c.close()",
                "print('done', flush=True)");
        try (var py = Subprocess.start(Path.of("."), List.of("python3", "-c", server))) {
            int port = Integer.parseInt(py.awaitPrefix("port ", Duration.ofSeconds(30)).substring(5));
            try (var c = Sockets.tcp().timeout(Duration.ofSeconds(30)).connect("127.0.0.1", port)) {
                c.sendFrame(BE4, "hello").sendFrame(BE4, Bytes.empty()).sendFrame(BE4, Bytes.of(new byte[3000]));
                assertEquals(Bytes.of("5:HELLO"), c.readFrame(BE4));
                assertEquals(Bytes.of("0:"), c.readFrame(BE4));
                assertEquals(5 + 3000, c.readFrame(BE4).length());
                c.shutdownOutput();
                assertEquals(null, c.readFrame(BE4), "the Python server closed between frames");
            }
            py.awaitPrefix("done", Duration.ofSeconds(30));
        }
    }
}
