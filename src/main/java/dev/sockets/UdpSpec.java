package dev.sockets;

import dev.sockets.internal.SharedSecrets;
import dev.sockets.internal.io.Udp;
import dev.sockets.internal.io.UdpOpener;
import dev.sockets.internal.settings.Setting;
import dev.sockets.internal.settings.Settings;
import dev.sockets.internal.tap.Wiretap;
import java.io.PrintStream;
import java.net.SocketOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to open a UDP socket: an immutable value, made by {@link Sockets#udp()}, that
 * {@link #bind(String, int) bind} and {@link #connect(String, int) connect} turn into a {@link UdpSocket}.
 *
 * <pre>{@code
 * var spec = Sockets.udp().timeout(Duration.ofSeconds(2));   // UdpSpec[timeout=2 s]
 * try (var rx = spec.bind("127.0.0.1", 0)) {
 *     Sockets.udp().sendto("ping", rx.local());            // one datagram from a fresh socket
 *     Datagram d = rx.recvfrom(1024);                      // Datagram[b'ping' from 127.0.0.1:41234]
 *     rx.sendto("pong", d.remote());
 * }
 * Sockets.udp().broadcast(true).sendto("anyone?", "127.255.255.255", 9999);
 * }</pre>
 *
 * <h2>Immutable</h2>
 * Every setter returns a new spec and leaves its receiver alone, so a spec can be kept in a
 * variable, shared between threads and used for many sockets. Nothing touches the OS until
 * {@code bind}, {@code connect} or {@code sendto}.
 *
 * <h2>Defaults</h2>
 * As the OS's (and Python's): family IPv4 unless the host is an IPv6 address, no timeout,
 * broadcast off, the OS's buffer sizes, multicast TTL 1 with loopback on, and the multicast
 * interface the routing table picks. {@code toString()} lists only what was set.
 */
public final class UdpSpec implements Spec {

    private static final SharedSecrets.BytesAccess<Bytes> BYTES = SharedSecrets.bytes(Bytes.class);
    private static final UdpSpec DEFAULT = new UdpSpec(Settings.NONE);

    /** {@code toString()} lists these first, then the socket options in the order set, then {@link #LAST}. */
    private static final List<Setting<?>> FIRST = List.of(Setting.FAMILY, Setting.TIMEOUT);
    private static final List<Setting<?>> LAST = List.of(Setting.THREADS, Setting.WIRETAP);

    private final Settings settings;

    private UdpSpec(Settings settings) {
        this.settings = settings;
    }

    static UdpSpec defaults() {
        return DEFAULT;
    }

    private <T> UdpSpec with(Setting<T> key, T value) {
        return new UdpSpec(settings.with(key, value));
    }

    /**
     * Returns a spec for this address family: {@link Domain#INET} or {@link Domain#INET6}.
     * If not called, the family follows the host: IPv6 for an IPv6 address, IPv4 otherwise.
     *
     * @throws IllegalArgumentException for {@link Domain#UNIX}: the JVM cannot open Unix datagram sockets
     */
    @CheckReturnValue
    public UdpSpec family(Domain family) {
        Objects.requireNonNull(family, "family");
        if (family == Domain.UNIX) {
            throw new IllegalArgumentException("expected family INET or INET6 for UDP but was UNIX;"
                    + " the JVM cannot open Unix datagram sockets, use Sockets.unix() for Unix stream sockets");
        }
        return with(Setting.FAMILY, family);
    }

    /**
     * Returns a spec whose sockets wait at most this long in {@code recvfrom} / {@code recv}, then
     * throw {@link Timeout}. If not called, they wait as long as it takes (as Python's default),
     * as after {@link #noTimeout()}.
     *
     * @throws IllegalArgumentException for zero or less: zero waits forever on a Java socket and
     *         never waits in Python, so it is refused rather than read either way
     */
    @CheckReturnValue
    public UdpSpec timeout(Duration timeout) {
        return with(Setting.TIMEOUT, timeout);
    }

    /**
     * Returns a spec whose reads wait without end, as Python's {@code settimeout(None)}: the
     * default, for undoing a {@code timeout(...)}.
     */
    @CheckReturnValue
    public UdpSpec noTimeout() {
        return new UdpSpec(settings.without(Setting.TIMEOUT));
    }

    /**
     * Returns a spec whose sockets may send to a broadcast address ({@code SO_BROADCAST}):
     * {@code "<broadcast>"}, 255.255.255.255, or a subnet's, such as 127.255.255.255.
     * If not called, broadcast is off and such a send throws {@link PermissionDenied}.
     */
    @CheckReturnValue
    public UdpSpec broadcast(boolean on) {
        return with(Setting.BROADCAST, on);
    }

    /**
     * Returns a spec whose sockets may bind an address another socket uses ({@code SO_REUSEADDR}):
     * several receivers of one broadcast or multicast port do this. If not called, the OS's default (off).
     */
    @CheckReturnValue
    public UdpSpec reuseAddress(boolean on) {
        return with(Setting.REUSE_ADDRESS, on);
    }

    /**
     * Returns a spec whose sockets share a port with other sockets that ask the same
     * ({@code SO_REUSEPORT}; the OS spreads unicast datagrams among them). If not called, off.
     */
    @CheckReturnValue
    public UdpSpec reusePort(boolean on) {
        return with(Setting.REUSE_PORT, on);
    }

    /**
     * Returns a spec with this receive buffer size in bytes ({@code SO_RCVBUF}), a hint the OS may
     * round or cap (Linux doubles it, up to {@code net.core.rmem_max}). Datagrams that arrive when
     * the buffer is full are dropped: size it for bursts. If not called, the OS's default.
     *
     * @throws IllegalArgumentException unless positive
     */
    @CheckReturnValue
    public UdpSpec receiveBufferSize(int bytes) {
        return with(Setting.RECEIVE_BUFFER_SIZE, bytes);
    }

    /**
     * Returns a spec with this send buffer size in bytes ({@code SO_SNDBUF}), a hint the OS may
     * round or cap. If not called, the OS's default.
     *
     * @throws IllegalArgumentException unless positive
     */
    @CheckReturnValue
    public UdpSpec sendBufferSize(int bytes) {
        return with(Setting.SEND_BUFFER_SIZE, bytes);
    }

    /**
     * Returns a spec whose multicast datagrams cross at most this many routers
     * ({@code IP_MULTICAST_TTL}); 0 keeps them on this machine. If not called, 1 (this network only).
     *
     * @throws IllegalArgumentException outside [0, 255]
     */
    @CheckReturnValue
    public UdpSpec multicastTtl(int ttl) {
        return with(Setting.MULTICAST_TTL, ttl);
    }

    /**
     * Returns a spec whose multicast datagrams are delivered to this machine's own members too
     * ({@code IP_MULTICAST_LOOP}). If not called, on.
     */
    @CheckReturnValue
    public UdpSpec multicastLoop(boolean on) {
        return with(Setting.MULTICAST_LOOP, on);
    }

    /**
     * Returns a spec whose multicast datagrams leave by this interface ({@code IP_MULTICAST_IF}),
     * named ({@code "lo"}) or by one of its addresses ({@code "127.0.0.1"}); {@link UdpSocket#join(String)}
     * joins groups on it too. If not called, the routing table picks the interface for sending, and
     * {@code join(group)} needs the interface named.
     *
     * @throws AddressError if this machine has no such interface
     */
    @CheckReturnValue
    public UdpSpec multicastInterface(String nameOrAddress) {
        return with(Setting.MULTICAST_INTERFACE, Udp.networkInterface(nameOrAddress));
    }

    /**
     * Returns a spec that sets any socket option the JDK's datagram channel supports, such as
     * {@code StandardSocketOptions.IP_TOS}. A later value for the same option replaces an earlier one.
     * An option that has a setting of its own is that setting: {@code option(SO_BROADCAST, true)} is
     * {@code broadcast(true)}.
     *
     * @throws IllegalArgumentException if datagram sockets do not support the option
     */
    @CheckReturnValue
    public <T> UdpSpec option(SocketOption<T> option, T value) {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(value, "value");
        Udp.checkSupported(option);
        return with(Setting.option(option), value);
    }

    /**
     * Returns a spec whose servers ({@link UdpSocket#onDatagram}) receive on this kind of thread:
     * {@link ThreadModel#AUTO} (the default) and {@link ThreadModel#PLATFORM} give the receive loop a
     * platform thread, the fastest wake-up for the one thread that serves every datagram;
     * {@link ThreadModel#VIRTUAL} a virtual thread (Java 21+), for a handler that blocks often.
     *
     * <pre>{@code
     * Sockets.udp().threads(ThreadModel.VIRTUAL).bind("127.0.0.1", 9999).onDatagram((s, d) -> ...);
     * }</pre>
     */
    @CheckReturnValue
    public UdpSpec threads(ThreadModel model) {
        Objects.requireNonNull(model, "model");
        return with(Setting.THREADS, model);
    }

    // ---- wiretap: every send and receive recorded, as socat -v ----------------------------

    /** As {@link TcpSpec#wiretap()}: records what goes through the sockets on standard error. */
    @CheckReturnValue
    public UdpSpec wiretap() {
        return with(Setting.WIRETAP, Wiretap.stderr());
    }

    /** As {@link TcpSpec#wiretap(Path)}: appends the records to {@code file}. */
    @CheckReturnValue
    public UdpSpec wiretap(Path file) {
        return with(Setting.WIRETAP, Wiretap.to(file));
    }

    /** As {@link TcpSpec#wiretap(PrintStream)}: writes the records to {@code out}. */
    @CheckReturnValue
    public UdpSpec wiretap(PrintStream out) {
        return with(Setting.WIRETAP, Wiretap.to(out));
    }

    /** Which thread a server of this spec receives on; {@link ThreadModel#AUTO} unless set. */
    public ThreadModel threads() {
        return settings.threads();
    }

    /** The family set with {@link #family(Domain)}, if any. */
    public Optional<Domain> family() {
        return settings.family();
    }

    /** The receive timeout: {@link Duration#ZERO} when receives wait without end. */
    public Duration timeout() {
        return settings.timeout();
    }

    /** Whether sockets of this spec may send to broadcast addresses. */
    public boolean isBroadcast() {
        return Boolean.TRUE.equals(settings.get(Setting.BROADCAST));
    }

    /** The socket options set, in the order first set. */
    public Map<SocketOption<?>, Object> options() {
        return settings.options();
    }

    // ---- bind: every form of the vocabulary ------------------------------------------------

    /**
     * Opens a UDP socket bound to a host and port, as Python's {@code s.bind((host, port))}:
     * {@code bind("", 9999)} receives on every interface; port 0 picks a free port, which
     * {@link UdpSocket#local()} then tells.
     *
     * @throws AddressInUse    if another socket has the port (and neither asked for reuse)
     * @throws AddressError    if the host does not parse
     * @throws HostNotFound    if a host name does not resolve
     */
    public UdpSocket bind(String host, int port) {
        return bind(Host.of(host), Port.of(port));
    }

    /**
     * Opens a UDP socket bound to the loopback address (127.0.0.1, or {@code ::1} for family
     * INET6) and a port: with no host at all, only this machine can reach it, secure by default.
     * Pass {@code ""} to receive on every interface, as the tutorial does.
     *
     * <pre>{@code
     * var s = Sockets.udp().bind(0);      // 127.0.0.1, a free port
     * }</pre>
     */
    public UdpSocket bind(int port) {
        return bind(settings.get(Setting.FAMILY) == Domain.INET6 ? Host.of("::1") : Host.loopback(), Port.of(port));
    }

    /** As {@link #bind(String, int)}, the port a number or a UDP service name ({@code "domain"}). */
    public UdpSocket bind(String host, String port) {
        return bind(Host.of(host), Udp.port(port));
    }

    /** As {@link #bind(String, int)}. */
    public UdpSocket bind(String host, Port port) {
        return bind(Host.of(host), port);
    }

    /** As {@link #bind(String, int)}, the host an IPv4 address in an int ({@code 0x7F000001}). */
    public UdpSocket bind(int host, int port) {
        return bind(Host.of(host), Port.of(port));
    }

    /** As {@link #bind(String, int)}. */
    public UdpSocket bind(int host, String port) {
        return bind(Host.of(host), Udp.port(port));
    }

    /** As {@link #bind(String, int)}. */
    public UdpSocket bind(int host, Port port) {
        return bind(Host.of(host), port);
    }

    /** As {@link #bind(String, int)}. */
    public UdpSocket bind(Host host, int port) {
        return bind(host, Port.of(port));
    }

    /** As {@link #bind(String, int)}. */
    public UdpSocket bind(Host host, String port) {
        return bind(host, Udp.port(port));
    }

    /** As {@link #bind(String, int)}. */
    public UdpSocket bind(Host host, Port port) {
        return bind(new Endpoint(host, port));
    }

    /** As {@link #bind(String, int)}, host and port in one value. */
    public UdpSocket bind(Endpoint local) {
        return UdpOpener.bind(settings, Objects.requireNonNull(local, "local"));
    }

    // ---- connect ---------------------------------------------------------------------------

    /**
     * Opens a UDP socket with a default peer, as Python's {@code s.connect((host, port))} on a
     * datagram socket: {@link UdpSocket#send(String) send} goes there, and only its datagrams are
     * received. No packet is sent; a port with no receiver shows up later, as
     * {@link ConnectionRefused} from {@code recv}.
     *
     * @throws PermissionDenied for a broadcast address without {@link #broadcast(boolean) broadcast(true)}
     */
    public UdpSocket connect(String host, int port) {
        return connect(Host.of(host), Port.of(port));
    }

    /** As {@link #connect(String, int)}, the port a number or a UDP service name. */
    public UdpSocket connect(String host, String port) {
        return connect(Host.of(host), Udp.port(port));
    }

    /** As {@link #connect(String, int)}. */
    public UdpSocket connect(String host, Port port) {
        return connect(Host.of(host), port);
    }

    /** As {@link #connect(String, int)}, the host an IPv4 address in an int. */
    public UdpSocket connect(int host, int port) {
        return connect(Host.of(host), Port.of(port));
    }

    /** As {@link #connect(String, int)}. */
    public UdpSocket connect(int host, String port) {
        return connect(Host.of(host), Udp.port(port));
    }

    /** As {@link #connect(String, int)}. */
    public UdpSocket connect(int host, Port port) {
        return connect(Host.of(host), port);
    }

    /** As {@link #connect(String, int)}. */
    public UdpSocket connect(Host host, int port) {
        return connect(host, Port.of(port));
    }

    /** As {@link #connect(String, int)}. */
    public UdpSocket connect(Host host, String port) {
        return connect(host, Udp.port(port));
    }

    /** As {@link #connect(String, int)}. */
    public UdpSocket connect(Host host, Port port) {
        return connect(new Endpoint(host, port));
    }

    /** As {@link #connect(String, int)}, host and port in one value. */
    public UdpSocket connect(Endpoint peer) {
        return UdpOpener.connect(settings, Objects.requireNonNull(peer, "peer"));
    }

    // ---- sendto from a fresh socket --------------------------------------------------------

    /**
     * Sends one datagram from a fresh socket on an ephemeral port, then closes that socket,
     * as Python's {@code socket(AF_INET, SOCK_DGRAM).sendto(data, (host, port))}. The text goes as UTF-8.
     *
     * <pre>{@code
     * Sockets.udp().sendto("hello", "127.0.0.1", 9999);
     * Sockets.udp().broadcast(true).sendto("anyone?", "127.255.255.255", 9999);
     * }</pre>
     *
     * @throws PermissionDenied to a broadcast address without {@link #broadcast(boolean) broadcast(true)}
     * @throws SocketError of kind {@link SocketError.Kind#MESSAGE_TOO_LONG} for more bytes than one datagram holds (65,507 over IPv4)
     */
    public void sendto(String data, String host, int port) {
        sendto(data.getBytes(StandardCharsets.UTF_8), new Endpoint(Host.of(host), Port.of(port)));
    }

    /** As {@link #sendto(String, String, int)}, the bytes as they are. */
    public void sendto(byte[] data, String host, int port) {
        sendto(data, new Endpoint(Host.of(host), Port.of(port)));
    }

    /** As {@link #sendto(String, String, int)}. */
    public void sendto(Bytes data, String host, int port) {
        sendto(BYTES.array(Objects.requireNonNull(data, "data")), new Endpoint(Host.of(host), Port.of(port)));
    }

    /** As {@link #sendto(String, String, int)}, to an endpoint. */
    public void sendto(String data, Endpoint to) {
        sendto(data.getBytes(StandardCharsets.UTF_8), to);
    }

    /** As {@link #sendto(String, String, int)}, to an endpoint. */
    public void sendto(Bytes data, Endpoint to) {
        sendto(BYTES.array(Objects.requireNonNull(data, "data")), to);
    }

    /** As {@link #sendto(String, String, int)}, the bytes as they are, to an endpoint. */
    public void sendto(byte[] data, Endpoint to) {
        UdpOpener.sendto(settings, Objects.requireNonNull(data, "data"), Objects.requireNonNull(to, "to"));
    }

    // The same forms of address as bind and connect take (SpecShapeTest holds them equal).
    /** As {@link #sendto(String, String, int)}, the port a number or a UDP service name. */
    public void sendto(String data, String host, String port) {
        sendto(data, new Endpoint(Host.of(host), Udp.port(port)));
    }

    /** As {@link #sendto(String, String, int)}, the port a number or a UDP service name. */
    public void sendto(byte[] data, String host, String port) {
        sendto(data, new Endpoint(Host.of(host), Udp.port(port)));
    }

    /** As {@link #sendto(String, String, int)}, the port a number or a UDP service name. */
    public void sendto(Bytes data, String host, String port) {
        sendto(data, new Endpoint(Host.of(host), Udp.port(port)));
    }

    /** As {@link #sendto(String, String, int)}. */
    public void sendto(String data, String host, Port port) {
        sendto(data, new Endpoint(Host.of(host), port));
    }

    /** As {@link #sendto(String, String, int)}. */
    public void sendto(byte[] data, String host, Port port) {
        sendto(data, new Endpoint(Host.of(host), port));
    }

    /** As {@link #sendto(String, String, int)}. */
    public void sendto(Bytes data, String host, Port port) {
        sendto(data, new Endpoint(Host.of(host), port));
    }

    /** As {@link #sendto(String, String, int)}, the host an IPv4 address in an int. */
    public void sendto(String data, int host, int port) {
        sendto(data, new Endpoint(Host.of(host), Port.of(port)));
    }

    /** As {@link #sendto(String, String, int)}, the host an IPv4 address in an int. */
    public void sendto(byte[] data, int host, int port) {
        sendto(data, new Endpoint(Host.of(host), Port.of(port)));
    }

    /** As {@link #sendto(String, String, int)}, the host an IPv4 address in an int. */
    public void sendto(Bytes data, int host, int port) {
        sendto(data, new Endpoint(Host.of(host), Port.of(port)));
    }

    /** As {@link #sendto(String, String, int)}, the host an IPv4 address in an int and the port a number or a UDP service name. */
    public void sendto(String data, int host, String port) {
        sendto(data, new Endpoint(Host.of(host), Udp.port(port)));
    }

    /** As {@link #sendto(String, String, int)}, the host an IPv4 address in an int and the port a number or a UDP service name. */
    public void sendto(byte[] data, int host, String port) {
        sendto(data, new Endpoint(Host.of(host), Udp.port(port)));
    }

    /** As {@link #sendto(String, String, int)}, the host an IPv4 address in an int and the port a number or a UDP service name. */
    public void sendto(Bytes data, int host, String port) {
        sendto(data, new Endpoint(Host.of(host), Udp.port(port)));
    }

    /** As {@link #sendto(String, String, int)}, the host an IPv4 address in an int. */
    public void sendto(String data, int host, Port port) {
        sendto(data, new Endpoint(Host.of(host), port));
    }

    /** As {@link #sendto(String, String, int)}, the host an IPv4 address in an int. */
    public void sendto(byte[] data, int host, Port port) {
        sendto(data, new Endpoint(Host.of(host), port));
    }

    /** As {@link #sendto(String, String, int)}, the host an IPv4 address in an int. */
    public void sendto(Bytes data, int host, Port port) {
        sendto(data, new Endpoint(Host.of(host), port));
    }

    /** As {@link #sendto(String, String, int)}. */
    public void sendto(String data, Host host, int port) {
        sendto(data, new Endpoint(host, Port.of(port)));
    }

    /** As {@link #sendto(String, String, int)}. */
    public void sendto(byte[] data, Host host, int port) {
        sendto(data, new Endpoint(host, Port.of(port)));
    }

    /** As {@link #sendto(String, String, int)}. */
    public void sendto(Bytes data, Host host, int port) {
        sendto(data, new Endpoint(host, Port.of(port)));
    }

    /** As {@link #sendto(String, String, int)}, the port a number or a UDP service name. */
    public void sendto(String data, Host host, String port) {
        sendto(data, new Endpoint(host, Udp.port(port)));
    }

    /** As {@link #sendto(String, String, int)}, the port a number or a UDP service name. */
    public void sendto(byte[] data, Host host, String port) {
        sendto(data, new Endpoint(host, Udp.port(port)));
    }

    /** As {@link #sendto(String, String, int)}, the port a number or a UDP service name. */
    public void sendto(Bytes data, Host host, String port) {
        sendto(data, new Endpoint(host, Udp.port(port)));
    }

    /** As {@link #sendto(String, String, int)}. */
    public void sendto(String data, Host host, Port port) {
        sendto(data, new Endpoint(host, port));
    }

    /** As {@link #sendto(String, String, int)}. */
    public void sendto(byte[] data, Host host, Port port) {
        sendto(data, new Endpoint(host, port));
    }

    /** As {@link #sendto(String, String, int)}. */
    public void sendto(Bytes data, Host host, Port port) {
        sendto(data, new Endpoint(host, port));
    }

    /** {@link Type#DGRAM}. */
    @Override
    public Type type() {
        return Type.DGRAM;
    }

    /** Equal when the same settings are set to equal values, whatever the order they were set in. */
    @Override
    public boolean equals(Object o) {
        return o instanceof UdpSpec s && settings.equals(s.settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    /**
     * Only what was set, durations as people write them: {@code UdpSpec[timeout=2 s, broadcast=true]};
     * {@code UdpSpec[]} for the defaults. Family and timeout first, then the options in the order
     * set, then the thread model.
     */
    @Override
    public String toString() {
        return settings.print("UdpSpec", FIRST, LAST);
    }
}
