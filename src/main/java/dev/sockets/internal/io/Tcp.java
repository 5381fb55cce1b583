package dev.sockets.internal.io;

import dev.sockets.AddressError;
import dev.sockets.Connection;
import dev.sockets.Domain;
import dev.sockets.Endpoint;
import dev.sockets.Host;
import dev.sockets.Listener;
import dev.sockets.Receiver;
import dev.sockets.Server;
import dev.sockets.SocketError;
import dev.sockets.internal.errors.Errors;
import dev.sockets.SocketError.Op;
import dev.sockets.internal.server.RealServer;
import dev.sockets.internal.server.RealPeer;
import dev.sockets.internal.server.ReceiveLoop;
import dev.sockets.internal.settings.Setting;
import dev.sockets.internal.settings.Settings;
import dev.sockets.internal.time.Deadlines;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Opens TCP sockets for a spec: the only place that touches the OS for TCP. */
public final class Tcp {
    private Tcp() {
    }

    // Options that matter on the listening socket itself; the rest go to each accepted socket.
    private static final Set<SocketOption<?>> LISTENING = Set.of(StandardSocketOptions.SO_REUSEADDR,
            StandardSocketOptions.SO_REUSEPORT, StandardSocketOptions.SO_RCVBUF);

    private static volatile Set<SocketOption<?>> streamOptions;

    public static Connection connect(Settings spec, Endpoint local, Endpoint remote) {
        if (Udp.isLimitedBroadcast(remote.host())) {
            // Linux answers ENETUNREACH; refused before any system call, as UDP refuses it without broadcast(true).
            throw Errors.of(SocketError.Kind.UNREACHABLE, Op.CONNECT).local(local).remote(remote).errno(Errors.Errno.ENETUNREACH)
                    .because("TCP cannot connect to the broadcast address", "broadcast is for datagrams:"
                            + " Sockets.udp().broadcast(true).sendto(data, \"<broadcast>\", port)").error();
        }
        long start = System.nanoTime();
        List<InetAddress> addresses = Inet.resolve(remote.host(), spec.family().orElse(null), Op.CONNECT);
        return connect(spec, local, remote, addresses, start);
    }

    /** Tries each address in order, all within one connect timeout counted from {@code start}. */
    public static Connection connect(Settings spec, Endpoint local, Endpoint remote, List<InetAddress> addresses, long start) {
        Duration limit = spec.connectTimeout();
        long deadline = start + limit.toNanos();
        InetSocketAddress from = local == null ? null : localAddress(spec, local);
        List<String> failures = new ArrayList<>();
        SocketError first = null;
        for (InetAddress a : addresses) {
            Endpoint target = new Endpoint(Inet.host(a), remote.port());
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                failures.add(target.text() + ": not tried, the connect timeout had passed");
                if (first == null) {
                    first = Errors.map(Op.CONNECT, local, target, new java.net.SocketTimeoutException("connect timed out"), limit);
                }
                continue;
            }
            // NO_PROXY: a plain socket, as Python's; new Socket() wraps it in a SOCKS layer that asks
            // the ProxySelector (a URI built and parsed) on every connect (setup rate).
            Socket s = new Socket(java.net.Proxy.NO_PROXY);
            try {
                apply(s, spec.options(), Op.CONNECT, local, target);
                if (from != null) {
                    try {
                        s.bind(from);
                    } catch (IOException e) {
                        throw Errors.map(Op.BIND, local, target, e, null);
                    }
                }
                // Untimed, watched: a timed connect would leave the socket non-blocking for good (BENCHMARKS.md, "Connection setup rate").
                // The deadline fires at or after the attempt's end, never before: an attempt that
                // times out ends at the connect timeout, not a moment before it with a last
                // attempt of the next address to follow.
                var timer = Deadlines.after(left, () -> close(s));
                IOException failed = null;
                try {
                    s.connect(new InetSocketAddress(a, remote.port().number()));
                } catch (IOException e) {
                    failed = e;
                }
                if (!timer.cancel()) {
                    var timedOut = new java.net.SocketTimeoutException("connect timed out");
                    if (failed != null) {
                        timedOut.addSuppressed(failed);
                    }
                    throw timedOut;
                }
                if (failed != null) {
                    throw failed;
                }
                s.setSoTimeout(Transport.millis(spec.timeout()));
                var c = new RealConnection(new TcpTransport(s), spec.charset(), spec.maxLineLength(), spec.timeout(),
                        spec.busyPoll()).connectedTo(remote.host()).tapped(spec.wiretap(), "connect");
                c.maxExpect(spec.maxExpectBuffer());
                return spec.writeTimeout().isZero() ? c : c.writeTimeout(spec.writeTimeout());
            } catch (IOException e) {
                close(s);
                SocketError err = Errors.map(Op.CONNECT, local, target, e, limit);
                failures.add(target.text() + ": " + err.reason());
                if (first == null) {
                    first = err;
                }
            } catch (RuntimeException e) {
                close(s);
                throw e;
            }
        }
        if (addresses.size() == 1) {
            throw first;
        }
        throw Errors.about(first, remote.text(), "every address failed (" + String.join(", ", failures) + ")", first.hint());
    }

    public static Listener listen(Settings spec, Endpoint local, int backlog) {
        return listen(spec, local, backlog, null);
    }

    /** As {@link #listen(Settings, Endpoint, int, java.util.function.UnaryOperator, RealPeer.Maker)}, onReceive refused on a layer. */
    public static Listener listen(Settings spec, Endpoint local, int backlog,
                                  java.util.function.UnaryOperator<Acceptor> layer) {
        return listen(spec, local, backlog, layer, null);
    }

    /**
     * As {@link #listen(Settings, Endpoint, int)}, with {@code layer} over the acceptor (TLS: each
     * accepted socket wrapped before it is handed out), or none for null; {@code loopPeers} makes
     * the event loops' peers of the same layer when {@code onReceive} serves it (TLS: peers that
     * drive a {@code TlsSession}), or null to refuse {@code onReceive} on a layered listener.
     */
    public static Listener listen(Settings spec, Endpoint local, int backlog,
                                  java.util.function.UnaryOperator<Acceptor> layer, RealPeer.Maker loopPeers) {
        InetSocketAddress at = localAddress(spec, local);
        ServerSocket ss;
        try {
            ss = new ServerSocket();
        } catch (IOException e) {
            throw Errors.map(Op.BIND, local, null, e, null);
        }
        Map<SocketOption<?>, Object> perConnection;
        try {
            perConnection = listenerOptions(spec, ss.supportedOptions(), (k, v) -> set(ss, k, v, local), local);
            ss.bind(new InetSocketAddress(at.getAddress(), at.getPort()), backlog);
            ss.setSoTimeout(Transport.millis(spec.timeout()));
        } catch (IOException e) {
            close(ss);
            throw Errors.map(Op.BIND, local, null, e, null);
        } catch (RuntimeException e) {
            close(ss);
            throw e;
        }
        int timeout = Transport.millis(spec.timeout());
        TcpAcceptor acceptor = new TcpAcceptor(ss, s -> {
            for (var o : perConnection.entrySet()) {
                setRaw(s, o.getKey(), o.getValue());
            }
            s.setSoTimeout(timeout);
        });
        // DEV-NOTE: the event loops need a ServerSocketChannel, and a java.net.ServerSocket has
        // none (TcpTransport says why onAccept keeps java.net). So onReceive closes this socket
        // and binds a channel at the very address and port, with the same backlog and options:
        // a client that connected before onReceive and was not yet accepted is refused.
        Endpoint bound = acceptor.address().endpoint();
        if (layer != null) {
            return new RealListener(layer.apply(acceptor), StreamConfig.of(spec), (receiver, closeSocket) -> {
                if (loopPeers == null) {
                    throw new UnsupportedOperationException("onReceive on this listener: not supported; serve it with onAccept");
                }
                try {
                    acceptor.close();
                } catch (IOException e) {
                    // The descriptor is released either way.
                }
                return serve(spec, bound, backlog, receiver, closeSocket, loopPeers);
            });
        }
        return new RealListener(acceptor, StreamConfig.of(spec), (receiver, closeSocket) -> {
            try {
                acceptor.close();
            } catch (IOException e) {
                // The descriptor is released either way.
            }
            return serve(spec, bound, backlog, receiver, closeSocket, RealPeer::new);
        });
    }

    /**
     * Opens a listening channel and serves it with an event loop ({@code onReceive}):
     * the same address rules and options as {@link #listen}; the stream options go to each
     * accepted channel.
     */
    public static Server serve(Settings spec, Endpoint local, int backlog, Receiver receiver) {
        return serve(spec, local, backlog, receiver, () -> { }, RealPeer::new);
    }

    /** As {@link #serve(Settings, Endpoint, int, Receiver)}, each connection's peer made by {@code peers} (TLS). */
    public static Server serve(Settings spec, Endpoint local, int backlog, Receiver receiver, RealPeer.Maker peers) {
        return serve(spec, local, backlog, receiver, () -> { }, peers);
    }

    /** As {@link #serve(Settings, Endpoint, int, Receiver)}; {@code alsoClose} runs after the loops close the channel. */
    private static Server serve(Settings spec, Endpoint local, int backlog, Receiver receiver, java.io.Closeable alsoClose,
                                RealPeer.Maker peers) {
        InetSocketAddress at = localAddress(spec, local);
        ServerSocketChannel ch;
        try {
            ch = ServerSocketChannel.open();
        } catch (IOException e) {
            throw Errors.map(Op.BIND, local, null, e, null);
        }
        try {
            var perConnection = listenerOptions(spec, ch.supportedOptions(), (k, v) -> Inet.setOption(ch, k, v), local);
            ch.bind(at, backlog);
            ch.configureBlocking(false);
            java.io.Closeable closer = () -> {
                try {
                    ch.close();
                } finally {
                    alsoClose.close();
                }
            };
            var loop = new ReceiveLoop(ch, Inet.endpoint((InetSocketAddress) ch.getLocalAddress()), closer,
                    StreamConfig.of(spec), perConnection, receiver, peers);
            loop.start();
            return new RealServer(loop);
        } catch (IOException e) {
            close(ch);
            throw Errors.map(Op.BIND, local, null, e, null);
        } catch (RuntimeException | Error e) {
            close(ch);
            throw e;
        }
    }

    /** Sets one option on a listening socket. */
    @FunctionalInterface
    private interface OptionSetter {
        void set(SocketOption<?> k, Object v) throws IOException;
    }

    /**
     * Puts the spec's options that belong to a listening socket (those it supports that are
     * {@link #LISTENING} or no stream option) on it, with {@code set}; returns the stream
     * options, which go to each accepted socket (its supported ones asked once, for the setup rate).
     *
     * @throws SocketError of kind UNSUPPORTED for an option neither socket supports
     */
    private static Map<SocketOption<?>, Object> listenerOptions(Settings spec, Set<SocketOption<?>> supported,
                                                                OptionSetter set, Endpoint local) throws IOException {
        Set<SocketOption<?>> stream = streamOptions();
        Map<SocketOption<?>, Object> perConnection = new java.util.LinkedHashMap<>();
        for (var o : spec.options().entrySet()) {
            SocketOption<?> k = o.getKey();
            if (supported.contains(k) && (LISTENING.contains(k) || !stream.contains(k))) {
                set.set(k, o.getValue());
            } else if (stream.contains(k)) {
                perConnection.put(k, o.getValue());
            } else {
                throw unsupported(k, Op.BIND, local, null);
            }
        }
        return perConnection;
    }

    /** The JDK address to bind: a literal as it is, a name resolved to its first address. */
    private static InetSocketAddress localAddress(Settings spec, Endpoint local) {
        InetAddress a = local.host().isLiteral() ? Inet.literal(local.host(), spec.family().orElse(null))
                : Inet.resolve(local.host(), spec.family().orElse(null), Op.BIND).get(0);
        return new InetSocketAddress(a, local.port().number());
    }

    private static void apply(Socket s, Map<SocketOption<?>, Object> options, Op op, Endpoint local, Endpoint remote) {
        if (options.isEmpty()) {
            return;
        }
        Set<SocketOption<?>> supported = streamOptions(); // the same for every TCP socket: asked once
        for (var o : options.entrySet()) {
            if (!supported.contains(o.getKey())) {
                throw unsupported(o.getKey(), op, local, remote);
            }
            try {
                setRaw(s, o.getKey(), o.getValue());
            } catch (IOException e) {
                throw Errors.map(Op.OPTION, local, remote, e, null);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void setRaw(Socket s, SocketOption<T> k, Object v) throws IOException {
        s.setOption(k, (T) v);
    }

    @SuppressWarnings("unchecked")
    private static <T> void set(ServerSocket s, SocketOption<T> k, Object v, Endpoint local) throws IOException {
        s.setOption(k, (T) v);
    }

    private static SocketError unsupported(SocketOption<?> k, Op op, Endpoint local, Endpoint remote) {
        return Errors.of(SocketError.Kind.UNSUPPORTED, op).local(local).remote(remote)
                .because("option " + k.name() + " is not supported by this OS or JDK", "drop it from the spec").error();
    }

    /** Every option a TCP socket supports here; asked once of a socket that never connects. */
    private static Set<SocketOption<?>> streamOptions() {
        Set<SocketOption<?>> s = streamOptions;
        if (s == null) {
            try (Socket probe = new Socket()) {
                s = new HashSet<>(probe.supportedOptions());
            } catch (IOException e) {
                s = Set.of();
            }
            streamOptions = s;
        }
        return s;
    }

    private static void close(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // Already failing; the first error is the one to report.
        }
    }

    /**
     * Refuses a host of the other family than the settings': a user's address, so an
     * {@link AddressError}, before any system call.
     */
    public static void checkFamily(Settings settings, Host host) {
        Domain family = settings.get(Setting.FAMILY);
        if (family == null) {
            return;
        }
        if (family == Domain.INET && host instanceof Host.Ipv6) {
            throw new AddressError(host.text(), -1, "an IPv6 address, but the spec's family is INET", "use family(Domain.INET6)");
        }
        if (family == Domain.INET6 && (host instanceof Host.Ipv4 || host instanceof Host.Broadcast)) {
            throw new AddressError(host.text(), -1, "an IPv4 address, but the spec's family is INET6",
                    "use family(Domain.INET), or write it as ::ffff:" + host.text());
        }
    }
}
