package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.NetworkInterface;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddrInfoTest {

    /** The tutorial prints [(2, 1, 0, '', ('94.130.81.180', 80))]; the same value prints the same here. */
    @Test
    void reproduces_the_tutorials_output_in_form() {
        var info = new AddrInfo(Domain.INET, Type.STREAM, Protocol.DEFAULT, "", Endpoint.of("94.130.81.180", 80));
        assertEquals("[(2, 1, 0, '', ('94.130.81.180', 80))]", List.of(info).toString());
    }

    @Test
    void prints_an_ipv4_answer_as_pythons_pair() {
        var info = new AddrInfo(Domain.INET, Type.STREAM, Protocol.TCP, "", Endpoint.of("127.0.0.1", 80));
        assertEquals("(2, 1, 6, '', ('127.0.0.1', 80))", info.toString());
        var udp = new AddrInfo(Domain.INET, Type.DGRAM, Protocol.UDP, "localhost", Endpoint.of("127.0.0.1", 53));
        assertEquals("(2, 2, 17, 'localhost', ('127.0.0.1', 53))", udp.toString());
    }

    /** Python's IPv6 address is a 4-tuple: address, port, flow info, scope id. */
    @Test
    void prints_an_ipv6_answer_as_pythons_four_tuple() {
        var info = new AddrInfo(Domain.INET6, Type.STREAM, Protocol.TCP, "", Endpoint.of("::1", 80));
        assertEquals("(10, 1, 6, '', ('::1', 80, 0, 0))", info.toString());
    }

    @Test
    void an_ipv6_zone_prints_in_the_address_and_as_the_scope_id() throws Exception {
        Host numeric = Host.of("fe80::1%3");
        assertEquals("(10, 2, 17, '', ('fe80::1%3', 9, 0, 3))",
                new AddrInfo(Domain.INET6, Type.DGRAM, Protocol.UDP, "", new Endpoint(numeric, Port.of(9))).toString());
        Host named = Host.of("fe80::1%lo");
        int lo = NetworkInterface.getByName("lo").getIndex();
        assertEquals("(10, 1, 6, '', ('fe80::1%lo', 80, 0, " + lo + "))",
                new AddrInfo(Domain.INET6, Type.STREAM, Protocol.TCP, "", new Endpoint(named, Port.of(80))).toString());
    }

    @Test
    void the_any_and_broadcast_hosts_print_as_their_addresses() {
        assertEquals("(2, 1, 6, '', ('0.0.0.0', 80))",
                new AddrInfo(Domain.INET, Type.STREAM, Protocol.TCP, "", Endpoint.of(":80")).toString());
        assertEquals("(10, 1, 6, '', ('::', 80, 0, 0))",
                new AddrInfo(Domain.INET6, Type.STREAM, Protocol.TCP, "", Endpoint.of(":80")).toString());
        assertEquals("(2, 2, 17, '', ('255.255.255.255', 9999))",
                new AddrInfo(Domain.INET, Type.DGRAM, Protocol.UDP, "", Endpoint.of("<broadcast>:9999")).toString());
    }

    @Test
    void the_flags_have_linuxs_values() {
        assertEquals(1, AddrInfo.AI_PASSIVE);
        assertEquals(2, AddrInfo.AI_CANONNAME);
        assertEquals(4, AddrInfo.AI_NUMERICHOST);
        assertEquals(0x400, AddrInfo.AI_NUMERICSERV);
    }

    @Test
    void every_part_is_required() {
        assertEquals("canonName", assertThrows(NullPointerException.class,
                () -> new AddrInfo(Domain.INET, Type.STREAM, Protocol.TCP, null, Endpoint.of(":80"))).getMessage());
    }
}
