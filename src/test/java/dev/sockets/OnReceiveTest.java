package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.ReliabilityLog;
import dev.sockets.testing.Timers;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The event-driven server form, {@code bind(...).onReceive(...)}. */
@Timeout(60)
class OnReceiveTest {

    private static Server echo() {
        return Sockets.tcp().bind("127.0.0.1", 0).onReceive((peer, data) -> peer.send(data));
    }

    private static Connection client(Server s) {
        return Sockets.tcp().timeout(Duration.ofSeconds(10)).connect("127.0.0.1", s.port());
    }

    @Test
    void echoesWhatAClientSendsAndCountsTheConnection() {
        try (Server s = echo(); Connection c = client(s)) {
            assertEquals("hello", c.send("hello").recvExactly(5).text());
            assertEquals("Server[tcp 127.0.0.1:" + s.port() + ", 1 open, 1 accepted]", s.toString());
            c.shutdownOutput();
            assertTrue(c.recv(10).isEmpty(), "the server closes when the client has closed its side");
            assertEquals(0, s.open());
        }
    }

    @Test
    void manyClientsAtOnceEachGetTheirOwnBytesBack() throws Exception {
        int clients = 200;
        try (Server s = echo()) {
            var conns = new ArrayList<Connection>();
            try {
                for (int i = 0; i < clients; i++) {
                    conns.add(client(s).send("client " + i + ";"));
                }
                for (int i = 0; i < clients; i++) {
                    String want = "client " + i + ";";
                    assertEquals(want, conns.get(i).recvExactly(want.length()).text());
                }
                assertEquals(clients, s.open());
            } finally {
                conns.forEach(Connection::close);
            }
        }
    }

    @Test
    void echoesMegabytesInOrderThroughAQueueThatPausesAndResumesReading() throws Exception {
        byte[] sent = new byte[8 << 20];
        new Random(5).nextBytes(sent);
        var maxPending = new AtomicLong();
        var queued = new java.util.concurrent.CountDownLatch(1);
        // Small socket buffers at both ends, so that the server must queue whatever the OS's defaults.
        try (Server s = Sockets.tcp().sendBufferSize(64 * 1024).bind("127.0.0.1", 0).onReceive((peer, data) -> {
            peer.send(data);
            maxPending.accumulateAndGet(peer.pending(), Math::max);
            if (peer.pending() > Peer.MAX_PENDING) {
                queued.countDown();
            }
        }); Connection c = Sockets.tcp().receiveBufferSize(64 * 1024).timeout(Duration.ofSeconds(10))
                .connect("127.0.0.1", s.port())) {
            var failure = new AtomicReference<Throwable>();
            Thread writer = new Thread(() -> {
                try {
                    c.send(sent);
                    c.shutdownOutput();
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            writer.start();
            // The client reads nothing until the server's queue passed its bound: then the server
            // must have stopped reading, and must start again as the client drains it.
            assertTrue(queued.await(20, TimeUnit.SECONDS), "the server queued past its bound");
            byte[] back = c.input().readAllBytes();
            writer.join();
            assertEquals(null, failure.get());
            assertArrayEquals(sent, back, "every byte back, in order");
            // One read (64 KiB) may land on top of a queue that just passed the bound.
            assertTrue(maxPending.get() <= Peer.MAX_PENDING + 64 * 1024,
                    "a client that does not read holds the server's queue bounded, but it held " + maxPending.get());
        }
    }

    @Test
    void aClientThatSendsAndNeverReadsIsNotReadOnceItsAnswersPileUp() throws Exception {
        var peers = new ArrayBlockingQueue<Peer>(1);
        var received = new AtomicLong();
        try (Server s = Sockets.tcp().bind("127.0.0.1", 0).onReceive((peer, data) -> {
            if (received.getAndAdd(data.length()) == 0) {
                peers.add(peer);
            }
            peer.send(data);
        }); Connection c = Sockets.tcp().writeTimeout(Duration.ofMillis(500)).connect("127.0.0.1", s.port())) {
            // The client writes until its own send stalls: the server must stop reading.
            byte[] chunk = new byte[64 * 1024];
            assertThrows(dev.sockets.Timeout.class, () -> {
                for (int i = 0; i < 2000; i++) {
                    c.send(chunk);
                }
            });
            Peer p = peers.poll(10, TimeUnit.SECONDS);
            assertTrue(p.pending() <= Peer.MAX_PENDING + 64 * 1024, "server queue bounded: " + p.pending());
            assertTrue(received.get() < 2000L * chunk.length, "the server stopped reading: " + received.get());
        }
    }

    @Test
    void closeAfterSendDeliversEverythingThenTheEnd() {
        byte[] big = new byte[1 << 20];
        new Random(7).nextBytes(big);
        try (Server s = Sockets.tcp().bind("127.0.0.1", 0).onReceive((peer, data) -> peer.send(big).send("bye").close());
             Connection c = client(s)) {
            c.send("x");
            byte[] all = c.recvAll().toByteArray();
            assertEquals(big.length + 3, all.length);
            assertArrayEquals(big, java.util.Arrays.copyOf(all, big.length));
            assertEquals("bye", new String(all, big.length, 3, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void aReceiverThatThrowsLosesItsConnectionAndTheServerServesOn() {
        try (Server s = Sockets.tcp().bind("127.0.0.1", 0).onReceive((peer, data) -> {
            if (data.text().startsWith("boom")) {
                throw new IllegalStateException("boom");
            }
            peer.send(data);
        })) {
            try (Connection bad = client(s)) {
                bad.send("boom");
                assertTrue(bad.recv(10).isEmpty(), "the failing connection is closed");
            }
            assertEquals(1, s.failed());
            try (Connection good = client(s)) {
                assertEquals("ok", good.send("ok").recvExactly(2).text());
            }
        }
    }

    @Test
    void aPeerKeptByTheApplicationCanBeSentToFromAnotherThread() throws Exception {
        var peers = new ArrayBlockingQueue<Peer>(1);
        try (Server s = Sockets.tcp().bind("127.0.0.1", 0).onReceive((peer, data) -> peers.add(peer));
             Connection c = client(s)) {
            c.send("subscribe");
            Peer p = peers.poll(10, TimeUnit.SECONDS);
            assertEquals("Peer[" + c.local().text() + "]", p.toString());
            assertEquals(c.local(), p.remote());
            assertEquals(c.remote(), p.local());
            p.send("news 1\n").send(Bytes.of("news 2\n"));
            assertEquals("news 1", c.readLine());
            assertEquals("news 2", c.readLine());
            p.close();
            assertTrue(c.recv(10).isEmpty());
            assertFalse(p.isOpen());
            // The server's side is closed; it waits for the client's end (this client has not closed yet).
            assertEquals("Peer[" + c.local().text() + ", closing]", p.toString());
            var e = assertThrows(SocketClosed.class, () -> p.send("late"));
            assertTrue(e.getMessage().contains(c.local().text()), e.getMessage());
        }
    }

    @Test
    void closeStopsAcceptingAndClosesEveryConnectionAndEndsTheLoops() throws Exception {
        Server s = echo();
        int port = s.port();
        try (Connection c = client(s)) {
            assertEquals("a", c.send("a").recvExactly(1).text());
            s.close();
            assertTrue(c.recv(10).isEmpty(), "the connection is closed by the server's close");
            assertFalse(s.isOpen());
            assertTrue(s.join(Duration.ofSeconds(5)));
            assertThrows(ConnectionRefused.class, () -> Sockets.tcp().connect("127.0.0.1", port));
            assertEquals(List.of(), dev.sockets.testing.LiveThreads.awaitNone("sockets-loop-", 10));
        }
    }

    @Test
    void aReceiverMayCloseTheServerItRunsIn() {
        var server = new AtomicReference<Server>();
        Server s = Sockets.tcp().bind("127.0.0.1", 0).onReceive((peer, data) -> server.get().close());
        server.set(s);
        try (Connection c = client(s)) {
            c.send("stop");
            assertTrue(s.join(Duration.ofSeconds(10)), "closed from inside a receiver, without waiting for itself");
            assertTrue(c.recv(10).isEmpty());
        }
    }

    @Test
    void aServerClosedFromOpenedReceivesNothingMoreEvenWhatCameBeforeTheAccept() {
        var server = new AtomicReference<Server>();
        var opened = new java.util.concurrent.atomic.AtomicInteger();
        var receives = new AtomicLong();
        Server s = Sockets.tcp().maxConnections(1).bind("127.0.0.1", 0).onReceive(new Receiver() {
            @Override
            public void opened(Peer p) {
                if (opened.incrementAndGet() == 1) {
                    p.send("first\n");
                } else {
                    server.get().close();
                }
            }

            @Override
            public void receive(Peer p, Bytes data) {
                receives.incrementAndGet();
            }
        });
        server.set(s);
        try (s; Connection first = client(s)) {
            assertEquals("first", first.readLine());
            try (Connection second = client(s)) {
                second.send("too late"); // waits with the OS: the slot is the first client's
                first.close();           // the server accepts the second, whose opened() closes the server
                assertTrue(s.join(Duration.ofSeconds(10)), "closed from inside opened()");
                assertTrue(second.recv(10).isEmpty());
                assertEquals(0, receives.get(), "no receive() once the server is closing, though the bytes were there");
            }
        }
    }

    @Test
    void maxConnectionsMakesTheNextClientWaitUntilASlotFrees() throws Exception {
        try (Server s = Sockets.tcp().maxConnections(1).bind("127.0.0.1", 0).onReceive((peer, data) -> peer.send(data))) {
            Connection first = client(s);
            assertEquals("1", first.send("1").recvExactly(1).text());
            try (first; Connection second = Sockets.tcp().timeout(Duration.ofMillis(300)).connect("127.0.0.1", s.port())) {
                second.send("2");
                assertThrows(dev.sockets.Timeout.class, () -> second.recv(1), "not served while the first holds the slot");
                assertEquals(1, s.open());
                first.close();
                second.timeout(Duration.ofSeconds(10));
                assertEquals("2", second.recvExactly(1).text(), "served once the slot is free");
                assertEquals(2, s.accepted());
            }
        }
    }

    @Test
    void aSilentClientIsClosedAfterTheIdleTimeout() {
        Duration idle = Duration.ofMillis(300);
        try (Server s = Sockets.tcp().idleTimeout(idle).bind("127.0.0.1", 0)
                .onReceive((peer, data) -> peer.send(data)); Connection c = client(s)) {
            // Timed from before the last message: the server's idle clock starts at its last
            // read or write, which may come well before this thread sees the echo.
            long t0 = System.nanoTime();
            assertEquals("hi", c.send("hi").recvExactly(2).text());
            assertTrue(c.recv(10).isEmpty(), "closed by the server");
            long late = Timers.late("the idle timeout", idle, System.nanoTime() - t0);
            ReliabilityLog.timing("server idle timeout, onReceive (client silent after one echo; late includes the echo)",
                    idle, late);
            assertEquals(1, s.idleClosed());
            assertEquals(0, s.failed());
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedAfterTheWriteTimeout() throws Exception {
        byte[] mb = new byte[1 << 20];
        var peers = new ArrayBlockingQueue<Peer>(1);
        try (Server s = Sockets.tcp().writeTimeout(Duration.ofMillis(300)).bind("127.0.0.1", 0)
                .onReceive((peer, data) -> {
                    for (int i = 0; i < 16; i++) {
                        peer.send(mb);
                    }
                    peers.add(peer);
                }); Connection c = client(s)) {
            c.send("flood me");
            Peer p = peers.poll(10, TimeUnit.SECONDS);
            assertTrue(p.pending() > 0);
            // The client reads nothing: the server gives up on it after the write timeout.
            InputStream in = c.input();
            var drained = new ByteArrayOutputStream();
            try {
                long t0 = System.nanoTime();
                while (p.isOpen() && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10)) {
                    Thread.onSpinWait();
                }
                assertFalse(p.isOpen(), "closed by the write timeout");
                in.transferTo(drained);
            } catch (SocketError e) {
                // a reset is how a close with unsent data may reach the client
            }
            assertTrue(drained.size() < 16 * mb.length, "not everything went out");
            assertEquals(1, s.failed());
        }
    }

    @Test
    void closeGivesQueuedAnswersTheirGraceThenCloses() throws Exception {
        byte[] answer = new byte[4 << 20];
        new Random(9).nextBytes(answer);
        var queued = new ArrayBlockingQueue<Peer>(1);
        Server s = Sockets.tcp().sendBufferSize(64 * 1024).bind("127.0.0.1", 0).onReceive((peer, data) -> {
            peer.send(answer);
            queued.add(peer);
        });
        try (Connection c = Sockets.tcp().receiveBufferSize(64 * 1024).timeout(Duration.ofSeconds(10))
                .connect("127.0.0.1", s.port())) {
            c.send("go");
            Peer p = queued.poll(10, TimeUnit.SECONDS);
            assertTrue(p.pending() > 0, "the answer waits in the server's queue");
            Thread closer = new Thread(() -> s.close(Duration.ofSeconds(20)));
            closer.start();
            // The client reads only now, while the server is closing: it gets all, then the end.
            assertArrayEquals(answer, c.recvAll().toByteArray());
            closer.join();
            assertFalse(s.isOpen());
            assertEquals(0, s.failed());
        }
    }

    @Test
    void aPeerClosedWhileItsReadingIsPausedIsNotReadAgain() throws Exception {
        byte[] mb = new byte[1 << 20];
        var calls = new AtomicLong();
        try (Server s = Sockets.tcp().sendBufferSize(64 * 1024).bind("127.0.0.1", 0).onReceive((peer, data) -> {
            calls.incrementAndGet();
            peer.send(mb).close(); // more than MAX_PENDING waits: reading paused, then closing
        }); Connection c = Sockets.tcp().receiveBufferSize(64 * 1024).timeout(Duration.ofSeconds(10))
                .connect("127.0.0.1", s.port())) {
            c.send("first");
            assertEquals(1, c.recvExactly(1).length(), "the answer began: the server is closing this peer");
            c.send("more that must not reach the receiver");
            assertEquals(mb.length - 1, c.recvAll().length(), "the answer, whole, then the end");
            assertEquals(1, calls.get());
            assertEquals(0, s.failed());
        }
    }

    @Test
    void anInterruptLeftByAReceiverHarmsNeitherTheNextReadNorTheListener() {
        try (Server s = Sockets.tcp().bind("127.0.0.1", 0).onReceive((peer, data) -> {
            peer.send(data);
            Thread.currentThread().interrupt(); // as a careless catch of InterruptedException would
        })) {
            for (int i = 0; i < 4; i++) {
                try (Connection c = client(s)) {
                    assertEquals("one", c.send("one").recvExactly(3).text());
                    assertEquals("two", c.send("two").recvExactly(3).text());
                }
            }
            assertEquals(0, s.failed());
            assertTrue(s.isOpen());
        }
    }

    @Test
    void aSendToAPeerThatWasResetFailsThatSendOnlyAndTheServerServesOn() throws Exception {
        var kept = new ArrayBlockingQueue<Peer>(1);
        var relayFailures = new AtomicLong();
        try (Server s = Sockets.tcp().bind("127.0.0.1", 0).onReceive((peer, data) -> {
            if (data.text().startsWith("keep")) {
                kept.add(peer);
                peer.send("kept");
                return;
            }
            Peer other = kept.peek();
            for (int i = 0; i < 100 && other != null; i++) {
                try {
                    other.send(new byte[64 * 1024]);
                } catch (SocketError e) {
                    relayFailures.incrementAndGet();
                    break;
                }
            }
            peer.send("relayed");
        })) {
            try (Connection b = Sockets.tcp().linger(Duration.ZERO).timeout(Duration.ofSeconds(10)).connect("127.0.0.1", s.port())) {
                assertEquals("kept", b.send("keep").recvExactly(4).text());
            } // closed with a reset: SO_LINGER 0
            try (Connection a = client(s)) {
                assertEquals("relayed", a.send("relay").recvExactly(7).text());
                assertEquals("relayed", a.send("relay").recvExactly(7).text());
            }
            assertTrue(relayFailures.get() >= 1, "a send to the reset peer failed");
            try (Connection c = client(s)) {
                assertEquals("relayed", c.send("relay").recvExactly(7).text(), "the server serves on");
            }
            assertTrue(s.isOpen());
        }
    }

    @Test
    void aUnixDomainServerEchoesAndRemovesItsSocketFileWhenClosed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        var sock = dir.resolve("echo.sock");
        var peers = new ArrayBlockingQueue<Peer>(1);
        Server s = Sockets.unix().bind(sock.toString()).onReceive((peer, data) -> {
            peers.offer(peer);
            peer.send(data);
        });
        try (Connection c = Sockets.unix().connect(sock.toString())) {
            assertEquals("over unix", c.send("over unix").recvExactly(9).text());
            assertEquals("Server[unix:" + sock + ", 1 open, 1 accepted]", s.toString());
            Peer p = peers.poll(10, TimeUnit.SECONDS);
            assertEquals(new UnixAddress(sock), p.local());
            assertTrue(java.nio.file.Files.exists(sock));
            s.close();
            assertTrue(c.recv(10).isEmpty(), "closed by the server's close");
        }
        assertFalse(java.nio.file.Files.exists(sock), "the socket file is removed with the server");
        assertEquals("Server[unix:" + sock + ", 0 open, 1 accepted, closed]", s.toString());
        // The path is free again, for a server of either form.
        Sockets.unix().bind(sock.toString()).listen().close();
    }

    @Test
    void openedAndClosedRunOncePerConnectionOnItsLoopAroundItsData() throws Exception {
        var events = new java.util.concurrent.ConcurrentLinkedQueue<String>();
        var room = java.util.concurrent.ConcurrentHashMap.<Peer>newKeySet();
        var closedAll = new java.util.concurrent.CountDownLatch(3);
        var openedAll = new java.util.concurrent.CountDownLatch(3);
        Server s = Sockets.tcp().bind("127.0.0.1", 0).onReceive(new Receiver() {
            @Override
            public void opened(Peer p) {
                assertTrue(Thread.currentThread().getName().startsWith("sockets-loop-"));
                room.add(p);
                events.add("opened " + p.remote().text());
                openedAll.countDown();
            }

            @Override
            public void receive(Peer from, Bytes data) {
                for (Peer p : room) {
                    try {
                        p.send(data); // a chat room: everyone gets what anyone says
                    } catch (SocketClosed e) {
                        // leaving: its closed() comes next and takes it out of the room
                    }
                }
            }

            @Override
            public void closed(Peer p) {
                assertTrue(Thread.currentThread().getName().startsWith("sockets-loop-"));
                assertFalse(p.isOpen());
                room.remove(p);
                events.add("closed " + p.remote().text());
                closedAll.countDown();
            }
        });
        Connection a = client(s);
        Connection b = client(s);
        Connection c = client(s);
        try {
            // A client is in the room once the server has accepted it (opened), not once its
            // connect returned: the OS completes a connect before the server accepts it.
            assertTrue(openedAll.await(10, TimeUnit.SECONDS), "all three accepted: " + events);
            a.send("hi\n");
            assertEquals("hi", b.readLine());
            assertEquals("hi", c.readLine());
            assertEquals("hi", a.readLine());
            b.close();                              // the client goes
            c.send("?");                            // any data: the test waits on what follows, not on time
            assertEquals("?", a.recvExactly(1).text());
            s.close();                              // the server closes the rest
            assertTrue(closedAll.await(10, TimeUnit.SECONDS), "closed ran for every connection: " + events);
        } finally {
            a.close();
            c.close();
            s.close();
        }
        assertEquals(List.of(), new ArrayList<>(room), "each left the room");
        for (Connection x : List.of(a, b, c)) {
            String who = x.local().text();
            assertEquals(List.of("opened " + who, "closed " + who),
                    events.stream().filter(e -> e.endsWith(" " + who)).toList(), "once each, in order");
        }
    }

    @Test
    void bytesAndTheEndThatCameBeforeTheAcceptAreReceivedAfterOpenedAndBeforeClosed() throws Exception {
        var events = new java.util.concurrent.ConcurrentLinkedQueue<String>();
        var closed = new java.util.concurrent.CountDownLatch(2);
        try (Server s = Sockets.tcp().maxConnections(1).bind("127.0.0.1", 0).onReceive(new Receiver() {
            @Override
            public void opened(Peer p) {
                events.add(p.remote().text() + " opened");
                p.send("welcome\n");
            }

            @Override
            public void receive(Peer p, Bytes data) {
                events.add(p.remote().text() + " receive " + data.text());
                p.send(data);
            }

            @Override
            public void closed(Peer p) {
                events.add(p.remote().text() + " closed");
                closed.countDown();
            }
        })) {
            Connection first = client(s);
            assertEquals("welcome", first.readLine());
            // The slot is taken: the second client is connected by the OS, not yet accepted, when
            // it sends and ends its side; the server finds both waiting when it accepts it.
            Connection second = client(s);
            try (second) {
                second.send("early").shutdownOutput();
                first.close();
                assertEquals("welcome", second.readLine(), "opened() ran first, as for any connection");
                assertEquals("early", second.recvExactly(5).text());
                assertTrue(second.recv(10).isEmpty(), "then the server closed it");
            }
            assertTrue(closed.await(10, TimeUnit.SECONDS));
            // Each connection's events in order; the two connections' closes may come in either order.
            String one = first.local().text() + " ";
            String two = second.local().text() + " ";
            assertEquals(List.of(one + "opened", one + "closed"),
                    events.stream().filter(e -> e.startsWith(one)).toList());
            assertEquals(List.of(two + "opened", two + "receive early", two + "closed"),
                    events.stream().filter(e -> e.startsWith(two)).toList());
            assertEquals(5, events.size(), "nothing else: " + events);
        }
    }

    @Test
    void bytesThatCameBeforeTheAcceptWaitWhileWhatOpenedQueuedIsOverTheBound() throws Exception {
        byte[] greeting = new byte[4 << 20];
        new Random(7).nextBytes(greeting);
        var opened = new java.util.concurrent.atomic.AtomicInteger();
        var pendingAtReceive = new AtomicLong(-1);
        var received = new java.util.concurrent.CountDownLatch(1);
        try (Server s = Sockets.tcp().maxConnections(1).sendBufferSize(64 * 1024).bind("127.0.0.1", 0).onReceive(new Receiver() {
            @Override
            public void opened(Peer p) {
                p.send(opened.incrementAndGet() == 1 ? "first\n".getBytes(java.nio.charset.StandardCharsets.UTF_8) : greeting);
            }

            @Override
            public void receive(Peer p, Bytes data) {
                pendingAtReceive.set(p.pending());
                received.countDown();
            }
        })) {
            Connection first = client(s);
            assertEquals("first", first.readLine());
            try (Connection second = Sockets.tcp().receiveBufferSize(64 * 1024).timeout(Duration.ofSeconds(10))
                    .connect("127.0.0.1", s.port())) {
                second.send("x");   // waits with the OS: the slot is the first client's
                first.close();      // the server accepts the second, and opened() queues 4 MiB for it
                assertArrayEquals(greeting, second.recvExactly(greeting.length).toByteArray());
                assertTrue(received.await(10, TimeUnit.SECONDS), "the client's byte is read once it took the greeting");
                assertTrue(pendingAtReceive.get() <= Peer.MAX_PENDING / 2,
                        "read only once the queue fell back under its bound, but " + pendingAtReceive.get() + " bytes waited");
            }
        }
    }

    @Test
    void aThrowingOpenedClosesItsConnectionIsCountedAndTheServerServesOn() {
        try (Server s = Sockets.tcp().bind("127.0.0.1", 0).onReceive(new Receiver() {
            @Override
            public void opened(Peer p) {
                throw new IllegalStateException("opened fails on purpose");
            }

            @Override
            public void receive(Peer p, Bytes data) {
                p.send(data);
            }
        })) {
            try (Connection c = client(s)) {
                assertTrue(c.recv(10).isEmpty(), "a connection whose opened() threw is closed");
            }
            assertEquals(1, s.failed());
            assertTrue(s.isOpen());
        }
    }

    @Test
    void aPeerClosedByTheServerWaitsForTheClientsEndAtMostTwoSecondsAndIsNeitherIdleNorFailed() throws Exception {
        var closed = new java.util.concurrent.CountDownLatch(1);
        var peers = new ArrayBlockingQueue<Peer>(1);
        try (Server s = Sockets.tcp().idleTimeout(Duration.ofMillis(200)).bind("127.0.0.1", 0).onReceive(new Receiver() {
            @Override
            public void receive(Peer p, Bytes data) {
                peers.add(p);
                p.send("bye").close();
            }

            @Override
            public void closed(Peer p) {
                closed.countDown();
            }
        }); Connection c = client(s)) {
            c.send("x");
            assertEquals("bye", c.recvAll().text(), "the answer, then the end of the server's side");
            Peer p = peers.poll(10, TimeUnit.SECONDS);
            assertEquals(1, s.open(), "counted until the client's end comes");
            // This client never closes: the server gives up waiting after its linger, not the idle timeout.
            assertTrue(closed.await(10, TimeUnit.SECONDS), "closed after the linger");
            assertEquals("Peer[" + c.local().text() + ", closed]", p.toString());
            assertEquals(0, s.open());
            assertEquals(0, s.idleClosed(), "a closing connection is not idle");
            assertEquals(0, s.failed());
        }
    }

    @Test
    void aReceiverThatSendsAfterItsOwnCloseIsCountedAsFailedNotHidden() {
        try (Server s = Sockets.tcp().bind("127.0.0.1", 0).onReceive((peer, data) -> {
            peer.close();
            peer.send("after the close: a bug of this receiver");
        }); Connection c = client(s)) {
            c.send("x");
            assertTrue(c.recv(100).isEmpty());
            // The end comes with close() (output shut), before the send fails: wait for the abort
            // that the failure makes, which counts the connection out after counting the failure.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (s.open() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(0, s.open(), "aborted by its failure, not left lingering");
            assertEquals(1, s.failed(), "its own SocketClosed is a failure, not a race with another thread");
        }
    }

    @Test
    void aTakenPortIsRefusedWithTheAddressAndAHint() {
        try (Server s = echo()) {
            var e = assertThrows(AddressInUse.class,
                    () -> Sockets.tcp().bind("127.0.0.1", s.port()).onReceive((peer, data) -> { }));
            assertTrue(e.getMessage().contains("127.0.0.1:" + s.port()), e.getMessage());
            assertTrue(e.getMessage().contains("held by " + s + " opened "), e.getMessage());
        }
    }

    @Test
    void textGoesOutInTheSpecsCharset() {
        try (Server s = Sockets.tcp().charset(java.nio.charset.StandardCharsets.ISO_8859_1).bind("127.0.0.1", 0)
                .onReceive((peer, data) -> peer.send("é")); Connection c = client(s)) {
            assertEquals("b'\\xe9'", c.send("?").recvExactly(1).toString());
        }
    }

    @Test
    void aNegativeBacklogOrANullReceiverIsRefusedBeforeAnythingOpens() {
        var b = Sockets.tcp().bind("127.0.0.1", 0);
        assertThrows(IllegalArgumentException.class, () -> b.onReceive(-1, (peer, data) -> { }));
        assertThrows(NullPointerException.class, () -> b.onReceive(null));
    }

    @Test
    void closingLeavesNoLoopThreadAndNoSocketBehind() throws Exception {
        var before = dev.sockets.testing.Descriptors.snapshot();
        threeServersOfTwentyEchoes();
        assertEquals(List.of(), dev.sockets.testing.LiveThreads.awaitNone("sockets-loop-", 10));
        // Every descriptor, not only the sockets: the loops' selectors (an epoll each) too.
        dev.sockets.testing.Descriptors.assertNoLeak(before, Duration.ofSeconds(10),
                OnReceiveTest::threeServersOfTwentyEchoes);
    }

    private static void threeServersOfTwentyEchoes() {
        for (int round = 0; round < 3; round++) {
            try (Server s = echo()) {
                for (int i = 0; i < 20; i++) {
                    try (Connection c = client(s)) {
                        assertEquals("x", c.send("x").recvExactly(1).text());
                    }
                }
            }
        }
    }
}
