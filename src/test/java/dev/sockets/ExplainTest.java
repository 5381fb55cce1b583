package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.internal.io.Explainer;
import dev.sockets.internal.io.Inet;
import dev.sockets.internal.words.Explain;
import dev.sockets.testing.FakeResolver;
import io.vavr.control.Either;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * What Sockets.explain prints, line for line. Names resolve through FakeResolver (no DNS); the
 * addresses chosen are held by no interface of an ordinary machine, but 127.0.0.1 by lo.
 */
class ExplainTest {

    private static void prints(String expected, Explanation e) {
        assertEquals(expected, e.toString());
    }

    @Test
    void a_leading_zero_is_read_three_ways_and_each_reading_explained() {
        try (var dns = FakeResolver.install()) {
            prints("""
                    explain("010.0.0.1"): an IPv4 address in an inet_aton form
                      library    refuses it: leading zero in part 1; C reads it as octal, Java as decimal — try `10.0.0.1`, or use the lenient parser
                      C          inet_aton reads 8.0.0.1 (a part with a leading 0 is octal)
                      Python     ipaddress refuses it; socket.inet_aton reads 8.0.0.1
                      Java       InetAddress.getByName reads 10.0.0.1
                      8.0.0.1    in no special range
                      10.0.0.1   private (RFC 1918)""", Sockets.explain("010.0.0.1"));
            prints("""
                    explain("192.0.2.010"): an IPv4 address in an inet_aton form
                      library    refuses it: leading zero in part 4; C reads it as octal, Java as decimal — try `192.0.2.10`, or use the lenient parser
                      C          inet_aton reads 192.0.2.8 (a part with a leading 0 is octal)
                      Python     ipaddress refuses it; socket.inet_aton reads 192.0.2.8
                      Java       InetAddress.getByName reads 192.0.2.10
                      192.0.2.8  documentation (192.0.2.0/24, RFC 5737)
                      192.0.2.10 documentation (192.0.2.0/24, RFC 5737)""", Sockets.explain("192.0.2.010"));
            assertEquals(List.of(), dns.asked());
        }
    }

    @Test
    void hex_forms_and_integers_are_c_only_or_the_tutorials() {
        try (var dns = FakeResolver.install()) {
            prints("""
                    explain("0x7f.1"): an IPv4 address in an inet_aton form
                      library    refuses it: last label `1` is all digits; inet_aton reads it as `127.0.0.1`: use the lenient parser for such forms; a host name ends with a label that has a letter
                      C          inet_aton reads 127.0.0.1 (a part with 0x is hex)
                      Python     ipaddress refuses it; socket.inet_aton reads 127.0.0.1
                      Java       InetAddress.getByName refuses it: Invalid IP address literal: 0x7f.1
                      127.0.0.1  loopback (127.0.0.0/8)""", Sockets.explain("0x7f.1"));
            prints("""
                    explain("2130706433"): an integer (the tutorial's binary address)
                      tutorial   an integer is an IPv4 address in host byte order: Host.of(int), Host.of(2130706433) is 127.0.0.1
                      library    refuses it: part 1 is 2130706433, more than 255; inet_aton reads it as 127.0.0.1: try `127.0.0.1`, or use the lenient parser
                      C          inet_aton reads 127.0.0.1 (the last part fills the bytes left)
                      Python     ipaddress refuses it; socket.inet_aton reads 127.0.0.1
                      Java       InetAddress.getByName reads 127.0.0.1
                      127.0.0.1  loopback (127.0.0.0/8)""", Sockets.explain("2130706433"));
            // Java would take it for a name: the report says so and does not ask the JDK.
            prints("""
                    explain("4294967296"): an integer (the tutorial's binary address)
                      tutorial   an integer is an IPv4 address in host byte order: Host.of(int), but this one is more than 32 bits
                      library    refuses it: part 1 is 4294967296, more than 255; each of the four parts is one byte, 0 to 255
                      C          inet_aton refuses it
                      Python     ipaddress refuses it
                      Java       InetAddress.getByName takes it for a host name and would look it up (not asked here)""",
                    Sockets.explain("4294967296"));
            assertEquals(List.of(), dns.asked());
        }
    }

    @Test
    void the_tutorials_special_forms_are_explained_in_its_terms() {
        prints("""
                explain(""): the any address (INADDR_ANY)
                  tutorial   a zero-length string is INADDR_ANY: bind("", port) listens on every interface
                  library    Host.any(): 0.0.0.0 for IPv4, :: for IPv6; to connect, getaddrinfo reads it as loopback""", Sockets.explain(""));
        prints("""
                explain("<broadcast>"): the broadcast address (INADDR_BROADCAST)
                  tutorial   "<broadcast>" is INADDR_BROADCAST, 255.255.255.255
                  library    Host.broadcast(); sending to it needs broadcast(true) on a UDP spec""", Sockets.explain("<broadcast>"));
    }

    @Test
    void addresses_show_their_ranges_pythons_flags_and_the_interfaces_holding_them() {
        prints("""
                explain("127.0.0.1"): an IPv4 address
                  read       as 127.0.0.1 by C (inet_aton), Python (ipaddress), Java (InetAddress) and this library
                  ranges     loopback (127.0.0.0/8)
                  ipaddress  is_private, is_loopback
                  held by    lo""", Sockets.explain("127.0.0.1"));
        prints("""
                explain("239.1.1.1"): an IPv4 address
                  read       as 239.1.1.1 by C (inet_aton), Python (ipaddress), Java (InetAddress) and this library
                  ranges     multicast (224.0.0.0/4), organization-local scope (239.0.0.0/8, RFC 2365)
                  ipaddress  is_global, is_multicast
                  held by    no interface of this machine""", Sockets.explain("239.1.1.1"));
        prints("""
                explain("100.64.0.1"): an IPv4 address
                  read       as 100.64.0.1 by C (inet_aton), Python (ipaddress), Java (InetAddress) and this library
                  ranges     shared address space, carrier-grade NAT (100.64.0.0/10)
                  ipaddress  no flag set: neither is_private nor is_global
                  held by    no interface of this machine""", Sockets.explain("100.64.0.1"));
        prints("""
                explain("::ffff:10.1.2.3"): an IPv6 address
                  C          inet_pton reads ::ffff:10.1.2.3
                  Python     ipaddress reads ::ffff:10.1.2.3
                  Java       InetAddress.getByName reads 10.1.2.3
                  ranges     IPv4-mapped (::ffff:0:0/96): 10.1.2.3, private (RFC 1918)
                  ipaddress  is_private, is_reserved
                  held by    no interface of this machine""", Sockets.explain("::ffff:10.1.2.3"));
        prints("""
                explain("ff02::1"): an IPv6 address
                  read       as ff02::1 by C (inet_pton), Python (ipaddress), Java (InetAddress) and this library
                  ranges     multicast (ff00::/8), link-local scope
                  ipaddress  is_global, is_multicast
                  held by    no interface of this machine""", Sockets.explain("ff02::1"));
    }

    @Test
    void a_zone_names_an_interface_and_java_refuses_one_without_a_link_local_address() {
        prints("""
                explain("fe80::1%lo"): an IPv6 address with a zone
                  C          getaddrinfo reads fe80::1%lo
                  Python     ipaddress reads fe80::1%lo
                  Java       InetAddress.getByName refuses it: no scope_id found
                  zone       %lo: an interface of this machine
                  ranges     link-local (fe80::/10): used with a zone, as fe80::1%eth0
                  ipaddress  is_private, is_link_local
                  held by    no interface of this machine""", Sockets.explain("fe80::1%lo"));
        assertTrue(Sockets.explain("fe80::1%nosuch0").lines().contains("zone       %nosuch0: no interface of that name or index on this machine"));
    }

    @Test
    void a_name_is_resolved_through_the_librarys_resolver_and_each_address_explained() {
        try (var dns = FakeResolver.install().name("db.test", "10.0.0.7", "2001:db8::7")) {
            prints("""
                    explain("db.test"): a host name
                      library    a name; sockets resolve it when they connect or bind
                      resolves   to 10.0.0.7, 2001:db8::7
                      10.0.0.7   private (RFC 1918)
                      2001:db8::7 documentation (2001:db8::/32)""", Sockets.explain("db.test"));
            prints("""
                    explain("nowhere.test"): a host name
                      library    a name; sockets resolve it when they connect or bind
                      resolves   not: nowhere.test: Name or service not known""", Sockets.explain("nowhere.test"));
            assertEquals(List.of("db.test", "nowhere.test"), dns.asked());
        }
    }

    @Test
    void what_the_library_refuses_is_explained_not_thrown() {
        try (var dns = FakeResolver.install()) {
            prints("""
                    explain("bad name!"): no host the library takes
                      library    refuses it: stray character space (U+0020) in a host name; a host name has no spaces
                      C          inet_aton refuses it
                      Python     ipaddress refuses it
                      Java       InetAddress.getByName takes it for a host name and would look it up (not asked here)""",
                    Sockets.explain("bad name!"));
            assertEquals(List.of(), dns.asked());
        }
    }

    @Test
    void a_host_and_port_in_one_text_is_an_endpoint() {
        try (var dns = FakeResolver.install().name("localhost", "127.0.0.1")) {
            Explanation e = Sockets.explain("localhost:8080");
            assertEquals("a host name and a port", e.kind());
            assertEquals("endpoint   a host and a port: Endpoint.parse reads localhost:8080", e.lines().get(0));
            assertTrue(e.lines().contains("port       8080: http-alt for TCP, no service for UDP"), e.toString());
        }
    }

    /** A probe with fixed answers, for the lines that depend on the machine. */
    private static Explain.Probe probe(int unprivilegedStart, boolean root) {
        return new Explain.Probe() {
            @Override
            public Optional<String> javaReads(String text) {
                return Optional.of(text);
            }

            @Override
            public Either<String, List<Host>> resolve(String name) {
                return Either.right(List.of(Host.of("127.0.0.1")));
            }

            @Override
            public List<String> interfacesHolding(Host address) {
                return List.of("lo");
            }

            @Override
            public boolean interfaceExists(String zone) {
                return true;
            }

            @Override
            public int unprivilegedPortStart() {
                return unprivilegedStart;
            }

            @Override
            public boolean mayBindAnyPort() {
                return root;
            }
        };
    }

    @Test
    void a_port_shows_its_services_and_whether_binding_it_needs_privilege() {
        assertEquals("""
                explain("localhost", "www"): a host name
                  library    a name; sockets resolve it when they connect or bind
                  resolves   to 127.0.0.1
                  127.0.0.1  loopback (127.0.0.0/8)
                             held by lo
                  service    www is port 80 for TCP only in /etc/services
                  port       80: http for TCP, no service for UDP
                  binding    needs privilege here: below net.ipv4.ip_unprivileged_port_start, 1024; run as root or with CAP_NET_BIND_SERVICE, or use a port from 1024""",
                Explain.hostAndPort("localhost", "www", probe(1024, false)).toString());
        assertEquals("binding    needs privilege here: below net.ipv4.ip_unprivileged_port_start, 1024; this process runs as root, so it may bind it",
                last(Explain.hostAndPort("127.0.0.1", "80", probe(1024, true))));
        assertEquals("binding    any user may bind it here (net.ipv4.ip_unprivileged_port_start is 80)",
                last(Explain.hostAndPort("127.0.0.1", "80", probe(80, false))));
        assertEquals("port       0: binding picks a free port (read it back with port())", last(Explain.hostAndPort("127.0.0.1", "0", probe(1024, false))));
        assertEquals("port       53: domain for TCP and UDP", Explain.hostAndPort("127.0.0.1", "53", probe(1024, false)).lines().get(4));
        assertTrue(last(Explain.hostAndPort("127.0.0.1", "nosuch", probe(1024, false))).startsWith("port       refused: unknown service"));
        assertTrue(last(Explain.hostAndPort("127.0.0.1", "65536", probe(1024, false))).startsWith("port       refused: "));
    }

    private static String last(Explanation e) {
        return e.lines().get(e.lines().size() - 1);
    }

    @Test
    void the_binding_line_reads_this_machines_setting() throws Exception {
        String start;
        try (var in = new java.io.FileInputStream("/proc/sys/net/ipv4/ip_unprivileged_port_start")) {
            start = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip();
        }
        Explanation e = Sockets.explain("127.0.0.1", 65000);
        assertEquals("binding    any user may bind it here (net.ipv4.ip_unprivileged_port_start is " + start + ")", last(e));
    }

    @Test
    void a_resolver_that_never_answers_costs_the_time_bound_and_no_more() throws Exception {
        var release = new CountDownLatch(1);
        Inet.Resolver hanging = new Inet.Resolver() {
            @Override
            public InetAddress[] lookup(String name) throws java.net.UnknownHostException {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new java.net.UnknownHostException(name);
            }

            @Override
            public String reverse(InetAddress address) {
                return address.getHostAddress();
            }
        };
        Inet.Resolver previous = Inet.useResolver(hanging);
        try {
            long start = System.nanoTime();
            Explanation e = Sockets.explain("slow.test");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals("resolves   not: no answer within 2 s", e.lines().get(1));
            assertTrue(took.compareTo(Explainer.RESOLVE_LIMIT) >= 0, "returned before its time: " + took);
            assertTrue(took.compareTo(Explainer.RESOLVE_LIMIT.multipliedBy(10)) < 0, "absurdly late: " + took);
        } finally {
            release.countDown();
            Inet.useResolver(previous);
        }
    }

    @Test
    void the_report_escapes_what_it_quotes() {
        try (var dns = FakeResolver.install()) {
            String report = Sockets.explain("evil\u001b[2Jname\nline").toString();
            assertTrue(!report.contains("\u001b") && report.startsWith("explain(\"evil\\u001b[2Jname\\nline\")"), report);
            assertEquals(1, report.lines().filter(l -> l.startsWith("explain(")).count(), report);
        }
    }
}
