package dev.sockets.internal.words;

import dev.sockets.AddressError;
import dev.sockets.Endpoint;
import dev.sockets.Explanation;
import dev.sockets.Host;
import dev.sockets.Port;
import dev.sockets.Protocol;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The words of {@code Sockets.explain}: what a host or port text means, which special ranges an
 * address falls in, and how C, Python and Java read the text. No I/O: what needs the machine (the
 * JDK's reading, a name look-up, the interfaces, the privileged ports) comes through a {@link Probe}.
 *
 * <p>DEV-NOTE: the ranges are the IANA special-purpose registries; {@link #pythonFlags} is Python's
 * {@code ipaddress} (3.11's lists) on purpose, since the report shows Python's answer, and
 * {@code ExplainAsPythonTest} compares it with the Python on the machine.
 */
public final class Explain {
    private Explain() {
    }

    /** What the report asks of the machine. {@code internal.io.Explainer} is the real one. */
    public interface Probe {
        /**
         * How {@code InetAddress.getByName} reads a literal: the address's text, or {@code "!"} and
         * the JDK's reason where it refuses it; empty where it would take the text for a name and
         * ask DNS (then it is not asked).
         */
        Optional<String> javaReads(String text);

        /** The addresses a name resolves to within the time bound, or the failure in a few words. */
        Either<String, List<Host>> resolve(String name);

        /** The names of the interfaces holding the address (its zone ignored). */
        List<String> interfacesHolding(Host address);

        /** Whether an interface of that name or index exists. */
        boolean interfaceExists(String zone);

        /** {@code net.ipv4.ip_unprivileged_port_start}, or -1 where it cannot be read. */
        int unprivilegedPortStart();

        /** Whether this process may bind any port (root). */
        boolean mayBindAnyPort();
    }

    private static final String LABEL = "%-10s %s";

    private static String line(String label, String text) {
        return String.format(LABEL, label, text);
    }

    /** The report on a host text. */
    public static Explanation host(String text, Probe probe) {
        return explain(text, null, probe);
    }

    /** The report on a host text and a port text. */
    public static Explanation hostAndPort(String host, String port, Probe probe) {
        return explain(host, port == null ? "null" : port, probe);
    }

    private static Explanation explain(String text, String portText, Probe probe) {
        String t = text == null ? "null" : text;
        var lines = new ArrayList<String>();
        var ranges = new ArrayList<String>();
        String kind;
        String canonical = "";
        Either<AddressError, Host> parsed = Host.parse(t);
        if (parsed.isRight()) {
            Host h = parsed.get();
            canonical = h.text();
            if (h instanceof Host.Any) {
                kind = "the any address (INADDR_ANY)";
                lines.add(line("tutorial", "a zero-length string is INADDR_ANY: bind(\"\", port) listens on every interface"));
                lines.add(line("library", "Host.any(): 0.0.0.0 for IPv4, :: for IPv6; to connect, getaddrinfo reads it as loopback"));
                ranges.add("the any address (0.0.0.0, ::)");
            } else if (h instanceof Host.Broadcast) {
                kind = "the broadcast address (INADDR_BROADCAST)";
                lines.add(line("tutorial", "\"<broadcast>\" is INADDR_BROADCAST, 255.255.255.255"));
                lines.add(line("library", "Host.broadcast(); sending to it needs broadcast(true) on a UDP spec"));
                ranges.add("limited broadcast (255.255.255.255): never forwarded by a router");
            } else if (h instanceof Host.Ipv4 v4) {
                kind = "an IPv4 address";
                readings(t, lines, probe);
                ranges.addAll(ranges(v4));
                addressLines(v4, ranges, lines, probe);
            } else if (h instanceof Host.Ipv6 v6) {
                kind = v6.zone().isEmpty() ? "an IPv6 address" : "an IPv6 address with a zone";
                readings(t, lines, probe);
                if (!v6.zone().isEmpty()) {
                    lines.add(line("zone", "%" + v6.zone() + (probe.interfaceExists(v6.zone())
                            ? ": an interface of this machine" : ": no interface of that name or index on this machine")));
                }
                ranges.addAll(ranges(v6));
                addressLines(v6, ranges, lines, probe);
            } else {
                kind = "a host name";
                lines.add(line("library", "a name; sockets resolve it when they connect or bind"));
                Either<String, List<Host>> answer = probe.resolve(h.text());
                if (answer.isLeft()) {
                    lines.add(line("resolves", "not: " + answer.getLeft()));
                } else {
                    var texts = new ArrayList<String>();
                    answer.get().forEach(a -> texts.add(a.text()));
                    lines.add(line("resolves", "to " + String.join(", ", texts)));
                    for (Host a : answer.get()) {
                        List<String> r = a instanceof Host.Ipv4 v4 ? ranges(v4) : ranges((Host.Ipv6) a);
                        ranges.addAll(r);
                        lines.add(line(a.text(), r.isEmpty() ? "in no special range" : String.join("; ", r)));
                        List<String> held = probe.interfacesHolding(a);
                        if (!held.isEmpty()) {
                            lines.add(line("", "held by " + String.join(", ", held)));
                        }
                    }
                }
            }
        } else {
            // "localhost:80" or "[::1]:80": a host and a port in one text.
            Either<AddressError, Endpoint> endpoint = portText == null && t.indexOf(':') > 0 ? Endpoint.parse(t) : null;
            if (endpoint != null && endpoint.isRight()) {
                Explanation inner = explain(endpoint.get().host().text(), Integer.toString(endpoint.get().port().number()), probe);
                var all = new ArrayList<String>();
                all.add(line("endpoint", "a host and a port: Endpoint.parse reads " + endpoint.get()));
                all.addAll(inner.lines());
                return new Explanation(t, Optional.empty(), inner.kind() + " and a port", endpoint.get().toString(), inner.ranges(), all);
            }
            AddressError e = parsed.getLeft();
            kind = digits(t) ? "an integer (the tutorial's binary address)" : "no host the library takes";
            if (digits(t)) {
                lines.add(line("tutorial", "an integer is an IPv4 address in host byte order: Host.of(int)"
                        + integerReading(t)));
            }
            lines.add(line("library", "refuses it: " + e.reason() + (e.hint().isEmpty() ? "" : "; " + e.hint())));
            Either<AddressError, Host.Ipv4> lenient = Ipv4Parser.parseLenient(t);
            if (lenient.isRight()) {
                kind = digits(t) ? kind : "an IPv4 address in an inet_aton form";
                canonical = "";
            }
            readings(t, lines, probe);
            var seen = new LinkedHashSet<Host>();
            lenient.forEach(seen::add);
            probe.javaReads(t).flatMap(j -> Host.parse(j).toJavaOptional()).ifPresent(seen::add);
            for (Host a : seen) {
                List<String> r = a instanceof Host.Ipv4 v4 ? ranges(v4) : ranges((Host.Ipv6) a);
                ranges.addAll(r);
                lines.add(line(a.text(), r.isEmpty() ? "in no special range" : String.join("; ", r)));
            }
        }
        if (portText != null) {
            portLines(portText, lines, probe);
        }
        return new Explanation(t, Optional.ofNullable(portText), kind, canonical, ranges, lines);
    }

    private static boolean digits(String t) {
        if (t.isEmpty()) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String integerReading(String t) {
        if (t.length() > 10 || Long.parseLong(t) > 0xFFFF_FFFFL) {
            return ", but this one is more than 32 bits";
        }
        return ", Host.of(" + t + ") is " + new Host.Ipv4((int) Long.parseLong(t)).text();
    }

    /** The address's ranges, Python's flags and the interfaces holding it. */
    private static void addressLines(Host a, List<String> ranges, List<String> lines, Probe probe) {
        lines.add(line("ranges", ranges.isEmpty() ? "none: a global unicast address" : String.join("; ", ranges)));
        var flags = new ArrayList<String>();
        pythonFlags(a).forEach(f -> flags.add("is_" + f));
        lines.add(line("ipaddress", flags.isEmpty() ? "no flag set: neither is_private nor is_global" : String.join(", ", flags)));
        List<String> held = probe.interfacesHolding(a);
        lines.add(line("held by", held.isEmpty() ? "no interface of this machine" : String.join(", ", held)));
    }

    /** How C, Python, Java and the library read the text: one line when all agree. */
    private static void readings(String t, List<String> lines, Probe probe) {
        boolean v6 = t.indexOf(':') >= 0;
        String library = Host.parse(t).map(Host::text).getOrElse((String) null);
        String c;
        String cWord;
        if (v6) {
            // inet_pton takes no zone; getaddrinfo does, which is what a C program connecting calls.
            Either<AddressError, Host.Ipv6> p = Ipv6Parser.parse(t);
            cWord = t.indexOf('%') >= 0 ? "getaddrinfo" : "inet_pton";
            c = p.map(Host::text).getOrElse((String) null);
        } else {
            cWord = "inet_aton";
            c = Ipv4Parser.parseLenient(t).map(Host::text).getOrElse((String) null);
        }
        String python = pythonReads(t).orElse(null);
        Optional<String> java = probe.javaReads(t);
        String javaText = java.map(j -> j.startsWith("!") ? null : j).orElse(null);
        boolean javaAsked = java.isPresent();
        if (library != null && library.equals(c) && library.equals(python) && library.equals(javaText)) {
            lines.add(line("read", "as " + library + " by C (" + cWord + "), Python (ipaddress), Java (InetAddress) and this library"));
            return;
        }
        lines.add(line("C", c == null ? cWord + " refuses it" : cWord + " reads " + c + (v6 ? "" : octalNote(t))));
        String pyLine = python == null ? "ipaddress refuses it" : "ipaddress reads " + python;
        if (!v6 && c != null && !c.equals(python)) {
            pyLine += "; socket.inet_aton reads " + c;
        }
        lines.add(line("Python", pyLine));
        if (!javaAsked) {
            lines.add(line("Java", "InetAddress.getByName takes it for a host name and would look it up (not asked here)"));
        } else if (javaText == null) {
            lines.add(line("Java", "InetAddress.getByName refuses it: " + java.get().substring(1)));
        } else {
            lines.add(line("Java", "InetAddress.getByName reads " + javaText));
        }
    }

    /**
     * The address Python's {@code ipaddress.ip_address(text)} reads, as the library writes it, or
     * empty where Python raises ValueError. Its IPv4 and its IPv6 without a zone are the strict
     * parsers' (four decimal parts without leading zeros; RFC 4291 text); its zone is anything
     * non-empty without {@code %}, where the library takes only what can name an interface.
     */
    public static Optional<String> pythonReads(String text) {
        if (text == null || text.indexOf('/') >= 0) {
            // ipaddress refuses a '/' anywhere, a network's prefix length being no address.
            return Optional.empty();
        }
        int pct = text.indexOf('%');
        if (pct < 0) {
            Either<AddressError, Host> h = Ipv4Parser.parseStrict(text).isRight()
                    ? Either.right(Ipv4Parser.parseStrict(text).get()) : Either.narrow(Ipv6Parser.parse(text));
            return h.map(Host::text).toJavaOptional();
        }
        String zone = text.substring(pct + 1);
        if (zone.isEmpty() || zone.indexOf('%') >= 0) {
            return Optional.empty();
        }
        return Ipv6Parser.parse(text.substring(0, pct)).toJavaOptional().map(a -> a.text() + "%" + zone);
    }

    private static String octalNote(String t) {
        for (String part : t.split("\\.", -1)) {
            if (part.length() > 1 && part.charAt(0) == '0' && part.charAt(1) != 'x' && part.charAt(1) != 'X') {
                return " (a part with a leading 0 is octal)";
            }
            if (part.startsWith("0x") || part.startsWith("0X")) {
                return " (a part with 0x is hex)";
            }
        }
        return t.chars().filter(ch -> ch == '.').count() < 3 ? " (the last part fills the bytes left)" : "";
    }

    /** The port's services and whether binding it needs privilege here. */
    private static void portLines(String text, List<String> lines, Probe probe) {
        Either<AddressError, Port> number = PortParser.number(text);
        Port port;
        if (number != null) {
            if (number.isLeft()) {
                lines.add(line("port", "refused: " + number.getLeft().reason() + "; " + number.getLeft().hint()));
                return;
            }
            port = number.get();
        } else {
            Optional<Port> tcp = ServiceTable.byName(text, Protocol.TCP);
            Optional<Port> udp = ServiceTable.byName(text, Protocol.UDP);
            if (tcp.isEmpty() && udp.isEmpty()) {
                AddressError e = PortParser.parse(text, Protocol.DEFAULT).getLeft();
                lines.add(line("port", "refused: " + e.reason() + "; " + e.hint()));
                return;
            }
            port = tcp.orElseGet(udp::get);
            lines.add(line("service", text + " is port " + port.number() + " for "
                    + (tcp.isPresent() && udp.isPresent() ? "TCP and UDP" : tcp.isPresent() ? "TCP only" : "UDP only")
                    + " in /etc/services"));
        }
        int n = port.number();
        if (n == 0) {
            lines.add(line("port", "0: binding picks a free port (read it back with port())"));
            return;
        }
        String tcpName = ServiceTable.byPort(port, Protocol.TCP).orElse("no service");
        String udpName = ServiceTable.byPort(port, Protocol.UDP).orElse("no service");
        lines.add(line("port", n + ": " + (tcpName.equals(udpName) ? tcpName + " for TCP and UDP" : tcpName + " for TCP, " + udpName + " for UDP")));
        int start = probe.unprivilegedPortStart();
        String bind;
        if (start < 0) {
            bind = n < 1024 ? "below 1024, which needs privilege on most systems" : "any user may bind it on most systems";
        } else if (n >= start) {
            bind = "any user may bind it here (net.ipv4.ip_unprivileged_port_start is " + start + ")";
        } else {
            bind = "needs privilege here: below net.ipv4.ip_unprivileged_port_start, " + start
                    + (probe.mayBindAnyPort() ? "; this process runs as root, so it may bind it" : "; run as root or with CAP_NET_BIND_SERVICE, or use a port from " + start);
        }
        lines.add(line("binding", bind));
    }

    // ---- the ranges

    private static boolean in(int bits, int prefix, int length) {
        return length == 0 || (bits >>> (32 - length)) == (prefix >>> (32 - length));
    }

    private static int v4(int a, int b, int c, int d) {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }

    /** The special ranges of an IPv4 address, most specific first; empty for a global unicast one. */
    public static List<String> ranges(Host.Ipv4 address) {
        int a = address.bits();
        var out = new ArrayList<String>();
        if (a == 0) {
            out.add("the any address (0.0.0.0, INADDR_ANY)");
        }
        if (in(a, 0, 8)) {
            out.add("this network (0.0.0.0/8): a source address only");
        } else if (in(a, v4(10, 0, 0, 0), 8) || in(a, v4(172, 16, 0, 0), 12) || in(a, v4(192, 168, 0, 0), 16)) {
            out.add("private (RFC 1918)");
        } else if (in(a, v4(100, 64, 0, 0), 10)) {
            out.add("shared address space, carrier-grade NAT (100.64.0.0/10)");
        } else if (in(a, v4(127, 0, 0, 0), 8)) {
            out.add("loopback (127.0.0.0/8)");
        } else if (in(a, v4(169, 254, 0, 0), 16)) {
            out.add("link-local (169.254.0.0/16)");
        } else if (in(a, v4(192, 0, 0, 0), 24)) {
            out.add("IETF protocol assignments (192.0.0.0/24)");
        } else if (in(a, v4(192, 0, 2, 0), 24) || in(a, v4(198, 51, 100, 0), 24) || in(a, v4(203, 0, 113, 0), 24)) {
            out.add("documentation (" + (a >>> 8 << 8 == v4(192, 0, 2, 0) ? "192.0.2.0" : a >>> 8 << 8 == v4(198, 51, 100, 0)
                    ? "198.51.100.0" : "203.0.113.0") + "/24, RFC 5737)");
        } else if (in(a, v4(198, 18, 0, 0), 15)) {
            out.add("benchmarking (198.18.0.0/15)");
        } else if (in(a, v4(224, 0, 0, 0), 4)) {
            out.add("multicast (224.0.0.0/4), " + multicastScope(a));
        } else if (a == -1) {
            out.add("limited broadcast (255.255.255.255): never forwarded by a router");
            out.add("reserved (240.0.0.0/4)");
        } else if (in(a, v4(240, 0, 0, 0), 4)) {
            out.add("reserved (240.0.0.0/4)");
        }
        return out;
    }

    private static String multicastScope(int a) {
        if (in(a, v4(224, 0, 0, 0), 24)) {
            return "link-local scope: never routed (224.0.0.0/24)";
        }
        if (in(a, v4(232, 0, 0, 0), 8)) {
            return "source-specific (232.0.0.0/8)";
        }
        if (in(a, v4(239, 0, 0, 0), 8)) {
            return "organization-local scope (239.0.0.0/8, RFC 2365)";
        }
        return "global scope";
    }

    private static boolean in(Host.Ipv6 a, long high, long low, int length) {
        if (length <= 64) {
            return length == 0 || (a.high() >>> (64 - length)) == (high >>> (64 - length));
        }
        return a.high() == high && (length == 128 ? a.low() == low : (a.low() >>> (128 - length)) == (low >>> (128 - length)));
    }

    /** The special ranges of an IPv6 address, most specific first; empty for a global unicast one. */
    public static List<String> ranges(Host.Ipv6 a) {
        var out = new ArrayList<String>();
        if (a.high() == 0 && a.low() == 0) {
            out.add("the any address (::, unspecified)");
        } else if (a.isLoopback()) {
            out.add("loopback (::1)");
        } else if (a.isMapped()) {
            Host.Ipv4 v4 = a.ipv4().orElseThrow();
            List<String> inner = ranges(v4);
            out.add("IPv4-mapped (::ffff:0:0/96): " + v4.text() + (inner.isEmpty() ? "" : ", " + String.join(", ", inner)));
        } else if (in(a, 0x0064_ff9b_0000_0000L, 0, 96)) {
            out.add("NAT64 (64:ff9b::/96)");
        } else if (in(a, 0x0100_0000_0000_0000L, 0, 64)) {
            out.add("discard-only (100::/64)");
        } else if (in(a, 0x2001_0db8_0000_0000L, 0, 32)) {
            out.add("documentation (2001:db8::/32)");
        } else if (in(a, 0x2001_0000_0000_0000L, 0, 32)) {
            out.add("Teredo (2001::/32)");
        } else if (in(a, 0x2002_0000_0000_0000L, 0, 16)) {
            out.add("6to4 (2002::/16)");
        } else if (in(a, 0xfc00_0000_0000_0000L, 0, 7)) {
            out.add("unique local (fc00::/7)");
        } else if (in(a, 0xfe80_0000_0000_0000L, 0, 10)) {
            out.add("link-local (fe80::/10): used with a zone, as fe80::1%eth0");
        } else if (in(a, 0xfec0_0000_0000_0000L, 0, 10)) {
            out.add("site-local, deprecated (fec0::/10)");
        } else if (in(a, 0xff00_0000_0000_0000L, 0, 8)) {
            out.add("multicast (ff00::/8), " + scope6((int) (a.high() >>> 48) & 0xF) + " scope");
        }
        return out;
    }

    private static String scope6(int scope) {
        return switch (scope) {
            case 1 -> "interface-local";
            case 2 -> "link-local";
            case 3 -> "realm-local";
            case 4 -> "admin-local";
            case 5 -> "site-local";
            case 8 -> "organization-local";
            case 0xE -> "global";
            default -> "reserved (" + Integer.toHexString(scope) + ")";
        };
    }

    // ---- Python's ipaddress flags

    private static final int[][] PY_PRIVATE_V4 = {
        {v4(0, 0, 0, 0), 8}, {v4(10, 0, 0, 0), 8}, {v4(127, 0, 0, 0), 8}, {v4(169, 254, 0, 0), 16}, {v4(172, 16, 0, 0), 12},
        {v4(192, 0, 0, 0), 29}, {v4(192, 0, 0, 170), 31}, {v4(192, 0, 2, 0), 24}, {v4(192, 168, 0, 0), 16},
        {v4(198, 18, 0, 0), 15}, {v4(198, 51, 100, 0), 24}, {v4(203, 0, 113, 0), 24}, {v4(240, 0, 0, 0), 4}, {-1, 32},
    };

    /** Python 3.11's IPv6 _private_networks: the first 64 bits, the last 64, the prefix length. */
    private static final long[][] PY_PRIVATE_V6 = {
        {0, 1, 128}, {0, 0, 128}, {0, 0xFFFF_0000_0000L, 96}, {0x0100_0000_0000_0000L, 0, 64}, {0x2001_0000_0000_0000L, 0, 23},
        {0x2001_0002_0000_0000L, 0, 48}, {0x2001_0db8_0000_0000L, 0, 32}, {0x2001_0010_0000_0000L, 0, 28},
        {0xfc00_0000_0000_0000L, 0, 7}, {0xfe80_0000_0000_0000L, 0, 10},
    };

    /** Python 3.11's IPv6 _reserved_networks, as (first 16 bits, prefix length). */
    private static final int[][] PY_RESERVED_V6 = {
        {0x0000, 8}, {0x0100, 8}, {0x0200, 7}, {0x0400, 6}, {0x0800, 5}, {0x1000, 4}, {0x4000, 3}, {0x6000, 3},
        {0x8000, 3}, {0xA000, 3}, {0xC000, 3}, {0xE000, 4}, {0xF000, 5}, {0xF800, 6}, {0xFE00, 9},
    };

    /**
     * The flags Python's {@code ipaddress.ip_address} sets on the address, among
     * {@code is_private, is_global, is_loopback, is_link_local, is_multicast, is_reserved,
     * is_unspecified}, as the names of those that are true ({@code "private"}, ...).
     */
    public static List<String> pythonFlags(Host address) {
        Set<String> out = new LinkedHashSet<>();
        if (address instanceof Host.Ipv4 v4) {
            int a = v4.bits();
            boolean priv = false;
            for (int[] net : PY_PRIVATE_V4) {
                priv |= in(a, net[0], net[1]);
            }
            flag(out, "private", priv);
            flag(out, "global", !in(a, v4(100, 64, 0, 0), 10) && !priv);
            flag(out, "loopback", in(a, v4(127, 0, 0, 0), 8));
            flag(out, "link_local", in(a, v4(169, 254, 0, 0), 16));
            flag(out, "multicast", in(a, v4(224, 0, 0, 0), 4));
            flag(out, "reserved", in(a, v4(240, 0, 0, 0), 4));
            flag(out, "unspecified", a == 0);
        } else if (address instanceof Host.Ipv6 v6) {
            boolean priv;
            if (v6.isMapped()) {
                priv = pythonFlags(v6.ipv4().orElseThrow()).contains("private");
            } else {
                priv = false;
                for (long[] net : PY_PRIVATE_V6) {
                    priv |= in(v6, net[0], net[1], (int) net[2]);
                }
            }
            int top = (int) (v6.high() >>> 48);
            boolean reserved = false;
            for (int[] net : PY_RESERVED_V6) {
                reserved |= (top >>> (16 - net[1])) == (net[0] >>> (16 - net[1]));
            }
            flag(out, "private", priv);
            flag(out, "global", !priv);
            flag(out, "loopback", v6.isLoopback());
            flag(out, "link_local", in(v6, 0xfe80_0000_0000_0000L, 0, 10));
            flag(out, "multicast", in(v6, 0xff00_0000_0000_0000L, 0, 8));
            flag(out, "reserved", reserved);
            flag(out, "unspecified", v6.high() == 0 && v6.low() == 0);
        }
        if (out.isEmpty()) {
            return List.of();
        }
        return List.copyOf(out);
    }

    private static void flag(Set<String> out, String name, boolean on) {
        if (on) {
            out.add(name);
        }
    }
}
