package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.internal.io.RealConnection;
import dev.sockets.testing.Loopback;
import dev.sockets.testing.ReliabilityLog;
import dev.sockets.testing.StubTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two threads reading (or two sending) on one connection at once: the second caller fails at
 * once with an IllegalStateException naming the first, and no byte is lost or duplicated. One
 * reader and one writer at once stay allowed.
 */
@Timeout(120)
class ConcurrentUseTest {

    /** A transport whose first read (or write) waits inside until released; a second one inside at once is the defect. */
    static final class Gate extends StubTransport {
        final CountDownLatch inside = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger reading = new AtomicInteger();
        final AtomicInteger writing = new AtomicInteger();
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        volatile boolean ended;

        @Override
        public int read(byte[] b, int off, int len) {
            if (reading.incrementAndGet() > 1) {
                reading.decrementAndGet();
                throw new AssertionError("two reads inside the transport at once");
            }
            try {
                if (ended) {
                    return -1;
                }
                pass();
                byte[] hello = "hello\n".getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(hello, 0, b, off, hello.length);
                ended = true;
                return hello.length;
            } finally {
                reading.decrementAndGet();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (writing.incrementAndGet() > 1) {
                writing.decrementAndGet();
                throw new AssertionError("two writes inside the transport at once");
            }
            try {
                pass();
                synchronized (written) {
                    written.write(b, off, len);
                }
            } finally {
                writing.decrementAndGet();
            }
        }

        private void pass() {
            inside.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("never released");
                }
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static RealConnection over(Gate g) {
        return new RealConnection(g, StandardCharsets.UTF_8, 1024, Duration.ZERO);
    }

    private static void assertBusy(String doing, String who, Runnable call) {
        var e = assertThrows(IllegalStateException.class, call::run);
        String verb = doing.equals("reading") ? "reading" : "sending on";
        assertTrue(e.getMessage().startsWith("expected one thread " + verb + " this connection at a time but " + who
                + " is " + doing + ";"), e.getMessage());
    }

    @Test
    void a_second_reader_fails_at_once_naming_the_first_whose_read_stays_intact() throws Exception {
        var g = new Gate();
        var c = over(g);
        var first = new CompletableFuture<String>();
        Thread a = new Thread(() -> {
            try {
                first.complete(c.readLine());
            } catch (Throwable t) {
                first.completeExceptionally(t);
            }
        }, "reader-A");
        a.start();
        assertTrue(g.inside.await(30, TimeUnit.SECONDS));
        // Every read form, while reader-A waits inside readLine.
        assertBusy("reading", "reader-A", () -> c.recv(10));
        assertBusy("reading", "reader-A", () -> c.recvExactly(1));
        assertBusy("reading", "reader-A", c::recvAll);
        assertBusy("reading", "reader-A", c::readLine);
        assertBusy("reading", "reader-A", () -> c.recvInto(java.nio.ByteBuffer.allocate(4)));
        assertBusy("reading", "reader-A", () -> c.recvInto(new byte[4], 0, 4));
        assertBusy("reading", "reader-A", () -> c.peek(4));
        assertBusy("reading", "reader-A", () -> c.expect("x"));
        assertBusy("reading", "reader-A", () -> c.expect(Duration.ofSeconds(1), java.util.regex.Pattern.compile("x")));
        assertBusy("reading", "reader-A", () -> c.lines().findFirst());
        InputStream in = c.input();
        assertBusy("reading", "reader-A", () -> {
            try {
                in.read();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertBusy("reading", "reader-A", () -> {
            try {
                in.read(new byte[4]);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        // A sender is not a reader: full duplex.
        g.release.countDown();
        c.send("x");
        assertEquals("hello", first.get(30, TimeUnit.SECONDS));
        a.join(30_000);
        // One after the other from different threads stays allowed.
        assertEquals(0, c.recv(10).length());
    }

    @Test
    void a_second_sender_fails_at_once_naming_the_first_whose_send_stays_intact() throws Exception {
        var g = new Gate();
        var c = over(g);
        var first = new CompletableFuture<Void>();
        Thread a = new Thread(() -> {
            try {
                c.send("first");
                first.complete(null);
            } catch (Throwable t) {
                first.completeExceptionally(t);
            }
        }, "sender-A");
        a.start();
        assertTrue(g.inside.await(30, TimeUnit.SECONDS));
        assertBusy("sending", "sender-A", () -> c.send("second"));
        assertBusy("sending", "sender-A", () -> c.send(new byte[] {1}));
        assertBusy("sending", "sender-A", () -> c.send(new byte[] {1, 2}, 0, 1));
        assertBusy("sending", "sender-A", () -> c.send(Bytes.of("b")));
        assertBusy("sending", "sender-A", () -> c.sendLine("line"));
        assertBusy("sending", "sender-A", () -> c.sendFile(java.nio.file.Path.of("pom.xml")));
        assertBusy("sending", "sender-A", () -> {
            try {
                c.output().write(1);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        g.release.countDown();
        first.get(30, TimeUnit.SECONDS);
        a.join(30_000);
        c.send("after");
        assertEquals("firstafter", g.written.toString(StandardCharsets.US_ASCII));
    }

    /** The byte at position i of the reads test's stream. */
    private static byte at(long i) {
        return (byte) (i % 251);
    }

    @Test
    void two_threads_hammering_recv_get_every_byte_exactly_once() throws Exception {
        final int total = 8 << 20;
        Loopback.listener(l -> {
            try (Connection client = Sockets.tcp().connect("127.0.0.1", l.port()); Connection server = l.accept()) {
                var sender = CompletableFuture.runAsync(() -> {
                    byte[] all = new byte[total];
                    for (int i = 0; i < total; i++) {
                        all[i] = at(i);
                    }
                    // Writes of varying sizes, so reads return runs of every length.
                    int off = 0;
                    int step = 1;
                    while (off < total) {
                        int n = Math.min(total - off, step);
                        server.send(all, off, n);
                        off += n;
                        step = step * 7 % 40_000 + 1;
                    }
                    server.shutdownOutput();
                });
                long[] seen = new long[251];
                var got = new AtomicLong();
                var busy = new AtomicLong();
                var ended = new AtomicBoolean();
                List<Throwable> wrong = Collections.synchronizedList(new ArrayList<>());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                Runnable hammer = () -> {
                    long[] mine = new long[251];
                    for (int round = 0; round < 10_000_000 && !ended.get() && System.nanoTime() < deadline; round++) {
                        try {
                            Bytes b = client.recv(16384);
                            if (b.length() == 0) {
                                ended.set(true);
                                break;
                            }
                            byte[] a = b.toByteArray();
                            // One call's bytes are one run of the stream: each the one after the last.
                            for (int i = 0; i < a.length; i++) {
                                if (i > 0 && ((a[i - 1] & 0xFF) + 1) % 251 != (a[i] & 0xFF)) {
                                    throw new AssertionError("a run broken inside one recv at " + i);
                                }
                                mine[a[i] & 0xFF]++;
                            }
                            got.addAndGet(a.length);
                        } catch (IllegalStateException e) {
                            busy.incrementAndGet();
                            if (!e.getMessage().startsWith("expected one thread reading this connection at a time but ")) {
                                wrong.add(e);
                            }
                        } catch (Throwable t) {
                            wrong.add(t);
                            ended.set(true);
                        }
                    }
                    synchronized (seen) {
                        for (int v = 0; v < 251; v++) {
                            seen[v] += mine[v];
                        }
                    }
                };
                Thread t1 = new Thread(hammer, "recv-1");
                Thread t2 = new Thread(hammer, "recv-2");
                t1.start();
                t2.start();
                t1.join(90_000);
                t2.join(90_000);
                ReliabilityLog.record("concurrent use", "two threads recv on one connection", 1, 0, total - got.get(),
                        "second callers refused " + busy.get() + ", received " + got.get() + " of " + total);
                // Before waiting for the sender: a reader that failed left it blocked, and the close unblocks it.
                assertEquals(List.of(), wrong.stream().map(Throwable::toString).toList());
                sender.get(30, TimeUnit.SECONDS);
                long[] sent = new long[251];
                for (long i = 0; i < total; i++) {
                    sent[at(i) & 0xFF]++;
                }
                assertEquals(total, got.get(), "bytes received across the successful calls");
                assertArrayEquals(sent, seen, "each byte received exactly once");
                assertTrue(busy.get() > 0, "no second reader was ever refused");
            }
        });
    }

    @Test
    void two_threads_hammering_send_interleave_no_message() throws Exception {
        final int size = 256 * 1024;
        final int each = 40;
        Loopback.listener(l -> {
            // With a write timeout a send goes to the OS in parts: interleaved senders would mix them.
            try (Connection client = Sockets.tcp().connect("127.0.0.1", l.port()).writeTimeout(Duration.ofSeconds(60));
                    Connection server = l.accept()) {
                var received = CompletableFuture.supplyAsync(() -> {
                    // Small reads, so that senders block in the OS and meet each other.
                    var all = new ByteArrayOutputStream();
                    byte[] b = new byte[4096];
                    try {
                        InputStream in = server.input();
                        for (int n; (n = in.read(b)) >= 0; ) {
                            all.write(b, 0, n);
                        }
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                    return all.toByteArray();
                });
                var busy = new AtomicLong();
                List<Integer> sentTags = Collections.synchronizedList(new ArrayList<>());
                List<Throwable> wrong = Collections.synchronizedList(new ArrayList<>());
                class Hammer implements Runnable {
                    final int base;

                    Hammer(int base) {
                        this.base = base;
                    }

                    @Override
                    public void run() {
                        byte[] m = new byte[size];
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                        // On past the planned count until two sends have met once (bounded): cores shared with other work can keep them apart.
                        for (int i = 0; (i < each || busy.get() == 0) && i < 99 && System.nanoTime() < deadline; i++) {
                            int tag = base + i;
                            Arrays.fill(m, (byte) tag);
                            try {
                                client.send(m);
                                sentTags.add(tag);
                            } catch (IllegalStateException e) {
                                busy.incrementAndGet();
                                if (!e.getMessage().startsWith("expected one thread sending on this connection at a time but ")) {
                                    wrong.add(e);
                                }
                            } catch (Throwable t) {
                                wrong.add(t);
                                return;
                            }
                        }
                    }
                }
                Thread t1 = new Thread(new Hammer(1), "send-1");
                Thread t2 = new Thread(new Hammer(101), "send-2");
                t1.start();
                t2.start();
                t1.join(90_000);
                t2.join(90_000);
                client.shutdownOutput();
                byte[] all = received.get(60, TimeUnit.SECONDS);
                ReliabilityLog.record("concurrent use", "two threads send on one connection", 1, 0,
                        (long) sentTags.size() * size - all.length, "second callers refused " + busy.get() + ", sent "
                                + sentTags.size() + " messages of " + size + " bytes, received " + all.length + " bytes");
                assertEquals(List.of(), wrong.stream().map(Throwable::toString).toList());
                assertEquals((long) sentTags.size() * size, all.length, "bytes received");
                List<Integer> got = new ArrayList<>();
                for (int off = 0; off < all.length; off += size) {
                    for (int i = off; i < off + size; i++) {
                        if (all[i] != all[off]) {
                            throw new AssertionError("message " + off / size + " mixed with another at byte " + (i - off));
                        }
                    }
                    got.add(all[off] & 0xFF);
                }
                var want = new ArrayList<>(sentTags);
                Collections.sort(want);
                Collections.sort(got);
                assertEquals(want, got, "each successful message arrived once");
                assertTrue(busy.get() > 0, "no second sender was ever refused");
            }
        });
    }

    @Test
    void one_reader_and_one_writer_at_once_echo_round_trip() throws Exception {
        final int lines = 20_000;
        Loopback.server(c -> {
            for (String line; (line = c.readLine()) != null; ) {
                c.sendLine(line);
            }
        }, s -> {
            try (Connection c = Sockets.tcp().connect("127.0.0.1", s.port())) {
                var writer = CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < lines; i++) {
                        c.sendLine("line " + i);
                    }
                    c.shutdownOutput();
                });
                for (int i = 0; i < lines; i++) {
                    assertEquals("line " + i, c.readLine());
                }
                assertEquals(null, c.readLine());
                writer.get(60, TimeUnit.SECONDS);
            }
        });
    }
}
