package dev.sockets;

import dev.sockets.internal.settings.Setting;
import dev.sockets.internal.settings.Settings;
import dev.sockets.internal.io.Tcp;
import dev.sockets.internal.tls.Tls;
import java.util.List;
import java.util.Objects;

/**
 * A TLS spec with a local address: the step after {@link TlsSpec#bind(String, int)}. It touches
 * no OS until {@link #listen(int)} or {@code connect(...)}; it is an immutable value.
 *
 * <pre>{@code
 * var id = TlsIdentity.selfSigned("localhost", "127.0.0.1");
 * var server = Sockets.tls().certificate(id).bind("127.0.0.1", 0).onAccept(c -> c.sendLine("hi"));
 * }</pre>
 */
public final class TlsBinding {

    /** The backlog of {@link #listen()}: 50, the JDK's. */
    public static final int DEFAULT_BACKLOG = 50;

    private final Settings settings;
    // The order the spec prints its settings in: the binding prints them the same way.
    private final List<Setting<?>> order;
    private final Endpoint local;

    TlsBinding(Settings settings, List<Setting<?>> order, Endpoint local) {
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
     * {@link Listener#accept()} returns each connection after its TLS handshake (a failed one
     * throws the {@link TlsError}); {@link Listener#onAccept(Handler)} runs each handshake on the
     * connection's own thread, before the handler.
     *
     * @param backlog how many connections may wait to be accepted; 0 means the JDK's default (50)
     * @throws AddressInUse if another socket has the address ("pass port 0 for a free one")
     * @throws PermissionDenied for a port below 1024 without the privilege
     * @throws IllegalArgumentException for a negative backlog
     * @throws IllegalStateException if the spec has no {@code certificate(...)}
     */
    public Listener listen(int backlog) {
        if (backlog < 0) {
            throw new IllegalArgumentException("expected backlog >= 0 but was " + backlog);
        }
        return Tls.listen(settings, local, backlog);
    }

    /**
     * Opens the listening socket and serves it with the event loops, in the background, as
     * {@link TcpBinding#onReceive(int, Receiver)} does; the loops run each client's TLS handshake
     * (within the spec's {@code handshakeTimeout}) and the receiver sees plaintext only: its
     * {@code opened} runs once the handshake is done, each {@link Peer#send} is encrypted, and
     * {@link Peer#close()} sends close_notify behind what waits. A client whose handshake fails
     * (a plain-text client, one that does not trust the certificate, one without the client
     * certificate {@code clientAuth(true)} requires) or stalls is closed and logged a line a second
     * at most, and never reaches the receiver.
     *
     * <pre>{@code
     * var id = TlsIdentity.selfSigned("localhost", "127.0.0.1");
     * var echo = Sockets.tls().certificate(id).bind("127.0.0.1", 0).onReceive((peer, data) -> peer.send(data));
     * }</pre>
     *
     * @param backlog  how many connections may wait to be accepted; 0 means the JDK's default (50)
     * @param receiver what to do with each piece of data received, decrypted
     * @throws AddressInUse if another socket has the address ("pass port 0 for a free one")
     * @throws PermissionDenied for a port below 1024 without the privilege
     * @throws IllegalArgumentException for a negative backlog
     * @throws IllegalStateException if the spec has no {@code certificate(...)}
     */
    public Server onReceive(int backlog, Receiver receiver) {
        if (backlog < 0) {
            throw new IllegalArgumentException("expected backlog >= 0 but was " + backlog);
        }
        Objects.requireNonNull(receiver, "receiver");
        return Tls.serve(settings, local, backlog, receiver);
    }

    /** As {@link #onReceive(int, Receiver)} with the default backlog of 50. */
    public Server onReceive(Receiver receiver) {
        return onReceive(DEFAULT_BACKLOG, receiver);
    }

    /**
     * Serves as {@link #onReceive(Receiver)}, with the stream cut into frames by {@code framing},
     * as {@link TcpBinding#onReceive(Framing, Receiver)} describes.
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
     * var server = Sockets.tls().certificate(id).bind("127.0.0.1", 0).onAccept(c -> c.sendLine("hi"));
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
     * Opens a TLS connection from this local address to {@code host:port}; as
     * {@link TlsSpec#connect(String, int)} otherwise.
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
        return Tls.connect(settings, local, remote);
    }

    /** Equal when the spec and the address are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TlsBinding b && b.settings.equals(settings) && b.local.equals(local);
    }

    @Override
    public int hashCode() {
        return settings.hashCode() * 31 + local.hashCode();
    }

    /** {@code TlsBinding[127.0.0.1:0]}, then the spec's settings: {@code TlsBinding[:8443, trust=ca.pem]}. */
    @Override
    public String toString() {
        return settings.print("TlsBinding", local.text(), order, List.of());
    }
}
