package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.internal.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A connection's reads poll for bytes before they block, as long as its spec's busyPoll says (issue 5). */
@Timeout(30)
class ConnectionBusyPollTest {

    /** Says "no bytes yet" to the first three asks, then that two wait; reads give "hi". */
    static final class SlowToAnswer implements Transport {
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

        @Override
        public String kind() {
            return "test";
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }

        @Override
        public void timeout(int millis) {
        }

        @Override
        public void shutdownOutput() {
        }

        @Override
        public Address local() {
            return Endpoint.of("127.0.0.1:1");
        }

        @Override
        public Address remote() {
            return Endpoint.of("127.0.0.1:2");
        }

        @Override
        public void close() {
        }
    }

    @Test
    void a_read_on_a_platform_thread_polls_until_bytes_wait_then_reads() {
        // Other tests' connections in this JVM may have taught the process that polls miss.
        dev.sockets.internal.BusyPoll.resetProcessScore();
        var t = new SlowToAnswer();
        var c = new Connection(t, StandardCharsets.UTF_8, 100, Duration.ZERO, Duration.ofMillis(1));
        assertEquals(Bytes.of("hi"), c.recv(10));
        assertTrue(t.asks.get() >= 4, "asked until the bytes came: " + t.asks.get());
    }

    @Test
    void with_busyPoll_zero_a_read_goes_straight_to_the_os() {
        var t = new SlowToAnswer();
        var c = new Connection(t, StandardCharsets.UTF_8, 100, Duration.ZERO, Duration.ZERO);
        assertEquals(Bytes.of("hi"), c.recv(10));
        assertEquals(0, t.asks.get());
    }

    @Test
    void the_specs_window_reaches_a_real_connection_and_a_round_trip_works_either_way() throws Exception {
        for (Duration window : new Duration[] {Duration.ZERO, Duration.ofNanos(50_000)}) {
            var spec = Sockets.tcp().busyPoll(window);
            try (var server = spec.bind("127.0.0.1", 0).listen(5).onAccept(c -> {
                     for (Bytes b; !(b = c.recv(100)).isEmpty(); ) {
                         c.send(b);
                     }
                 });
                 var c = spec.connect(server.endpoint())) {
                for (int i = 0; i < 100; i++) {
                    c.send("ping " + i);
                    assertEquals(Bytes.of("ping " + i), c.recvExactly(("ping " + i).length()));
                }
            }
        }
    }
}
