package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.ReliabilityLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ctrl-C in JShell stops a call that waits, on the JDK this test runs on (17, and 25 in .ci/run's
 * second pass). JShell's tool answers Ctrl-C with {@code JShell.stop()}; this test calls the same
 * method of the same API, with the built jar on the snippets' class path in JShell's own remote
 * JVM, and measures how long the snippet takes to give the prompt back.
 */
@Timeout(240)
class JshellStopIT {
    private static final String JAR = System.getProperty("sockets.jar", "target/sockets.jar");
    /** Generous: a stop lands within a slice (0.1 s); the CI machine may be very busy. */
    private static final Duration BACK_WITHIN = Duration.ofSeconds(10);

    private final Lines out = new Lines();
    private JShell js;

    @BeforeEach
    void start() {
        js = JShell.builder().out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .err(new PrintStream(out, true, StandardCharsets.UTF_8)).build();
        js.addToClasspath(JAR);
        value("import dev.sockets.*;");
        value("import java.time.Duration;");
    }

    @AfterEach
    void stop() {
        js.close();
    }

    @Test
    void stop_during_readLine_gives_the_prompt_back_and_the_connection_still_reads() throws Exception {
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            value("var c = Sockets.tcp().connect(\"127.0.0.1\", " + server.getLocalPort() + ")");
            try (Socket peer = server.accept()) {
                // A first line read as usual: the stop below meets a warm library, as Ctrl-C after a
                // wait does, not its first class initialisations.
                peer.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
                assertEquals("\"hello\"", value("c.readLine()"));
                stops("c.readLine()", "readLine");
                // Nothing was closed: the line the peer sends now is read by the next snippet.
                peer.getOutputStream().write("after the stop\n".getBytes(StandardCharsets.UTF_8));
                assertEquals("\"after the stop\"", value("c.readLine()"));
                assertEquals("true", value("c.isOpen()"));
            }
        }
    }

    @Test
    void stop_during_expect_gives_the_prompt_back_and_the_bytes_that_came_stay_for_the_next_read() throws Exception {
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            value("var c = Sockets.tcp().connect(\"127.0.0.1\", " + server.getLocalPort() + ")");
            try (Socket peer = server.accept()) {
                peer.getOutputStream().write("login: ".getBytes(StandardCharsets.UTF_8));
                value("c.expect(\"login:\")");
                // Bytes that are not what expect waits for: they stay in the buffer through the stop.
                peer.getOutputStream().write("motd\n".getBytes(StandardCharsets.UTF_8));
                stops("c.expect(\"$ \")", "expect");
                assertEquals("\" motd\"", value("c.readLine()"));
            }
        }
    }

    @Test
    void stop_during_recv_with_a_timeout_gives_the_prompt_back_and_the_timeout_still_holds() throws Exception {
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            value("var c = Sockets.tcp().timeout(Duration.ofSeconds(60)).connect(\"127.0.0.1\", " + server.getLocalPort() + ")");
            try (Socket peer = server.accept()) {
                peer.getOutputStream().write("hello".getBytes(StandardCharsets.UTF_8));
                assertEquals("b'hello'", value("c.recv(100)"));
                stops("c.recv(100)", "recv with a timeout");
                // The read still times out at its own time, not at a slice's.
                value("c.timeout(Duration.ofMillis(1500))");
                value("long t0 = System.nanoTime()");
                value("String recvOrTimeout(Connection c) { try { c.recv(100); return \"read\"; }"
                        + " catch (Timeout e) { return \"timeout\"; } }");
                String failed = value("recvOrTimeout(c)");
                assertEquals("\"timeout\"", failed);
                long ms = Long.parseLong(value("(System.nanoTime() - t0) / 1_000_000"));
                assertTrue(ms >= 1400, "the timeout fired after " + ms + " ms, before its 1.5 s");
            }
        }
    }

    @Test
    void stop_during_accept_gives_the_prompt_back_and_the_listener_still_accepts() throws Exception {
        value("var l = Sockets.tcp().bind(\"127.0.0.1\", 0).listen()");
        int port = Integer.parseInt(value("l.port()"));
        try (var first = new Socket(InetAddress.getLoopbackAddress(), port)) {
            value("l.accept().close()");
        }
        stops("l.accept()", "accept");
        try (var client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            assertTrue(value("l.accept()").startsWith("Connection[tcp 127.0.0.1:" + port), out.text());
        }
    }

    @Test
    void stop_during_recvfrom_gives_the_prompt_back_and_the_socket_still_receives() throws Exception {
        value("var u = Sockets.udp().bind(\"127.0.0.1\", 0)");
        int port = Integer.parseInt(value("u.local().port().number()"));
        try (var sender = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            byte[] hi = "hi".getBytes(StandardCharsets.UTF_8);
            sender.send(new java.net.DatagramPacket(hi, hi.length, InetAddress.getLoopbackAddress(), port));
            assertEquals("b'hi'", value("u.recvfrom(100).data()"));
            stops("u.recvfrom(100)", "recvfrom");
            sender.send(new java.net.DatagramPacket(hi, hi.length, InetAddress.getLoopbackAddress(), port));
            assertTrue(value("u.recvfrom(100).data()").equals("b'hi'"), out.text());
        }
    }

    /**
     * Runs {@code call} as a snippet that says "ready" and then waits in it, stops it once it
     * said so, and checks that the snippet ended as stopped, within {@link #BACK_WITHIN}.
     */
    private void stops(String call, String what) throws Exception {
        String marker = "ready-" + System.nanoTime();
        var ready = out.when(marker);
        var events = CompletableFuture.supplyAsync(() ->
                js.eval(complete("java.util.List.of(System.out.printf(\"" + marker + "%n\"), " + call + ")")));
        assertTrue(ready.await(60, TimeUnit.SECONDS), "the snippet never said it was ready: " + out.text());
        long t0 = System.nanoTime();
        js.stop();
        List<SnippetEvent> result = events.get(BACK_WITHIN.toSeconds() + 60, TimeUnit.SECONDS);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < BACK_WITHIN.toMillis(), what + ": the prompt came back after " + ms + " ms");
        // A stopped snippet has no value (JShell's tool prints nothing for it either); one that
        // returned on its own would show what it read.
        assertEquals(1, result.size(), result.toString());
        assertEquals(null, result.get(0).value(), what + " returned a value, it was not stopped: " + result);
        System.out.println("JShell.stop() during " + what + ": the prompt back in " + ms + " ms");
        ReliabilityLog.record("measurements", "JShell.stop() (Ctrl-C) during " + what + " on JDK " + Runtime.version().feature()
                + " -> the prompt back, the socket still open", 1, 1, 0, "back in " + ms + " ms");
    }

    /** Evaluates one snippet that must succeed, and returns its value as JShell shows it. */
    private String value(String snippet) {
        List<SnippetEvent> events = js.eval(complete(snippet));
        for (SnippetEvent e : events) {
            if (e.exception() != null || e.status() == jdk.jshell.Snippet.Status.REJECTED) {
                throw new AssertionError(snippet + " failed: " + e + " " + e.exception()
                        + js.diagnostics(e.snippet()).map(d -> d.getMessage(null)).collect(Collectors.toList()));
            }
        }
        return events.get(0).value();
    }

    /** The snippet as the tool hands it to the API: with the semicolon a declaration needs. */
    private String complete(String snippet) {
        var c = js.sourceCodeAnalysis().analyzeCompletion(snippet);
        return c.completeness().isComplete() ? c.source() : snippet;
    }

    /** What the snippets print, with a latch for a line to come. */
    private static final class Lines extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private String wanted;
        private CountDownLatch seen;

        synchronized CountDownLatch when(String text) {
            wanted = text;
            seen = new CountDownLatch(1);
            check();
            return seen;
        }

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            check();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            check();
        }

        private void check() {
            if (wanted != null && text().contains(wanted)) {
                seen.countDown();
            }
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
        }
    }
}
