package dev.sockets.internal.io;

import dev.sockets.AddressError;
import dev.sockets.Domain;
import dev.sockets.Endpoint;
import dev.sockets.Host;
import dev.sockets.Port;
import dev.sockets.Protocol;
import dev.sockets.SocketError;
import dev.sockets.SocketError.Op;
import dev.sockets.internal.errors.Errors;
import dev.sockets.internal.settings.Setting;
import dev.sockets.internal.settings.Settings;
import dev.sockets.internal.words.PortParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Datagram plumbing shared by the UDP spec, {@link UdpOpener} and the socket: look-ups, limits, checks. */
public final class Udp {
    private Udp() {
    }

    /** The largest UDP payload over IPv4: 65,535 less the IPv4 (20) and UDP (8) headers. */
    public static final int MAX_IPV4 = 65_507;
    /** The largest UDP payload over IPv6 without jumbograms: 65,535 less the UDP header (8). */
    public static final int MAX_IPV6 = 65_527;

    private static volatile Set<SocketOption<?>> supported;

    /** The options a datagram channel of this JDK supports, read once from a channel that is opened and closed. */
    public static Set<SocketOption<?>> supportedOptions() {
        Set<SocketOption<?>> s = supported;
        if (s == null) {
            try (var ch = DatagramChannel.open(StandardProtocolFamily.INET)) {
                s = Set.copyOf(ch.supportedOptions());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open a datagram channel to list its options", e);
            }
            supported = s;
        }
        return s;
    }

    /** Refuses an option datagram sockets do not have: a programming error, as a wrong type would be. */
    public static void checkSupported(SocketOption<?> option) {
        if (!supportedOptions().contains(option)) {
            throw new IllegalArgumentException("expected an option UDP sockets support " + supportedOptions()
                    + " but was " + option.name());
        }
    }

    /** A UDP port from text: a number, or a UDP service name ({@code "domain"} is 53). */
    public static Port port(String text) {
        return PortParser.parse(text, Protocol.UDP).getOrElseThrow(e ->
                new AddressError(e.input(), e.position(), e.reason(), e.hint()));
    }

    /** True for 255.255.255.255, written either way: {@code "<broadcast>"} or the literal. */
    public static boolean isLimitedBroadcast(Host h) {
        return h instanceof Host.Broadcast || (h instanceof Host.Ipv4 v && v.bits() == -1);
    }

    /**
     * The address a socket of this family (or, when {@code null}, of the host's own family)
     * uses for a host: literals without DNS; a name resolved, IPv4 first when no family is set,
     * as Python's AF_INET default.
     */
    public static InetSocketAddress address(Host host, int port, Domain family, Op op) {
        InetAddress ia;
        if (host.isLiteral()) {
            Domain f = family != null ? family : host instanceof Host.Ipv6 ? Domain.INET6 : Domain.INET;
            ia = Inet.literal(host, f);
        } else {
            List<InetAddress> all = Inet.resolve(host, family, op);
            ia = all.stream().filter(a -> a instanceof Inet4Address).findFirst().orElse(all.get(0));
        }
        return new InetSocketAddress(ia, port);
    }

    /** The family to open a channel with: the spec's, or the one the address belongs to. */
    public static StandardProtocolFamily family(Domain family, InetSocketAddress a) {
        if (family == Domain.INET6 || (family == null && a.getAddress() instanceof Inet6Address)) {
            return StandardProtocolFamily.INET6;
        }
        return StandardProtocolFamily.INET;
    }

    /**
     * The network interface named {@code nameOrAddress} ({@code "lo"}) or holding that address
     * ({@code "127.0.0.1"}).
     *
     * @throws IllegalArgumentException if this machine has none, listing the ones it has
     */
    public static NetworkInterface networkInterface(String nameOrAddress) {
        java.util.Objects.requireNonNull(nameOrAddress, "interface");
        try {
            NetworkInterface nif = NetworkInterface.getByName(nameOrAddress);
            if (nif == null) {
                var h = Host.parse(nameOrAddress);
                if (h.isRight() && h.get().isLiteral() && !(h.get() instanceof Host.Any)) {
                    nif = NetworkInterface.getByInetAddress(Inet.literal(h.get(), null));
                }
            }
            if (nif == null) {
                String names = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                        .map(NetworkInterface::getName).sorted().collect(Collectors.joining(", "));
                throw new AddressError(nameOrAddress, -1, "no network interface of this machine has this name or address",
                        "use one of " + names);
            }
            return nif;
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot list the network interfaces", e);
        }
    }

    /** Closes a channel that failed to bind or connect: nothing is left to report. */
    public static void closeQuietly(DatagramChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // Closing a datagram channel that failed to bind or connect: nothing left to report.
        }
    }

    /**
     * Refuses a datagram longer than UDP carries over {@code family}.
     *
     * @throws SocketError of kind {@code MESSAGE_TOO_LONG}, naming the limit, as Python's {@code OSError: Message too long}
     */
    public static void checkSize(int length, StandardProtocolFamily family, Op op, Endpoint local, Endpoint remote) {
        checkSize(length, family == StandardProtocolFamily.INET6 ? MAX_IPV6 : MAX_IPV4, op, local, remote);
    }

    /** Refuses a datagram longer than {@code max} bytes: a size the network refuses, so a {@link SocketError}. */
    public static void checkSize(int length, int max, Op op, Endpoint local, Endpoint remote) {
        if (length > max) {
            throw Errors.of(SocketError.Kind.MESSAGE_TOO_LONG, op).local(local).remote(remote).errno(Errors.Errno.EMSGSIZE)
                    .because("message too long (" + length + " bytes; the UDP limit over "
                            + (max == MAX_IPV6 ? "IPv6" : "IPv4") + " is " + max + ")",
                            "send at most " + max + " bytes in one datagram, or use TCP").error();
        }
    }

    /** True when the settings allow sending to a broadcast address. */
    public static boolean broadcast(Settings settings) {
        return Boolean.TRUE.equals(settings.get(Setting.BROADCAST));
    }
}
