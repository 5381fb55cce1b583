package dev.sockets;

import static dev.sockets.testing.Gens.frequency;
import static dev.sockets.testing.Gens.weight;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockets.testing.Gens;
import dev.sockets.testing.Pbt;
import io.vavr.control.Either;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Properties of received datagrams, from real sockets on loopback: senders bound to addresses
 * all over 127.0.0.0/8 (Linux routes the whole block to lo) and to ::1.
 */
class DatagramProperties {
    private UdpSocket rx4;
    private UdpSocket rx6;

    @BeforeEach
    void open() {
        rx4 = Sockets.udp().timeout(Duration.ofSeconds(5)).bind("127.0.0.1", 0);
        rx6 = Sockets.udp().timeout(Duration.ofSeconds(5)).bind("::1", 0);
    }

    @AfterEach
    void close() {
        rx4.close();
        rx6.close();
    }

    private static Gen<Host> senders() {
        // 127.x.y.z with z in [1, 254]: this kernel refuses to bind any 127.x.y.255 (EADDRNOTAVAIL,
        // seen on Linux 6.18), and .0 ends are network addresses.
        Gen<Integer> xy = Gens.ints(0, 255);
        Gen<Integer> z = Gens.ints(1, 254);
        Gen<Host> v4 = xy.zip(xy, z, (x, y, w) -> (Host) Host.of(0x7F000000 | (x << 16) | (y << 8) | w));
        return frequency(weight(9, v4), weight(1, Gens.just(Host.of("::1"))));
    }

    @Test
    void every_sender_prints_and_parses_back_to_an_equal_endpoint() {
        Pbt.qt(300).forAll(senders(), Gens.bytes(255)).checkAssert((from, payload) -> {
            byte[] data = payload.length > 512 ? java.util.Arrays.copyOf(payload, 512) : payload;
            UdpSocket rx = from instanceof Host.Ipv6 ? rx6 : rx4;
            try (var tx = Sockets.udp().bind(from, 0)) {
                tx.sendto(data, rx.local());
                Datagram d = rx.recvfrom(1024);
                assertEquals(tx.local(), d.remote());
                assertEquals(Either.right(d.remote()), Endpoint.parse(d.remote().toString()));
                assertEquals(Bytes.of(data), d.data());
            }
        });
    }
}
