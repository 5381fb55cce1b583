package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockets.internal.words.Explain;
import dev.sockets.testing.FakeResolver;
import dev.sockets.testing.Gens;
import dev.sockets.testing.Pbt;
import dev.sockets.testing.Python;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The range flags explain prints (its "ipaddress" line) are the flags Python 3's ipaddress module
 * on this machine sets: is_private, is_global, is_loopback, is_link_local, is_multicast,
 * is_reserved, is_unspecified, on fixed and generated IPv4 and IPv6 addresses.
 */
class ExplainAsPythonTest {

    private static final String FLAGS = "import ipaddress, sys\n"
            + "names = ['private', 'global', 'loopback', 'link_local', 'multicast', 'reserved', 'unspecified']\n"
            + "for a in sys.argv[1:]:\n"
            + "    ip = ipaddress.ip_address(a)\n"
            + "    print(' '.join(n for n in names if getattr(ip, 'is_' + n)))\n";

    private static void compare(List<String> addresses) {
        List<String> python;
        try {
            python = Python.run(FLAGS, addresses.toArray(String[]::new));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        var differ = new ArrayList<String>();
        for (int i = 0; i < addresses.size(); i++) {
            String java = String.join(" ", Explain.pythonFlags(Host.of(addresses.get(i))));
            if (!java.equals(python.get(i))) {
                differ.add(addresses.get(i) + ": python [" + python.get(i) + "], java [" + java + "]");
            }
        }
        assertEquals(List.of(), differ);
    }

    @Test
    void the_flags_of_the_edges_of_every_special_range_are_pythons() {
        compare(List.of("0.0.0.0", "0.255.255.255", "1.0.0.0", "9.255.255.255", "10.0.0.0", "10.255.255.255", "11.0.0.0",
                "100.63.255.255", "100.64.0.0", "100.127.255.255", "100.128.0.0", "127.0.0.1", "169.254.0.1", "172.15.255.255",
                "172.16.0.0", "172.31.255.255", "172.32.0.0", "192.0.0.0", "192.0.0.7", "192.0.0.8", "192.0.0.9", "192.0.0.170",
                "192.0.0.171", "192.0.0.172", "192.0.2.1", "192.88.99.1", "192.168.1.1", "198.17.255.255", "198.18.0.0",
                "198.19.255.255", "198.20.0.0", "198.51.100.1", "203.0.113.1", "224.0.0.1", "239.255.255.255", "240.0.0.0",
                "255.255.255.254", "255.255.255.255", "8.8.8.8",
                "::", "::1", "::2", "::ffff:127.0.0.1", "::ffff:8.8.8.8", "::ffff:10.0.0.1", "64:ff9b::1", "100::1", "100:0:0:1::",
                "2001::1", "2001:1ff:ffff::", "2001:200::", "2001:2::1", "2001:3::", "2001:10::1", "2001:20::1", "2001:db8::1",
                "2002::1", "2606:4700::1", "fc00::1", "fdff::1", "fe00::", "fe7f::1", "fe80::1", "febf::1", "fec0::1", "ff02::1",
                "ff0e::1", "4000::1", "e000::1", "f800::1"));
    }

    @Test
    void the_flags_of_any_ipv4_address_are_what_python_sets() {
        Pbt.qt(5).forAll(Gens.randoms()).checkAssert(r -> {
            var addresses = new ArrayList<String>();
            int[] near = {0x00000000, 0x0A000000, 0x64400000, 0x7F000000, 0xA9FE0000, 0xAC100000, 0xC0000000, 0xC0000200,
                0xC0A80000, 0xC6120000, 0xC6336400, 0xCB007100, 0xE0000000, 0xF0000000, 0xFFFFFF00};
            for (int i = 0; i < 300; i++) {
                int bits = r.nextBoolean() ? r.nextInt() : near[r.nextInt(near.length)] ^ (r.nextInt() >>> (8 + r.nextInt(24)));
                addresses.add(Host.of(bits).text());
            }
            compare(addresses);
        });
    }

    @Test
    void the_flags_of_any_ipv6_address_are_what_python_sets() {
        Pbt.qt(5).forAll(Gens.randoms()).checkAssert(r -> {
            var addresses = new ArrayList<String>();
            long[] near = {0L, 0x0064_ff9b_0000_0000L, 0x0100_0000_0000_0000L, 0x2001_0000_0000_0000L, 0x2001_0002_0000_0000L,
                0x2001_0010_0000_0000L, 0x2001_0db8_0000_0000L, 0x2002_0000_0000_0000L, 0xfc00_0000_0000_0000L,
                0xfe80_0000_0000_0000L, 0xfec0_0000_0000_0000L, 0xff00_0000_0000_0000L};
            for (int i = 0; i < 300; i++) {
                long high;
                long low = r.nextLong();
                switch (r.nextInt(4)) {
                    case 0 -> high = r.nextLong();
                    case 1 -> {
                        high = 0;
                        low = r.nextBoolean() ? (0xFFFFL << 32) | (r.nextInt() & 0xFFFF_FFFFL) : r.nextInt(3);
                    }
                    default -> high = near[r.nextInt(near.length)] ^ (r.nextLong() >>> (7 + r.nextInt(57)));
                }
                addresses.add(new Host.Ipv6(high, low, "").text());
            }
            compare(addresses);
        });
    }

    @Test
    void the_report_prints_the_flags_python_sets() throws Exception {
        try (var dns = FakeResolver.install()) {
            var random = new Random(20261202);
            var addresses = new ArrayList<String>();
            for (int i = 0; i < 50; i++) {
                addresses.add(Host.of(random.nextInt()).text());
            }
            List<String> python = Python.run(FLAGS, addresses.toArray(String[]::new));
            for (int i = 0; i < addresses.size(); i++) {
                String flags = python.get(i).isEmpty() ? "no flag set: neither is_private nor is_global"
                        : "is_" + python.get(i).replace(" ", ", is_");
                String line = Sockets.explain(addresses.get(i)).lines().stream().filter(l -> l.startsWith("ipaddress ")).findFirst().orElseThrow();
                assertEquals("ipaddress  " + flags, line, addresses.get(i));
            }
        }
    }

    private static final String READS = "import ipaddress, sys\n"
            + "for a in sys.argv[1:]:\n"
            + "    try:\n"
            + "        ip = ipaddress.ip_address(bytes.fromhex(a).decode('utf-8'))\n"
            + "        print(ip.version, int(ip), getattr(ip, 'scope_id', None) or '')\n"
            + "    except ValueError:\n"
            + "        print('refused')\n";

    /** What the report's Python line says ipaddress reads, in Python's printed terms: version, value, zone. */
    private static String javaReads(String text) {
        var r = Explain.pythonReads(text);
        if (r.isEmpty()) {
            return "refused";
        }
        String s = r.get();
        int pct = s.indexOf('%');
        Host h = Host.of(pct < 0 ? s : s.substring(0, pct));
        String zone = pct < 0 ? "" : s.substring(pct + 1);
        if (h instanceof Host.Ipv4 v4) {
            return "4 " + (v4.bits() & 0xFFFF_FFFFL) + " " + zone;
        }
        return "6 " + new java.math.BigInteger(1, ((Host.Ipv6) h).bytes()) + " " + zone;
    }

    private static void compareReads(List<String> texts) throws Exception {
        var hex = new ArrayList<String>();
        texts.forEach(t -> hex.add(java.util.HexFormat.of().formatHex(t.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        List<String> python = Python.run(READS, hex.toArray(String[]::new));
        var differ = new ArrayList<String>();
        for (int i = 0; i < texts.size(); i++) {
            String java = javaReads(texts.get(i));
            if (!java.strip().equals(python.get(i).strip())) {
                differ.add("\"" + texts.get(i) + "\": python " + python.get(i) + ", java " + java);
            }
        }
        assertEquals(List.of(), differ);
    }

    @Test
    void the_python_line_reads_what_ipaddress_reads_for_any_address_like_text() throws Exception {
        compareReads(List.of("127.0.0.1", "010.0.0.1", "1.2.3", "::1", "fe80::1%lo", "fe80::1%", "fe80::1%a/b", "::1%%", "1.2.3.4%x",
                "fe80::1%0123456789abcdefg", "::1% x", "::ffff:1.2.3.4", "::ffff:01.2.3.4", "1::2::3", "[::1]", "", "256.1.1.1",
                "1.2.3.4 ", " 1.2.3.4", "\u0661.2.3.4", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "::", ":::", "12345::"));
        String alphabet = "0123456789abcdef.:%:::..x \u0661";
        Pbt.qt(5).forAll(Gens.randoms()).checkAssert(r -> Pbt.unchecked(() -> {
            var texts = new ArrayList<String>();
            for (int i = 0; i < 300; i++) {
                var t = new StringBuilder();
                if (r.nextBoolean()) {
                    // A valid address with a character or two changed, so that near misses are common.
                    t.append(r.nextBoolean() ? Host.of(r.nextInt()).text() : new Host.Ipv6(r.nextLong() >>> r.nextInt(64), r.nextLong() >>> r.nextInt(64), "").text());
                    for (int k = r.nextInt(3); k > 0 && t.length() > 0; k--) {
                        t.setCharAt(r.nextInt(t.length()), alphabet.charAt(r.nextInt(alphabet.length())));
                    }
                } else {
                    for (int k = r.nextInt(16); k > 0; k--) {
                        t.append(alphabet.charAt(r.nextInt(alphabet.length())));
                    }
                }
                texts.add(t.toString());
            }
            compareReads(texts);
        }));
    }
}
