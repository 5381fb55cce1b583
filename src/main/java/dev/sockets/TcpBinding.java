package dev.sockets;

import dev.sockets.internal.settings.Setting;
import dev.sockets.internal.settings.Settings;
import dev.sockets.internal.io.Tcp;
import java.util.List;
import java.util.Objects;

/**
 * A TCP spec with a local address: the step after {@link TcpSpec#bind(String, int)}. It touches
 * no OS until {@link #listen(int)} or {@code connect(...)}; it is an immutable value.
 *
 * <pre>{@code
 * var listener = Sockets.tcp().bind("127.0.0.1", 0).listen(5);   // a server
 * var c = Sockets.tcp().bind("127.0.0.1", 0).connect("127.0.0.1", listener.port()); // a client from that address
 * }</pre>
 */
public final class TcpBinding {

    /** The backlog of {@link #listen()}: 50, the JDK's. */
    public static final int DEFAULT_BACKLOG = 50;

    private final Settings settings;
    // The order the spec prints its settings in: the binding prints them the same way.
    private final List<Setting<?>> order;
    private final Endpoint local;

    TcpBinding(Settings settings, List<Setting<?>> order, Endpoint local) {
        this.settings = settings;
        this.order = order;
        this.local = local;
    }

    /** The local address to bind, as given (port 0 until a listener says which). */
    public Endpoint local() {
        return local;
    }

    /** Opens a listener with the default backlog of 50; see {@link #listen(int)}. */
    public Listener listen() {
        return listen(DEFAULT_BACKLOG);
    }

    /**
     * Opens the listening socket: binds the address and starts listening (Python's {@code bind}
     * then {@code listen}). For port 0, {@link Listener#port()} says which port the OS chose.
     *
     * @param backlog how many connections may wait to be accepted; 0 means the JDK's default (50)
     * @throws AddressInUse if another socket has the address ("pass port 0 for a free one")
     * @throws PermissionDenied for a port below 1024 without the privilege
     * @throws IllegalArgumentException for a negative backlog
     */
    public Listener listen(int backlog) {
        if (backlog < 0) {
            throw new IllegalArgumentException("expected backlog >= 0 but was " + backlog);
        }
        return Tcp.listen(settings, local, backlog);
    }

    /**
     * Opens the listening socket and serves it with an event loop, in the background: the
     * {@code receiver} runs for every piece of data a client sends, and answers through the
     * {@link Peer} it is given. Returns at once. The form for many connections that each ask
     * and answer: no thread per connection, a few KiB each, one loop thread per core (like
     * Python's asyncio {@code Protocol.data_received}); {@link Listener#onAccept(Handler)} is the
     * form for a conversation written as plain blocking code.
     *
     * <pre>{@code
     * var echo = Sockets.tcp().bind("127.0.0.1", 0).onReceive((peer, data) -> peer.send(data));
     * }</pre>
     *
     * <p>The receiver runs on a loop thread that serves many connections: it must not block
     * (no {@code Thread.sleep}, no blocking call of another socket); {@link Peer#send} never
     * blocks. A connection ends when the client closes its side (after what was sent to it
     * has gone out), when {@link Peer#close()} is called, when the receiver throws (logged and
     * counted as in {@link Server#failed()}), or after the spec's {@code idleTimeout} of silence.
     * The spec's {@code maxConnections} bounds the open connections: beyond it accepting waits.
     * Its {@code timeout} and {@code threads} do not apply: nothing here blocks.
     *
     * @param backlog  how many connections may wait to be accepted; 0 means the JDK's default (50)
     * @param receiver what to do with each piece of data received
     * @throws AddressInUse if another socket has the address ("pass port 0 for a free one")
     * @throws PermissionDenied for a port below 1024 without the privilege
     * @throws IllegalArgumentException for a negative backlog
     */
    public Server onReceive(int backlog, Receiver receiver) {
        if (backlog < 0) {
            throw new IllegalArgumentException("expected backlog >= 0 but was " + backlog);
        }
        Objects.requireNonNull(receiver, "receiver");
        return Tcp.serve(settings, local, backlog, receiver);
    }

    /** As {@link #onReceive(int, Receiver)} with the default backlog of 50. */
    public Server onReceive(Receiver receiver) {
        return onReceive(DEFAULT_BACKLOG, receiver);
    }

    /**
     * Serves as {@link #onReceive(Receiver)}, with the stream cut into frames by {@code framing}:
     * the receiver gets each whole frame, without its prefix or delimiter (empty for an empty
     * frame), never a piece, however TCP split or joined them, and answers with
     * {@link Peer#sendFrame(Framing, Bytes)}.
     *
     * <pre>{@code
     * var f = Framing.lengthPrefixed(4, ByteOrder.BIG_ENDIAN, 1 << 20);
     * var echo = Sockets.tcp().bind("127.0.0.1", 0).onReceive(f, (peer, frame) -> peer.sendFrame(f, frame));
     * }</pre>
     *
     * <p>A client that announces a frame over {@code maxFrame}, or sends {@code maxFrame} bytes
     * without the delimiter, is closed; a client that closes its side inside a frame is reported
     * too, after {@link Receiver#closed}. Each is the client's fault, not the receiver's, which never
     * saw the frame: the server logs it at INFO as a line of its own, with the client's address,
     * the framing, the reason and a hint ({@code the client 127.0.0.1:51542 broke the framing
     * ...}), a run of them a line a second, as it logs a failed TLS handshake, and does not count
     * it in {@link Server#failed()}. A receiver that throws is logged and counted as ever.
     *
     * <p>A frame's bytes are held only up to the bound, and what the server holds of frames not
     * yet whole from one read to the next counts against the spec's {@code maxBuffered}: past
     * it, a client whose partial frame would take more is not read from until there is room
     * again, save one client per loop thread, which reads on until its frame is whole (so that
     * frames complete and give their room back). A frame whole in one read costs nothing there.
     *
     * @throws AddressInUse as {@link #onReceive(int, Receiver)}
     */
    public Server onReceive(Framing framing, Receiver receiver) {
        return onReceive(DEFAULT_BACKLOG, dev.sockets.internal.framing.Frames.receiver(framing, receiver));
    }

    /**
     * Opens the listening socket with the default backlog of 50 and serves it in the
     * background, a thread per connection: {@code listen().onAccept(handler)}, which
     * {@link Listener#onAccept(Handler)} describes.
     *
     * <pre>{@code
     * var server = Sockets.tcp().bind("127.0.0.1", 0).onAccept(c -> c.send("Thank you for connecting"));
     * }</pre>
     *
     * @throws AddressInUse if another socket has the address ("pass port 0 for a free one")
     * @throws PermissionDenied for a port below 1024 without the privilege
     * @throws IllegalStateException if the spec asks for {@link ThreadModel#VIRTUAL} on Java 17 to 20
     */
    public Server onAccept(Handler handler) {
        Objects.requireNonNull(handler, "handler");
        Listener listener = listen();
        try {
            return listener.onAccept(handler);
        } catch (RuntimeException | Error e) {
            listener.close();
            throw e;
        }
    }

    /**
     * Opens a connection from this local address to {@code host:port}; as
     * {@link TcpSpec#connect(String, int)} otherwise.
     */
    public Connection connect(String host, int port) {
        return connect(Host.of(host), Port.of(port));
    }

    /** As {@link #connect(String, int)}, with the port as digits or a service name ({@code "www"}). */
    public Connection connect(String host, String port) {
        return connect(Host.of(host), Port.of(port));
    }

    /** As {@link #connect(String, int)}, with a {@link Port}. */
    public Connection connect(String host, Port port) {
        return connect(Host.of(host), port);
    }

    /** As {@link #connect(String, int)}, with an IPv4 address in an int in host byte order ({@code 0x7F000001}). */
    public Connection connect(int host, int port) {
        return connect(Host.of(host), Port.of(port));
    }

    /** As {@link #connect(String, int)}, with an IPv4 address in an int and the port as digits or a service name. */
    public Connection connect(int host, String port) {
        return connect(Host.of(host), Port.of(port));
    }

    /** As {@link #connect(String, int)}, with an IPv4 address in an int and a {@link Port}. */
    public Connection connect(int host, Port port) {
        return connect(Host.of(host), port);
    }

    /** As {@link #connect(String, int)}, with a {@link Host}. */
    public Connection connect(Host host, int port) {
        return connect(host, Port.of(port));
    }

    /** As {@link #connect(String, int)}, with a {@link Host} and the port as digits or a service name. */
    public Connection connect(Host host, String port) {
        return connect(host, Port.of(port));
    }

    /** As {@link #connect(String, int)}, with a {@link Host} and a {@link Port}. */
    public Connection connect(Host host, Port port) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
        return connect(new Endpoint(host, port));
    }

    /** As {@link #connect(String, int)}, with an {@link Endpoint}. */
    public Connection connect(Endpoint remote) {
        Objects.requireNonNull(remote, "remote");
        Tcp.checkFamily(settings, remote.host());
        return Tcp.connect(settings, local, remote);
    }

    /** Equal when the spec and the address are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TcpBinding b && b.settings.equals(settings) && b.local.equals(local);
    }

    @Override
    public int hashCode() {
        return settings.hashCode() * 31 + local.hashCode();
    }

    /** {@code TcpBinding[127.0.0.1:0]}, then the spec's settings: {@code TcpBinding[:5000, timeout=2 s]}. */
    @Override
    public String toString() {
        return settings.print("TcpBinding", local.text(), order, List.of());
    }
}
