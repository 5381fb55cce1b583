package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.internal.io.RealConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A connection's reads poll for bytes before they block, as long as its spec's busyPoll says. */
@Timeout(30)
class ConnectionBusyPollTest {

    /** Says "no bytes yet" to the first three asks, then that two wait; reads give "hi". */
    static class SlowToAnswer extends dev.sockets.testing.StubTransport {
        final AtomicInteger asks = new AtomicInteger();

        @Override
        public int available() {
            return asks.incrementAndGet() <= 3 ? 0 : 2;
        }

        @Override
        public boolean countsAvailable() {
            return true;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            b[off] = 'h';
            b[off + 1] = 'i';
            return 2;
        }
    }

    @Test
    void a_read_on_a_platform_thread_polls_until_bytes_wait_then_reads() {
        // Other tests' connections in this JVM may have taught the process that polls miss, and a
        // server thread of theirs may hold the one polling slot for a moment: a few tries.
        int asks = 0;
        for (int i = 0; i < 100 && asks < 4; i++) {
            dev.sockets.internal.io.BusyPoll.resetProcessScore();
            var t = new SlowToAnswer();
            var c = new RealConnection(t, StandardCharsets.UTF_8, 100, Duration.ZERO, Duration.ofMillis(1));
            assertEquals(Bytes.of("hi"), c.recv(10));
            asks = t.asks.get();
        }
        assertTrue(asks >= 4, "asked until the bytes came: " + asks);
    }

    @Test
    void with_busyPoll_zero_a_read_goes_straight_to_the_os() {
        var t = new SlowToAnswer();
        var c = new RealConnection(t, StandardCharsets.UTF_8, 100, Duration.ZERO, Duration.ZERO);
        assertEquals(Bytes.of("hi"), c.recv(10));
        assertEquals(0, t.asks.get());
    }

    @Test
    void the_specs_window_reaches_a_real_connection_and_a_round_trip_works_either_way() throws Exception {
        for (Duration window : new Duration[] {Duration.ZERO, Duration.ofNanos(50_000)}) {
            var spec = Sockets.tcp().busyPoll(window);
            var served = new java.util.concurrent.atomic.AtomicReference<Duration>();
            try (var server = spec.bind("127.0.0.1", 0).listen(5).onAccept(c -> {
                     served.set(((RealConnection) c).busyPoll());
                     for (Bytes b; !(b = c.recv(100)).isEmpty(); ) {
                         c.send(b);
                     }
                 });
                 var c = spec.connect(server.endpoint())) {
                assertEquals(window, ((RealConnection) c).busyPoll(), "the client's connection");
                for (int i = 0; i < 100; i++) {
                    c.send("ping " + i);
                    assertEquals(Bytes.of("ping " + i), c.recvExactly(("ping " + i).length()));
                }
                assertEquals(window, served.get(), "the server's connection");
            }
        }
    }

    /** Bytes that all wait at once; each read takes what fits and records the room it was given. */
    static final class Waiting extends SlowToAnswer {
        final byte[] data;
        int at;
        final java.util.List<Integer> rooms = new java.util.ArrayList<>();
        int chunk = Integer.MAX_VALUE;

        Waiting(String text) {
            data = text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int available() {
            return data.length - at;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            rooms.add(len);
            if (at == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, chunk), data.length - at);
            System.arraycopy(data, at, b, off, n);
            at += n;
            return n;
        }
    }

    private static void onVirtualThread(org.junit.jupiter.api.function.Executable body) throws Throwable {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21");
        var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        var t = dev.sockets.internal.time.Threads.startConnection(ThreadModel.VIRTUAL, 0, () -> {
            try {
                body.execute();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.join();
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    @Test
    void lines_waiting_at_once_on_a_virtual_thread_are_read_with_the_big_buffer_after_the_first_read() throws Throwable {
        String line = "x".repeat(511) + "\n";
        var t = new Waiting(line.repeat(8));
        onVirtualThread(() -> {
            var c = new RealConnection(t, StandardCharsets.UTF_8, 100_000, Duration.ZERO, Duration.ZERO);
            for (int i = 0; i < 8; i++) {
                assertEquals("x".repeat(511), c.readLine());
            }
        });
        // The first read waits small (512), fills it, so the next asks the OS and takes 8 KiB: the rest at once.
        assertEquals(java.util.List.of(512, 8192), t.rooms, "reads and the room each had");
    }

    @Test
    void after_a_read_that_filled_the_small_buffer_an_idle_wait_on_a_virtual_thread_is_small_again() throws Throwable {
        var t = new Waiting("y".repeat(512));
        onVirtualThread(() -> {
            var c = new RealConnection(t, StandardCharsets.UTF_8, 100, Duration.ZERO, Duration.ZERO);
            assertEquals(512, c.recv(100_000).length());
            assertTrue(c.recv(100_000).isEmpty(), "then the end of the stream");
        });
        // The second read found nothing waiting: it waited with 512 bytes, not 8 KiB.
        assertEquals(java.util.List.of(512, 512), t.rooms);
    }

    @Test
    void a_connection_read_first_on_a_platform_thread_stops_polling_on_a_virtual_thread() throws Throwable {
        var t = new Waiting("ab");
        t.chunk = 1;
        var c = new RealConnection(t, StandardCharsets.UTF_8, 100, Duration.ZERO, Duration.ofMillis(1));
        assertEquals(Bytes.of("a"), c.recv(1));
        assertTrue(c.polls(), "a platform thread polls");
        onVirtualThread(() -> {
            assertEquals(Bytes.of("b"), c.recv(1));
            assertTrue(!c.polls(), "a virtual thread does not");
        });
    }
}
