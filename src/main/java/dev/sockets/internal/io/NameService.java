package dev.sockets.internal.io;

import dev.sockets.AddrInfo;
import dev.sockets.AddressError;
import dev.sockets.Domain;
import dev.sockets.Endpoint;
import dev.sockets.Host;
import dev.sockets.HostEntry;
import dev.sockets.HostNotFound;
import dev.sockets.Interface;
import dev.sockets.NameInfo;
import dev.sockets.Port;
import dev.sockets.Protocol;
import dev.sockets.SocketError;
import dev.sockets.SocketError.Op;
import dev.sockets.Type;
import dev.sockets.internal.errors.Errors;
import dev.sockets.internal.words.PortParser;
import dev.sockets.internal.words.ProtocolTable;
import dev.sockets.internal.words.ServiceTable;
import dev.sockets.internal.words.Vocabulary;
import io.vavr.control.Either;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The name services of {@code Sockets}: gethostname, gethostbyname, getaddrinfo, getnameinfo.
 * Every look-up goes through {@link Inet#resolver()}; literal hosts never reach it.
 */
public final class NameService {
    private NameService() {
    }

    private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    private static final int AI_KNOWN = AddrInfo.AI_PASSIVE | AddrInfo.AI_CANONNAME
            | AddrInfo.AI_NUMERICHOST | AddrInfo.AI_NUMERICSERV;
    private static final int NI_KNOWN = NameInfo.NI_NUMERICHOST | NameInfo.NI_NUMERICSERV
            | NameInfo.NI_NOFQDN | NameInfo.NI_NAMEREQD | NameInfo.NI_DGRAM;

    /**
     * The kernel's host name, as Python's {@code gethostname()} (which calls C's gethostname).
     * DEV-NOTE: {@code InetAddress.getLocalHost()} also resolves the name, which can wait on DNS;
     * so read the kernel's name on Linux and fall back to the JDK only elsewhere.
     */
    public static String hostname() {
        try {
            // DEV-NOTE: read as a stream, not with Files.readString: some /proc/sys files answer a
            // channel's read with one byte (ip_unprivileged_port_start gives "1" for "1024" here).
            String name;
            try (var in = new java.io.FileInputStream(KERNEL_HOSTNAME.toFile())) {
                name = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | SecurityException e) {
            // Not Linux (or /proc hidden): fall through to the JDK.
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            // getLocalHost fails when the name does not resolve; its message starts with the name.
            String m = String.valueOf(e.getMessage());
            int colon = m.indexOf(':');
            return colon > 0 ? m.substring(0, colon) : "localhost";
        }
    }

    /** One IPv4 address of a host, as Python's {@code gethostbyname}. */
    public static Host gethostbyname(String host) {
        Host h = Host.parse(host).getOrElseThrow(e -> e);
        if (h instanceof Host.Any) {
            return Host.of(new byte[4]);
        }
        if (h instanceof Host.Broadcast) {
            return Host.of(0xFFFFFFFF);
        }
        if (h instanceof Host.Ipv4) {
            return h;
        }
        if (h instanceof Host.Ipv6) {
            throw new AddressError(host, -1, "gethostbyname answers IPv4 only",
                    "use getaddrinfo for IPv6 addresses");
        }
        return Inet.host(Inet.resolve(h, Domain.INET, Op.GETHOSTBYNAME).get(0));
    }

    /** Python's {@code getaddrinfo}; see {@code Sockets.getaddrinfo}. */
    public static List<AddrInfo> getaddrinfo(String host, String port, Domain family, Type type,
                                             Protocol protocol, int flags) {
        if ((flags & ~AI_KNOWN) != 0) {
            throw new IllegalArgumentException("expected flags from AI_PASSIVE, AI_CANONNAME, AI_NUMERICHOST, "
                    + "AI_NUMERICSERV but was 0x" + Integer.toHexString(flags));
        }
        if (family == Domain.UNIX) {
            throw new IllegalArgumentException("expected family INET, INET6 or null (AF_UNSPEC) but was UNIX; "
                    + "a Unix socket's address is a path: UnixAddress.of(\"/tmp/app.sock\")");
        }
        Protocol proto = protocol == null ? Protocol.DEFAULT : protocol;
        // The socket types to answer for, each with the protocol it gets.
        var kinds = new ArrayList<Type>();
        for (Type t : Type.values()) {
            if (type != null && t != type) {
                continue;
            }
            Either<AddressError, Protocol> fits = Vocabulary.check(Domain.INET, t, proto);
            if (fits.isRight()) {
                kinds.add(t);
            } else if (type != null) {
                throw fits.getLeft();
            }
        }
        Port[] ports = ports(port, kinds, flags);
        String hostText = host == null ? "" : host;
        Host h = Host.parse(hostText).getOrElseThrow(e -> e);
        List<InetAddress> addresses = addresses(h, hostText, family, flags);
        String canon = "";
        if ((flags & AddrInfo.AI_CANONNAME) != 0) {
            // DEV-NOTE: the JDK does not pass on getaddrinfo's canonical name, and asking the
            // reverse resolver could reach DNS and answer another name; so the hosts file's
            // official name where it lists the name (what glibc answers), else the name as given
            // (or the literal, as written: its zone as the address prints it, not the JDK's number).
            canon = h instanceof Host.Ipv4 || h instanceof Host.Ipv6 ? h.text()
                    : h.isLiteral() ? Inet.host(addresses.get(0)).text()
                    : hostsLine(h.text(), addresses.get(0) instanceof java.net.Inet4Address)
                            .map(HostsFile.Line::name).orElse(h.text());
        }
        var out = new ArrayList<AddrInfo>();
        for (InetAddress a : addresses) {
            // A literal answers itself: the JDK's form of a zone can differ (lo becomes 1).
            Host ah = h instanceof Host.Ipv4 || h instanceof Host.Ipv6 ? h : Inet.host(a);
            for (int i = 0; i < kinds.size(); i++) {
                if (ports[i] == null) {
                    continue;
                }
                Type t = kinds.get(i);
                Protocol p = Vocabulary.check(Domain.INET, t, proto).get();
                out.add(new AddrInfo(Inet.family(a), t, p, out.isEmpty() ? canon : "", new Endpoint(ah, ports[i])));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The port for each socket type, or null where a service name has no entry for its protocol. */
    private static Port[] ports(String port, List<Type> kinds, int flags) {
        String text = port == null ? "0" : port;
        Port[] out = new Port[kinds.size()];
        Either<AddressError, Port> number = PortParser.number(text);
        if (number != null) {
            Port p = number.getOrElseThrow(e -> e);
            java.util.Arrays.fill(out, p);
            return out;
        }
        if ((flags & AddrInfo.AI_NUMERICSERV) != 0) {
            throw new AddressError(text, -1, "service name with AI_NUMERICSERV",
                    "give the port as a number, or drop the flag");
        }
        boolean any = false;
        for (int i = 0; i < out.length; i++) {
            Protocol p = kinds.get(i) == Type.STREAM ? Protocol.TCP : Protocol.UDP;
            Optional<Port> found = ServiceTable.byName(text, p);
            out[i] = found.orElse(null);
            any |= found.isPresent();
        }
        if (!any) {
            // The parser words the error (case, other protocol); ask it for the first type's.
            Protocol p = kinds.size() == 1 ? (kinds.get(0) == Type.STREAM ? Protocol.TCP : Protocol.UDP) : Protocol.DEFAULT;
            throw PortParser.parse(text, p).swap().getOrElseGet(x -> new AddressError(text, -1, "unknown service", ""));
        }
        return out;
    }

    private static List<InetAddress> addresses(Host h, String text, Domain family, int flags) {
        if (h instanceof Host.Any) {
            boolean passive = (flags & AddrInfo.AI_PASSIVE) != 0;
            var out = new ArrayList<InetAddress>(2);
            // DEV-NOTE: glibc's order, which Python prints: 0.0.0.0 before :: for a passive
            // look-up, ::1 before 127.0.0.1 for the loopback (RFC 6724 ranks ::1 higher).
            if (family != Domain.INET6) {
                out.add(Inet.literal(passive ? h : Host.loopback(), Domain.INET));
            }
            if (family != Domain.INET) {
                out.add(passive ? out.size() : 0, Inet.literal(passive ? h : Host.of("::1"), Domain.INET6));
            }
            return out;
        }
        if (h instanceof Host.Broadcast || h instanceof Host.Ipv4) {
            if (family == Domain.INET6) {
                throw new AddressError(text, -1, "an IPv4 address in a look-up for INET6",
                        "ask for family INET or null, or give an IPv6 address");
            }
            return List.of(Inet.literal(h, Domain.INET));
        }
        if (h instanceof Host.Ipv6) {
            if (family == Domain.INET) {
                throw new AddressError(text, -1, "an IPv6 address in a look-up for INET",
                        "ask for family INET6 or null, or give an IPv4 address");
            }
            return List.of(Inet.literal(h, Domain.INET6));
        }
        if ((flags & AddrInfo.AI_NUMERICHOST) != 0) {
            throw new AddressError(text, -1, "host name with AI_NUMERICHOST",
                    "give an address such as 127.0.0.1, or drop the flag");
        }
        return Inet.resolve(h, family, Op.GETADDRINFO);
    }

    /** The hosts file's line for a name, where the JDK's resolver is in use (a test's resolver has no file). */
    private static Optional<HostsFile.Line> hostsLine(String name, boolean ipv4) {
        return Inet.resolver() == Inet.JDK ? HostsFile.byName(name, ipv4) : Optional.empty();
    }

    /** Python's {@code gethostbyname_ex}; see {@code Sockets.gethostbyname_ex}. */
    public static HostEntry gethostbyname_ex(String host) {
        Host h = Host.parse(host).getOrElseThrow(e -> e);
        if (h instanceof Host.Ipv6) {
            throw new AddressError(host, -1, "gethostbyname_ex answers IPv4 only", "use getaddrinfo for IPv6 addresses");
        }
        if (h.isLiteral()) {
            Host a = gethostbyname(host);
            return new HostEntry(a.text(), List.of(), List.of(a));
        }
        var addresses = new java.util.LinkedHashSet<Host>();
        for (InetAddress a : Inet.resolve(h, Domain.INET, Op.GETHOSTBYNAME_EX)) {
            addresses.add(Inet.host(a));
        }
        Optional<HostsFile.Line> line = hostsLine(h.text(), true);
        return new HostEntry(line.map(HostsFile.Line::name).orElse(h.text()),
                line.map(HostsFile.Line::aliases).orElse(List.of()), new ArrayList<>(addresses));
    }

    /** Python's {@code gethostbyaddr}; see {@code Sockets.gethostbyaddr}. */
    public static HostEntry gethostbyaddr(String address) {
        Host h = Host.parse(address).getOrElseThrow(e -> e);
        InetAddress a = h.isLiteral() ? Inet.literal(h, Domain.INET) : Inet.resolve(h, null, Op.GETHOSTBYADDR).get(0);
        Host ah = h instanceof Host.Ipv4 || h instanceof Host.Ipv6 ? h : Inet.host(a);
        String name = Inet.resolver().reverse(a);
        if (name.equals(a.getHostAddress()) || name.equals(ah.text())) {
            // Python raises herror "Unknown host"; C's getnameinfo calls it EAI_NONAME.
            throw Errors.of(SocketError.Kind.HOST_NOT_FOUND, Op.GETHOSTBYADDR).at(ah.text()).gai(HostNotFound.EAI_NONAME)
                    .because("address has no name", "neither the hosts file nor DNS names it").error();
        }
        Optional<HostsFile.Line> line = Inet.resolver() == Inet.JDK
                ? HostsFile.byAddress(ah).filter(l -> l.name().equalsIgnoreCase(name)) : Optional.empty();
        return new HostEntry(name, line.map(HostsFile.Line::aliases).orElse(List.of()), List.of(ah));
    }

    /** Python's {@code getfqdn}; see {@code Sockets.getfqdn}. */
    public static String getfqdn(String name) {
        String n = name.strip();
        if (n.isEmpty() || n.equals("0.0.0.0") || n.equals("::")) {
            n = hostname();
        }
        HostEntry e;
        try {
            e = gethostbyaddr(n);
        } catch (SocketError x) {
            return n;
        }
        if (e.name().indexOf('.') >= 0) {
            return e.name();
        }
        return e.aliases().stream().filter(a -> a.indexOf('.') >= 0).findFirst().orElse(e.name());
    }

    /** Python's {@code getprotobyname}; see {@code Sockets.getprotobyname}. */
    public static int getprotobyname(String name) {
        java.util.Objects.requireNonNull(name, "name");
        return ProtocolTable.byName(name).orElseThrow(() -> new AddressError(name, -1, "protocol not found",
                "names are case-sensitive, as in /etc/protocols: tcp, udp, icmp, ipv6-icmp"));
    }

    private static final Path SYS_NET = Path.of("/sys/class/net");
    private static final Path PROC_NET_DEV = Path.of("/proc/self/net/dev");
    private static final Path PROC_SNMP6 = Path.of("/proc/self/net/dev_snmp6");

    /**
     * Python's {@code if_nameindex}; see {@code Sockets.if_nameindex}.
     * DEV-NOTE: on Linux java.net.NetworkInterface lists only the interfaces that have an
     * address (a link that is down and has none is missing, and in a fresh network namespace it
     * throws), where C's if_nameindex asks netlink for every link. The links are those of
     * /proc/self/net/dev, which shows this process's namespace; the index is the first line of
     * /proc/self/net/dev_snmp6/&lt;link&gt; (every link IPv6 is on), else /sys/class/net's where
     * /sys shows the same links (it shows the namespace it was mounted in, which
     * {@code unshare -n} leaves), else the JDK's.
     */
    public static List<Interface> if_nameindex() {
        var out = new ArrayList<Interface>();
        java.util.Set<String> here = linkNames();
        java.util.Set<String> inSys = new java.util.HashSet<>();
        try (var links = Files.list(SYS_NET)) {
            links.forEach(p -> inSys.add(p.getFileName().toString()));
        } catch (IOException | java.io.UncheckedIOException | SecurityException e) {
            inSys.clear();
        }
        inSys.retainAll(here);
        boolean sysIsOurs = inSys.size() == here.size();
        for (String name : here) {
            Integer index = firstNumber(PROC_SNMP6.resolve(name), "ifIndex");
            if (index == null && sysIsOurs) {
                index = firstNumber(SYS_NET.resolve(name).resolve("ifindex"), "");
            }
            if (index == null) {
                try {
                    var nif = java.net.NetworkInterface.getByName(name);
                    index = nif == null ? null : nif.getIndex();
                } catch (java.net.SocketException e) {
                    index = null;
                }
            }
            if (index != null && index > 0) {
                out.add(new Interface(index, name));
            }
        }
        if (here.isEmpty()) {
            try {
                var all = java.net.NetworkInterface.getNetworkInterfaces();
                while (all != null && all.hasMoreElements()) {
                    var nif = all.nextElement();
                    out.add(new Interface(nif.getIndex(), nif.getName()));
                }
            } catch (java.net.SocketException e) {
                // No interface the JDK can see: an empty list, as C's for a machine without one.
            }
        }
        out.sort(java.util.Comparator.comparingInt(Interface::index));
        return Collections.unmodifiableList(out);
    }

    /** The number after {@code key} on the first line of a small kernel file, or null. */
    private static Integer firstNumber(Path file, String key) {
        try (var in = new java.io.FileInputStream(file.toFile())) {
            String text = new String(in.readNBytes(128), StandardCharsets.US_ASCII);
            String line = text.lines().findFirst().orElse("").strip();
            if (!line.startsWith(key)) {
                return null;
            }
            return Integer.valueOf(line.substring(key.length()).strip());
        } catch (IOException | SecurityException | NumberFormatException e) {
            return null;
        }
    }

    /** The links of this process's network namespace, from /proc/self/net/dev; empty where it cannot be read. */
    private static java.util.Set<String> linkNames() {
        var names = new java.util.HashSet<String>();
        try (var in = new java.io.FileInputStream(PROC_NET_DEV.toFile())) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.contains("|")) {
                    names.add(line.substring(0, colon).strip());
                }
            }
        } catch (IOException | SecurityException e) {
            names.clear();
        }
        return names;
    }

    /** Python's {@code if_nametoindex}; see {@code Sockets.if_nametoindex}. */
    public static int if_nametoindex(String name) {
        java.util.Objects.requireNonNull(name, "name");
        for (Interface i : if_nameindex()) {
            if (i.name().equals(name)) {
                return i.index();
            }
        }
        throw new AddressError(name, -1, "no network interface of that name on this machine",
                "list them with Sockets.if_nameindex()");
    }

    /** Python's {@code if_indextoname}; see {@code Sockets.if_indextoname}. */
    public static String if_indextoname(int index) {
        if (index < 1) {
            throw new IllegalArgumentException("expected interface index > 0 but was " + index);
        }
        for (Interface i : if_nameindex()) {
            if (i.index() == index) {
                return i.name();
            }
        }
        throw new AddressError(Integer.toString(index), -1, "no network interface with that index on this machine",
                "list them with Sockets.if_nameindex()");
    }

    /** Whether this JVM opens IPv6 sockets; see {@code Sockets.hasIpv6}. */
    public static boolean hasIpv6() {
        if (Boolean.getBoolean("java.net.preferIPv4Stack")) {
            return false;
        }
        try (var ch = java.nio.channels.DatagramChannel.open(java.net.StandardProtocolFamily.INET6)) {
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Python's {@code getnameinfo}; see {@code Sockets.getnameinfo}. */
    public static NameInfo getnameinfo(Endpoint endpoint, int flags) {
        java.util.Objects.requireNonNull(endpoint, "endpoint");
        if ((flags & ~NI_KNOWN) != 0) {
            throw new IllegalArgumentException("expected flags from NI_NUMERICHOST, NI_NUMERICSERV, NI_NOFQDN, "
                    + "NI_NAMEREQD, NI_DGRAM but was 0x" + Integer.toHexString(flags));
        }
        Host h = endpoint.host();
        InetAddress a = h.isLiteral() ? Inet.literal(h, Domain.INET)
                : Inet.resolve(h, null, Op.GETNAMEINFO).get(0);
        // A literal answers itself, as getaddrinfo's: the JDK's form of a zone can differ (lo becomes 1).
        String literal = (h instanceof Host.Ipv4 || h instanceof Host.Ipv6 ? h : Inet.host(a)).text();
        String host;
        if ((flags & NameInfo.NI_NUMERICHOST) != 0) {
            host = literal;
        } else {
            // The reverse look-up hands back the literal where it finds no name.
            host = Inet.resolver().reverse(a);
            boolean named = !host.equals(a.getHostAddress()) && !host.equals(literal);
            if (!named) {
                if ((flags & NameInfo.NI_NAMEREQD) != 0) {
                    throw Errors.of(SocketError.Kind.HOST_NOT_FOUND, Op.GETNAMEINFO).remote(endpoint).at(literal)
                            .gai(dev.sockets.HostNotFound.EAI_NONAME) // Python's gaierror for NI_NAMEREQD
                            .because("address has no name", "drop NI_NAMEREQD to get the address back as text").error();
                }
                host = literal;
            } else if ((flags & NameInfo.NI_NOFQDN) != 0 && host.indexOf('.') > 0) {
                host = host.substring(0, host.indexOf('.'));
            }
        }
        String service;
        Port p = endpoint.port();
        if ((flags & NameInfo.NI_NUMERICSERV) != 0) {
            service = Integer.toString(p.number());
        } else {
            Protocol proto = (flags & NameInfo.NI_DGRAM) != 0 ? Protocol.UDP : Protocol.TCP;
            service = ServiceTable.byPort(p, proto).orElse(Integer.toString(p.number()));
        }
        return new NameInfo(host, service);
    }
}
