package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vavr.control.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtocolTest {

    /** The tutorial's row 3: typically zero. */
    @Test
    void the_tutorials_protocol_row() {
        assertEquals(Either.right(Protocol.DEFAULT), Protocol.parse("0"));
        assertSame(Protocol.DEFAULT, Protocol.of(0));
        assertEquals(Either.right(Protocol.TCP), Protocol.check(Domain.AF_INET, Type.SOCK_STREAM, Protocol.of(0)));
    }

    @ParameterizedTest
    @CsvSource({"tcp, TCP", "TCP, TCP", "IPPROTO_TCP, TCP", "6, TCP",
                "udp, UDP", "IPPROTO_UDP, UDP", "17, UDP",
                "0, DEFAULT", "DEFAULT, DEFAULT", "ip, DEFAULT", "IPPROTO_IP, DEFAULT"})
    void finds_a_protocol_by_every_name_and_number(String text, Protocol expected) {
        assertSame(expected, Protocol.of(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "IPPROTO_ICMP   | ICMP (1)",
        "icmp           | ICMP (1)",
        "1              | ICMP (1)",
        "IPPROTO_RAW    | raw IP (255)",
        "IPPROTO_SCTP   | SCTP (132)",
        "sctp           | SCTP (132)",
        "IPPROTO_ICMPV6 | ICMPv6 (58)",
        "ipv6-icmp      | ICMPv6 (58)",
        "IPPROTO_IGMP   | IGMP (2)",
        "gre            | GRE (47)",
        "IPPROTO_UDPLITE| UDP-Lite (136)",
    })
    void refuses_a_protocol_the_jvm_cannot_open_and_says_so(String text, String what) {
        assertEquals("`" + text + "`: " + what + " is known, but the JVM cannot open it; use TCP, UDP or 0",
                Protocol.parse(text).getLeft().getMessage());
    }

    @Test
    void refuses_unknown_words_and_numbers() {
        assertEquals("`quic`: unknown protocol; expected TCP, UDP, 0 or their IPPROTO_ names",
                assertThrows(AddressError.class, () -> Protocol.of("quic")).getMessage());
        assertEquals("`300`: unknown protocol number 300; expected 0 (DEFAULT), 6 (TCP) or 17 (UDP)",
                assertThrows(AddressError.class, () -> Protocol.of(300)).getMessage());
    }

    /** Every domain × type × protocol: what fits, what DEFAULT becomes, and the refusals' words. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "INET  | STREAM | DEFAULT | TCP",
        "INET  | STREAM | TCP     | TCP",
        "INET  | STREAM | UDP     | `AF_INET, SOCK_STREAM, IPPROTO_UDP`: UDP does not fit SOCK_STREAM; use TCP or 0",
        "INET  | DGRAM  | DEFAULT | UDP",
        "INET  | DGRAM  | UDP     | UDP",
        "INET  | DGRAM  | TCP     | `AF_INET, SOCK_DGRAM, IPPROTO_TCP`: TCP does not fit SOCK_DGRAM; use UDP or 0",
        "INET6 | STREAM | DEFAULT | TCP",
        "INET6 | STREAM | TCP     | TCP",
        "INET6 | STREAM | UDP     | `AF_INET6, SOCK_STREAM, IPPROTO_UDP`: UDP does not fit SOCK_STREAM; use TCP or 0",
        "INET6 | DGRAM  | DEFAULT | UDP",
        "INET6 | DGRAM  | UDP     | UDP",
        "INET6 | DGRAM  | TCP     | `AF_INET6, SOCK_DGRAM, IPPROTO_TCP`: TCP does not fit SOCK_DGRAM; use UDP or 0",
        "UNIX  | STREAM | DEFAULT | DEFAULT",
        "UNIX  | STREAM | TCP     | `AF_UNIX, SOCK_STREAM, IPPROTO_TCP`: TCP does not fit AF_UNIX; a Unix socket takes protocol 0 (DEFAULT)",
        "UNIX  | STREAM | UDP     | `AF_UNIX, SOCK_STREAM, IPPROTO_UDP`: UDP does not fit AF_UNIX; a Unix socket takes protocol 0 (DEFAULT)",
        "UNIX  | DGRAM  | DEFAULT | DEFAULT",
        "UNIX  | DGRAM  | TCP     | `AF_UNIX, SOCK_DGRAM, IPPROTO_TCP`: TCP does not fit AF_UNIX; a Unix socket takes protocol 0 (DEFAULT)",
        "UNIX  | DGRAM  | UDP     | `AF_UNIX, SOCK_DGRAM, IPPROTO_UDP`: UDP does not fit AF_UNIX; a Unix socket takes protocol 0 (DEFAULT)",
    })
    void check_resolves_default_and_refuses_what_does_not_fit(Domain d, Type t, Protocol p, String expected) {
        var r = Protocol.check(d, t, p);
        assertEquals(expected, r.fold(AddressError::getMessage, Protocol::name));
    }

    @Test
    void check_refuses_null_arguments() {
        assertEquals("type", assertThrows(NullPointerException.class,
                () -> Protocol.check(Domain.INET, null, Protocol.TCP)).getMessage());
    }

    @Test
    void prints_as_its_constant_with_c_name_and_number_on_request() {
        assertEquals("TCP", Protocol.IPPROTO_TCP.toString());
        assertEquals("IPPROTO_UDP", Protocol.UDP.cName());
        assertEquals("IPPROTO_IP", Protocol.DEFAULT.cName());
        assertEquals(17, Protocol.UDP.number());
    }
}
