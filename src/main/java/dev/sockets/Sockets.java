package dev.sockets;

import dev.sockets.internal.io.Unix;
import java.util.List;
import java.util.Objects;

/**
 * The front door: every socket starts here, and so do the name services.
 *
 * <pre>{@code
 * import dev.sockets.*;
 *
 * var server = Sockets.tcp().bind("127.0.0.1", 0).listen(5)
 *                     .onAccept(c -> c.send("hi").close());
 * try (var c = Sockets.tcp().connect("127.0.0.1", server.port())) {
 *     System.out.println(c.recv(1024));   // b'hi'
 * }
 * Sockets.gethostname();                  // "myhost"
 * Sockets.getaddrinfo("localhost", "www"); // [(2, 1, 6, '', ('127.0.0.1', 80)), ...]
 * Sockets.gethostbyname_ex("localhost");  // ('localhost', [], ['127.0.0.1'])
 * Sockets.if_nameindex();                 // [(1, 'lo'), (2, 'eth0')]
 * }</pre>
 */
public final class Sockets {
    private Sockets() {
    }

    /**
     * The TCP spec with every setting at its default: where TCP clients and servers start.
     * Nothing is opened until {@code connect} or {@code listen}.
     *
     * <pre>{@code
     * Sockets.tcp()                                     // TcpSpec[]
     * Sockets.tcp().connect("127.0.0.1", 12345)         // a Connection
     * Sockets.tcp().bind("", 12345).listen(5)           // a Listener
     * }</pre>
     */
    public static TcpSpec tcp() {
        return TcpSpec.defaults();
    }

    /**
     * The TLS spec with every setting at its default: TCP with TLS on top, TLS 1.3 and 1.2, the
     * server's certificate checked against the JDK's trust store and the host name. Every
     * setting of {@link #tcp()} is there too.
     *
     * <pre>{@code
     * var c = Sockets.tls().connect("example.com", 443);
     * var c = Sockets.tls().trust(Path.of("ca.pem")).connect("localhost", 8443);
     * var server = Sockets.tls().certificate(Path.of("cert.pem"), Path.of("key.pem"))
     *                    .bind("127.0.0.1", 8443).onAccept(c -> c.sendLine("hi"));
     * }</pre>
     */
    public static TlsSpec tls() {
        return TlsSpec.defaults();
    }

    /**
     * The tutorial's {@code socket.socket(family, type)}: the spec those words make.
     *
     * <pre>{@code
     * Sockets.socket(Domain.AF_INET, Type.SOCK_STREAM)    // TcpSpec[family=INET]: tcp().family(INET)
     * Sockets.socket(Domain.AF_INET6, Type.SOCK_DGRAM)    // UdpSpec[family=INET6]
     * Sockets.socket(Domain.AF_UNIX, Type.SOCK_STREAM)    // UnixSpec[]
     * Sockets.socket(Domain.AF_INET, Type.SOCK_STREAM).tcp().connect("127.0.0.1", 12345);
     * }</pre>
     * The family is kept: Python's {@code AF_INET} socket never reaches an IPv6 address.
     * {@link Spec#tcp()}, {@link Spec#udp()} and {@link Spec#unix()} say which kind you expect,
     * so that each kind's own verbs complete in JShell.
     *
     * @throws IllegalArgumentException for words the JVM cannot open together (Unix datagrams,
     *                                  a family other than INET, INET6 and UNIX)
     */
    public static Spec socket(Domain family, Type type) {
        return socket(family, type, Protocol.DEFAULT);
    }

    /**
     * As {@link #socket(Domain, Type)}, with the protocol: {@link Protocol#DEFAULT} (Python's 0),
     * or the one that fits the type ({@link Protocol#TCP} for STREAM, {@link Protocol#UDP} for DGRAM).
     *
     * @throws IllegalArgumentException for a protocol that does not fit the type
     */
    public static Spec socket(Domain family, Type type, Protocol protocol) {
        java.util.Objects.requireNonNull(family, "family");
        java.util.Objects.requireNonNull(type, "type");
        java.util.Objects.requireNonNull(protocol, "protocol");
        if (family == Domain.UNIX) {
            if (type == Type.DGRAM) {
                throw new IllegalArgumentException("expected type STREAM for family UNIX but was DGRAM;"
                        + " the JVM cannot open Unix datagram sockets, use Sockets.udp() on 127.0.0.1"
                        + " or Sockets.unix() streams");
            }
            if (protocol != Protocol.DEFAULT) {
                throw new IllegalArgumentException("expected protocol DEFAULT for family UNIX but was " + protocol);
            }
            return unix();
        }
        if (family != Domain.INET && family != Domain.INET6) {
            throw new IllegalArgumentException("expected family INET, INET6 or UNIX but was " + family);
        }
        if (type == Type.STREAM) {
            if (protocol != Protocol.DEFAULT && protocol != Protocol.TCP) {
                throw new IllegalArgumentException("expected protocol DEFAULT or TCP for STREAM but was " + protocol);
            }
            return tcp().family(family);
        }
        if (protocol != Protocol.DEFAULT && protocol != Protocol.UDP) {
            throw new IllegalArgumentException("expected protocol DEFAULT or UDP for DGRAM but was " + protocol);
        }
        return udp().family(family);
    }

    /** This machine's host name, as Python's {@code socket.gethostname()}. */
    public static String gethostname() {
        return dev.sockets.internal.io.NameService.hostname();
    }

    /**
     * Resolves a host to one IPv4 address, as Python's {@code socket.gethostbyname()}.
     * A literal is returned as it is, without DNS; {@code ""} is 0.0.0.0 and {@code "<broadcast>"}
     * 255.255.255.255, as in Python.
     *
     * <pre>{@code
     * Sockets.gethostbyname("localhost")   // 127.0.0.1
     * }</pre>
     *
     * @throws HostNotFound if the name does not resolve to an IPv4 address
     * @throws AddressError if the text is not a hostname, or is an IPv6 literal
     */
    public static Host gethostbyname(String host) {
        return dev.sockets.internal.io.NameService.gethostbyname(host);
    }

    /**
     * Resolves a host to its official name, its aliases and every IPv4 address, as Python's
     * {@code socket.gethostbyname_ex()}.
     *
     * <pre>{@code
     * Sockets.gethostbyname_ex("localhost")   // ('localhost', [], ['127.0.0.1'])
     * Sockets.gethostbyname_ex("127.0.0.1")   // ('127.0.0.1', [], ['127.0.0.1'])
     * }</pre>
     * The official name and the aliases are the hosts file's ({@code /etc/hosts}, or the file of
     * {@code -Djdk.net.hosts.file}) where it lists the name: {@code 127.0.1.1 db.example.com db}
     * makes {@code gethostbyname_ex("db")} {@code ('db.example.com', ['db'], ['127.0.1.1'])}, as in
     * Python. A name only DNS knows keeps the name as given and no aliases: the JDK does not pass
     * DNS's canonical name on. A literal is answered without a look-up, as {@link #gethostbyname(String)}.
     *
     * @throws HostNotFound if the name does not resolve to an IPv4 address
     * @throws AddressError if the text is not a hostname, or is an IPv6 literal
     */
    public static HostEntry gethostbyname_ex(String host) {
        return dev.sockets.internal.io.NameService.gethostbyname_ex(host);
    }

    /**
     * The name, aliases and address of an address, as Python's {@code socket.gethostbyaddr()}: a
     * reverse look-up (the hosts file, then DNS). A host name is resolved first and its first
     * address looked up.
     *
     * <pre>{@code
     * Sockets.gethostbyaddr("127.0.0.1")   // ('localhost', [], ['127.0.0.1'])
     * }</pre>
     *
     * @throws HostNotFound if the address has no name (Python's {@code herror: Unknown host}), or a host name does not resolve
     * @throws AddressError if the text is not an address or a hostname
     */
    public static HostEntry gethostbyaddr(String address) {
        return dev.sockets.internal.io.NameService.gethostbyaddr(address);
    }

    /**
     * This machine's fully qualified name, as Python's {@code socket.getfqdn()}: {@link #getfqdn(String)}
     * of {@link #gethostname()}.
     *
     * <pre>{@code
     * Sockets.getfqdn()   // "localhost" where the hosts file gives this machine's name 127.0.0.1
     * }</pre>
     */
    public static String getfqdn() {
        return getfqdn("");
    }

    /**
     * A fully qualified name for {@code name}, as Python's {@code socket.getfqdn(name)}: the first of
     * {@link #gethostbyaddr(String)}'s name and aliases that has a dot, else its name; the name itself
     * where that look-up fails (it never throws, as in Python). {@code ""}, {@code 0.0.0.0} and
     * {@code ::} mean this machine.
     *
     * <pre>{@code
     * Sockets.getfqdn("127.0.0.1")   // "localhost"
     * Sockets.getfqdn("no.such.name.invalid")   // "no.such.name.invalid", after a look-up that failed
     * }</pre>
     */
    public static String getfqdn(String name) {
        return dev.sockets.internal.io.NameService.getfqdn(java.util.Objects.requireNonNull(name, "name"));
    }

    /**
     * A protocol's number by its name in {@code /etc/protocols}, as Python's
     * {@code socket.getprotobyname()}: the name or an alias, case-sensitive as the C library reads it.
     * It knows every protocol of the file; {@link Protocol} names the ones a JVM socket opens.
     *
     * <pre>{@code
     * Sockets.getprotobyname("tcp")         // 6
     * Sockets.getprotobyname("ipv6-icmp")   // 58
     * }</pre>
     *
     * @throws AddressError if no line of the file has that name (where the file is missing, the
     *                      common protocols of Debian's are known)
     */
    public static int getprotobyname(String name) {
        return dev.sockets.internal.io.NameService.getprotobyname(name);
    }

    /**
     * Every network interface of this machine with its index, as Python's {@code socket.if_nameindex()},
     * in index order; a link that is down and has no address is listed too.
     *
     * <pre>{@code
     * Sockets.if_nameindex()   // [(1, 'lo'), (2, 'eth0')]
     * }</pre>
     */
    public static List<Interface> if_nameindex() {
        return dev.sockets.internal.io.NameService.if_nameindex();
    }

    /**
     * The index of a network interface, as Python's {@code socket.if_nametoindex()}: the number an
     * IPv6 zone stands for ({@code fe80::1%eth0} is {@code fe80::1%2} where eth0 is 2).
     *
     * <pre>{@code
     * Sockets.if_nametoindex("lo")   // 1
     * }</pre>
     *
     * @throws AddressError if no interface has that name
     */
    public static int if_nametoindex(String name) {
        return dev.sockets.internal.io.NameService.if_nametoindex(name);
    }

    /**
     * The name of a network interface by its index, as Python's {@code socket.if_indextoname()}.
     *
     * <pre>{@code
     * Sockets.if_indextoname(1)   // "lo"
     * }</pre>
     *
     * @throws IllegalArgumentException if the index is below 1
     * @throws AddressError             if no interface has that index
     */
    public static String if_indextoname(int index) {
        return dev.sockets.internal.io.NameService.if_indextoname(index);
    }

    /**
     * Whether this JVM opens IPv6 sockets, as Python's {@code socket.has_ipv6}: {@code true} unless
     * the kernel has no IPv6 or the JVM runs with {@code -Djava.net.preferIPv4Stack=true}.
     *
     * <pre>{@code
     * Sockets.hasIpv6()   // true
     * }</pre>
     * A method, not a constant: the answer is the JVM's and the kernel's now, which a constant would
     * fix by opening a socket as soon as {@code Sockets} loads; in JShell the question reads as
     * one, and Python's {@code has_ipv6} (whether Python was built with IPv6) is true where this is.
     */
    public static boolean hasIpv6() {
        return dev.sockets.internal.io.NameService.hasIpv6();
    }

    /**
     * Resolves a host and a port to every address and socket type to try, as Python's
     * {@code socket.getaddrinfo(host, port)}: one entry per address and type.
     *
     * <pre>{@code
     * Sockets.getaddrinfo("localhost", "www")      // [(2, 1, 6, '', ('127.0.0.1', 80))]
     * Sockets.getaddrinfo("127.0.0.1", "domain")   // [(2, 1, 6, '', ('127.0.0.1', 53)), (2, 2, 17, '', ('127.0.0.1', 53))]
     * }</pre>
     *
     * <h4>What comes back</h4>
     * An unmodifiable list: for each address in the resolver's order (the JDK's: IPv4 first), a
     * STREAM/TCP entry and a DGRAM/UDP entry, as Python on Linux answers, minus its SOCK_RAW
     * entries, which the JVM cannot open. A service name gives an entry only for the protocols
     * /etc/services lists it under ({@code www} is TCP only). A literal host never reaches DNS;
     * {@code ""} (or {@code null}) is the loopback addresses (::1 first, as glibc orders them), or with
     * {@link AddrInfo#AI_PASSIVE} the any addresses (0.0.0.0 first), as C answers a null host;
     * {@code "<broadcast>"} is 255.255.255.255.
     *
     * @param host a hostname in any of the tutorial's forms
     * @param port a port number or a service name ({@code "www"}); {@code null} is port 0
     * @throws HostNotFound if the name does not resolve
     * @throws AddressError if the host or the port does not parse, or the service is unknown
     */
    public static List<AddrInfo> getaddrinfo(String host, String port) {
        return getaddrinfo(host, port, null, null, Protocol.DEFAULT, 0);
    }

    /** As {@link #getaddrinfo(String, String)}, with a port number. */
    public static List<AddrInfo> getaddrinfo(String host, int port) {
        return getaddrinfo(host, Integer.toString(port), null, null, Protocol.DEFAULT, 0);
    }

    /**
     * As {@link #getaddrinfo(String, String)}, narrowed and steered as C's {@code getaddrinfo}.
     *
     * <pre>{@code
     * Sockets.getaddrinfo("", "8080", Domain.INET, Type.STREAM, Protocol.DEFAULT, AddrInfo.AI_PASSIVE)
     * // [(2, 1, 6, '', ('0.0.0.0', 8080))]
     * Sockets.getaddrinfo("localhost", "80", null, null, Protocol.DEFAULT, AddrInfo.AI_CANONNAME)
     * // [(2, 1, 6, 'localhost', ('127.0.0.1', 80)), (2, 2, 17, '', ('127.0.0.1', 80))]
     * }</pre>
     *
     * @param family   only this family, or {@code null} for any (Python's {@code AF_UNSPEC})
     * @param type     only this type, or {@code null} for any
     * @param protocol only this protocol, or {@link Protocol#DEFAULT} ({@code null} counts as DEFAULT)
     * @param flags    {@link AddrInfo#AI_PASSIVE}, {@link AddrInfo#AI_CANONNAME} (the first entry carries
     *                 the hosts file's official name, else the name as given, or the literal: the JDK
     *                 does not expose DNS's canonical name),
     *                 {@link AddrInfo#AI_NUMERICHOST}, {@link AddrInfo#AI_NUMERICSERV}, or'ed
     * @throws IllegalArgumentException for unknown flags, or the family UNIX
     * @throws AddressError if the protocol does not fit the type, a literal is of the other family,
     *                      or a flag forbids the name given
     * @throws HostNotFound if the name does not resolve (to an address of that family)
     */
    public static List<AddrInfo> getaddrinfo(String host, String port, Domain family, Type type,
                                             Protocol protocol, int flags) {
        return dev.sockets.internal.io.NameService.getaddrinfo(host, port, family, type, protocol, flags);
    }

    /**
     * As {@link #getnameinfo(Endpoint)}, with C's flags: {@link NameInfo#NI_NUMERICHOST},
     * {@link NameInfo#NI_NUMERICSERV}, {@link NameInfo#NI_NOFQDN}, {@link NameInfo#NI_NAMEREQD},
     * {@link NameInfo#NI_DGRAM}, or'ed.
     *
     * <pre>{@code
     * Sockets.getnameinfo(Endpoint.of("127.0.0.1", 123), NameInfo.NI_DGRAM)   // ('localhost', 'ntp')
     * }</pre>
     *
     * @throws IllegalArgumentException for unknown flags
     * @throws HostNotFound if the host name does not resolve, or with {@code NI_NAMEREQD} the address has no name
     */
    public static NameInfo getnameinfo(Endpoint endpoint, int flags) {
        return dev.sockets.internal.io.NameService.getnameinfo(endpoint, flags);
    }

    /**
     * The host name and service name of an endpoint, as Python's {@code socket.getnameinfo()}:
     * {@code getnameinfo(Endpoint.of("127.0.0.1", 80))} is {@code ('localhost', 'http')}. Where the
     * address has no name, the host is the address as text; where the port has no TCP service,
     * the service is the number as text. A host name in the endpoint is resolved first.
     *
     * @throws HostNotFound if the endpoint's host name does not resolve
     */
    public static NameInfo getnameinfo(Endpoint endpoint) {
        return dev.sockets.internal.io.NameService.getnameinfo(endpoint, 0);
    }

    /**
     * The UDP spec with the OS's defaults, as Python's {@code socket(AF_INET, SOCK_DGRAM)}:
     * configure it, then {@code bind}, {@code connect} or {@code sendto}.
     *
     * <pre>{@code
     * var rx = Sockets.udp().bind("127.0.0.1", 9999);
     * Sockets.udp().sendto("hello", "127.0.0.1", 9999);
     * rx.recvfrom(1024);   // Datagram[b'hello' from 127.0.0.1:41234]
     * }</pre>
     */
    public static UdpSpec udp() {
        return UdpSpec.defaults();
    }

    /**
     * The Unix domain stream spec: servers and clients on a socket file, with the same
     * {@link Listener} and {@link Connection} as TCP.
     *
     * <pre>{@code
     * var server = Sockets.unix().bind("/tmp/app.sock").listen().onAccept(c -> c.send("hi"));
     * Sockets.unix().connect("/tmp/app.sock").recv(1024);   // b'hi'
     * }</pre>
     */
    public static UnixSpec unix() {
        return UnixSpec.defaults();
    }

    /**
     * Opens two connections joined to each other, as Python's {@code socketpair()}: a Unix
     * domain pair, made through a listener in a private (0700) temporary directory that is
     * gone when this returns; loopback TCP where the temporary directory's path is too long for a
     * Unix socket.
     *
     * <pre>{@code
     * try (var p = Sockets.socketpair()) {
     *     p.a().send("ping");
     *     p.b().recv(4);      // b'ping'
     * }
     * }</pre>
     */
    public static ConnectionPair socketpair() {
        return Unix.socketpair();
    }

    /**
     * An IPv4 address in any form C's {@code inet_aton} takes ({@code "127.1"}, {@code "0x7f.0.0.1"})
     * as its four bytes in network order, as Python's {@code inet_aton}.
     *
     * <pre>{@code
     * Sockets.inet_aton("127.1")      // b'\x7f\x00\x00\x01'
     * }</pre>
     *
     * @throws AddressError for text that is no IPv4 address in any of those forms
     */
    public static Bytes inet_aton(String text) {
        Objects.requireNonNull(text, "text");
        return Bytes.of(Host.Ipv4.parseLenient(text).getOrElseThrow(e -> e).bytes());
    }

    /**
     * Four bytes in network order as a dotted IPv4 address, as Python's {@code inet_ntoa}:
     * {@code Sockets.inet_ntoa(Bytes.of(new byte[] {127, 0, 0, 1}))} is {@code "127.0.0.1"}.
     *
     * @throws AddressError for another length than 4
     */
    public static String inet_ntoa(Bytes packed) {
        return inet_ntop(Domain.INET, packed);
    }

    /**
     * An address in its strict text form as its bytes in network order, as Python's
     * {@code inet_pton}: 4 bytes for {@link Domain#INET} ({@code "127.0.0.1"}), 16 for
     * {@link Domain#INET6} ({@code "::1"}).
     *
     * @throws AddressError for text that is no address of that family (a zone, {@code %lo}, included)
     * @throws IllegalArgumentException for another family than INET and INET6
     */
    public static Bytes inet_pton(Domain family, String text) {
        Objects.requireNonNull(text, "text");
        switch (Objects.requireNonNull(family, "family")) {
            case INET:
                return Bytes.of(Host.Ipv4.parse(text).getOrElseThrow(e -> e).bytes());
            case INET6:
                Host.Ipv6 v6 = Host.Ipv6.parse(text).getOrElseThrow(e -> e);
                if (!v6.zone().isEmpty()) {
                    throw new AddressError(text, text.indexOf('%'), "a zone, which inet_pton does not take",
                            "drop it: " + text.substring(0, text.indexOf('%')));
                }
                return Bytes.of(v6.bytes());
            default:
                throw new IllegalArgumentException("expected family INET or INET6 but was " + family);
        }
    }

    /**
     * Bytes in network order as an address's text, as Python's {@code inet_ntop}: IPv6 in its
     * shortest form ({@code ::1}).
     *
     * @throws AddressError for a length that is not the family's (4 or 16)
     * @throws IllegalArgumentException for another family than INET and INET6
     */
    public static String inet_ntop(Domain family, Bytes packed) {
        Objects.requireNonNull(packed, "packed");
        int want = switch (Objects.requireNonNull(family, "family")) {
            case INET -> 4;
            case INET6 -> 16;
            default -> throw new IllegalArgumentException("expected family INET or INET6 but was " + family);
        };
        byte[] b = packed.toByteArray();
        if (b.length != want) {
            throw new AddressError(java.util.HexFormat.of().formatHex(b), -1, b.length + " bytes, but an " + (want == 4 ? "IPv4" : "IPv6")
                    + " address is " + want, want == 4 ? "give the four bytes of an IPv4 address" : "give the sixteen bytes of an IPv6 address");
        }
        var in = java.nio.ByteBuffer.wrap(b);
        // Not through InetAddress, which turns ::ffff:1.2.3.4 into 1.2.3.4; inet_ntop keeps the family.
        if (want == 4) {
            return new Host.Ipv4(in.getInt()).text();
        }
        long high = in.getLong();
        long low = in.getLong();
        if (high == 0 && (low >>> 32) == 0 && (low & 0xFFFF_0000L) != 0) {
            // The C library prints the old IPv4-compatible form (zeros, then four bytes) in dotted notation.
            return "::" + new Host.Ipv4((int) low).text();
        }
        return new Host.Ipv6(high, low, "").text();
    }

    /**
     * What a host text means, as a short report: its kind and the form the library writes it in;
     * how C's {@code inet_aton}, Python's {@code ipaddress} and Java's {@code InetAddress} read it
     * where they differ; the special ranges it falls in (loopback, private, link-local, multicast
     * and its scope, documentation, ...); for a name, what it resolves to within 2 s; which
     * interfaces of this machine hold the address.
     *
     * <pre>{@code
     * Sockets.explain("010.0.0.1")    // C reads 8.0.0.1, Java 10.0.0.1, the library refuses it
     * Sockets.explain("fe80::1%lo")   // link-local, with a zone naming the interface lo
     * Sockets.explain("localhost")    // resolves to 127.0.0.1: loopback
     * }</pre>
     * Never throws for a text: what the library refuses is explained, not thrown. Java's reading
     * is asked of the JDK only for text it takes as a literal; a name is resolved only through the
     * library's resolver, as {@code connect} would.
     */
    public static Explanation explain(String host) {
        return dev.sockets.internal.io.Explainer.explain(host);
    }

    /**
     * As {@link #explain(String)}, with a port: the TCP and UDP service names of the port (or the
     * port of a service name), and whether binding it needs privilege here
     * ({@code net.ipv4.ip_unprivileged_port_start}; root may bind any).
     *
     * <pre>{@code
     * Sockets.explain("localhost", "www")   // ... service www is port 80 for TCP only ...
     * }</pre>
     */
    public static Explanation explain(String host, String port) {
        return dev.sockets.internal.io.Explainer.explain(host, port);
    }

    /** As {@link #explain(String, String)}, with a port number. */
    public static Explanation explain(String host, int port) {
        return dev.sockets.internal.io.Explainer.explain(host, Integer.toString(port));
    }

    // ---- the sockets of this JVM ----

    /**
     * The sockets the library opened in this JVM and has not closed, oldest first: servers,
     * listeners, connections (from {@code connect} and {@code accept}, and those an
     * {@code onAccept} or {@code onReceive} server serves), UDP and Unix sockets, each with its
     * kind, addresses, age and bytes in and out. It prints as a table:
     *
     * <pre>{@code
     * jshell> Sockets.open()
     * $5 ==> 2 open sockets:
     * KIND            LOCAL            REMOTE           AGE    IN  OUT
     * tcp server      127.0.0.1:40123  -                3 min   -    -
     * tcp connection  127.0.0.1:41234  127.0.0.1:40123  12 s    2    5
     * }</pre>
     *
     * A listener or UDP socket that a server took over ({@code onAccept}, {@code onReceive},
     * {@code onDatagram}) is listed as that server. A handle leaves the list when it closes. A
     * handle the program lost stays open, and listed, until it is closed: the list holds it, so
     * that {@link #closeAll()} can close it (the JDK would close it only if a garbage collection
     * found it).
     */
    public static OpenSockets open() {
        return dev.sockets.internal.registry.Registry.snapshot();
    }

    /**
     * Closes every socket {@link #open()} lists: servers first (each lets its handlers finish
     * within {@link Server#DEFAULT_GRACE}, then closes its connections), then listeners, then
     * connections and UDP sockets. A close that fails does not stop the others: it is reported
     * in what this returns, never thrown.
     *
     * <pre>{@code
     * jshell> Sockets.closeAll()
     * $6 ==> closed 2 sockets
     * }</pre>
     */
    public static OpenSockets.Closed closeAll() {
        return dev.sockets.internal.registry.Registry.closeAll();
    }

    // ------------------------------------------------------------------ a fault proxy for tests

    /**
     * A fault proxy to {@code host:port}, for testing a client against a bad network: its
     * {@link ProxySpec#bind(String, int) bind} opens a {@link Proxy} that relays every connection
     * there, with delays, a bandwidth, cut writes, resets, closes, a black hole or refusals
     * switched on and off while it runs. Nothing is opened here.
     *
     * <pre>{@code
     * var proxy = Sockets.proxy("127.0.0.1", 8080).bind("127.0.0.1", 0);
     * proxy.delay(Duration.ofMillis(100)).chunk(10);   // slow, and cut into pieces of up to 10 bytes
     * }</pre>
     *
     * @throws AddressError if the host or port does not parse
     */
    public static ProxySpec proxy(String host, int port) {
        return new ProxySpec(Endpoint.of(host, port));
    }

    /**
     * A fault proxy to {@code target}: an {@link Endpoint}, or a {@link UnixAddress} for a Unix
     * domain server ({@code Sockets.proxy(UnixAddress.of("/tmp/app.sock"))}). The proxy itself
     * listens on TCP.
     */
    public static ProxySpec proxy(Address target) {
        return new ProxySpec(java.util.Objects.requireNonNull(target, "target"));
    }

    // ---------------------------------------------------------------- help, as Python's

    /**
     * Prints what {@code what} offers, as Python's {@code help(x)}: each public method with its
     * signature and the first sentence of its documentation. {@code what} is a spec, a handle
     * (a {@code Connection}, {@code Listener}, {@code Server}, {@code UdpSocket}, ...), any value
     * of the library, a class, or a method or type name as text. In JShell, where Shift-Tab shows
     * no documentation for a library, this is the documentation at hand; the launcher
     * ({@code jshell-scripts/sockets}) imports it, so {@code help(...)} is a bare call there.
     *
     * <pre>{@code
     * help(Sockets.tcp())      // TcpSpec: ... Duration timeout() ... TcpSpec timeout(Duration timeout) ...
     * help(c)                  // what a Connection offers: recv, readLine, send, ...
     * help(Bytes.class)        // a type
     * help("recvfrom")         // every method of that name
     * }</pre>
     */
    public static void help(Object what) {
        System.out.print(dev.sockets.internal.words.Help.of(what));
    }

    /** Prints a one-screen map of the library: where to start, the main verbs, and how to leave a call that waits. */
    public static void help() {
        System.out.print(dev.sockets.internal.words.Help.map());
    }
}
