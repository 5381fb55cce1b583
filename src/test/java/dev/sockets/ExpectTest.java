package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.internal.io.RealConnection;
import dev.sockets.internal.io.TcpTransport;
import dev.sockets.testing.ChunkedTransport;
import dev.sockets.testing.OneByteAtATime;
import dev.sockets.testing.Subprocess;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Connection.expect}: a dialogue with a real server, the alternatives, what stays unread, and the errors. */
@org.junit.jupiter.api.Timeout(60)
class ExpectTest {

    private static Connection over(String data, Integer... chunks) {
        return new RealConnection(new ChunkedTransport(data.getBytes(StandardCharsets.UTF_8), List.of(chunks)),
                StandardCharsets.UTF_8, 1 << 16, Duration.ZERO);
    }

    /** A login server in Python, as a telnet-style host talks: prompts without a newline after them. */
    private static final String LOGIN_SERVER = String.join("\n",
            "import socket, sys",
            "s = socket.socket()",
            "s.bind(('127.0.0.1', 0))",
            "s.listen(1)",
            "print(s.getsockname()[1], flush=True)",
            "c, _ = s.accept()",
            "f = c.makefile('rb')",
            "c.sendall(b'Welcome to box 7\\r\\nlogin: ')",
            "user = f.readline().strip().decode()",
            "c.sendall(b'Password: ')",
            "pw = f.readline().strip().decode()",
            "if pw != 'secret':",
            "    c.sendall(b'Login incorrect\\r\\n')",
            "    c.close()",
            "    sys.exit(0)",
            "c.sendall(('Last login: Tue 1 Dec from 10.0.0.9\\r\\n' + user + '@box7:~$ ').encode())",
            "cmd = f.readline().strip().decode()",
            "c.sendall(('uid=1000(' + user + ') gid=1000\\r\\n' + user + '@box7:~$ ').encode())",
            "f.readline()",
            "c.sendall(b'logout\\r\\n')",
            "c.close()",
            "print('done ' + cmd, flush=True)");

    @Test
    void a_script_logs_in_to_a_python_server_runs_a_command_and_sees_it_log_out() throws Exception {
        try (var py = Subprocess.start(Path.of("."), List.of("python3", "-c", LOGIN_SERVER))) {
            int port = Integer.parseInt(py.await(l -> !l.isBlank(), Duration.ofSeconds(30)).trim());
            try (var c = Sockets.tcp().timeout(Duration.ofSeconds(20)).connect("127.0.0.1", port)) {
                var login = c.expect("login: ");
                assertEquals(new Match(0, Expect.text("login: "), "Welcome to box 7\r\n", "login: ", List.of()), login);
                c.sendLine("alice");
                var pw = c.expect("Password: ", "Login incorrect");
                assertEquals(0, pw.index());
                assertEquals("", pw.before());
                c.sendLine("secret");
                var prompt = c.expect(Pattern.compile("(\\w+)@(\\w+):~\\$ "));
                assertEquals("alice", prompt.group(1));
                assertEquals("box7", prompt.group(2));
                assertEquals("Last login: Tue 1 Dec from 10.0.0.9\r\n", prompt.before());
                c.sendLine("id");
                var id = c.expect(Pattern.compile("uid=(\\d+)\\((\\w+)\\)"));
                assertEquals(List.of("1000", "alice"), id.groups());
                assertEquals(" gid=1000", c.readLine(), "the rest of the line stays for readLine");
                c.expect("$ ");
                c.sendLine("exit");
                var end = c.expect(Expect.text("$ "), Expect.EOF);
                assertEquals(1, end.index());
                assertEquals(Expect.EOF, end.alternative());
                assertEquals("logout\r\n", end.before());
                assertEquals(Bytes.empty(), c.recv(10));
            }
            assertTrue(py.finish(Duration.ofSeconds(30)).contains("done id"), "the server saw the command");
        }
    }

    @Test
    void the_alternative_that_starts_first_wins_and_a_tie_goes_to_the_one_listed_first() {
        var c = over("xx Password: login: tail", 100);
        var m = c.expect("login:", "Password:");
        assertEquals(1, m.index());
        assertEquals("xx ", m.before());
        var tie = c.expect(Expect.pattern("log\\w+"), Expect.text("log"));
        assertEquals(0, tie.index());
        assertEquals("login", tie.matched());
        assertEquals(" ", tie.before());
        assertEquals(Bytes.of(": tail"), c.recv(100));
    }

    @Test
    void a_match_split_one_byte_a_read_is_found_and_the_bytes_after_it_stay_for_recv_readLine_and_recvExactly()
            throws Exception {
        try (var peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             var s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), peer.getLocalPort()));
            var oneByte = new OneByteAtATime(new TcpTransport(s));
            var c = new RealConnection(oneByte, StandardCharsets.UTF_8, 1 << 16, Duration.ZERO);
            try (var other = peer.accept()) {
                other.getOutputStream().write("220 mail.example ESMTP ready\r\nnext line\nABCDrest".getBytes(StandardCharsets.UTF_8));
                other.shutdownOutput();
                var m = c.expect(Pattern.compile("(\\d{3}) (\\S+) .*\r\n"));
                assertEquals("220", m.group(1));
                assertEquals("mail.example", m.group(2));
                assertEquals("220 mail.example ESMTP ready\r\n", m.group(0));
                assertTrue(oneByte.reads() >= 30, "read a byte at a time: " + oneByte.reads());
                assertEquals("next line", c.readLine());
                assertEquals(Bytes.of("AB"), c.recvExactly(2));
                assertEquals("CD", c.expect("CD").matched());
                assertEquals(Bytes.of("rest"), c.recvAll());
            }
            c.close();
        }
    }

    @Test
    void a_match_across_the_chunks_a_fault_proxy_cuts_leaves_the_rest_for_recv() throws Exception {
        String banner = "x".repeat(3000) + "PROMPT> " + "y".repeat(5000);
        try (var server = Sockets.tcp().bind("127.0.0.1", 0).onAccept(c -> c.send(banner));
             var proxy = Sockets.proxy("127.0.0.1", server.address().endpoint().port().number()).bind("127.0.0.1", 0).chunk(7);
             var c = Sockets.tcp().timeout(Duration.ofSeconds(20)).connect("127.0.0.1", proxy.port())) {
            var m = c.expect("PROMPT> ");
            assertEquals(3000, m.before().length());
            assertEquals("y".repeat(5000), new String(c.recvAll().toByteArray(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void another_expect_starts_right_after_the_previous_match() {
        var c = over("a=1;b=2;c=3;", 5, 1, 3);
        var p = Pattern.compile("(\\w)=(\\d);");
        assertEquals(List.of("a", "1"), c.expect(p).groups());
        assertEquals(List.of("b", "2"), c.expect(p).groups());
        assertEquals(Bytes.of("c=3;"), c.recvExactly(4));
    }

    @Test
    void utf8_text_matches_byte_for_byte_and_patterns_see_one_char_a_byte() {
        var c = over("Grüße, Passwort für alice: \u00ff\u0001bin", 3, 2);
        var m = c.expect("für alice:");
        assertEquals("Grüße, Passwort ", m.before(), "decoded in the connection's charset");
        var bin = c.expect(Pattern.compile("\\x{c3}\\x{bf}\\x01"));
        assertEquals(" ", bin.before());
        assertEquals("\u00ff\u0001", bin.matched());
        assertEquals(Bytes.of("bin"), c.recvAll());
    }

    @Test
    void the_end_of_the_stream_as_an_alternative_hands_over_what_was_left() {
        var c = over("no prompt here", 4);
        var m = c.expect(Expect.text("$ "), Expect.EOF);
        assertEquals(new Match(1, Expect.EOF, "no prompt here", "", List.of()), m);
        assertEquals(Bytes.empty(), c.recv(10));
        assertNull(c.readLine());
    }

    @Test
    void the_end_of_the_stream_otherwise_is_a_SocketClosed_naming_what_was_expected_and_the_bytes_stay() throws Exception {
        try (var server = Sockets.tcp().bind("127.0.0.1", 0).onAccept(c -> c.send("Hello, stranger\r\n"));
             var c = Sockets.tcp().timeout(Duration.ofSeconds(20)).connect("127.0.0.1", server.address().endpoint().port().number())) {
            var e = assertThrows(SocketClosed.class, () -> c.expect("login:", "Password:"));
            assertEquals("recv from " + c.remote() + ": the stream ended while waiting for \"login:\" or \"Password:\"; 17 bytes"
                    + " came that did not match, left unread for recv(...); pass Expect.EOF to take the end as an answer",
                    e.getMessage());
            assertEquals(Bytes.of("Hello, stranger\r\n"), c.recv(100));
            assertEquals(Bytes.empty(), c.recv(100));
        }
    }

    @Test
    void a_timeout_as_an_alternative_shows_what_came_and_leaves_it_unread() throws Exception {
        var gate = new CompletableFuture<Void>();
        try (var server = Sockets.tcp().bind("127.0.0.1", 0).onAccept(c -> {
                c.send("Connecting...");
                gate.get(30, TimeUnit.SECONDS);
                try {
                    // A pause longer than the expect's timeout below: a read left with that
                    // timeout would fail here.
                    new CompletableFuture<Void>().get(600, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException paused) {
                    c.send(" ok\r\n");
                }
             });
             var c = Sockets.tcp().connect("127.0.0.1", server.address().endpoint().port().number())) {
            assertEquals(Bytes.of("Conn"), c.peek(4), "the first send arrived");
            long start = System.nanoTime();
            var m = c.expect(Duration.ofMillis(300), Expect.text("ok"), Expect.TIMEOUT);
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(new Match(1, Expect.TIMEOUT, "Connecting...", "", List.of()), m);
            assertTrue(tookMillis >= 290 && tookMillis < 5300, "waited " + tookMillis + " ms for a 300 ms timeout");
            gate.complete(null);
            assertEquals("Connecting... ", c.expect("ok").before(), "waits as the connection does: without a timeout");
            assertEquals(Duration.ZERO, c.timeout(), "the connection's own timeout is back");
        }
    }

    @Test
    void a_timeout_otherwise_is_a_Timeout_saying_how_long_and_how_many_bytes_came_and_they_stay() throws Exception {
        var gate = new CompletableFuture<Void>();
        try (var server = Sockets.tcp().bind("127.0.0.1", 0).onAccept(c -> {
                c.send("Connecting...");
                gate.get(30, TimeUnit.SECONDS);
             });
             var c = Sockets.tcp().connect("127.0.0.1", server.address().endpoint().port().number())) {
            // The first send waits for the server's handler, which a busy machine may run late:
            // no timeout until it came.
            assertEquals(Bytes.of("Conn"), c.peek(4));
            c.timeout(Duration.ofMillis(200));
            var e = assertThrows(Timeout.class, () -> c.expect(Pattern.compile("\\d+ ok"), Pattern.compile("failed")));
            assertEquals("recv from " + c.remote() + ": timed out after 200 ms waiting for /\\\\d+ ok/ or /failed/; 13 bytes came"
                    + " that did not match, left unread for recv(...); give expect a longer timeout, or pass"
                    + " Expect.TIMEOUT to take the timeout as an answer", e.getMessage());
            assertEquals(Bytes.of("Connecting..."), c.recv(100));
            var nothing = assertThrows(Timeout.class, () -> c.expect(Duration.ofMillis(100), "x"));
            assertTrue(nothing.getMessage().contains("timed out after 100 ms waiting for \"x\"; nothing came;"), nothing.getMessage());
            gate.complete(null);
        }
    }

    @Test
    void a_peer_that_trickles_bytes_cannot_stretch_the_wait_past_the_timeout() throws Exception {
        var stop = new CompletableFuture<Void>();
        try (var server = Sockets.tcp().bind("127.0.0.1", 0).onAccept(c -> {
                for (int i = 0; i < 200 && !stop.isDone(); i++) {
                    c.send(".");
                    try {
                        stop.get(20, TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.TimeoutException more) {
                        // the next dot
                    }
                }
             });
             var c = Sockets.tcp().timeout(Duration.ofMillis(150)).connect("127.0.0.1", server.address().endpoint().port().number())) {
            long start = System.nanoTime();
            var e = assertThrows(Timeout.class, () -> c.expect(Duration.ofMillis(400), "done"));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            stop.complete(null);
            assertTrue(tookMillis >= 390 && tookMillis < 5400, "waited " + tookMillis + " ms for a 400 ms timeout");
            assertTrue(e.getMessage().contains("timed out after 400 ms waiting for \"done\"; "), e.getMessage());
        }
    }

    @Test
    void past_maxExpectBuffer_without_a_match_it_fails_and_the_bytes_stay_unread() {
        var c = new RealConnection(new ChunkedTransport("0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII), List.of(3)),
                StandardCharsets.UTF_8, 1 << 16, Duration.ZERO);
        c.maxExpect(16);
        var e = assertThrows(SocketError.class, () -> c.expect("login:"));
        assertEquals(SocketError.Kind.OTHER, e.kind());
        assertEquals("recv from " + c.remote() + ": no match for \"login:\" in 16 bytes (the spec's maxExpectBuffer), left unread; read past them"
                + " with recv(...), or raise maxExpectBuffer(...) on the spec", e.getMessage());
        assertEquals(Bytes.of("0123456789abcdef"), c.recv(100), "no more than the bound was read");
        assertEquals("ghij", c.expect(Expect.EOF).before());
    }

    @Test
    void a_match_within_the_bound_is_found_even_when_it_ends_at_the_last_byte() {
        var c = new RealConnection(new ChunkedTransport("0123456789abcdef".getBytes(StandardCharsets.US_ASCII), List.of(5)),
                StandardCharsets.UTF_8, 1 << 16, Duration.ZERO);
        c.maxExpect(16);
        assertEquals("0123456789abc", c.expect("def").before());
    }

    @Test
    void the_spec_s_maxExpectBuffer_reaches_tcp_unix_and_accepted_connections(@TempDir Path dir) throws Exception {
        String big = "z".repeat(100);
        try (var server = Sockets.tcp().maxExpectBuffer(50).bind("127.0.0.1", 0).onAccept(c -> {
                var e = assertThrows(SocketError.class, () -> c.expect("never"));
                c.sendLine(e.reason());
             });
             var c = Sockets.tcp().maxExpectBuffer(40).timeout(Duration.ofSeconds(20))
                     .connect("127.0.0.1", server.address().endpoint().port().number())) {
            c.send(big);
            assertEquals("no match for \"never\" in 50 bytes (the spec's maxExpectBuffer), left unread", c.readLine());
        }
        try (var l = Sockets.unix().maxExpectBuffer(30).bind(dir.resolve("e.sock")).listen();
             var c = Sockets.unix().maxExpectBuffer(30).timeout(Duration.ofSeconds(20)).connect(dir.resolve("e.sock"));
             var a = l.accept()) {
            a.send(big);
            assertTrue(assertThrows(SocketError.class, () -> c.expect("never")).getMessage().contains(" in 30 bytes "));
        }
    }

    @Test
    void expect_works_on_unix_connections(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("dialogue.sock");
        try (var server = Sockets.unix().bind(path).onAccept(c -> {
                c.send("name? ");
                c.send("hello " + c.readLine() + "\n$ ");
             });
             var c = Sockets.unix().timeout(Duration.ofSeconds(20)).connect(path)) {
            c.expect("name? ");
            c.sendLine("unix");
            assertEquals("unix", c.expect(Pattern.compile("hello (\\w+)\n")).group(1));
            assertEquals("$ ", c.expect(Duration.ofSeconds(20), "$ ").matched());
            var e = assertThrows(SocketClosed.class, () -> c.expect(Duration.ofSeconds(20), "more"));
            assertTrue(e.getMessage().endsWith("the stream ended while waiting for \"more\"; nothing came;"
                    + " pass Expect.EOF to take the end as an answer"), e.getMessage());
        }
    }

    @Test
    void expect_works_on_tls_connections_with_a_timeout_that_leaves_the_session_usable() throws Exception {
        var id = TlsIdentity.selfSigned("localhost", "127.0.0.1");
        var gate = new CompletableFuture<Void>();
        try (var server = Sockets.tls().certificate(id).bind("127.0.0.1", 0).onAccept(c -> {
                c.send("* OK IMAP4rev1 ready\r\n");
                String tag = c.readLine().split(" ")[0];
                c.send("* CAPABILITY IMAP4rev1\r\n");
                gate.get(30, TimeUnit.SECONDS);
                c.send(tag + " OK done\r\n");
             });
             var c = Sockets.tls().trust(id).timeout(Duration.ofSeconds(20))
                     .connect("127.0.0.1", server.address().endpoint().port().number())) {
            assertEquals("OK", c.expect(Pattern.compile("\\* (\\w+) ")).group(1));
            c.sendLine("a1 CAPABILITY");
            c.expect("CAPABILITY IMAP4rev1\r\n");
            var waited = c.expect(Duration.ofMillis(200), Expect.pattern("a1 (OK|NO|BAD)"), Expect.TIMEOUT);
            assertEquals(Expect.TIMEOUT, waited.alternative());
            gate.complete(null);
            var done = c.expect(Pattern.compile("a1 (OK|NO|BAD) (.*)\r\n"));
            assertEquals(List.of("OK", "done"), done.groups());
            assertTrue(c.tls().isPresent());
        }
    }

    @Test
    void wrong_calls_are_refused_with_what_was_expected() {
        var c = over("x");
        assertEquals("expected at least one text or pattern to wait for but was none",
                assertThrows(IllegalArgumentException.class, () -> c.expect(new String[0])).getMessage());
        assertEquals("expected a text to wait for but was \"\"; Expect.EOF waits for the end",
                assertThrows(IllegalArgumentException.class, () -> c.expect("")).getMessage());
        assertEquals("texts[1]", assertThrows(NullPointerException.class, () -> c.expect("a", null)).getMessage());
        assertEquals("expected timeout > 0 but was 0 s",
                assertThrows(IllegalArgumentException.class, () -> c.expect(Duration.ZERO, "x")).getMessage());
        assertEquals("x", c.expect("x").matched(), "nothing was consumed by the refused calls");
    }

    @Test
    void a_match_and_its_alternatives_print_well_in_jshell() {
        var c = over("220 ready\r\nWelcome\r\nPassword:");
        assertEquals("Match[0 /(\\d{3}) (\\w+)\\r\\n/ matched \"220 ready\\r\\n\", before \"\", groups [\"220\", \"ready\"]]",
                c.expect(Pattern.compile("(\\d{3}) (\\w+)\r\n")).toString());
        assertEquals("Match[1 \"Password:\" matched \"Password:\", before \"Welcome\\r\\n\"]",
                c.expect("login:", "Password:").toString());
        assertEquals("Match[0 EOF, before \"\"]", c.expect(Expect.EOF).toString());
        assertEquals("[\"a\\tb\", /x+/, EOF, TIMEOUT]",
                List.of(Expect.text("a\tb"), Expect.pattern("x+"), Expect.EOF, Expect.TIMEOUT).toString());
        assertEquals(Expect.pattern("x+"), Expect.pattern(Pattern.compile("x+")));
        assertFalse(Expect.pattern("x+").equals(Expect.pattern(Pattern.compile("x+", Pattern.CASE_INSENSITIVE))));
        var m = new Match(0, Expect.pattern("(a)(b)?"), "", "a", java.util.Arrays.asList("a", null));
        assertNull(m.group(2));
        assertEquals("a", m.group(0));
        assertInstanceOf(IndexOutOfBoundsException.class, assertThrows(RuntimeException.class, () -> m.group(3)));
    }

    @Test
    void the_spec_setting_is_checked_printed_and_read_back_alike_on_the_three_stream_specs() {
        assertEquals(64 * 1024, Sockets.tcp().maxExpectBuffer());
        assertEquals(64 * 1024, Sockets.unix().maxExpectBuffer());
        assertEquals(64 * 1024, Sockets.tls().maxExpectBuffer());
        assertEquals("TcpSpec[maxExpectBuffer=1000]", Sockets.tcp().maxExpectBuffer(1000).toString());
        assertEquals("UnixSpec[maxExpectBuffer=1000]", Sockets.unix().maxExpectBuffer(1000).toString());
        assertEquals("TlsSpec[maxExpectBuffer=1000]", Sockets.tls().maxExpectBuffer(1000).toString());
        assertEquals("expected maxExpectBuffer in [1, 1073741824] but was 0",
                assertThrows(IllegalArgumentException.class, () -> Sockets.tls().maxExpectBuffer(0)).getMessage());
    }
}
