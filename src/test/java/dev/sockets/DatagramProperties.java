package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vavr.control.Either;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Properties of received datagrams, from real sockets on loopback: senders bound to addresses
 * all over 127.0.0.0/8 (Linux routes the whole block to lo) and to ::1.
 */
class DatagramProperties {
    private UdpSocket rx4;
    private UdpSocket rx6;

    @BeforeProperty
    void open() {
        rx4 = Sockets.udp().timeout(Duration.ofSeconds(5)).bind("127.0.0.1", 0);
        rx6 = Sockets.udp().timeout(Duration.ofSeconds(5)).bind("::1", 0);
    }

    @AfterProperty
    void close() {
        rx4.close();
        rx6.close();
    }

    @Provide
    Arbitrary<Host> senders() {
        // 127.x.y.z with z in [1, 254]: this kernel refuses to bind any 127.x.y.255 (EADDRNOTAVAIL,
        // seen on Linux 6.18), and .0 ends are network addresses.
        Arbitrary<Integer> xy = Arbitraries.integers().between(0, 255);
        Arbitrary<Integer> z = Arbitraries.integers().between(1, 254);
        Arbitrary<Host> v4 = net.jqwik.api.Combinators.combine(xy, xy, z)
                .as((x, y, w) -> Host.of(0x7F000000 | (x << 16) | (y << 8) | w));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, v4), net.jqwik.api.Tuple.of(1, Arbitraries.just(Host.of("::1"))));
    }

    @Property(tries = 300)
    void every_sender_prints_and_parses_back_to_an_equal_endpoint(@ForAll("senders") Host from,
                                                                  @ForAll byte[] payload) {
        byte[] data = payload.length > 512 ? java.util.Arrays.copyOf(payload, 512) : payload;
        UdpSocket rx = from instanceof Host.Ipv6 ? rx6 : rx4;
        try (var tx = Sockets.udp().bind(from, 0)) {
            tx.sendto(data, rx.local());
            Datagram d = rx.recvfrom(1024);
            assertEquals(tx.local(), d.sender());
            assertEquals(Either.right(d.sender()), Endpoint.parse(d.sender().toString()));
            assertEquals(Bytes.of(data), d.data());
        }
    }
}
