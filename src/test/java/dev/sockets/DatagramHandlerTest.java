package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** DatagramHandler, run by UdpSocket.onDatagram: the same Server handle as TCP, over a datagram socket. */
@Timeout(60)
class DatagramHandlerTest {
    private static final UdpSpec CLIENT = Sockets.udp().timeout(Duration.ofSeconds(5));

    @Test
    void an_echo_server_answers_each_datagram_to_its_sender() {
        try (var server = Sockets.udp().bind("127.0.0.1", 0).onDatagram((udp, d) -> udp.sendto(d.data(), d.remote()));
             var client = CLIENT.connect(server.endpoint())) {
            for (int i = 0; i < 100; i++) {
                client.send("n" + i);
                assertEquals(Bytes.of("n" + i), client.recv(100));
            }
            assertEquals(100, server.accepted());
            assertEquals("Server[udp " + server.endpoint().text() + ", 100 received]", server.toString());
        }
    }

    @Test
    void a_handler_answering_with_an_earlier_datagram_sends_that_datagram_not_the_latest() {
        // The echo path sends the latest payload from the receive buffer: it must not mistake an
        // earlier payload, kept by the handler, for the one in the buffer.
        var kept = new java.util.concurrent.atomic.AtomicReference<Bytes>();
        try (var server = Sockets.udp().bind("127.0.0.1", 0).onDatagram((udp, d) -> {
                kept.compareAndSet(null, d.data());
                udp.sendto(kept.get(), d.remote());
            });
             var client = CLIENT.connect(server.endpoint())) {
            client.send("the first, and longer");
            assertEquals(Bytes.of("the first, and longer"), client.recv(100));
            client.send("2nd");
            assertEquals(Bytes.of("the first, and longer"), client.recv(100));
        }
    }

    @Test
    void a_handler_may_send_the_datagram_back_twice_and_to_two_peers() {
        try (var other = CLIENT.bind("127.0.0.1", 0);
             var server = Sockets.udp().bind("127.0.0.1", 0).onDatagram((udp, d) -> {
                 udp.sendto(d.data(), d.remote());
                 udp.sendto(d.data(), d.remote());
                 udp.sendto(d.data(), other.local());
             });
             var client = CLIENT.connect(server.endpoint())) {
            for (String text : new String[] {"x".repeat(1400), "short"}) {
                client.send(text);
                assertEquals(Bytes.of(text), client.recv(2000));
                assertEquals(Bytes.of(text), client.recv(2000));
                assertEquals(Bytes.of(text), other.recvfrom(2000).data());
            }
        }
    }

    @Test
    void a_handler_that_throws_is_counted_and_the_server_goes_on() throws Exception {
        try (var server = Sockets.udp().bind("127.0.0.1", 0).onDatagram((udp, d) -> {
                if (d.data().text().equals("boom")) {
                    throw new Exception("handler says boom");
                }
                udp.sendto("ok " + d.data().text(), d.remote());
            });
             var client = CLIENT.connect(server.endpoint())) {
            client.send("boom");
            client.send("after");
            assertEquals(Bytes.of("ok after"), client.recv(100));
            assertEquals(1, server.failed());
            assertEquals("Server[udp " + server.endpoint().text() + ", 2 received, 1 failed]", server.toString());
        }
    }

    @Test
    void the_served_socket_belongs_to_the_server() {
        var udp = Sockets.udp().bind("127.0.0.1", 0);
        try (var server = udp.onDatagram((s, d) -> { })) {
            var e = assertThrows(IllegalStateException.class, () -> udp.recvfrom(10));
            assertEquals("expected a socket of your own for recvfrom but this one is served by " + server
                    + "; close the server, or bind another socket", e.getMessage());
            assertThrows(IllegalStateException.class, () -> udp.onDatagram((s, d) -> { }));
            assertTrue(udp.toString().startsWith("UdpSocket[served, 127.0.0.1:"), udp.toString());
        }
        assertFalse(udp.isOpen(), "closing the server closes its socket");
    }

    @Test
    void close_lets_the_datagram_in_hand_be_answered_then_stops() throws Exception {
        var inHandler = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var server = Sockets.udp().bind("127.0.0.1", 0).onDatagram((udp, d) -> {
            inHandler.countDown();
            release.await(10, TimeUnit.SECONDS);
            udp.sendto("answered", d.remote());
        });
        try (var client = CLIENT.connect(server.endpoint())) {
            client.send("slow");
            assertTrue(inHandler.await(10, TimeUnit.SECONDS));
            var closer = new Thread(() -> server.close(Duration.ofSeconds(10)));
            closer.start();
            // close() waits for the handler; let it finish now.
            release.countDown();
            assertEquals(Bytes.of("answered"), client.recv(100));
            closer.join();
            assertFalse(server.isOpen());
            assertTrue(server.join(Duration.ofSeconds(1)));
            assertTrue(server.toString().endsWith(", closed]"), server.toString());
        }
    }

    @Test
    void join_returns_when_a_handler_closes_the_server() throws Exception {
        var holder = new java.util.concurrent.atomic.AtomicReference<Server>();
        var started = new CountDownLatch(1);
        var server = Sockets.udp().bind("127.0.0.1", 0).onDatagram((udp, d) -> {
            started.await();
            if (d.data().text().equals("stop")) {
                holder.get().close();
            }
        });
        holder.set(server);
        started.countDown();
        Sockets.udp().sendto("stop", server.endpoint());
        assertTrue(server.join(Duration.ofSeconds(10)));
        assertFalse(server.isOpen());
    }

    @Test
    void closing_a_served_socket_directly_ends_its_server_and_join_returns() {
        var socket = Sockets.udp().bind("127.0.0.1", 0);
        try (var server = socket.onDatagram((d, udp) -> { })) {
            socket.close();
            assertTrue(server.join(Duration.ofSeconds(10)), "the server ends with its socket");
            assertFalse(server.isOpen());
        }
    }
}
