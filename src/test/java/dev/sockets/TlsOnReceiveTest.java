package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.Descriptors;
import dev.sockets.testing.LiveThreads;
import dev.sockets.testing.Python;
import dev.sockets.testing.ServerLog;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS served by the event loops ({@code onReceive}) on 127.0.0.1: both versions, the receiver
 * sees plaintext and sends plaintext, close_notify both ways, client certificates, a handshake
 * that times out, a plain-text client, and nothing left behind.
 */
@org.junit.jupiter.api.Timeout(120)
class TlsOnReceiveTest {
    static final TlsIdentity CA = TlsIdentity.authority("Loop CA");
    static final TlsIdentity ID = CA.issue("localhost", "127.0.0.1");

    static TlsSpec server(String version) {
        return Sockets.tls().certificate(ID).protocols(version);
    }

    static TlsSpec client(String version) {
        return Sockets.tls().trust(CA).protocols(version).timeout(Duration.ofSeconds(30));
    }

    static int port(Server s) {
        return s.address().endpoint().port().number();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void an_echo_receiver_sees_plaintext_and_answers_in_tls(String version) throws Exception {
        var opened = new CopyOnWriteArrayList<Peer>();
        var closed = new CountDownLatch(1);
        var receiver = new Receiver() {
            @Override
            public void opened(Peer peer) {
                opened.add(peer);
            }

            @Override
            public void receive(Peer peer, Bytes data) {
                peer.send(data);
            }

            @Override
            public void closed(Peer peer) {
                closed.countDown();
            }
        };
        try (var server = server(version).bind("127.0.0.1", 0).onReceive(receiver)) {
            try (var c = client(version).connect("127.0.0.1", port(server))) {
                assertEquals(version, c.tls().orElseThrow().protocol());
                c.sendLine("hello");
                assertEquals("hello", c.readLine());
                // Many small messages, each answered before the next.
                for (int i = 0; i < 500; i++) {
                    c.sendLine("line " + i);
                    assertEquals("line " + i, c.readLine());
                }
            }
            assertTrue(closed.await(10, TimeUnit.SECONDS), "closed() after the client's close_notify");
            assertEquals(1, opened.size());
            assertEquals(0, server.failed());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void four_mebibytes_each_way_arrive_whole(String version) throws Exception {
        byte[] data = new byte[4 << 20];
        new Random(23).nextBytes(data);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(data);
        try (var server = server(version).bind("127.0.0.1", 0).onReceive((peer, got) -> peer.send(got))) {
            try (var c = client(version).connect("127.0.0.1", port(server))) {
                var writer = CompletableFuture.runAsync(() -> c.send(data));
                var back = c.recvExactly(data.length);
                writer.get(60, TimeUnit.SECONDS);
                assertArrayEquals(digest, MessageDigest.getInstance("SHA-256").digest(back.toByteArray()));
            }
        }
    }

    @Test
    void a_receiver_may_send_from_another_thread() throws Exception {
        var pool = Executors.newSingleThreadExecutor();
        try (var server = server("TLSv1.3").bind("127.0.0.1", 0).onReceive((peer, got) ->
                pool.execute(() -> peer.send("later: " + got.text())))) {
            try (var c = client("TLSv1.3").connect("127.0.0.1", port(server))) {
                for (int i = 0; i < 50; i++) {
                    c.sendLine("n" + i);
                    assertEquals("later: n" + i, c.readLine());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Python's ssl client: reads to the end, and tells a close_notify from a cut (suppress_ragged_eofs=False). */
    private static final String READ_TO_CLOSE_NOTIFY = String.join("\n",
            "import socket, ssl, sys, hashlib",
            "ctx = ssl.create_default_context(cafile=sys.argv[1])",
            "v = ssl.TLSVersion.TLSv1_3 if sys.argv[3] == 'TLSv1.3' else ssl.TLSVersion.TLSv1_2",
            "ctx.minimum_version = v; ctx.maximum_version = v",
            "raw = socket.socket(); raw.settimeout(60)",
            "raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16384)  # a small window: the server's sends queue",
            "raw.connect(('127.0.0.1', int(sys.argv[2])))",
            "s = ctx.wrap_socket(raw, server_hostname='localhost', suppress_ragged_eofs=False)",
            "s.sendall(b'go\\n')",
            "socket.create_connection(('127.0.0.1', int(sys.argv[4])), timeout=60).recv(1)  # until the server closed",
            "h = hashlib.sha256(); n = 0; end = 'close_notify'",
            "try:",
            "    while True:",
            "        b = s.recv(65536)",
            "        if not b: break",
            "        h.update(b); n += len(b)",
            "except ssl.SSLEOFError:",
            "    end = 'cut without close_notify'",
            "print(n, h.hexdigest(), end)");

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void close_with_data_queued_delivers_it_all_then_close_notify(String version, @TempDir Path dir) throws Exception {
        // More than the loopback's socket buffers take (the client's window is small): most of it
        // waits in the peer's queue at close().
        byte[] data = new byte[16 << 20];
        new Random(5).nextBytes(data);
        var pendingAtClose = new AtomicLong(-1);
        var closedIt = new CountDownLatch(1);
        try (var server = server(version).bind("127.0.0.1", 0).onReceive((peer, got) -> {
            peer.send(data);
            pendingAtClose.set(peer.pending());
            peer.close();
            closedIt.countDown();
        }); var signal = Sockets.tcp().bind("127.0.0.1", 0).listen()) {
            // The client reads nothing until the server's close() ran: then what was sent surely waits.
            var go = CompletableFuture.runAsync(() -> {
                try (var c = signal.accept()) {
                    closedIt.await(60, TimeUnit.SECONDS);
                    c.send("!");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Path ca = CA.writePem(dir).resolve("cert.pem");
            var out = Python.run(READ_TO_CLOSE_NOTIFY, ca.toString(), String.valueOf(port(server)), version,
                    String.valueOf(signal.port()));
            go.get(10, TimeUnit.SECONDS);
            String sha = java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
            assertEquals(List.of(data.length + " " + sha + " close_notify"), out);
            assertTrue(pendingAtClose.get() > 0, "data was still queued at close(): " + pendingAtClose.get());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void client_certificates_from_the_trusted_authority_are_accepted_others_refused(String version) throws Exception {
        var opened = new AtomicInteger();
        var spec = server(version).clientAuth(true).trust(CA);
        try (var server = spec.bind("127.0.0.1", 0).onReceive(new Receiver() {
            @Override
            public void opened(Peer peer) {
                opened.incrementAndGet();
            }

            @Override
            public void receive(Peer peer, Bytes data) {
                peer.send(data);
            }
        })) {
            var good = CA.issue("client.localhost");
            try (var c = client(version).certificate(good).connect("127.0.0.1", port(server))) {
                c.sendLine("me");
                assertEquals("me", c.readLine());
            }
            var stranger = TlsIdentity.authority("Stranger CA").issue("client.localhost");
            for (var who : List.of(client(version), client(version).certificate(stranger))) {
                // TLS 1.3 finishes the client's side before the server checks: the refusal may come at the first read.
                TlsError e = assertThrows(TlsError.class, () -> {
                    try (var c = who.connect("127.0.0.1", port(server))) {
                        c.sendLine("me");
                        c.readLine();
                    }
                });
                assertTrue(e.getMessage().contains("certificate"), e.getMessage());
            }
            assertEquals(1, opened.get(), "only the trusted client reached the receiver");
        }
    }

    @Test
    void a_client_that_never_finishes_its_handshake_is_closed_after_the_handshake_timeout() throws Exception {
        var timeout = Duration.ofMillis(400);
        var received = new AtomicInteger();
        try (var server = server("TLSv1.3").handshakeTimeout(timeout).bind("127.0.0.1", 0)
                .onReceive((peer, got) -> received.incrementAndGet())) {
            long start = System.nanoTime();
            // Plain TCP that says nothing: the server waits for a ClientHello that never comes.
            try (var c = Sockets.tcp().timeout(Duration.ofSeconds(30)).connect("127.0.0.1", port(server))) {
                assertTrue(c.recv(100).isEmpty(), "the server closed it");
            }
            long took = System.nanoTime() - start;
            assertTrue(took >= timeout.toNanos(), "not before the timeout: " + took / 1_000_000 + " ms");
            assertEquals(0, received.get());
            assertTrue(server.isOpen());
            // Still serving.
            try (var c = client("TLSv1.3").connect("127.0.0.1", port(server))) {
                c.sendLine("x");
            }
        }
    }

    @Test
    void a_plain_text_client_is_closed_and_never_reaches_the_receiver() throws Exception {
        var received = new AtomicInteger();
        var opened = new AtomicInteger();
        try (var server = server("TLSv1.3").bind("127.0.0.1", 0).onReceive(new Receiver() {
            @Override
            public void opened(Peer peer) {
                opened.incrementAndGet();
            }

            @Override
            public void receive(Peer peer, Bytes data) {
                received.incrementAndGet();
            }
        })) {
            var serverLog = ServerLog.capture();
            try (var c = Sockets.tcp().timeout(Duration.ofSeconds(30)).connect("127.0.0.1", port(server))) {
                c.send("GET /secret HTTP/1.0\r\n\r\n");
                assertTrue(c.recv(100).isEmpty(), "closed without an answer");
                var line = serverLog.next(Duration.ofSeconds(10));
                assertEquals("the TLS handshake with the client " + c.local().text()
                        + " failed: the client sent something that is not a TLS handshake; closed it", line.getMessage());
            } finally {
                serverLog.close();
            }
            assertEquals(0, received.get());
            assertEquals(0, opened.get());
            assertEquals(0, server.failed(), "no user code failed");
            assertTrue(server.isOpen());
        }
    }

    @Test
    void a_tls_client_of_a_tls_onReceive_server_meets_its_errors_as_with_onAccept() {
        try (var server = server("TLSv1.3").bind("127.0.0.1", 0).onReceive((peer, got) -> peer.send(got))) {
            // A client that does not trust the certificate: the client's own error, the server serves on.
            TlsError e = assertThrows(TlsError.class,
                    () -> Sockets.tls().timeout(Duration.ofSeconds(30)).connect("127.0.0.1", port(server)).close());
            assertEquals(TlsError.Problem.UNTRUSTED, e.problem(), e.getMessage());
            try (var c = client("TLSv1.3").connect("127.0.0.1", port(server))) {
                c.sendLine("still");
                assertEquals("still", c.readLine());
            }
        }
    }

    @Test
    void servers_leave_no_thread_nor_descriptor_behind() throws Exception {
        var before = Descriptors.snapshot();
        Descriptors.Work work = () -> {
            try (var server = server("TLSv1.3").handshakeTimeout(Duration.ofMillis(300)).bind("127.0.0.1", 0)
                    .onReceive((peer, got) -> peer.send(got))) {
                for (int i = 0; i < 5; i++) {
                    try (var c = client("TLSv1.3").connect("127.0.0.1", port(server))) {
                        c.sendLine("x" + i);
                        assertEquals("x" + i, c.readLine());
                    }
                }
                try (var c = Sockets.tcp().timeout(Duration.ofSeconds(30)).connect("127.0.0.1", port(server))) {
                    c.send("not tls\r\n");
                    assertTrue(c.recv(10).isEmpty());
                }
                try (var c = Sockets.tcp().timeout(Duration.ofSeconds(30)).connect("127.0.0.1", port(server))) {
                    assertTrue(c.recv(10).isEmpty()); // the handshake timeout
                }
            }
        };
        work.run();
        assertEquals(List.of(), LiveThreads.awaitNone("sockets-loop-", 10));
        Descriptors.assertNoLeak(before, Duration.ofSeconds(10), work);
        assertFalse(LiveThreads.named("sockets-loop-").stream().findAny().isPresent());
    }
}
