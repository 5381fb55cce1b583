package dev.sockets.internal.io;

import dev.sockets.Domain;
import dev.sockets.Endpoint;
import dev.sockets.SocketError;
import dev.sockets.SocketError.Op;
import dev.sockets.UdpSocket;
import dev.sockets.internal.errors.Errors;
import dev.sockets.internal.settings.Setting;
import dev.sockets.internal.settings.Settings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The only place that opens UDP sockets, as {@link Tcp} is for TCP: {@link #bind}, {@link #connect}
 * and the one-off {@link #sendto} of {@code UdpSpec}, from the spec's settings.
 */
public final class UdpOpener {
    private UdpOpener() {
    }

    /** A socket bound to {@code local}, as {@code UdpSpec.bind}. */
    public static UdpSocket bind(Settings settings, Endpoint local) {
        Domain family = settings.get(Setting.FAMILY);
        InetSocketAddress a = Udp.address(local.host(), local.port().number(), family, Op.BIND);
        DatagramChannel ch = open(settings, a, Op.BIND, local, null);
        try {
            ch.bind(a);
        } catch (IOException e) {
            Udp.closeQuietly(ch);
            throw Errors.mapDatagram(Op.BIND, local, null, e, settings.timeout(), Udp.broadcast(settings));
        }
        return new RealUdpSocket(ch, settings, null);
    }

    /** A socket with a default peer, as {@code UdpSpec.connect}: nothing is sent. */
    public static UdpSocket connect(Settings settings, Endpoint peer) {
        if (Udp.isLimitedBroadcast(peer.host()) && !Udp.broadcast(settings)) {
            throw Errors.broadcastRefused(Op.CONNECT, null, peer, null);
        }
        Domain family = settings.get(Setting.FAMILY);
        InetSocketAddress a = Udp.address(peer.host(), peer.port().number(), family, Op.CONNECT);
        DatagramChannel ch = open(settings, a, Op.CONNECT, null, peer);
        try {
            ch.connect(a);
        } catch (IOException e) {
            Udp.closeQuietly(ch);
            throw Errors.mapDatagram(Op.CONNECT, null, peer, e, settings.timeout(), Udp.broadcast(settings));
        }
        return new RealUdpSocket(ch, settings, peer);
    }

    /** One datagram from a fresh socket on an ephemeral port, closed after, as {@code UdpSpec.sendto}. */
    public static void sendto(Settings settings, byte[] data, Endpoint to) {
        if (Udp.isLimitedBroadcast(to.host()) && !Udp.broadcast(settings)) {
            throw Errors.broadcastRefused(Op.SENDTO, null, to, null);
        }
        Domain family = settings.get(Setting.FAMILY);
        InetSocketAddress a = Udp.address(to.host(), to.port().number(), family, Op.SENDTO);
        Udp.checkSize(data.length, Udp.family(family, a), Op.SENDTO, null, to);
        DatagramChannel ch = open(settings, a, Op.SENDTO, null, to);
        try (ch) {
            ch.send(ByteBuffer.wrap(data), a);
            var w = settings.wiretap();
            if (w != null) {
                var tap = w.open("open udp sendto", Inet.endpoint((InetSocketAddress) ch.getLocalAddress()), null);
                tap.sentTo(data, 0, data.length, to);
                tap.close();
            }
        } catch (IOException e) {
            throw Errors.sendFailed(e, null, to, a, settings.get(Setting.MULTICAST_INTERFACE), Udp.broadcast(settings));
        }
    }

    private static DatagramChannel open(Settings settings, InetSocketAddress a, Op op, Endpoint local, Endpoint remote) {
        Domain family = settings.get(Setting.FAMILY);
        DatagramChannel ch;
        try {
            ch = DatagramChannel.open(Udp.family(family, a));
        } catch (IOException e) {
            throw Errors.mapDatagram(op, local, remote, e, settings.timeout(), Udp.broadcast(settings));
        }
        try {
            for (var o : settings.options().entrySet()) {
                set(ch, o.getKey(), o.getValue());
            }
        } catch (IOException e) {
            Udp.closeQuietly(ch);
            throw Errors.mapDatagram(op, local, remote, e, settings.timeout(), Udp.broadcast(settings));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            Udp.closeQuietly(ch);
            throw Errors.of(SocketError.Kind.UNSUPPORTED, op).local(local).remote(remote).because("this "
                    + Udp.family(family, a) + " datagram socket refuses an option (" + e.getMessage() + ")", "drop it from the spec").error();
        }
        return ch;
    }

    @SuppressWarnings("unchecked")
    private static <T> void set(DatagramChannel ch, SocketOption<T> option, Object value) throws IOException {
        ch.setOption(option, (T) value);
    }
}
