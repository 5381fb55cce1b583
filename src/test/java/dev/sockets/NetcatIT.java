package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.Subprocess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar target/sockets-all.jar}, the netcat in the jar, driven as a user drives it: a
 * process with piped standard input, against Python 3's {@code socket} and {@code ssl} as the other
 * end, and checked by what it prints and how it exits.
 */
@Timeout(300)
class NetcatIT {
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final String ALL = required("sockets.all.jar");

    @TempDir
    Path dir;

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set: run through Failsafe (mvn verify)");
        }
        return value;
    }

    // ---- TCP, both directions ----

    /** Reads to the end of the stream, then answers with the count and SHA-256 of what came, and closes. */
    private static final String DIGEST_SERVER = """
            import socket, hashlib
            s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()
            print('PORT', s.getsockname()[1], flush=True)
            c, _ = s.accept(); h = hashlib.sha256(); n = 0
            while True:
                d = c.recv(65536)
                if not d: break
                h.update(d); n += len(d)
            c.sendall(('got %d %s\\n' % (n, h.hexdigest())).encode()); c.close()
            """;

    @Test
    void connect_sends_four_mib_of_binary_stdin_then_half_closes_and_prints_what_the_server_answers_after()
            throws Exception {
        byte[] data = random(4 << 20, 1);
        try (var server = python(DIGEST_SERVER)) {
            int port = port(server);
            try (var nc = Nc.start("connect", "127.0.0.1", String.valueOf(port))) {
                nc.stdin().write(data);
                nc.stdin().close();
                assertEquals(0, nc.finish(), nc.errors());
                assertEquals("got " + data.length + " " + sha256(data) + "\n", nc.text());
            }
        }
    }

    /** Sends N random bytes (seeded) and closes; prints their SHA-256. */
    private static final String SENDING_SERVER = """
            import socket, hashlib, random, sys
            data = random.Random(7).randbytes(int(sys.argv[1]))
            s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()
            print('PORT', s.getsockname()[1], flush=True)
            c, _ = s.accept(); c.sendall(data); c.close()
            print('SHA', hashlib.sha256(data).hexdigest(), flush=True)
            """;

    @Test
    void connect_prints_four_mib_of_binary_from_the_server_unchanged_and_exits_0_when_it_closes() throws Exception {
        int n = 4 << 20;
        try (var server = python(SENDING_SERVER, String.valueOf(n))) {
            int port = port(server);
            try (var nc = Nc.start("connect", "127.0.0.1", String.valueOf(port))) {
                nc.stdin().close();
                assertEquals(0, nc.finish(), nc.errors());
                String sent = server.awaitPrefix("SHA ", LIMIT).substring(4);
                byte[] got = nc.output();
                assertEquals(n, got.length);
                assertEquals(sent, sha256(got), "bytes changed on the way: no line conversions");
            }
        }
    }

    /** Connects, sends N random bytes (seeded), shuts its output, reads to the end; prints both SHA-256s. */
    private static final String DIGEST_CLIENT = """
            import socket, hashlib, random, sys
            data = random.Random(9).randbytes(int(sys.argv[2]))
            c = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
            c.sendall(data); c.shutdown(socket.SHUT_WR)
            h = hashlib.sha256(); n = 0
            while True:
                d = c.recv(65536)
                if not d: break
                h.update(d); n += len(d)
            print('SENT', hashlib.sha256(data).hexdigest(), flush=True)
            print('GOT', n, h.hexdigest(), flush=True)
            """;

    @Test
    void listen_exchanges_three_mib_each_way_with_a_python_client_that_half_closes_first() throws Exception {
        byte[] mine = random(3 << 20, 2);
        try (var nc = Nc.start("listen", "-v", "0")) {
            int port = nc.listeningPort();
            try (var client = python(DIGEST_CLIENT, String.valueOf(port), String.valueOf(3 << 20))) {
                // The client has shut its output before this input starts: listen still sends all of it.
                nc.stdin().write(mine);
                nc.stdin().close();
                String theirs = client.awaitPrefix("SENT ", LIMIT).substring(5);
                assertEquals("GOT " + mine.length + " " + sha256(mine), client.awaitPrefix("GOT ", LIMIT));
                assertEquals(0, nc.finish(), nc.errors());
                assertEquals(theirs, sha256(nc.output()));
                assertEquals(3 << 20, nc.output().length);
            }
        }
    }

    private static final String LINE_CLIENT = """
            import socket, sys
            c = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
            c.sendall(sys.argv[2].encode()); c.close()
            print('DONE', flush=True)
            """;

    @Test
    void listen_keep_serves_two_clients_one_after_the_other_and_goes_on_listening() throws Exception {
        try (var nc = Nc.start("listen", "--keep", "-v", "0")) {
            int port = nc.listeningPort();
            try (var first = python(LINE_CLIENT, String.valueOf(port), "first\n")) {
                first.awaitPrefix("DONE", LIMIT);
                nc.awaitOutput(s -> s.equals("first\n"));
            }
            nc.awaitError(l -> l.startsWith("connection from ") && l.endsWith(" closed"));
            try (var second = python(LINE_CLIENT, String.valueOf(port), "second\n")) {
                second.awaitPrefix("DONE", LIMIT);
                nc.awaitOutput(s -> s.equals("first\nsecond\n"));
            }
            assertTrue(nc.isAlive(), "listen --keep ended after two clients: " + nc.errors());
        }
    }

    @Test
    void unix_listen_and_unix_connect_carry_bytes_both_ways_between_two_processes() throws Exception {
        Path path = dir.resolve("nc.sock");
        byte[] up = random(1 << 20, 3);
        byte[] down = random(1 << 20, 4);
        try (var listen = Nc.start("listen", "-v", "--unix", path.toString())) {
            listen.awaitError(l -> l.startsWith("listening on "));
            try (var connect = Nc.start("connect", "--unix", path.toString())) {
                Thread feeder = feed(listen.stdin(), down);
                connect.stdin().write(up);
                connect.stdin().close();
                feeder.join(LIMIT.toMillis());
                assertEquals(0, connect.finish(), connect.errors());
                assertEquals(0, listen.finish(), listen.errors());
                assertArrayEquals(up, listen.output());
                assertArrayEquals(down, connect.output());
            }
        }
    }

    // ---- timeouts and errors ----

    private static final String SILENT_SERVER = """
            import socket, sys
            s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()
            print('PORT', s.getsockname()[1], flush=True)
            c, _ = s.accept()
            c.recv(1)
            """;

    @Test
    void connect_with_a_timeout_ends_with_status_0_once_nothing_went_either_way_that_long() throws Exception {
        try (var server = python(SILENT_SERVER)) {
            int port = port(server);
            long start = System.nanoTime();
            try (var nc = Nc.start("connect", "--timeout", "1s", "-v", "127.0.0.1", String.valueOf(port))) {
                // Standard input stays open: only the timeout can end it.
                assertEquals(0, nc.finish(), nc.errors());
                long took = System.nanoTime() - start;
                assertTrue(took >= TimeUnit.SECONDS.toNanos(1), "ended before its timeout: " + took + " ns");
                assertTrue(nc.errors().contains("nothing either way for 1 s: closing"), nc.errors());
            }
        }
    }

    @Test
    void connect_to_a_port_nobody_listens_on_exits_1_with_the_libraries_message_and_no_stack_trace() throws Exception {
        int port;
        try (var l = Sockets.tcp().bind(0).listen()) {
            port = l.port();
        }
        try (var nc = Nc.start("connect", "127.0.0.1", String.valueOf(port))) {
            assertEquals(1, nc.finish());
            assertEquals("sockets: connect 127.0.0.1:" + port + ": [Errno 111] connection refused; is a server listening on port "
                    + port + "?\n", nc.errors());
            assertEquals("", nc.text());
        }
    }

    @Test
    void a_port_out_of_range_exits_1_with_the_libraries_message() throws Exception {
        try (var nc = Nc.start("connect", "127.0.0.1", "70000")) {
            nc.stdin().close();
            assertEquals(1, nc.finish());
            assertEquals("sockets: `70000`: expected port in [0, 65535] but was 70000\n", nc.errors());
        }
    }

    @Test
    void an_unknown_option_exits_2_naming_it_and_where_help_is() throws Exception {
        try (var nc = Nc.start("connect", "--frobnicate", "127.0.0.1", "1")) {
            assertEquals(2, nc.finish());
            assertEquals("sockets: unknown option --frobnicate\nTry: java -jar sockets-all.jar connect --help\n", nc.errors());
        }
        try (var nc = Nc.start("connect", "--keep", "127.0.0.1", "1")) {
            assertEquals(2, nc.finish());
            assertEquals("sockets: option --keep is not for connect; it is for listen\n"
                    + "Try: java -jar sockets-all.jar connect --help\n", nc.errors());
        }
        try (var nc = Nc.start("fetch", "x")) {
            assertEquals(2, nc.finish());
            assertTrue(nc.errors().startsWith("sockets: unknown command fetch; the commands are connect, listen,"),
                    nc.errors());
        }
        try (var nc = Nc.start()) {
            assertEquals(2, nc.finish());
            assertEquals("sockets: no command given\nTry: java -jar sockets-all.jar --help\n", nc.errors());
        }
    }

    // ---- help ----

    @Test
    void help_lists_every_command_and_each_command_has_its_own_help() throws Exception {
        try (var nc = Nc.start("--help")) {
            assertEquals(0, nc.finish(), nc.errors());
            String help = nc.text();
            assertTrue(help.startsWith("Usage: java -jar sockets-all.jar COMMAND [OPTIONS] ARGS...\n"), help);
            for (String command : List.of("connect HOST PORT", "listen [HOST] PORT", "udp send HOST PORT",
                    "udp listen [HOST] PORT", "explain TEXT [PORT]", "getaddrinfo HOST SERVICE", "--timeout DURATION",
                    "--keep", "--tls", "--unix PATH", "Exit status: 0")) {
                assertTrue(help.contains(command), command + " in\n" + help);
            }
        }
        for (String command : List.of("connect", "listen", "udp send", "udp listen", "explain", "getaddrinfo")) {
            var args = new ArrayList<>(List.of(command.split(" ")));
            args.add("-h");
            try (var nc = Nc.start(args.toArray(String[]::new))) {
                assertEquals(0, nc.finish(), nc.errors());
                assertTrue(nc.text().startsWith("Usage: java -jar sockets-all.jar " + command + " "), nc.text());
            }
        }
    }

    // ---- UDP ----

    /** Receives three datagrams, prints each, answers each with "ack:" and it. */
    private static final String UDP_ACK_SERVER = """
            import socket
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('127.0.0.1', 0))
            print('PORT', s.getsockname()[1], flush=True)
            for _ in range(3):
                d, a = s.recvfrom(65535)
                print('GOT', repr(d), flush=True)
                s.sendto(b'ack:' + d, a)
            """;

    @Test
    void udp_send_sends_each_line_as_one_datagram_and_prints_the_replies() throws Exception {
        try (var server = python(UDP_ACK_SERVER)) {
            int port = port(server);
            try (var nc = Nc.start("udp", "send", "--timeout", "3s", "127.0.0.1", String.valueOf(port))) {
                nc.stdin().write("a\nbb\nccc".getBytes(StandardCharsets.UTF_8));
                nc.stdin().close();
                assertEquals("GOT b'a\\n'", server.awaitPrefix("GOT", LIMIT));
                assertEquals("GOT b'bb\\n'", server.awaitPrefix("GOT", LIMIT));
                assertEquals("GOT b'ccc'", server.awaitPrefix("GOT", LIMIT));
                assertEquals(0, nc.finish(), nc.errors());
                assertEquals("ack:a\nack:bb\nack:ccc", nc.text());
            }
        }
    }

    private static final String UDP_CLIENT = """
            import socket, sys
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.sendto(b'hello\\n', ('127.0.0.1', int(sys.argv[1])))
            s.sendto(bytes(range(256)), ('127.0.0.1', int(sys.argv[1])))
            print('SENT', flush=True)
            """;

    @Test
    void udp_listen_prints_the_data_of_each_datagram_unchanged() throws Exception {
        try (var nc = Nc.start("udp", "listen", "-v", "0")) {
            int port = nc.listeningPort();
            try (var client = python(UDP_CLIENT, String.valueOf(port))) {
                client.awaitPrefix("SENT", LIMIT);
                var expected = new ByteArrayOutputStream();
                expected.write("hello\n".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 256; i++) {
                    expected.write(i);
                }
                nc.awaitOutput(s -> s.length() == 6 + 256);
                assertArrayEquals(expected.toByteArray(), nc.output());
                nc.awaitError(l -> l.matches("datagram from 127\\.0\\.0\\.1:\\d+, 256 bytes"));
            }
        }
    }

    // ---- explain and getaddrinfo ----

    @Test
    void explain_prints_what_sockets_explain_says() throws Exception {
        try (var nc = Nc.start("explain", "010.0.0.1")) {
            assertEquals(0, nc.finish(), nc.errors());
            assertEquals(Sockets.explain("010.0.0.1") + "\n", nc.utf8());
            assertTrue(nc.utf8().startsWith("explain(\"010.0.0.1\"): an IPv4 address in an inet_aton form\n"), nc.text());
        }
        try (var nc = Nc.start("explain", "127.0.0.1", "80")) {
            assertEquals(0, nc.finish(), nc.errors());
            assertEquals(Sockets.explain("127.0.0.1", "80") + "\n", nc.utf8());
        }
    }

    @Test
    void getaddrinfo_prints_the_tuples_as_python_writes_them() throws Exception {
        try (var nc = Nc.start("getaddrinfo", "127.0.0.1", "http")) {
            assertEquals(0, nc.finish(), nc.errors());
            assertEquals(Sockets.getaddrinfo("127.0.0.1", "http") + "\n", nc.text());
            assertTrue(nc.text().startsWith("[(2, 1, 6, '', ('127.0.0.1', 80))"), nc.text());
        }
    }

    // ---- TLS ----

    /** A Python ssl server with the given certificate: reads to the end (close_notify), answers, closes. */
    private static final String TLS_DIGEST_SERVER = """
            import socket, ssl, hashlib, sys
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); ctx.load_cert_chain(sys.argv[1], sys.argv[2])
            s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()
            print('PORT', s.getsockname()[1], flush=True)
            raw, _ = s.accept(); c = ctx.wrap_socket(raw, server_side=True)
            h = hashlib.sha256(); n = 0
            while True:
                d = c.recv(65536)
                if not d: break
                h.update(d); n += len(d)
            c.sendall(('got %d %s\\n' % (n, h.hexdigest())).encode()); c.close()
            """;

    @Test
    void connect_tls_trusting_a_pem_file_carries_a_mib_to_a_python_ssl_server_and_prints_its_answer() throws Exception {
        Path pem = TlsIdentity.selfSigned("localhost", "127.0.0.1").writePem(dir);
        byte[] data = random(1 << 20, 5);
        try (var server = python(TLS_DIGEST_SERVER, pem.resolve("cert.pem").toString(), pem.resolve("key.pem").toString())) {
            int port = port(server);
            try (var nc = Nc.start("connect", "--tls", "--trust", pem.resolve("cert.pem").toString(), "localhost",
                    String.valueOf(port))) {
                nc.stdin().write(data);
                nc.stdin().close();
                assertEquals(0, nc.finish(), nc.errors());
                assertEquals("got " + data.length + " " + sha256(data) + "\n", nc.text());
            }
        }
    }

    @Test
    void connect_tls_refuses_a_certificate_it_does_not_trust_with_exit_1_and_the_libraries_message() throws Exception {
        Path pem = TlsIdentity.selfSigned("localhost").writePem(dir);
        try (var server = python(TLS_DIGEST_SERVER, pem.resolve("cert.pem").toString(), pem.resolve("key.pem").toString())) {
            int port = port(server);
            try (var nc = Nc.start("connect", "--tls", "localhost", String.valueOf(port))) {
                nc.stdin().close();
                assertEquals(1, nc.finish());
                assertTrue(nc.errors().startsWith("sockets: "), nc.errors());
                assertTrue(nc.errors().contains("not trusted"), nc.errors());
                assertFalse(nc.errors().contains("\tat "), nc.errors());
            }
        }
    }

    /** A Python ssl client trusting the file listen printed: sends a line, reads to the end, prints it. */
    private static final String TLS_CLIENT = """
            import socket, ssl, sys
            ctx = ssl.create_default_context(cafile=sys.argv[2])
            raw = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
            c = ctx.wrap_socket(raw, server_hostname='localhost')
            c.sendall(b'ping\\n')
            got = b''
            while True:
                d = c.recv(65536)
                if not d: break
                got += d
            print('GOT', repr(got), c.version(), flush=True)
            c.close()
            """;

    @Test
    void listen_tls_self_signed_prints_its_certificate_file_and_a_python_client_trusting_it_talks_both_ways()
            throws Exception {
        try (var nc = Nc.start("listen", "--tls", "--self-signed", "-v", "0")) {
            String line = nc.awaitError(l -> l.startsWith("certificate: "));
            String cert = line.substring("certificate: ".length(), line.indexOf(" (connect --tls --trust "));
            int port = nc.listeningPort();
            try (var client = python(TLS_CLIENT, String.valueOf(port), cert)) {
                nc.stdin().write("pong\n".getBytes(StandardCharsets.UTF_8));
                nc.stdin().close();
                assertTrue(client.awaitPrefix("GOT ", LIMIT).startsWith("GOT b'pong\\n' TLSv1."));
                assertEquals(0, nc.finish(), nc.errors());
                assertEquals("ping\n", nc.text());
            }
        }
    }

    // ---- helpers ----

    private static Subprocess python(String script, String... args) throws IOException {
        var command = new ArrayList<>(List.of("python3", "-c", script));
        command.addAll(List.of(args));
        return Subprocess.start(Path.of("."), command);
    }

    private static int port(Subprocess server) throws InterruptedException {
        return Integer.parseInt(server.awaitPrefix("PORT ", LIMIT).substring(5).strip());
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static Thread feed(OutputStream out, byte[] data) {
        Thread t = new Thread(() -> {
            try (out) {
                out.write(data);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "feed");
        t.start();
        return t;
    }

    /**
     * The tool as a process: its standard output kept as bytes (it is binary), its standard error
     * as lines a test can wait for.
     */
    static final class Nc implements AutoCloseable {
        private static final String EOF = "\u0000EOF";
        private final Process process;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final BlockingQueue<String> errLines = new LinkedBlockingQueue<>();
        private final StringBuffer errors = new StringBuffer();
        private final Thread outPump;
        private final Thread errPump;

        private Nc(Process process) {
            this.process = process;
            outPump = new Thread(() -> pumpOut(process.getInputStream()), "nc-stdout");
            errPump = new Thread(this::pumpErr, "nc-stderr");
            outPump.setDaemon(true);
            errPump.setDaemon(true);
            outPump.start();
            errPump.start();
        }

        static Nc start(String... args) throws IOException {
            var command = new ArrayList<>(List.of(Subprocess.tool("java"), "-jar", ALL));
            command.addAll(List.of(args));
            return new Nc(new ProcessBuilder(command).start());
        }

        private void pumpOut(InputStream in) {
            byte[] buf = new byte[65536];
            try (in) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    synchronized (out) {
                        out.write(buf, 0, n);
                        out.notifyAll();
                    }
                }
            } catch (IOException e) {
                // The process went away.
            }
        }

        private void pumpErr() {
            try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    errors.append(line).append('\n');
                    errLines.add(line);
                }
            } catch (IOException e) {
                // The process went away.
            } finally {
                errLines.add(EOF);
            }
        }

        OutputStream stdin() {
            return process.getOutputStream();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** Waits for the process to end and for all its output; returns the exit status. */
        int finish() throws InterruptedException {
            if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("still running after " + LIMIT + "; stderr: " + errors + "; stdout: " + text());
            }
            outPump.join(LIMIT.toMillis());
            errPump.join(LIMIT.toMillis());
            return process.exitValue();
        }

        byte[] output() {
            synchronized (out) {
                return out.toByteArray();
            }
        }

        String text() {
            return new String(output(), StandardCharsets.ISO_8859_1);
        }

        String utf8() {
            return new String(output(), StandardCharsets.UTF_8);
        }

        String errors() {
            return errors.toString();
        }

        /** Blocks until the output so far (as ISO-8859-1 text) matches. */
        void awaitOutput(Predicate<String> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + LIMIT.toNanos();
            synchronized (out) {
                while (!wanted.test(out.toString(StandardCharsets.ISO_8859_1))) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        throw new AssertionError("no such output within " + LIMIT + ": " + out.toString(StandardCharsets.ISO_8859_1)
                                + "; stderr: " + errors);
                    }
                    out.wait(left);
                }
            }
        }

        /** Blocks until a line of standard error matches, and returns it. */
        String awaitError(Predicate<String> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (true) {
                String line = errLines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || line.equals(EOF)) {
                    throw new AssertionError("no such line on stderr: " + errors + "; stdout: " + text());
                }
                if (wanted.test(line)) {
                    return line;
                }
            }
        }

        /** The port of the "listening on 127.0.0.1:PORT" line that -v prints. */
        int listeningPort() throws InterruptedException {
            String line = awaitError(l -> l.startsWith("listening on "));
            return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
