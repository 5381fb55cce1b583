package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The tutorial's three words, {@code Sockets.socket(domain, type[, protocol])}, and the kinds of spec. */
@Timeout(60)
class SpecTest {

    @Test
    void each_combination_the_jvm_can_open_gives_the_spec_of_that_kind() {
        assertEquals(Sockets.udp().family(Domain.INET), Sockets.socket(Domain.AF_INET, Type.SOCK_DGRAM));
        assertEquals(Sockets.udp().family(Domain.INET6), Sockets.socket(Domain.PF_INET6, Type.DGRAM, Protocol.UDP));
        assertEquals(Sockets.udp().family(Domain.INET), Sockets.socket(Domain.INET, Type.DGRAM, Protocol.DEFAULT));
        assertEquals(Sockets.unix(), Sockets.socket(Domain.AF_UNIX, Type.SOCK_STREAM));
        assertEquals(Sockets.unix(), Sockets.socket(Domain.PF_UNIX, Type.STREAM, Protocol.DEFAULT));
        assertEquals(Type.STREAM, Sockets.socket(Domain.AF_INET, Type.SOCK_STREAM).type());
        assertEquals(Type.DGRAM, Sockets.socket(Domain.AF_INET, Type.SOCK_DGRAM).type());
    }

    @Test
    void combinations_the_jvm_cannot_open_are_refused_with_the_reason() {
        assertEquals("expected type STREAM for family UNIX but was DGRAM; the JVM cannot open Unix datagram"
                        + " sockets, use Sockets.udp() on 127.0.0.1 or Sockets.unix() streams",
                assertThrows(IllegalArgumentException.class,
                        () -> Sockets.socket(Domain.AF_UNIX, Type.SOCK_DGRAM)).getMessage());
        assertEquals("expected protocol DEFAULT or UDP for DGRAM but was TCP",
                assertThrows(IllegalArgumentException.class,
                        () -> Sockets.socket(Domain.INET, Type.DGRAM, Protocol.TCP)).getMessage());
        assertEquals("expected protocol DEFAULT or TCP for STREAM but was UDP",
                assertThrows(IllegalArgumentException.class,
                        () -> Sockets.socket(Domain.INET, Type.STREAM, Protocol.UDP)).getMessage());
        assertEquals("expected protocol DEFAULT for family UNIX but was TCP",
                assertThrows(IllegalArgumentException.class,
                        () -> Sockets.socket(Domain.UNIX, Type.STREAM, Protocol.TCP)).getMessage());
    }

    @Test
    void narrowing_to_another_kind_fails_at_once_and_names_the_right_one() {
        assertEquals("expected a UDP spec (INET or INET6, DGRAM) but this is TcpSpec[family=INET]; use tcp()",
                assertThrows(IllegalStateException.class,
                        () -> Sockets.socket(Domain.AF_INET, Type.SOCK_STREAM).udp()).getMessage());
        assertEquals("expected a TCP spec (INET or INET6, STREAM) but this is " + Sockets.unix() + "; use unix()",
                assertThrows(IllegalStateException.class,
                        () -> Sockets.socket(Domain.AF_UNIX, Type.SOCK_STREAM).tcp()).getMessage());
        assertEquals("expected a Unix spec (UNIX, STREAM) but this is " + Sockets.udp().family(Domain.INET)
                        + "; use udp()",
                assertThrows(IllegalStateException.class,
                        () -> Sockets.socket(Domain.AF_INET, Type.SOCK_DGRAM).unix()).getMessage());
    }

    @Test
    void the_three_words_for_udp_and_unix_open_working_sockets() throws Exception {
        try (var rx = Sockets.socket(Domain.AF_INET, Type.SOCK_DGRAM).udp().bind("127.0.0.1", 0)) {
            Sockets.socket(Domain.AF_INET, Type.SOCK_DGRAM).udp().sendto("ping", rx.local());
            assertEquals(Bytes.of("ping"), rx.recvfrom(64).data());
        }
        var dir = Files.createTempDirectory("spec");
        var path = dir.resolve("s.sock").toString();
        try (var listener = Sockets.socket(Domain.AF_UNIX, Type.SOCK_STREAM).unix().bind(path).listen();
             var client = Sockets.unix().connect(path);
             var served = listener.accept()) {
            served.send("hi").shutdownOutput();
            assertEquals(Bytes.of("hi"), client.recvAll());
        } finally {
            Files.deleteIfExists(dir.resolve("s.sock"));
            Files.delete(dir);
        }
    }
}
