package dev.sockets.internal.io;

import dev.sockets.internal.time.Interactive;
import dev.sockets.Bytes;
import dev.sockets.Datagram;
import dev.sockets.DatagramHandler;
import dev.sockets.Domain;
import dev.sockets.Endpoint;
import dev.sockets.Host;
import dev.sockets.Port;
import dev.sockets.Server;
import dev.sockets.SocketError;
import dev.sockets.SocketError.Op;
import dev.sockets.UdpSocket;
import dev.sockets.internal.SharedSecrets;
import dev.sockets.internal.errors.Errors;
import dev.sockets.internal.settings.Settings;
import dev.sockets.internal.settings.Check;
import dev.sockets.internal.server.DatagramLoop;
import dev.sockets.internal.server.RealServer;
import dev.sockets.internal.tap.Tap;
import dev.sockets.internal.tap.Wiretap;
import dev.sockets.internal.time.Interactive;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link UdpSocket} that {@code bind} and {@code connect} of a UDP spec return, over a
 * {@code DatagramChannel}. {@link #receiveForServer()} is the {@code DatagramLoop}'s way in.
 * It prints as {@code UdpSocket[...]}.
 */
public final class RealUdpSocket extends dev.sockets.internal.registry.ByteCounts implements DatagramLoop.Source, dev.sockets.internal.registry.Registry.Entry {

    private static final SharedSecrets.BytesAccess<Bytes> BYTES = SharedSecrets.bytes(Bytes.class);

    // When it opened, for Sockets.open().
    private final long opened = System.nanoTime();
    // The counts (ByteCounts) are of payload bytes; they are received under `receiving`.
    private final DatagramChannel ch;
    private final Settings settings;
    // Set by the spec, and again by option(SO_BROADCAST, ...) on the open socket.
    private volatile boolean broadcast;
    // Set by the spec, and again by timeout(...) and noTimeout() on the open socket; ZERO: none.
    private volatile Duration timeout;
    private final Endpoint local;
    // The default peer: from the spec's connect, or connect(...) and disconnect() on the open socket.
    private volatile Endpoint remote;
    private final int maxDatagram;
    private final NetworkInterface multicastInterface;
    private final Map<String, MembershipKey> groups = new LinkedHashMap<>();

    // Receives take turns on one reused packet; the last sender is remembered so that a stream
    // from one peer costs no address conversion per datagram.
    private final Object receiving = new Object();
    private ByteBuffer direct;
    // The server loop's own buffer: a recvfrom begun before onDatagram cannot write over the
    // datagram an echo is sending from (the UDP echo benchmark's path).
    private ByteBuffer serverDirect;
    // Set once a timeout is set, by the spec or later: the channel is then non-blocking and receives wait here
    // with a deadline. DEV-NOTE: not the socket adaptor's timed receive, which on JDK 17 switches
    // the socket to non-blocking and back on every call (measured: 2.3 us a datagram against 1.1).
    private volatile java.nio.channels.Selector readSelector;
    private final Object writing = new Object();
    private volatile java.nio.channels.Selector writeSelector;
    private InetSocketAddress lastSender;
    private Endpoint lastSenderEndpoint;

    // The server loop's thread and the payload it received last, still in the direct buffer: a
    // handler on that thread that sends the same bytes back (an echo) sends them from there.
    // DEV-NOTE: saves the JDK's copy of a heap array into a temporary direct buffer on every
    // send; the UDP target in BENCHMARKS.md is 0.95x a raw DatagramChannel echoing its direct buffer.
    private Thread serverThread;
    private byte[] lastPayload;

    // The last destination, resolved: replies to one peer need no parsing or look-up per datagram.
    private volatile Destination lastDestination;

    private volatile Server server;
    // The wiretap, or null: one null check a datagram when off.
    private volatile Tap tap;

    private record Destination(Object key, int port, InetSocketAddress address, Endpoint endpoint, boolean broadcast) {
    }

    public RealUdpSocket(DatagramChannel ch, Settings settings, Endpoint remote) {
        this.ch = ch;
        this.settings = settings;
        this.broadcast = Udp.broadcast(settings);
        this.timeout = settings.timeout();
        this.remote = remote;
        this.multicastInterface = (NetworkInterface) settings.options().get(java.net.StandardSocketOptions.IP_MULTICAST_IF);
        Endpoint l;
        try {
            l = Inet.endpoint((InetSocketAddress) ch.getLocalAddress());
        } catch (IOException e) {
            Udp.closeQuietly(ch);
            throw Errors.mapDatagram(Op.BIND, null, remote, e, timeout, broadcast);
        }
        this.local = l;
        Wiretap w = settings.wiretap();
        if (w != null) {
            tap = w.open(remote == null ? "open udp bind" : "open udp connect", l, remote);
        }
        this.maxDatagram = l.host() instanceof Host.Ipv6 ? Udp.MAX_IPV6 : Udp.MAX_IPV4;
        if (!timeout.isZero()) {
            try {
                useSelector();
            } catch (IOException e) {
                Udp.closeQuietly(ch);
                throw Errors.mapDatagram(Op.BIND, local, remote, e, timeout, broadcast);
            }
        }
        dev.sockets.internal.registry.Registry.opened(this);
    }

    /**
     * Switches the channel to non-blocking receives that wait on a selector, for a timeout. Under
     * {@code receiving} (or in the constructor), so that no receive is in progress.
     */
    private void useSelector() throws IOException {
        if (readSelector != null) {
            return;
        }
        ch.configureBlocking(false);
        var sel = java.nio.channels.Selector.open();
        ch.register(sel, java.nio.channels.SelectionKey.OP_READ);
        readSelector = sel;
    }

    @Override
    public UdpSocket timeout(Duration timeout) {
        Check.timeout("timeout", timeout);
        // Taken by the next receive: one in progress in another thread keeps the time it started with.
        this.timeout = timeout;
        return this;
    }

    @Override
    public UdpSocket noTimeout() {
        this.timeout = Duration.ZERO;
        return this;
    }

    @Override
    public UdpSocket connect(Endpoint peer) {
        Objects.requireNonNull(peer, "peer");
        if (Udp.isLimitedBroadcast(peer.host()) && !broadcast) {
            throw Errors.broadcastRefused(Op.CONNECT, local, peer, null);
        }
        InetSocketAddress a = Udp.address(peer.host(), peer.port().number(), family(), Op.CONNECT);
        try {
            synchronized (receiving) {
                if (ch.isConnected()) {
                    ch.disconnect();
                }
                ch.connect(a);
                remote = peer;
            }
        } catch (IOException e) {
            throw Errors.mapDatagram(Op.CONNECT, local, peer, e, timeout, broadcast);
        }
        return this;
    }

    @Override
    public UdpSocket disconnect() {
        try {
            synchronized (receiving) {
                ch.disconnect();
                remote = null;
            }
        } catch (IOException e) {
            throw Errors.mapDatagram(Op.CONNECT, local, null, e, timeout, broadcast);
        }
        return this;
    }

    @Override
    public Endpoint local() {
        return local;
    }

    @Override
    public Optional<Endpoint> remote() {
        return Optional.ofNullable(remote);
    }

    @Override
    public <T> T option(SocketOption<T> option) {
        Udp.checkSupported(Objects.requireNonNull(option, "option"));
        try {
            return OptionAccess.asOs(option, ch.getOption(option));
        } catch (IOException e) {
            throw Errors.mapDatagram(Op.OPTION, local, remote, e, timeout, broadcast);
        }
    }

    @Override
    public <T> UdpSocket option(SocketOption<T> option, T value) {
        Udp.checkSupported(Objects.requireNonNull(option, "option"));
        Objects.requireNonNull(value, "value");
        try {
            ch.setOption(option, value);
        } catch (IOException e) {
            throw Errors.mapDatagram(Op.OPTION, local, remote, e, timeout, broadcast);
        }
        if (option == java.net.StandardSocketOptions.SO_BROADCAST) {
            broadcast = (Boolean) value;
        }
        return this;
    }

    @Override
    public boolean isOpen() {
        return ch.isOpen();
    }

    // ---- sendto ----------------------------------------------------------------------------

    @Override
    public UdpSocket sendto(String data, String host, int port) {
        return send(data.getBytes(StandardCharsets.UTF_8), destination(host, port));
    }

    @Override
    public UdpSocket sendto(byte[] data, String host, int port) {
        return send(Objects.requireNonNull(data, "data"), destination(host, port));
    }

    @Override
    public UdpSocket sendto(Bytes data, String host, int port) {
        return send(BYTES.array(Objects.requireNonNull(data, "data")), destination(host, port));
    }

    @Override
    public UdpSocket sendto(String data, Endpoint to) {
        return send(data.getBytes(StandardCharsets.UTF_8), destination(to));
    }

    @Override
    public UdpSocket sendto(byte[] data, Endpoint to) {
        return send(Objects.requireNonNull(data, "data"), destination(to));
    }

    @Override
    public UdpSocket sendto(Bytes data, Endpoint to) {
        return send(BYTES.array(Objects.requireNonNull(data, "data")), destination(to));
    }

    private Destination destination(String host, int port) {
        Objects.requireNonNull(host, "host");
        Destination d = lastDestination;
        if (d != null && d.port == port && host.equals(d.key)) {
            return d;
        }
        return resolve(host, new Endpoint(Host.of(host), Port.of(port)));
    }

    private Destination destination(Endpoint to) {
        Objects.requireNonNull(to, "to");
        Destination d = lastDestination;
        // Identity first: a reply to d.remote() passes the very Endpoint of the last datagram.
        if (d != null && (to == d.key || to.equals(d.key))) {
            return d;
        }
        return resolve(to, to);
    }

    private Destination resolve(Object key, Endpoint to) {
        var d = new Destination(key, to.port().number(),
                Udp.address(to.host(), to.port().number(), family(), Op.SENDTO), to, Udp.isLimitedBroadcast(to.host()));
        lastDestination = d;
        return d;
    }

    private UdpSocket send(byte[] data, Destination to) {
        if (data.length == 0 && remote != null) {
            throw emptyOnConnected("sendto");
        }
        if (to.broadcast && !broadcast) {
            throw Errors.broadcastRefused(Op.SENDTO, local, to.endpoint, null);
        }
        Udp.checkSize(data.length, maxDatagram, Op.SENDTO, local, to.endpoint);
        try {
            transmit(data == lastPayload && Thread.currentThread() == serverThread
                    ? serverDirect.position(0) : ByteBuffer.wrap(data), to.address);
            countSent(data.length);
        } catch (AlreadyConnectedException e) {
            throw new IllegalStateException("expected sendto to the connected peer " + remote.text() + " but was "
                    + to.endpoint.text() + "; use send(data), or a socket from Sockets.udp().bind(...)");
        } catch (IOException e) {
            throw tapped(Errors.sendFailed(e, local, to.endpoint, to.address, multicastInterface, broadcast));
        }
        Tap t = tap;
        if (t != null) {
            t.sentTo(data, 0, data.length, to.endpoint);
        }
        return this;
    }

    /**
     * DEV-NOTE: the JDK's connected DatagramChannel returns 0 for an empty buffer and sends nothing
     * (write, send and the socket adaptor alike, JDK 17 to 25); Python's send(b'') does send.
     * Refused rather than lost without a word.
     */
    private IllegalArgumentException emptyOnConnected(String op) {
        return new IllegalArgumentException("expected at least one byte for " + op + " on the connected socket " + local.text()
                + " -> " + remote.text() + " but was 0: Java cannot send an empty datagram on a connected socket;"
                + " use sendto(data, host, port) on a socket from Sockets.udp().bind(...)");
    }

    // ---- send / recv, connected ------------------------------------------------------------

    @Override
    public UdpSocket send(String data) {
        return send(data.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public UdpSocket send(Bytes data) {
        return send(BYTES.array(Objects.requireNonNull(data, "data")));
    }

    @Override
    public UdpSocket send(byte[] data) {
        Objects.requireNonNull(data, "data");
        requireConnected("send");
        Udp.checkSize(data.length, maxDatagram, Op.SEND, local, remote);
        if (data.length == 0) {
            throw emptyOnConnected("send");
        }
        try {
            transmit(ByteBuffer.wrap(data), null);
            countSent(data.length);
        } catch (IOException e) {
            throw tapped(Errors.mapDatagram(Op.SEND, local, remote, e, timeout, broadcast));
        }
        Tap t = tap;
        if (t != null) {
            t.sentTo(data, 0, data.length, remote);
        }
        return this;
    }

    @Override
    public Bytes recv(int max) {
        requireNotServed("recv");
        return receive(max, "recv").data();
    }

    private void requireConnected(String op) {
        if (remote == null) {
            throw new IllegalStateException("expected a connected socket for " + op + " but " + local.text()
                    + " has no peer; use sendto(data, host, port), or connect(host, port) first");
        }
    }

    // ---- recvfrom --------------------------------------------------------------------------

    @Override
    public Datagram recvfrom(int max) {
        requireNotServed("recvfrom");
        return receive(max, "recvfrom");
    }

    private Datagram receive(int max, String op) {
        return receive(max, op, timeout);
    }

    private Datagram receive(int max, String op, Duration limit) {
        return receive(max, op, limit, false);
    }

    private Datagram receive(int max, String op, Duration limit, boolean forServer) {
        if (max < 0) {
            throw new IllegalArgumentException("expected max >= 0 but was " + max);
        }
        // One byte more than asked: a datagram that fills it was longer than max.
        int capacity = Math.min(max, 65_535) + 1;
        synchronized (receiving) {
            // In JShell's JVM the snippet's receive waits on the selector too, in slices, so
            // that Ctrl-C reaches it (see Interactive).
            if ((!limit.isZero() || Interactive.ON && Interactive.sliced()) && readSelector == null) {
                try {
                    useSelector();
                } catch (IOException e) {
                    throw failure(e, op);
                }
            }
            ByteBuffer b = forServer ? serverDirect : direct;
            if (b == null || b.capacity() < capacity) {
                b = ByteBuffer.allocateDirect(Math.max(capacity, 2048));
                if (forServer) {
                    serverDirect = b;
                } else {
                    direct = b;
                }
            }
            b.clear().limit(capacity);
            InetSocketAddress from;
            try {
                // Blocking mode: waits here. Non-blocking (a timeout is set): null when nothing is ready.
                from = (InetSocketAddress) ch.receive(b);
                if (from == null) {
                    from = (InetSocketAddress) await(b, limit);
                }
            } catch (IOException e) {
                throw tapped(failure(e, op));
            }
            // A single copy, into the array the Bytes keeps.
            int n = b.flip().remaining();
            boolean truncated = n > max;
            byte[] out = new byte[truncated ? max : n];
            b.get(out);
            countReceived(out.length);
            if (forServer && !truncated) {
                lastPayload = out;
            }
            Endpoint sender;
            if (from.equals(lastSender)) {
                sender = lastSenderEndpoint;
            } else {
                sender = Inet.endpoint(from);
                lastSender = from;
                lastSenderEndpoint = sender;
            }
            Tap t = tap;
            if (t != null) {
                t.receivedFrom(out, 0, out.length, sender);
            }
            return new Datagram(BYTES.wrap(out), sender, truncated);
        }
    }

    /**
     * Waits on the selector until a datagram arrives or the limit passes, for a socket in
     * non-blocking mode. As a blocking receive does, an interrupt closes the socket.
     */
    private java.net.SocketAddress await(ByteBuffer b, Duration limit) throws IOException {
        long limitNanos = limit.toNanos();
        long deadline = System.nanoTime() + limitNanos;
        while (true) {
            long left = deadline - System.nanoTime();
            if (limitNanos > 0 && left <= 0) {
                throw new java.net.SocketTimeoutException("Receive timed out");
            }
            if (!ch.isOpen()) {
                throw new java.nio.channels.AsynchronousCloseException();
            }
            try {
                long wait = limitNanos > 0 ? Math.max(1, left / 1_000_000) : 0;
                readSelector.select(Interactive.ON && Interactive.sliced() ? Interactive.cap(wait) : wait);
                readSelector.selectedKeys().clear();
            } catch (java.nio.channels.ClosedSelectorException e) {
                throw new java.nio.channels.AsynchronousCloseException();
            }
            if (Thread.currentThread().isInterrupted()) {
                ch.close();
                throw new java.nio.channels.ClosedByInterruptException();
            }
            var from = ch.receive(b);
            if (from != null) {
                return from;
            }
        }
    }

    /** Sends one datagram; in non-blocking mode, waits while the send buffer is full. */
    private void transmit(ByteBuffer data, InetSocketAddress to) throws IOException {
        if (readSelector == null) {
            int n = to == null ? ch.write(data) : ch.send(data, to);
            if (n > 0 || !data.hasRemaining()) {
                return;
            }
            // A blocking send never returns 0 for a datagram: a timeout made the channel
            // non-blocking meanwhile, and the OS had no room. Wait for room below.
        }
        // Non-blocking: 0 means "not sent, no room". An empty datagram also reports 0, so for it
        // wait for room first, then send once.
        boolean empty = !data.hasRemaining();
        while (true) {
            if (empty) {
                awaitWritable();
            }
            int n = to == null ? ch.write(data) : ch.send(data, to);
            if (n > 0 || empty) {
                return;
            }
            awaitWritable();
        }
    }

    private void awaitWritable() throws IOException {
        java.nio.channels.Selector sel = writeSelector;
        if (sel == null) {
            synchronized (writing) {
                sel = writeSelector;
                if (sel == null) {
                    sel = java.nio.channels.Selector.open();
                    ch.register(sel, java.nio.channels.SelectionKey.OP_WRITE);
                    writeSelector = sel;
                }
            }
        }
        if (!ch.isOpen()) {
            // Closed while the selector was being made: close() may have missed it.
            sel.close();
            throw new java.nio.channels.AsynchronousCloseException();
        }
        try {
            sel.select();
            sel.selectedKeys().clear();
        } catch (java.nio.channels.ClosedSelectorException e) {
            throw new java.nio.channels.AsynchronousCloseException();
        }
        if (Thread.currentThread().isInterrupted()) {
            ch.close();
            throw new java.nio.channels.ClosedByInterruptException();
        }
    }

    private SocketError failure(IOException e, String op) {
        // The socket adaptor reports a closed or interrupted channel as a plain SocketException
        // whose cause is the channel's exception: classify by that.
        IOException cause = e instanceof SocketException && e.getCause() instanceof IOException c ? c : e;
        Op o = op.equals("recv") ? Op.RECV : Op.RECVFROM;
        if (!ch.isOpen() && !(cause instanceof java.nio.channels.ClosedByInterruptException)) {
            return Errors.closed(o, "socket", local, o == Op.RECV ? remote : null, e);
        }
        return Errors.mapDatagram(o, local, o == Op.RECV ? remote : null, cause, timeout, broadcast);
    }

    // ---- multicast -------------------------------------------------------------------------

    @Override
    public UdpSocket join(String group) {
        return join(group, interfaceFor("join", group).getName());
    }

    @Override
    public UdpSocket join(String group, String networkInterface) {
        InetAddress g = group(group);
        NetworkInterface nif = Udp.networkInterface(networkInterface);
        String key = g.getHostAddress() + "%" + nif.getName();
        synchronized (groups) {
            if (groups.containsKey(key)) {
                return this;
            }
            try {
                groups.put(key, ch.join(g, nif));
            } catch (IOException e) {
                throw Errors.map(Op.JOIN, group + " on " + nif.getName(), e);
            } catch (IllegalArgumentException e) {
                throw new dev.sockets.AddressError(group, -1, "a group of the other family than this socket's ("
                        + family() + ")", "join a group of its family, or open the socket with family(...) on the spec");
            }
        }
        return this;
    }

    @Override
    public UdpSocket leave(String group) {
        return leave(group, interfaceFor("leave", group).getName());
    }

    @Override
    public UdpSocket leave(String group, String networkInterface) {
        InetAddress g = group(group);
        NetworkInterface nif = Udp.networkInterface(networkInterface);
        String key = g.getHostAddress() + "%" + nif.getName();
        synchronized (groups) {
            MembershipKey k = groups.remove(key);
            if (k == null) {
                throw new IllegalStateException("expected a joined group but " + group + " on " + nif.getName()
                        + " is not; joined: " + groups.keySet());
            }
            k.drop();
        }
        return this;
    }

    private NetworkInterface interfaceFor(String op, String group) {
        if (multicastInterface == null) {
            throw new IllegalStateException(op + " " + group + ": no interface named; name one, as in "
                    + op + "(\"" + group + "\", \"lo\"), or set multicastInterface(\"lo\") on the spec");
        }
        return multicastInterface;
    }

    private static InetAddress group(String group) {
        Host h = Host.of(group);
        InetAddress g = h.isLiteral() && !(h instanceof Host.Any) ? Inet.literal(h, null) : null;
        if (g == null || !g.isMulticastAddress()) {
            throw new dev.sockets.AddressError(group, -1, "not a multicast group", "join one in 224.0.0.0/4 or ff00::/8");
        }
        return g;
    }

    private Domain family() {
        return local.host() instanceof Host.Ipv6 ? Domain.INET6 : Domain.INET;
    }

    // ---- serving ---------------------------------------------------------------------------

    @Override
    public Server onDatagram(DatagramHandler handler) {
        Objects.requireNonNull(handler, "handler");
        synchronized (this) {
            if (server != null) {
                throw new IllegalStateException("expected a socket not yet served but this one is served by " + server);
            }
            if (!ch.isOpen()) {
                throw Errors.closed(Op.SERVE, "socket", local, null, null);
            }
            var loop = new DatagramLoop(this, settings.threads(), handler);
            server = new RealServer(loop);
            loop.start();
            // The server's row in Sockets.open() stands for the socket it owns.
            dev.sockets.internal.registry.Registry.closed(this);
            return server;
        }
    }

    /** The server loop's receive: whole datagrams, and no check for the server that owns it. */
    @Override
    public Datagram receiveForServer() {
        serverThread = Thread.currentThread();
        return receive(65_535, "recvfrom", Duration.ZERO, true);
    }

    private void requireNotServed(String op) {
        Server s = server;
        if (s != null) {
            throw new IllegalStateException("expected a socket of your own for " + op + " but this one is served by "
                    + s + "; close the server, or bind another socket");
        }
    }

    // ---- close -----------------------------------------------------------------------------

    // ---- wiretap ---------------------------------------------------------------------------

    private SocketError tapped(SocketError e) {
        Tap t = tap;
        if (t != null) {
            t.error(e.getMessage());
        }
        return e;
    }

    @Override
    public UdpSocket wiretap() {
        return wiretap(Wiretap.stderr());
    }

    @Override
    public UdpSocket wiretap(java.nio.file.Path file) {
        return wiretap(Wiretap.to(file));
    }

    @Override
    public UdpSocket wiretap(java.io.PrintStream out) {
        return wiretap(Wiretap.to(out));
    }

    private UdpSocket wiretap(Wiretap w) {
        if (!ch.isOpen()) {
            throw Errors.closed(Op.OPTION, "socket", local, remote, null);
        }
        Tap old = tap;
        tap = w.open("wiretap on (udp)", local, remote);
        if (old != null) {
            old.end("wiretap off");
        }
        if (!ch.isOpen()) {
            tap.close();
        }
        return this;
    }

    @Override
    public void close() {
        Tap t = tap;
        if (t != null) {
            t.close();
        }
        dev.sockets.internal.registry.Registry.closed(this);
        try {
            ch.close();
            // Closing the selectors wakes a receive or send waiting on them.
            if (readSelector != null) {
                readSelector.close();
            }
            java.nio.channels.Selector w = writeSelector;
            if (w != null) {
                w.close();
            }
        } catch (IOException e) {
            throw Errors.mapDatagram(Op.CLOSE, local, null, e, timeout, broadcast);
        }
    }

    // ---- counters, Sockets.open() ----------------------------------------------------------


    @Override
    public int closeOrder() {
        return 2;
    }

    @Override
    public dev.sockets.OpenSocket describe(long now) {
        return new dev.sockets.OpenSocket("udp socket", this, local, Optional.<dev.sockets.Address>ofNullable(remote),
                Duration.ofNanos(now - opened), bytesReceived(), bytesSent());
    }

    /**
     * {@code UdpSocket[127.0.0.1:9999]}, {@code UdpSocket[127.0.0.1:40000 -> 127.0.0.1:9999]},
     * {@code UdpSocket[0.0.0.0:5007, joined 239.1.2.3 on lo]}, {@code UdpSocket[closed, was 127.0.0.1:9999]}.
     */
    @Override
    public String toString() {
        var s = new StringBuilder("UdpSocket[");
        if (!ch.isOpen()) {
            s.append("closed, was ");
        } else if (server != null) {
            s.append("served, ");
        }
        s.append(local.text());
        if (remote != null) {
            s.append(" -> ").append(remote.text());
        }
        synchronized (groups) {
            if (!groups.isEmpty() && ch.isOpen()) {
                s.append(", joined ").append(String.join(", ", groups.keySet()).replace("%", " on "));
            }
        }
        return s.append(']').toString();
    }
}
