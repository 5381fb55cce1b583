package dev.sockets.internal.io;

import dev.sockets.AddressError;
import dev.sockets.Domain;
import dev.sockets.Endpoint;
import dev.sockets.Host;
import dev.sockets.HostNotFound;
import dev.sockets.Port;
import dev.sockets.SocketError;
import dev.sockets.SocketError.Op;
import dev.sockets.internal.errors.Errors;
import dev.sockets.internal.words.Bits;
import dev.sockets.internal.words.Ipv6Parser;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.UnknownHostException;
import java.nio.channels.NetworkChannel;
import java.util.ArrayList;
import java.util.List;

/** Conversions between our address words and java.net's, and name resolution for sockets. */
public final class Inet {
    private Inet() {
    }

    /**
     * The JDK address of a literal host. The any address is 0.0.0.0, or :: when the family is INET6.
     *
     * @throws IllegalArgumentException for a host name (resolve it instead)
     * @throws AddressError for an IPv6 zone that names no interface of this machine
     */
    public static InetAddress literal(Host host, Domain family) {
        try {
            if (host instanceof Host.Any) {
                return family == Domain.INET6 ? InetAddress.getByAddress(new byte[16])
                        : InetAddress.getByAddress(new byte[4]);
            }
            if (host instanceof Host.Broadcast) {
                return InetAddress.getByAddress(new byte[] {-1, -1, -1, -1});
            }
            if (host instanceof Host.Ipv4 v4) {
                return InetAddress.getByAddress(v4.bytes());
            }
            if (host instanceof Host.Ipv6 v6) {
                return ipv6(v6);
            }
        } catch (UnknownHostException e) {
            throw new AssertionError("a literal's bytes have a legal length", e);
        }
        throw new IllegalArgumentException("expected a literal host but was the name " + host.text());
    }

    private static InetAddress ipv6(Host.Ipv6 v6) throws UnknownHostException {
        byte[] b = v6.bytes();
        String zone = v6.zone();
        if (zone.isEmpty()) {
            // getByAddress would hand back an Inet4Address for a mapped address; keep it IPv6.
            return Inet6Address.getByAddress(null, b, -1);
        }
        int index = Ipv6Parser.zoneIndex(zone);
        if (index > 0) {
            return Inet6Address.getByAddress(null, b, index);
        }
        try {
            NetworkInterface nif = NetworkInterface.getByName(zone);
            if (nif == null) {
                throw new AddressError(v6.text(), v6.text().indexOf('%') + 1,
                        "no network interface named " + zone + " on this machine",
                        "list them with `ip link`, or give the zone as a number");
            }
            try {
                return Inet6Address.getByAddress(null, b, nif);
            } catch (UnknownHostException e) {
                // The JDK wants the interface to have an address of the same scope (lo has no
                // link-local one); the kernel takes the index all the same, so give it that.
                return Inet6Address.getByAddress(null, b, nif.getIndex());
            }
        } catch (SocketException e) {
            throw new AddressError(v6.text(), -1, "cannot read the network interfaces: " + e.getMessage(), "");
        }
    }

    /**
     * Looks names up: the JDK's resolver ({@code /etc/hosts}, then DNS, as the OS is set up),
     * replaceable so that tests can answer "not found" without a packet leaving the machine.
     */
    public interface Resolver {
        /** Every address of a name, in the resolver's order. */
        InetAddress[] lookup(String name) throws UnknownHostException;

        /** The name of an address, or its literal text where it has none. */
        String reverse(InetAddress address);
    }

    /** The JDK's own resolver. */
    public static final Resolver JDK = new Resolver() {
        @Override
        public InetAddress[] lookup(String name) throws UnknownHostException {
            try {
                return InetAddress.getAllByName(name);
            } catch (UnknownHostException e) {
                throw FailedLookups.explained(name, e);
            }
        }

        @Override
        public String reverse(InetAddress address) {
            // An address the JDK resolved from a name keeps that name and answers it without a
            // reverse look-up; C's gethostbyaddr asks, so ask for the bare address.
            try {
                InetAddress bare = address instanceof Inet6Address v6
                        ? Inet6Address.getByAddress(null, v6.getAddress(), v6.getScopeId())
                        : InetAddress.getByAddress(address.getAddress());
                return bare.getHostName();
            } catch (UnknownHostException e) {
                throw new AssertionError("an address's own bytes have a legal length", e);
            }
        }

        @Override
        public String toString() {
            return "the JDK's resolver";
        }
    };

    /**
     * The resolver's words for the last names that failed, so that a failure the JDK repeats from
     * its cache still says why.
     * DEV-NOTE: the JDK keeps a failed look-up for networkaddress.cache.negative.ttl (10 s) and
     * answers it again with an UnknownHostException whose message is the bare name, without
     * gai_strerror's words (JDK 17 and 25 alike); a retry loop would then lose "Temporary failure
     * in name resolution" and get the wrong hint.
     */
    public static final class FailedLookups {
        private FailedLookups() {
        }

        private static final int KEPT = 64;
        private static final java.util.Map<String, String> WORDS = java.util.Collections.synchronizedMap(
                new java.util.LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(java.util.Map.Entry<String, String> eldest) {
                        return size() > KEPT;
                    }
                });

        /**
         * The exception to throw for a failed look-up of {@code name}: the JDK's own where it says
         * why (remembering the words), else one with the words last seen for that name, the JDK's
         * as its cause; the JDK's own where none were seen.
         */
        public static UnknownHostException explained(String name, UnknownHostException e) {
            String m = e.getMessage();
            String prefix = name + ": ";
            if (m != null && m.startsWith(prefix) && m.length() > prefix.length()) {
                WORDS.put(name, m.substring(prefix.length()));
                return e;
            }
            String words = name.equals(m) ? WORDS.get(name) : null;
            if (words == null) {
                return e;
            }
            var again = new UnknownHostException(prefix + words);
            again.initCause(e);
            return again;
        }
    }

    private static volatile Resolver resolver = JDK;

    /** The resolver in use. */
    public static Resolver resolver() {
        return resolver;
    }

    /**
     * Replaces the resolver (for tests), returning the one it replaced so it can be put back.
     * Every look-up of the library goes through it: getaddrinfo, gethostbyname, connect, bind.
     */
    public static Resolver useResolver(Resolver r) {
        Resolver old = resolver;
        resolver = java.util.Objects.requireNonNull(r, "resolver");
        return old;
    }

    /**
     * Every address of a host, in the resolver's order, narrowed to a family when one is given.
     * Literals never reach DNS. A family of {@code null} or {@code UNIX} means any.
     *
     * @param operation what the caller is doing, for the error message
     * @throws HostNotFound if a name resolves to nothing (of that family)
     */
    public static List<InetAddress> resolve(Host host, Domain family, Op operation) {
        if (host.isLiteral()) {
            return List.of(literal(host, family));
        }
        String name = host.text();
        InetAddress[] all;
        try {
            all = resolver.lookup(name);
        } catch (UnknownHostException e) {
            throw Errors.map(operation, name, e);
        }
        var out = new ArrayList<InetAddress>(all.length);
        for (InetAddress a : all) {
            if (family == null || family == Domain.UNIX || (family == Domain.INET) == (a instanceof Inet4Address)) {
                out.add(a);
            }
        }
        if (out.isEmpty()) {
            String other = family == Domain.INET ? "INET6" : "INET";
            // EAI_NODATA's meaning: the name is known, without an address of the family asked for.
            throw Errors.of(SocketError.Kind.HOST_NOT_FOUND, operation).at(name).gai(HostNotFound.EAI_NODATA)
                    .because("host has no " + family + " address"
                    + (all.length > 0 ? ", only " + other + " ones" : ""), all.length > 0 ? "ask for family " + other + " or null" : "").error();
        }
        return out;
    }

    /** The family of a JDK address: INET or INET6. */
    public static Domain family(InetAddress a) {
        return a instanceof Inet4Address ? Domain.INET : Domain.INET6;
    }

    /** Our endpoint for a JDK socket address (already resolved). */
    public static Endpoint endpoint(InetSocketAddress a) {
        InetAddress ia = a.getAddress();
        Host h = ia == null ? Host.of(a.getHostString()) : host(ia);
        return new Endpoint(h, Port.of(a.getPort()));
    }

    /** Our host for a JDK address, keeping an IPv6 scope as the zone. */
    public static Host host(InetAddress ia) {
        if (ia instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            String zone = "";
            if (v6.getScopedInterface() != null) {
                zone = v6.getScopedInterface().getName();
            } else if (v6.getScopeId() != 0) {
                zone = Integer.toString(v6.getScopeId());
            }
            return new Host.Ipv6(Bits.longAt(b, 0), Bits.longAt(b, 8), zone);
        }
        return Host.of(ia.getAddress());
    }

    /** Rethrows an unexpected checked exception in a closure as unchecked, for internal plumbing. */
    static RuntimeException unchecked(IOException e) {
        return new java.io.UncheckedIOException(e);
    }

    /** Sets an option whose value was checked against its type when the spec took it. */
    @SuppressWarnings("unchecked")
    public static <T> void setOption(NetworkChannel ch, SocketOption<T> option, Object value) throws IOException {
        ch.setOption(option, (T) value);
    }
}
