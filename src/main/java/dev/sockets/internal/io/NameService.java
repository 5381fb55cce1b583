package dev.sockets.internal.io;

import dev.sockets.AddrInfo;
import dev.sockets.AddressError;
import dev.sockets.Domain;
import dev.sockets.Endpoint;
import dev.sockets.Host;
import dev.sockets.NameInfo;
import dev.sockets.Port;
import dev.sockets.Protocol;
import dev.sockets.SocketError;
import dev.sockets.SocketError.Op;
import dev.sockets.Type;
import dev.sockets.internal.errors.Errors;
import dev.sockets.internal.words.PortParser;
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
            // reverse resolver could reach DNS and answer another name; so the name as given
            // (or the literal), which is what glibc answers for /etc/hosts names and literals.
            canon = h.isLiteral() ? Inet.host(addresses.get(0)).text() : h.text();
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
            // DEV-NOTE: IPv4 first, as the JDK orders a name's addresses by default
            // (java.net.preferIPv6Addresses=false); glibc may put :: or ::1 first.
            if (family != Domain.INET6) {
                out.add(Inet.literal(passive ? h : Host.loopback(), Domain.INET));
            }
            if (family != Domain.INET) {
                out.add(Inet.literal(passive ? h : Host.of("::1"), Domain.INET6));
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
        String literal = Inet.host(a).text();
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
