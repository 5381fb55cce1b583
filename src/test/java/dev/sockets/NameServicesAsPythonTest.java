package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.FakeResolver;
import dev.sockets.testing.NoDnsResolver;
import dev.sockets.testing.Python;
import dev.sockets.testing.Subprocess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The name services as Python's: each call made in Python 3 on this machine and here, for
 * localhost, 127.0.0.1, ::1, this machine's name and lo, and the printed answers compared.
 *
 * <p>No DNS query is made: Python is asked only about names /etc/hosts lists (checked first) and
 * literals; an answer that would need DNS here (the name of ::1, which /etc/hosts lacks) is asked of
 * a Java child reading its own hosts file ({@code -Djdk.net.hosts.file}), and "not found" of a
 * {@link FakeResolver}.
 */
@Timeout(120)
class NameServicesAsPythonTest {

    private static String me;

    @BeforeAll
    static void thisMachinesNameIsInTheHostsFile() throws Exception {
        me = Sockets.gethostname();
        boolean listed = Files.readAllLines(Path.of("/etc/hosts"), StandardCharsets.ISO_8859_1).stream()
                .map(l -> l.replaceAll("#.*", "").trim().split("\\s+"))
                .anyMatch(w -> w.length > 1 && List.of(w).subList(1, w.length).contains(me));
        assertTrue(listed, "this machine's name " + me + " is not in /etc/hosts: asking Python about it would ask DNS");
    }

    /** Runs a Python expression for each argument and returns each printed answer, or its exception's type. */
    private static List<String> python(String expression, String... args) throws Exception {
        return Python.run("import socket, sys\n"
                + "for a in sys.argv[1:]:\n"
                + "    try:\n"
                + "        print(" + expression + ")\n"
                + "    except OSError as e:\n"
                + "        print('error')\n", args);
    }

    private static String ours(Supplier<Object> call) {
        try {
            return String.valueOf(call.get());
        } catch (SocketError e) {
            return "error";
        }
    }

    // --- gethostbyname_ex, gethostbyaddr, getfqdn ---

    @Test
    void gethostbyname_ex_prints_as_pythons() throws Exception {
        String[] hosts = {"localhost", "127.0.0.1", me, "LOCALHOST"};
        var here = new ArrayList<String>();
        for (String h : hosts) {
            here.add(ours(() -> Sockets.gethostbyname_ex(h)));
        }
        assertEquals(python("socket.gethostbyname_ex(a)", hosts), here);
        assertEquals("('localhost', [], ['127.0.0.1'])", here.get(0));
    }

    @Test
    void gethostbyaddr_prints_as_pythons() throws Exception {
        String[] hosts = {"127.0.0.1", "localhost", me};
        var here = new ArrayList<String>();
        for (String h : hosts) {
            here.add(ours(() -> Sockets.gethostbyaddr(h)));
        }
        assertEquals(python("socket.gethostbyaddr(a)", hosts), here);
        assertEquals("('localhost', [], ['127.0.0.1'])", here.get(0));
    }

    @Test
    void getfqdn_is_pythons() throws Exception {
        String[] names = {"localhost", "127.0.0.1", me, "", " localhost "};
        var here = new ArrayList<String>();
        for (String n : names) {
            here.add(Sockets.getfqdn(n));
        }
        assertEquals(python("socket.getfqdn(a)", names), here);
        assertEquals(Python.run("import socket; print(socket.getfqdn())"), List.of(Sockets.getfqdn()));
    }

    @Test
    void getfqdn_gives_the_name_back_where_the_look_up_fails_as_python_does() {
        try (var dns = FakeResolver.install()) {
            assertEquals("nosuchhost.invalid", Sockets.getfqdn(" nosuchhost.invalid "));
            assertEquals("not a name", Sockets.getfqdn("not a name"));
            assertEquals(List.of("nosuchhost.invalid"), dns.asked());
        }
        try (var dns = FakeResolver.install().reverse("127.0.0.5", "db")) {
            assertEquals("db", Sockets.getfqdn("127.0.0.5"), "no name with a dot: the name");
        }
    }

    @Test
    void gethostbyname_ex_and_gethostbyaddr_refuse_with_exact_messages() {
        assertEquals("`::1`: gethostbyname_ex answers IPv4 only; use getaddrinfo for IPv6 addresses",
                assertThrows(AddressError.class, () -> Sockets.gethostbyname_ex("::1")).getMessage());
        assertEquals("`a b`: stray character space (U+0020) in a host name at position 1",
                assertThrows(AddressError.class, () -> Sockets.gethostbyname_ex("a b")).getMessage().replaceAll(";.*", ""));
        try (var dns = FakeResolver.install()) {
            var e = assertThrows(HostNotFound.class, () -> Sockets.gethostbyname_ex("nosuchhost.invalid"));
            assertEquals("gethostbyname_ex nosuchhost.invalid: host not found; check the spelling, "
                    + "or use an address such as 127.0.0.1", e.getMessage());
            assertEquals("EAI_NONAME", e.gaiName());
            var r = assertThrows(HostNotFound.class, () -> Sockets.gethostbyaddr("127.0.0.9"));
            assertEquals("gethostbyaddr 127.0.0.9: address has no name; neither the hosts file nor DNS names it",
                    r.getMessage());
            assertEquals(HostNotFound.EAI_NONAME, r.gaiCode());
            assertEquals("gethostbyaddr nosuchhost.invalid: host not found; check the spelling, "
                    + "or use an address such as 127.0.0.1",
                    assertThrows(HostNotFound.class, () -> Sockets.gethostbyaddr("nosuchhost.invalid")).getMessage());
        }
        try (var dns = FakeResolver.install().reverse("::1", "ip6-localhost")) {
            assertEquals("('ip6-localhost', [], ['::1'])", Sockets.gethostbyaddr("::1").toString());
        }
    }

    /** What a hosts file with aliases makes of the calls, in a Java child that reads it instead of /etc/hosts. */
    public static final class Child {
        public static void main(String[] args) {
            System.out.println(Sockets.gethostbyaddr("::1"));
            System.out.println(Sockets.gethostbyname_ex("db"));
            System.out.println(Sockets.gethostbyname_ex("db.example.test"));
            System.out.println(Sockets.gethostbyaddr("127.0.1.1"));
            System.out.println(Sockets.getfqdn("db"));
            System.out.println(Sockets.getaddrinfo("db", "80", null, Type.STREAM, Protocol.DEFAULT, AddrInfo.AI_CANONNAME));
            try {
                Sockets.gethostbyname_ex("nosuch.test");
            } catch (HostNotFound e) {
                System.out.println(e.gaiName() + " " + e.getMessage());
            }
        }
    }

    @Test
    void the_hosts_files_official_name_and_aliases_print_as_the_c_library_gives_them(@TempDir Path dir) throws Exception {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 localhost\n::1 ip6-localhost ip6-loopback\n"
                + "127.0.1.1 db.example.test db # a comment\n");
        try (var p = Subprocess.start(dir, List.of(Subprocess.tool("java"), "-Djdk.net.hosts.file=" + hosts,
                "-cp", System.getProperty("java.class.path"), Child.class.getName()))) {
            List<String> out = p.finish(Duration.ofSeconds(60));
            assertEquals(0, p.exitCode(), p.errors());
            assertEquals(List.of(
                    "('ip6-localhost', ['ip6-loopback'], ['::1'])",
                    "('db.example.test', ['db'], ['127.0.1.1'])",
                    "('db.example.test', ['db'], ['127.0.1.1'])",
                    "('db.example.test', ['db'], ['127.0.1.1'])",
                    "db.example.test",
                    "[(2, 1, 6, 'db.example.test', ('127.0.1.1', 80))]",
                    "EAI_NONAME gethostbyname_ex nosuch.test: host not found; check the spelling,"
                            + " or use an address such as 127.0.0.1"), out);
        }
    }

    // --- getprotobyname ---

    @Test
    void getprotobyname_answers_as_python_for_every_name_of_etc_protocols() throws Exception {
        var names = new ArrayList<String>();
        for (var e : dev.sockets.internal.words.ProtocolTable.system()) {
            names.add(e.name());
            names.addAll(e.aliases());
        }
        names.addAll(List.of("Tcp", "raw", "nosuch", "tcp ", ""));
        var here = new ArrayList<String>();
        for (String n : names) {
            here.add(ours(() -> Sockets.getprotobyname(n)));
        }
        assertEquals(python("socket.getprotobyname(a)", names.toArray(String[]::new)), here);
        assertTrue(names.size() > 40, names.toString());
        assertEquals(List.of(6, 17, 1, 58, 0), List.of(Sockets.getprotobyname("tcp"), Sockets.getprotobyname("udp"),
                Sockets.getprotobyname("icmp"), Sockets.getprotobyname("ipv6-icmp"), Sockets.getprotobyname("ip")));
    }

    @Test
    void getprotobyname_refuses_an_unknown_name_with_an_exact_message() {
        assertEquals("`Tcp`: protocol not found; names are case-sensitive, as in /etc/protocols: tcp, udp, icmp, ipv6-icmp",
                assertThrows(AddressError.class, () -> Sockets.getprotobyname("Tcp")).getMessage());
        assertThrows(NullPointerException.class, () -> Sockets.getprotobyname(null));
    }

    // --- if_nameindex, if_nametoindex, if_indextoname, has_ipv6 ---

    @Test
    void if_nameindex_prints_as_pythons() throws Exception {
        List<Interface> all = Sockets.if_nameindex();
        assertEquals(Python.run("import socket; print(socket.if_nameindex())"), List.of(all.toString()));
        assertEquals("(1, 'lo')", all.get(0).toString());
    }

    /** Prints {@link Sockets#if_nameindex()}, for a child in a network namespace of its own. */
    public static final class Links {
        public static void main(String[] args) {
            System.out.println(Sockets.if_nameindex());
        }
    }

    @Test
    void if_nameindex_in_a_network_namespace_of_its_own_is_pythons() throws Exception {
        // /sys/class/net still shows the namespace /sys was mounted in: the links must be this process's.
        List<String> probe;
        try (var p = Subprocess.start(Path.of("."), List.of("unshare", "-rn", "true"))) {
            probe = p.finish(Duration.ofSeconds(30));
            org.junit.jupiter.api.Assumptions.assumeTrue(p.exitCode() == 0,
                    "unshare -rn is not allowed here: " + p.errors() + probe);
        }
        List<String> py;
        try (var p = Subprocess.start(Path.of("."), List.of("unshare", "-rn", "python3", "-c",
                "import socket; print(socket.if_nameindex())"))) {
            py = p.finish(Duration.ofSeconds(60));
            assertEquals(0, p.exitCode(), p.errors());
        }
        try (var p = Subprocess.start(Path.of("."), List.of("unshare", "-rn", Subprocess.tool("java"),
                "-cp", System.getProperty("java.class.path"), Links.class.getName()))) {
            assertEquals(py, p.finish(Duration.ofSeconds(60)), p.errors());
            assertEquals(0, p.exitCode(), p.errors());
        }
        assertEquals(List.of("[(1, 'lo')]"), py);
    }

    @Test
    void if_nametoindex_and_if_indextoname_answer_as_python_for_each_interface() throws Exception {
        var names = new ArrayList<String>();
        var indexes = new ArrayList<String>();
        var here = new ArrayList<String>();
        for (Interface i : Sockets.if_nameindex()) {
            names.add(i.name());
            indexes.add(Integer.toString(i.index()));
            here.add(Sockets.if_nametoindex(i.name()) + " " + Sockets.if_indextoname(i.index()));
        }
        var py = Python.run("import socket, sys\n"
                + "n = len(sys.argv) // 2\n"
                + "for name, index in zip(sys.argv[1:n + 1], sys.argv[n + 1:]):\n"
                + "    print(socket.if_nametoindex(name), socket.if_indextoname(int(index)))\n",
                concat(names, indexes));
        assertEquals(py, here);
        assertEquals(1, Sockets.if_nametoindex("lo"));
        assertEquals("lo", Sockets.if_indextoname(1));
    }

    private static String[] concat(List<String> a, List<String> b) {
        var all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(String[]::new);
    }

    @Test
    void an_interface_that_does_not_exist_is_refused_with_an_exact_message() throws Exception {
        assertEquals("`nosuch0`: no network interface of that name on this machine; list them with Sockets.if_nameindex()",
                assertThrows(AddressError.class, () -> Sockets.if_nametoindex("nosuch0")).getMessage());
        assertEquals("`9999`: no network interface with that index on this machine; list them with Sockets.if_nameindex()",
                assertThrows(AddressError.class, () -> Sockets.if_indextoname(9999)).getMessage());
        assertEquals("expected interface index > 0 but was 0",
                assertThrows(IllegalArgumentException.class, () -> Sockets.if_indextoname(0)).getMessage());
        assertEquals("expected interface index > 0 but was -1",
                assertThrows(IllegalArgumentException.class, () -> Sockets.if_indextoname(-1)).getMessage());
        // Python refuses them too, with OSError.
        assertEquals(List.of("error", "error", "error"),
                python("socket.if_nametoindex(a) if not a.isdigit() else socket.if_indextoname(int(a))",
                        "nosuch0", "9999", "0"));
    }

    @Test
    void has_ipv6_is_pythons() throws Exception {
        assertEquals(Python.run("import socket; print(socket.has_ipv6)"),
                List.of(Boolean.toString(Sockets.hasIpv6()).substring(0, 1).toUpperCase(Locale.ROOT)
                        + Boolean.toString(Sockets.hasIpv6()).substring(1)));
    }

    // --- getaddrinfo with family, type, proto and flags ---

    /**
     * One getaddrinfo call in both: host ("None" for no host), port, family, type, proto, flags as
     * Python's numbers; Python's SOCK_RAW rows dropped (the JVM opens no raw socket).
     */
    private static void sameRows(String host, String port, int family, int type, int proto, int flags) throws Exception {
        List<String> py = Python.run("import socket, sys\n"
                + "h, p, f, t, pr, fl = sys.argv[1:]\n"
                + "rows = socket.getaddrinfo(None if h == 'None' else h, p, int(f), int(t), int(pr), int(fl))\n"
                + "print('[' + ', '.join(str((int(r[0]), int(r[1]), r[2], r[3], r[4])) for r in rows"
                + " if r[1] != socket.SOCK_RAW) + ']')\n",
                host, port, Integer.toString(family), Integer.toString(type), Integer.toString(proto),
                Integer.toString(flags));
        List<AddrInfo> ours = Sockets.getaddrinfo(host.equals("None") ? null : host, port,
                family == 0 ? null : Domain.of(family), type == 0 ? null : Type.of(type), Protocol.of(proto), flags);
        assertEquals(py, List.of(ours.toString()), host + " " + port + " " + family + " " + type + " " + proto + " " + flags);
    }

    @Test
    void getaddrinfo_answers_pythons_rows_for_each_host() throws Exception {
        for (String host : new String[] {"localhost", "127.0.0.1", "::1", me}) {
            sameRows(host, "80", 0, 0, 0, 0);
        }
        sameRows("None", "80", 0, 0, 0, 0);
        sameRows("None", "80", 0, 0, 0, AddrInfo.AI_PASSIVE);
        sameRows("None", "8080", 2, 1, 0, AddrInfo.AI_PASSIVE);
        sameRows("None", "8080", 10, 0, 0, 0);
    }

    @Test
    void getaddrinfo_of_a_zoned_address_has_pythons_scope_id_and_keeps_the_zone_in_the_text() throws Exception {
        // The one difference, kept on purpose: Python prints the zone only as the scope id.
        List<String> py = Python.run("import socket\n"
                + "print([(int(r[0]), int(r[1]), r[2], r[3], r[4]) for r in"
                + " socket.getaddrinfo('fe80::1%lo', 80, 0, 1, 0, socket.AI_NUMERICHOST)])");
        assertEquals(List.of("[(10, 1, 6, '', ('fe80::1', 80, 0, 1))]"), py);
        assertEquals("[(10, 1, 6, '', ('fe80::1%lo', 80, 0, 1))]",
                Sockets.getaddrinfo("fe80::1%lo", "80", null, Type.STREAM, Protocol.DEFAULT, AddrInfo.AI_NUMERICHOST).toString());
    }

    @Test
    void a_zoned_literals_canonical_name_and_numeric_name_keep_the_zone_as_written_as_pythons_do() throws Exception {
        List<String> py = Python.run("import socket\n"
                + "print(socket.getaddrinfo('fe80::1%lo', 80, 0, 1, 0, socket.AI_NUMERICHOST | socket.AI_CANONNAME)[0][3])\n"
                + "print(socket.getnameinfo(('fe80::1', 80, 0, socket.if_nametoindex('lo')),"
                + " socket.NI_NUMERICHOST | socket.NI_NUMERICSERV))");
        assertEquals(List.of("fe80::1%lo", "('fe80::1%lo', '80')"), py);
        try (var dns = NoDnsResolver.install()) {
            assertEquals(py.get(0), Sockets.getaddrinfo("fe80::1%lo", "80", null, Type.STREAM, Protocol.DEFAULT,
                    AddrInfo.AI_NUMERICHOST | AddrInfo.AI_CANONNAME).get(0).canonName());
            assertEquals(py.get(1), Sockets.getnameinfo(Endpoint.of("[fe80::1%lo]:80"),
                    NameInfo.NI_NUMERICHOST | NameInfo.NI_NUMERICSERV).toString());
            assertEquals(0, dns.asked());
        }
    }

    @Test
    void getaddrinfo_type_and_protocol_filter_the_rows_as_pythons() throws Exception {
        for (String host : new String[] {"localhost", "::1"}) {
            sameRows(host, "80", 0, 1, 0, 0);
            sameRows(host, "80", 0, 2, 0, 0);
            sameRows(host, "80", 0, 0, 6, 0);
            sameRows(host, "80", 0, 0, 17, 0);
            sameRows(host, "80", 0, 1, 6, 0);
        }
        sameRows("localhost", "80", 2, 0, 0, 0);
        sameRows("::1", "80", 10, 0, 0, 0);
        sameRows("127.0.0.1", "www", 0, 0, 0, 0);
        sameRows("127.0.0.1", "domain", 0, 0, 0, 0);
        sameRows("127.0.0.1", "ntp", 0, 0, 0, 0);
    }

    @Test
    void getaddrinfo_flags_as_pythons() throws Exception {
        for (String host : new String[] {"localhost", "127.0.0.1", "::1", me}) {
            sameRows(host, "80", 0, 0, 0, AddrInfo.AI_CANONNAME);
        }
        sameRows("127.0.0.1", "80", 0, 0, 0, AddrInfo.AI_NUMERICHOST);
        sameRows("::1", "80", 0, 0, 0, AddrInfo.AI_NUMERICHOST | AddrInfo.AI_NUMERICSERV);
        sameRows("localhost", "80", 0, 1, 0, AddrInfo.AI_NUMERICSERV | AddrInfo.AI_CANONNAME);
        sameRows("localhost", "80", 2, 1, 0, AddrInfo.AI_PASSIVE);
    }

    @Test
    void getaddrinfo_refuses_what_python_refuses() throws Exception {
        assertEquals(List.of("error", "error", "error"),
                python("socket.getaddrinfo(*[int(w) if w.isdigit() and i != 1 else w for i, w in enumerate(a.split(','))])", "localhost,80,0,0,0,4", "127.0.0.1,www,0,0,0,1024",
                        "127.0.0.1,80,0,1,17"));
        try (var dns = FakeResolver.install()) {
            assertEquals("`localhost`: host name with AI_NUMERICHOST; give an address such as 127.0.0.1, or drop the flag",
                    assertThrows(AddressError.class, () -> Sockets.getaddrinfo("localhost", "80", null, null,
                            Protocol.DEFAULT, AddrInfo.AI_NUMERICHOST)).getMessage());
            assertEquals(List.of(), dns.asked());
        }
        assertEquals("`www`: service name with AI_NUMERICSERV; give the port as a number, or drop the flag",
                assertThrows(AddressError.class, () -> Sockets.getaddrinfo("127.0.0.1", "www", null, null,
                        Protocol.DEFAULT, AddrInfo.AI_NUMERICSERV)).getMessage());
        assertEquals("`AF_INET, SOCK_STREAM, IPPROTO_UDP`: UDP does not fit SOCK_STREAM; use TCP or 0",
                assertThrows(AddressError.class, () -> Sockets.getaddrinfo("127.0.0.1", "80", null, Type.STREAM,
                        Protocol.UDP, 0)).getMessage());
    }
}
