package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockets.testing.Loopback;
import dev.sockets.testing.Subprocess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each example run as a user runs it: {@code java -cp target/sockets.jar examples/X.java args}. */
@Timeout(180)
class ExamplesIT {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final Path BASE = Path.of(System.getProperty("sockets.basedir", "."));
    private static final String JAR = System.getProperty("sockets.jar", "target/sockets.jar");

    private static Subprocess java(String example, String... args) throws Exception {
        var cmd = new ArrayList<>(List.of(Subprocess.tool("java"), "-cp", JAR, "examples/" + example));
        cmd.addAll(List.of(args));
        return Subprocess.start(BASE, cmd);
    }

    /**
     * The tutorial's defaults bind and connect to this machine's own name. Tests talk to loopback
     * only, so they run the defaults where that name is a loopback address (as on CI's machines)
     * and say so where it is not.
     */
    private static void assumeHostnameIsLoopback() {
        var h = Sockets.gethostbyname(Sockets.gethostname());
        assumeTrue(h instanceof Host.Ipv4 v4 && v4.isLoopback(),
                "gethostname() is " + Sockets.gethostname() + " = " + h + ", not loopback: the defaults are not run here");
    }

    private static int port(String listening) {
        return Integer.parseInt(listening.substring(listening.lastIndexOf(':') + 1));
    }

    /**
     * The JDK 22+ source launcher compiles the other files of a program's folder too, so a class
     * there named like a library type would shadow it for every example beside it.
     */
    @Test
    void no_example_is_named_like_a_type_of_the_library() throws Exception {
        var clashes = new ArrayList<String>();
        try (var files = java.nio.file.Files.list(BASE.resolve("examples"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".java")) {
                    continue;
                }
                String type = name.substring(0, name.length() - ".java".length());
                try {
                    Class.forName("dev.sockets." + type);
                    clashes.add(name);
                } catch (ClassNotFoundException expected) {
                    // No library type of that name: nothing shadowed.
                }
            }
        }
        assertEquals(List.of(), clashes, "examples named like a dev.sockets type");
    }

    @Test
    void server_and_client_print_what_the_tutorial_prints() throws Exception {
        try (var server = java("TutorialServer.java", "127.0.0.1", "0", "2")) {
            int port = port(server.awaitPrefix("Listening on 127.0.0.1:", LIMIT));
            for (int i = 0; i < 2; i++) {
                try (var client = java("TutorialClient.java", "127.0.0.1", Integer.toString(port))) {
                    assertEquals(List.of("Thank you for connecting"), client.finish(LIMIT), client.errors());
                    assertEquals(0, client.exitCode());
                }
                server.await(l -> l.matches("Got connection from 127\\.0\\.0\\.1:\\d+"), LIMIT);
            }
            server.finish(LIMIT);
            assertEquals(0, server.exitCode(), server.errors());
        }
    }

    @Test
    void server_and_client_default_to_gethostname_and_12345() throws Exception {
        assumeHostnameIsLoopback();
        try (var server = java("TutorialServer.java")) {
            String listening = server.awaitPrefix("Listening on ", LIMIT);
            assertTrue(listening.endsWith(":12345"), listening);
            try (var client = java("TutorialClient.java")) {
                assertEquals(List.of("Thank you for connecting"), client.finish(LIMIT), client.errors());
            }
            server.awaitPrefix("Got connection from ", LIMIT);
        }
    }

    @Test
    void echo_server_sends_each_line_back() throws Exception {
        try (var server = java("EchoServer.java", "127.0.0.1", "0")) {
            int port = port(server.awaitPrefix("Listening on 127.0.0.1:", LIMIT));
            try (var c = Sockets.tcp().timeout(LIMIT).connect("127.0.0.1", port)) {
                for (String line : List.of("hello", "", "ciao mondo é")) {
                    assertEquals(line, c.sendLine(line).readLine());
                }
            }
            server.awaitPrefix("Got connection from 127.0.0.1:", LIMIT);
        }
    }

    @Test
    void chat_server_sends_each_line_to_everyone() throws Exception {
        chat("ChatServer.java");
    }

    @Test
    void event_chat_on_the_loops_sends_each_line_to_everyone_as_chat_server_does() throws Exception {
        chat("EventChat.java");
    }

    private void chat(String example) throws Exception {
        try (var server = java(example, "127.0.0.1", "0")) {
            int port = port(server.awaitPrefix("Listening on 127.0.0.1:", LIMIT));
            var spec = Sockets.tcp().timeout(LIMIT);
            try (var a = spec.connect("127.0.0.1", port)) {
                assertEquals("Welcome " + a.local() + ", 1 here", a.readLine());
                var b = spec.connect("127.0.0.1", port);
                assertEquals("Welcome " + b.local() + ", 2 here", b.readLine());
                a.sendLine("hello from a");
                assertEquals(a.local() + ": hello from a", b.readLine());
                assertEquals(a.local() + ": hello from a", a.readLine());
                b.sendLine("hi a");
                assertEquals(b.local() + ": hi a", a.readLine());
                assertEquals(b.local() + ": hi a", b.readLine());
                b.close();
                assertEquals(b.local() + " left", a.readLine());
            }
        }
    }

    @Test
    void flaky_client_retries_through_each_fault_of_the_proxy_and_gives_up_when_it_never_heals() throws Exception {
        try (var flaky = java("FlakyClient.java")) {
            List<String> out = flaky.finish(LIMIT);
            assertEquals(0, flaky.exitCode(), flaky.errors());
            assertEquals(List.of("healthy: pong (1 attempt)",
                    "refusing, healed after 2 failures: attempt 1 failed: ConnectionRefused;"
                            + " attempt 2 failed: ConnectionRefused; pong (3 attempts)",
                    "black hole, healed after 1 failure: attempt 1 failed: Timeout; pong (2 attempts)",
                    "reset after 3 bytes, healed after 1 failure: attempt 1 failed: ConnectionReset; pong (2 attempts)",
                    "refusing for good: attempt 1 failed: ConnectionRefused; attempt 2 failed: ConnectionRefused;"
                            + " gave up: ConnectionRefused"), out);
            assertEquals("", flaky.errors(), "nothing logged");
        }
    }

    @Test
    void http_get_asks_its_own_local_server() throws Exception {
        try (var get = java("HttpGet.java")) {
            List<String> out = get.finish(LIMIT);
            assertEquals(0, get.exitCode(), get.errors());
            assertEquals(List.of("HTTP/1.1 200 OK", "Content-Type: text/plain; charset=utf-8", "Content-Length: 41",
                    "Connection: close", "", "Hello from sockets: you asked for /hello"), out);
        }
    }

    @Test
    void https_get_asks_its_own_local_tls_server_and_checks_its_certificate() throws Exception {
        try (var get = java("HttpsGet.java")) {
            List<String> out = get.finish(LIMIT);
            assertEquals(0, get.exitCode(), get.errors());
            assertTrue(out.get(0).matches("TlsInfo\\[TLSv1\\.3 TLS_\\w+, peer CN=localhost \\(expires \\d{4}-\\d\\d-\\d\\d\\).*\\]"),
                    out.get(0));
            assertEquals(List.of("HTTP/1.1 200 OK", "Content-Type: text/plain; charset=utf-8", "Content-Length: 37",
                    "Connection: close", "", "Hello over TLS: you asked for /hello"), out.subList(1, out.size()));
        }
    }

    @Test
    void http_get_asks_a_given_url() throws Exception {
        var request = new java.util.concurrent.CompletableFuture<List<String>>();
        Loopback.server(c -> {
            var head = new ArrayList<String>();
            for (String h; (h = c.readLine()) != null && !h.isEmpty(); ) {
                head.add(h);
            }
            request.complete(head);
            c.send("HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope");
        }, s -> {
            try (var get = java("HttpGet.java", "http://127.0.0.1:" + s.port() + "/missing")) {
                List<String> out = get.finish(LIMIT);
                assertEquals(List.of("HTTP/1.1 404 Not Found", "Content-Length: 4", "", "nope"), out, get.errors());
            }
            assertEquals(List.of("GET /missing HTTP/1.1", "Host: 127.0.0.1:" + s.port(), "Connection: close"),
                    request.get());
        });
    }

    @Test
    void port_scan_finds_the_open_port_in_its_range() throws Exception {
        Loopback.listener(l -> {
            int p = l.port();
            int from = Math.max(1, p - 3);
            int to = Math.min(65535, p + 3);
            try (var scan = java("PortScan.java", "127.0.0.1", Integer.toString(from), Integer.toString(to))) {
                List<String> out = scan.finish(LIMIT);
                assertTrue(out.contains(p + " open (?)") || out.stream().anyMatch(x -> x.startsWith(p + " open (")), out.toString());
                String last = out.get(out.size() - 1);
                assertTrue(last.matches("scanned " + (to - from + 1) + " ports of 127\\.0\\.0\\.1 in \\d+ ms: \\d+ open"), last);
            }
        });
    }

    @Test
    void port_scan_refuses_an_unbounded_range() throws Exception {
        try (var scan = java("PortScan.java", "127.0.0.1", "1", "65535")) {
            scan.finish(LIMIT);
            assertTrue(scan.exitCode() != 0);
            assertTrue(scan.errors().contains("expected a range of 1 to 4096 ports but was 1-65535"), scan.errors());
        }
    }

    @Test
    void demo_runs_the_tutorial_end_to_end() throws Exception {
        assumeHostnameIsLoopback();
        demo();
    }

    @Test
    void demo_runs_on_a_host_given_as_its_argument() throws Exception {
        demo("127.0.0.1");
    }

    private static void demo(String... args) throws Exception {
        try (var demo = java("Demo.java", args)) {
            List<String> out = demo.finish(LIMIT);
            assertEquals(0, demo.exitCode(), demo.errors());
            int i = out.get(0).startsWith("Port 12345 is taken") ? 1 : 0;
            assertTrue(out.get(i).startsWith("Server listening on "), out.toString());
            assertTrue(out.get(i + 1).matches("Got connection from .+:\\d+"), out.toString());
            assertEquals("Thank you for connecting", out.get(i + 2));
            assertTrue(out.get(i + 3).matches("Server\\[tcp .+, 0 open, 1 accepted, closed\\]"), out.toString());
            assertTrue(out.get(i + 4).contains("(2, 1, 6, '', ('127.0.0.1', 80))"), out.toString());
            assertEquals("gethostname: " + Sockets.gethostname(), out.get(i + 5));
        }
    }

    @Test
    void getaddrinfo_prints_the_tutorials_tuples_and_the_host_name() throws Exception {
        try (var p = java("GetAddrInfo.java")) {
            List<String> out = p.finish(LIMIT);
            assertEquals(0, p.exitCode(), p.errors());
            assertEquals(List.of("[(2, 1, 6, '', ('127.0.0.1', 80))]", Sockets.gethostname()), out);
        }
        try (var p = java("GetAddrInfo.java", "127.0.0.1")) {
            assertEquals("[(2, 1, 6, '', ('127.0.0.1', 80))]", p.finish(LIMIT).get(0));
        }
    }

    @Test
    void get_addr_info_of_a_name_that_does_not_resolve_prints_the_message_and_exits_1() throws Exception {
        // The JDK reads names from this file instead of asking DNS: no query leaves the machine.
        Path hosts = Files.createTempFile("hosts", ".txt");
        try {
            Files.writeString(hosts, "127.0.0.1 localhost\n");
            var cmd = List.of(Subprocess.tool("java"), "-Djdk.net.hosts.file=" + hosts, "-cp", JAR,
                    "examples/GetAddrInfo.java", "tutorialspoint.com");
            try (var p = Subprocess.start(BASE, cmd)) {
                List<String> out = p.finish(LIMIT);
                assertEquals(1, p.exitCode(), p.errors());
                assertEquals(List.of(), out);
                String err = p.errors().strip();
                assertTrue(err.startsWith("getaddrinfo tutorialspoint.com: "), err);
                assertFalse(err.contains("\tat ") || err.contains("Exception"), "no stack trace: " + err);
            }
        } finally {
            Files.delete(hosts);
        }
    }

    @Test
    void probe_expects_the_greeting_says_quit_and_with_tap_shows_the_exchange_on_standard_error() throws Exception {
        try (var server = Sockets.tcp().bind("127.0.0.1", 0).onAccept(c -> {
            c.send("220 mail.test ESMTP ready\r\n");
            if ("QUIT".equals(c.readLine())) {
                c.send("221 2.0.0 bye\r\n");
            }
        })) {
            try (var probe = java("Probe.java", "127.0.0.1", Integer.toString(server.port()), "--tap")) {
                List<String> out = probe.finish(LIMIT);
                assertEquals(0, probe.exitCode(), probe.errors());
                assertEquals("greeting: 220 mail.test ESMTP ready", out.get(0));
                assertEquals("goodbye: 221 2.0.0 bye", out.get(1));
                assertTrue(out.get(2).matches("1 open: Connection\\[tcp 127\\.0\\.0\\.1:\\d+ -> 127\\.0\\.0\\.1:\\d+]"), out.toString());
                assertEquals(3, out.size(), out.toString());
                String tap = probe.errors();
                assertTrue(tap.contains("open tcp connect") && tap.contains("QUIT\\n") && tap.contains("close"), tap);
            }
        }
    }

    @Test
    void probe_of_a_port_where_nothing_listens_prints_the_message_and_exits_1() throws Exception {
        int port;
        try (var l = Sockets.tcp().bind("127.0.0.1", 0).listen()) {
            port = l.port();
        }
        try (var probe = java("Probe.java", "127.0.0.1", Integer.toString(port))) {
            assertEquals(List.of(), probe.finish(LIMIT));
            assertEquals(1, probe.exitCode());
            assertTrue(probe.errors().startsWith("connect 127.0.0.1:" + port + ": [Errno 111] connection refused"), probe.errors());
        }
    }

    @Test
    void explain_all_explains_each_address_with_and_without_a_port() throws Exception {
        try (var explain = java("ExplainAll.java", "010.0.0.1", "[::1]:80")) {
            List<String> out = explain.finish(LIMIT);
            assertEquals(0, explain.exitCode(), explain.errors());
            assertEquals("explain(\"010.0.0.1\"): an IPv4 address in an inet_aton form", out.get(0));
            assertTrue(out.contains("  10.0.0.1   private (RFC 1918)"), out.toString());
            assertTrue(out.stream().anyMatch(l -> l.startsWith("explain(\"::1\", \"80\"): an IPv6 address")), out.toString());
            assertTrue(out.stream().anyMatch(l -> l.startsWith("  port       80: http for TCP")), out.toString());
        }
    }
}
