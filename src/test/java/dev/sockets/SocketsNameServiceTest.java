package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.FakeResolver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The name services on {@link Sockets}: gethostname, gethostbyname, getaddrinfo, getnameinfo.
 * Real look-ups use only names in /etc/hosts (localhost, this machine's name); "not found" and
 * "never asked" are checked with a {@link FakeResolver}, so no packet leaves the machine.
 */
@Timeout(60)
class SocketsNameServiceTest {

    private static final String V6_LOOPBACK = "::1";
    private static final String V6_ANY = "::";

    private static String show(List<AddrInfo> infos) {
        return infos.toString();
    }

    // --- gethostname ---

    @Test
    void gethostname_is_the_kernels_host_name() throws Exception {
        String kernel = Files.readAllLines(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).get(0).strip();
        assertEquals(kernel, Sockets.gethostname());
    }

    @Test
    void gethostname_equals_the_hostname_commands_output() throws Exception {
        Process p = new ProcessBuilder("hostname").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertEquals(out, Sockets.gethostname());
    }

    // --- gethostbyname ---

    @Test
    void gethostbyname_resolves_localhost_to_loopback() {
        assertEquals(Host.of("127.0.0.1"), Sockets.gethostbyname("localhost"));
    }

    @Test
    void gethostbyname_answers_an_ipv4_address_for_this_machines_name() {
        assertTrue(Sockets.gethostbyname(Sockets.gethostname()) instanceof Host.Ipv4);
    }

    @Test
    void gethostbyname_returns_literals_without_a_look_up() {
        try (var dns = FakeResolver.install()) {
            assertEquals(Host.of("10.1.2.3"), Sockets.gethostbyname("10.1.2.3"));
            assertEquals(Host.of("0.0.0.0"), Sockets.gethostbyname(""));
            assertEquals(Host.of("255.255.255.255"), Sockets.gethostbyname("<broadcast>"));
            assertEquals(List.of(), dns.asked());
        }
    }

    @Test
    void gethostbyname_refuses_ipv6_and_names_a_missing_host() {
        assertEquals("`::1`: gethostbyname answers IPv4 only; use getaddrinfo for IPv6 addresses",
                assertThrows(AddressError.class, () -> Sockets.gethostbyname("::1")).getMessage());
        try (var dns = FakeResolver.install().name("v6only.test", "::1")) {
            var e = assertThrows(HostNotFound.class, () -> Sockets.gethostbyname("nosuchhost.invalid"));
            assertEquals("gethostbyname nosuchhost.invalid: host not found; check the spelling, "
                    + "or use an address such as 127.0.0.1", e.getMessage());
            assertEquals(SocketError.Kind.HOST_NOT_FOUND, e.kind());
            var v6 = assertThrows(HostNotFound.class, () -> Sockets.gethostbyname("v6only.test"));
            assertEquals("gethostbyname v6only.test: host has no INET address, only INET6 ones; ask for family INET6 or null",
                    v6.getMessage());
            assertEquals("EAI_NODATA", v6.gaiName(), "the name is known, without an address of that family");
        }
    }

    // --- getaddrinfo ---

    @Test
    void getaddrinfo_localhost_www_answers_the_tutorials_tuple() {
        List<AddrInfo> infos = Sockets.getaddrinfo("localhost", "www");
        var expected = new AddrInfo(Domain.INET, Type.STREAM, Protocol.TCP, "", Endpoint.of("127.0.0.1", 80));
        assertTrue(infos.contains(expected), show(infos));
        assertTrue(show(infos).contains("(2, 1, 6, '', ('127.0.0.1', 80))"), show(infos));
        // www is a TCP service only, so no datagram entries.
        assertTrue(infos.stream().allMatch(i -> i.type() == Type.STREAM && i.protocol() == Protocol.TCP), show(infos));
        assertTrue(infos.stream().allMatch(i -> i.address().port().number() == 80));
    }

    @Test
    void getaddrinfo_gives_one_entry_per_address_and_socket_type() {
        assertEquals("[(2, 1, 6, '', ('127.0.0.1', 53)), (2, 2, 17, '', ('127.0.0.1', 53))]",
                show(Sockets.getaddrinfo("127.0.0.1", "domain")));
        assertEquals("[(2, 1, 6, '', ('127.0.0.1', 8080)), (2, 2, 17, '', ('127.0.0.1', 8080))]",
                show(Sockets.getaddrinfo("127.0.0.1", 8080)));
        assertEquals("[(2, 2, 17, '', ('127.0.0.1', 123))]", show(Sockets.getaddrinfo("127.0.0.1", "ntp")));
        assertEquals("[(10, 1, 6, '', ('" + V6_LOOPBACK + "', 80, 0, 0)), (10, 2, 17, '', ('" + V6_LOOPBACK + "', 80, 0, 0))]",
                show(Sockets.getaddrinfo("::1", "80")));
    }

    @Test
    void getaddrinfo_keeps_an_ipv6_literals_zone() {
        Host h = Host.of("fe80::1%lo");
        int lo = dev.sockets.internal.io.Inet.literal(h, Domain.INET6) instanceof java.net.Inet6Address a ? a.getScopeId() : -1;
        assertEquals("[(10, 1, 6, '', ('fe80::1%lo', 80, 0, " + lo + "))]",
                show(Sockets.getaddrinfo("fe80::1%lo", "80", null, Type.STREAM, Protocol.DEFAULT, 0)));
        assertTrue(lo > 0);
    }

    @Test
    void getaddrinfo_keeps_the_resolvers_order_across_families() {
        try (var dns = FakeResolver.install().name("dual.test", "::1", "127.0.0.2", "127.0.0.1")) {
            List<AddrInfo> infos = Sockets.getaddrinfo("dual.test", "80", null, Type.STREAM, Protocol.DEFAULT, 0);
            assertEquals("[(10, 1, 6, '', ('" + V6_LOOPBACK + "', 80, 0, 0)), (2, 1, 6, '', ('127.0.0.2', 80)), "
                    + "(2, 1, 6, '', ('127.0.0.1', 80))]", show(infos));
            assertEquals("[(2, 1, 6, '', ('127.0.0.2', 80)), (2, 1, 6, '', ('127.0.0.1', 80))]",
                    show(Sockets.getaddrinfo("dual.test", "80", Domain.INET, Type.STREAM, Protocol.DEFAULT, 0)));
        }
    }

    @Test
    void getaddrinfo_narrows_by_family_type_and_protocol() {
        assertEquals("[(2, 1, 6, '', ('127.0.0.1', 80))]",
                show(Sockets.getaddrinfo("127.0.0.1", "80", Domain.INET, Type.STREAM, Protocol.DEFAULT, 0)));
        assertEquals("[(2, 2, 17, '', ('127.0.0.1', 80))]",
                show(Sockets.getaddrinfo("127.0.0.1", "80", null, null, Protocol.UDP, 0)));
        assertEquals("[(2, 1, 6, '', ('127.0.0.1', 80))]",
                show(Sockets.getaddrinfo("127.0.0.1", "80", null, null, Protocol.TCP, 0)));
        assertEquals("`AF_INET, SOCK_STREAM, IPPROTO_UDP`: UDP does not fit SOCK_STREAM; use TCP or 0",
                assertThrows(AddressError.class,
                        () -> Sockets.getaddrinfo("127.0.0.1", "80", null, Type.STREAM, Protocol.UDP, 0)).getMessage());
    }

    @Test
    void getaddrinfo_refuses_a_literal_of_the_other_family() {
        assertEquals("`127.0.0.1`: an IPv4 address in a look-up for INET6; ask for family INET or null, or give an IPv6 address",
                assertThrows(AddressError.class,
                        () -> Sockets.getaddrinfo("127.0.0.1", "80", Domain.INET6, null, Protocol.DEFAULT, 0)).getMessage());
        assertEquals("`::1`: an IPv6 address in a look-up for INET; ask for family INET6 or null, or give an IPv4 address",
                assertThrows(AddressError.class,
                        () -> Sockets.getaddrinfo("::1", "80", Domain.INET, null, Protocol.DEFAULT, 0)).getMessage());
    }

    @Test
    void getaddrinfo_with_ai_passive_and_no_host_answers_the_any_addresses() {
        assertEquals("[(2, 1, 6, '', ('0.0.0.0', 80)), (2, 2, 17, '', ('0.0.0.0', 80)), "
                        + "(10, 1, 6, '', ('" + V6_ANY + "', 80, 0, 0)), (10, 2, 17, '', ('" + V6_ANY + "', 80, 0, 0))]",
                show(Sockets.getaddrinfo("", "80", null, null, Protocol.DEFAULT, AddrInfo.AI_PASSIVE)));
        assertEquals("[(2, 1, 6, '', ('0.0.0.0', 8080))]",
                show(Sockets.getaddrinfo(null, "8080", Domain.INET, Type.STREAM, Protocol.DEFAULT, AddrInfo.AI_PASSIVE)));
    }

    @Test
    void getaddrinfo_without_ai_passive_and_no_host_answers_loopback() {
        // ::1 first, as glibc (and so Python) orders them.
        assertEquals("[(10, 1, 6, '', ('" + V6_LOOPBACK + "', 80, 0, 0)), (2, 1, 6, '', ('127.0.0.1', 80))]",
                show(Sockets.getaddrinfo("", "80", null, Type.STREAM, Protocol.DEFAULT, 0)));
        assertEquals("[(10, 1, 6, '', ('" + V6_LOOPBACK + "', 80, 0, 0))]",
                show(Sockets.getaddrinfo("", "80", Domain.INET6, Type.STREAM, Protocol.DEFAULT, 0)));
    }

    @Test
    void getaddrinfo_reads_broadcast_as_255_255_255_255() {
        assertEquals("[(2, 2, 17, '', ('255.255.255.255', 9999))]",
                show(Sockets.getaddrinfo("<broadcast>", "9999", null, Type.DGRAM, Protocol.DEFAULT, 0)));
    }

    @Test
    void getaddrinfo_with_ai_canonname_names_the_first_entry_only() {
        assertEquals("[(2, 1, 6, 'localhost', ('127.0.0.1', 80)), (2, 2, 17, '', ('127.0.0.1', 80))]",
                show(Sockets.getaddrinfo("localhost", "80", Domain.INET, null, Protocol.DEFAULT, AddrInfo.AI_CANONNAME)));
        assertEquals("[(2, 1, 6, '127.0.0.1', ('127.0.0.1', 80))]",
                show(Sockets.getaddrinfo("127.0.0.1", "80", null, Type.STREAM, Protocol.DEFAULT, AddrInfo.AI_CANONNAME)));
    }

    @Test
    void getaddrinfo_with_ai_numerichost_refuses_a_name_and_never_asks() {
        try (var dns = FakeResolver.install()) {
            assertEquals("`localhost`: host name with AI_NUMERICHOST; give an address such as 127.0.0.1, or drop the flag",
                    assertThrows(AddressError.class, () -> Sockets.getaddrinfo("localhost", "80", null, null,
                            Protocol.DEFAULT, AddrInfo.AI_NUMERICHOST)).getMessage());
            assertEquals("[(2, 1, 6, '', ('127.0.0.1', 80))]", show(Sockets.getaddrinfo("127.0.0.1", "80", null,
                    Type.STREAM, Protocol.DEFAULT, AddrInfo.AI_NUMERICHOST)));
            assertEquals(List.of(), dns.asked());
        }
    }

    @Test
    void getaddrinfo_with_ai_numericserv_refuses_a_service_name() {
        assertEquals("`www`: service name with AI_NUMERICSERV; give the port as a number, or drop the flag",
                assertThrows(AddressError.class, () -> Sockets.getaddrinfo("127.0.0.1", "www", null, null,
                        Protocol.DEFAULT, AddrInfo.AI_NUMERICSERV)).getMessage());
        assertEquals("[(2, 1, 6, '', ('127.0.0.1', 80))]", show(Sockets.getaddrinfo("127.0.0.1", "80", null,
                Type.STREAM, Protocol.DEFAULT, AddrInfo.AI_NUMERICSERV)));
    }

    @Test
    void getaddrinfo_refuses_unknown_flags_and_the_unix_family() {
        assertEquals("expected flags from AI_PASSIVE, AI_CANONNAME, AI_NUMERICHOST, AI_NUMERICSERV but was 0x10",
                assertThrows(IllegalArgumentException.class,
                        () -> Sockets.getaddrinfo("127.0.0.1", "80", null, null, Protocol.DEFAULT, 0x10)).getMessage());
        assertEquals("expected family INET, INET6 or null (AF_UNSPEC) but was UNIX; "
                        + "a Unix socket's address is a path: UnixAddress.of(\"/tmp/app.sock\")",
                assertThrows(IllegalArgumentException.class,
                        () -> Sockets.getaddrinfo("127.0.0.1", "80", Domain.UNIX, null, Protocol.DEFAULT, 0)).getMessage());
    }

    @Test
    void getaddrinfo_refuses_an_unknown_service_and_a_bad_port() {
        assertEquals("`nosuchservice`: unknown service for tcp or udp; give the port as a number in [0, 65535], "
                        + "or a name from /etc/services such as www",
                assertThrows(AddressError.class, () -> Sockets.getaddrinfo("127.0.0.1", "nosuchservice")).getMessage());
        assertEquals("`70000`: expected port in [0, 65535] but was 70000",
                assertThrows(AddressError.class, () -> Sockets.getaddrinfo("127.0.0.1", "70000")).getMessage());
    }

    @Test
    void getaddrinfo_names_a_host_that_is_not_found() {
        try (var dns = FakeResolver.install()) {
            var e = assertThrows(HostNotFound.class, () -> Sockets.getaddrinfo("nosuchhost.invalid", "80"));
            assertEquals("getaddrinfo nosuchhost.invalid: host not found; check the spelling, "
                    + "or use an address such as 127.0.0.1", e.getMessage());
            assertTrue(e.getCause() instanceof java.net.UnknownHostException);
            assertEquals(HostNotFound.EAI_NONAME, e.gaiCode());
            assertEquals("EAI_NONAME", e.gaiName());
            assertEquals(List.of("nosuchhost.invalid"), dns.asked());
        }
    }

    @Test
    void getaddrinfo_never_asks_the_resolver_about_a_literal() {
        try (var dns = FakeResolver.install()) {
            for (String host : new String[] {"127.0.0.1", "::1", "", "<broadcast>", "10.0.0.1", "fe80::1%lo"}) {
                assertFalse(Sockets.getaddrinfo(host, "80").isEmpty(), host);
            }
            assertEquals(List.of(), dns.asked());
        }
    }

    @Test
    void getaddrinfo_resolves_this_machines_own_name() {
        List<AddrInfo> infos = Sockets.getaddrinfo(Sockets.gethostname(), "80");
        assertFalse(infos.isEmpty());
        assertTrue(infos.stream().allMatch(i -> i.family() == Domain.INET || i.family() == Domain.INET6), show(infos));
    }

    @Test
    void getaddrinfo_answers_an_unmodifiable_list() {
        List<AddrInfo> infos = Sockets.getaddrinfo("127.0.0.1", "80");
        assertThrows(UnsupportedOperationException.class, () -> infos.add(infos.get(0)));
        assertThrows(UnsupportedOperationException.class, () -> infos.remove(0));
    }

    // --- getnameinfo ---

    @Test
    void getnameinfo_names_localhost_and_the_http_service() {
        assertEquals(new NameInfo("localhost", "http"), Sockets.getnameinfo(Endpoint.of("127.0.0.1", 80)));
        assertEquals("('localhost', 'http')", Sockets.getnameinfo(Endpoint.of("127.0.0.1", 80)).toString());
        assertEquals(new NameInfo("localhost", "http"), Sockets.getnameinfo(Endpoint.of("localhost:80")));
    }

    @Test
    void getnameinfo_falls_back_to_numbers() {
        assertEquals(new NameInfo("localhost", "40000"), Sockets.getnameinfo(Endpoint.of("127.0.0.1", 40000)));
        assertEquals(new NameInfo("localhost", "0"), Sockets.getnameinfo(Endpoint.of("127.0.0.1", 0)));
        try (var dns = FakeResolver.install()) {
            assertEquals(new NameInfo("127.0.0.9", "http"), Sockets.getnameinfo(Endpoint.of("127.0.0.9", 80)));
        }
    }

    @Test
    void getnameinfo_with_flags() {
        Endpoint e = Endpoint.of("127.0.0.1", 123);
        assertEquals(new NameInfo("127.0.0.1", "123"), Sockets.getnameinfo(e, NameInfo.NI_NUMERICHOST));
        assertEquals(new NameInfo("localhost", "123"), Sockets.getnameinfo(e, NameInfo.NI_NUMERICSERV));
        assertEquals(new NameInfo("localhost", "ntp"), Sockets.getnameinfo(e, NameInfo.NI_DGRAM));
        assertEquals(new NameInfo("127.0.0.1", "123"),
                Sockets.getnameinfo(e, NameInfo.NI_NUMERICHOST | NameInfo.NI_NUMERICSERV));
        try (var dns = FakeResolver.install().reverse("127.0.0.5", "db.example.test")) {
            assertEquals(new NameInfo("db.example.test", "http"), Sockets.getnameinfo(Endpoint.of("127.0.0.5", 80)));
            assertEquals(new NameInfo("db", "http"), Sockets.getnameinfo(Endpoint.of("127.0.0.5", 80), NameInfo.NI_NOFQDN));
            assertEquals("getnameinfo 127.0.0.6: address has no name; drop NI_NAMEREQD to get the address back as text",
                    assertThrows(HostNotFound.class, () -> Sockets.getnameinfo(Endpoint.of("127.0.0.6", 80),
                            NameInfo.NI_NAMEREQD)).getMessage());
            assertEquals(List.of("reverse:127.0.0.5", "reverse:127.0.0.5", "reverse:127.0.0.6"), dns.asked());
        }
        assertEquals("expected flags from NI_NUMERICHOST, NI_NUMERICSERV, NI_NOFQDN, NI_NAMEREQD, NI_DGRAM but was 0x20",
                assertThrows(IllegalArgumentException.class, () -> Sockets.getnameinfo(e, 0x20)).getMessage());
    }

    @Test
    void getnameinfo_with_numerichost_never_asks_the_resolver() {
        try (var dns = FakeResolver.install()) {
            assertEquals(new NameInfo(V6_LOOPBACK, "http"),
                    Sockets.getnameinfo(Endpoint.of("::1", 80), NameInfo.NI_NUMERICHOST));
            assertEquals(List.of(), dns.asked());
        }
    }

    @Test
    void resolve_for_sockets_goes_through_the_same_resolver() {
        try (var dns = FakeResolver.install().name("app.test", "127.0.0.7")) {
            assertEquals(List.of("127.0.0.7"), dev.sockets.internal.io.Inet.resolve(Host.of("app.test"), null, SocketError.Op.CONNECT)
                    .stream().map(java.net.InetAddress::getHostAddress).collect(Collectors.toList()));
            assertEquals("connect gone.test: host not found; check the spelling, or use an address such as 127.0.0.1",
                    assertThrows(HostNotFound.class,
                            () -> dev.sockets.internal.io.Inet.resolve(Host.of("gone.test"), null, SocketError.Op.CONNECT)).getMessage());
        }
    }
}
