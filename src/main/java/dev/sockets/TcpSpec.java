package dev.sockets;

import dev.sockets.internal.io.Tcp;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * How to open TCP sockets: an immutable value made by {@link Sockets#tcp()}; each setting
 * returns a new spec, and nothing touches the OS until {@code connect} or {@code listen}.
 *
 * <pre>{@code
 * var spec = Sockets.tcp().timeout(Duration.ofSeconds(2)).noDelay(true);
 * spec                                  // TcpSpec[timeout=PT2S, noDelay=true]
 * try (var c = spec.connect("127.0.0.1", 12345)) { ... }
 * var listener = spec.bind("", 0).listen(5);
 * }</pre>
 *
 * <h2>Share it</h2>
 * A spec is a value: store it, share it across threads, open many sockets from it.
 * {@code toString()} lists only what was set.
 *
 * <h2>Forms of host and port</h2>
 * {@code bind} and {@code connect} take the tutorial's forms: a host as a {@code String}
 * ({@code ""} for any address, a name, a dotted quad, an IPv6 literal), an {@code int}
 * ({@code 0x7F000001} is 127.0.0.1) or a {@link Host}; a port as an {@code int}, a
 * {@code String} (digits or a service name such as {@code "www"}) or a {@link Port}; or one
 * {@link Endpoint}.
 */
public final class TcpSpec implements Spec {

    /** The connect timeout unless set: 10 seconds, so that a REPL never hangs on a dead host. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The longest line {@link Connection#readLine()} reads unless set: 64 KiB. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;
    /**
     * How long a server's connection may stay silent unless set: 5 minutes. Generous
     * enough for a person typing into {@code nc}, short enough that clients which connect and
     * send nothing (slowloris) cannot hold the server's connection slots for ever.
     */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    /**
     * How long a read polls for bytes before it blocks, unless set: 50 µs, or
     * {@code -Dsockets.busyPoll=<microseconds>}. See {@link #busyPoll(Duration)}.
     */
    public static final Duration DEFAULT_BUSY_POLL = Duration.ofNanos(
            java.util.concurrent.TimeUnit.MICROSECONDS.toNanos(dev.sockets.internal.io.BusyPoll.DEFAULT_MICROS));
    /** The open connections a server allows unless set: 10,000; at the bound it stops accepting. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

    private static final TcpSpec DEFAULT = new TcpSpec(new Builder());

    private final Domain family;
    private final Duration timeout;
    private final Duration connectTimeout;
    private final Boolean noDelay;
    private final Boolean keepAlive;
    private final Boolean reuseAddress;
    private final Boolean reusePort;
    private final Integer receiveBufferSize;
    private final Integer sendBufferSize;
    private final Duration linger;
    private final Charset charset;
    private final Integer maxConnections;
    private final Integer maxLineLength;
    private final ThreadModel threads;
    private final Duration writeTimeout;
    private final Duration idleTimeout;
    private final Duration busyPoll;
    private final Map<SocketOption<?>, Object> options;

    private TcpSpec(Builder b) {
        family = b.family;
        timeout = b.timeout;
        connectTimeout = b.connectTimeout;
        noDelay = b.noDelay;
        keepAlive = b.keepAlive;
        reuseAddress = b.reuseAddress;
        reusePort = b.reusePort;
        receiveBufferSize = b.receiveBufferSize;
        sendBufferSize = b.sendBufferSize;
        linger = b.linger;
        charset = b.charset;
        maxConnections = b.maxConnections;
        maxLineLength = b.maxLineLength;
        threads = b.threads;
        writeTimeout = b.writeTimeout;
        idleTimeout = b.idleTimeout;
        busyPoll = b.busyPoll;
        options = Collections.unmodifiableMap(new LinkedHashMap<>(b.options));
    }

    static TcpSpec defaults() {
        return DEFAULT;
    }

    /** A mutable copy, only ever used inside one setter call. */
    private static final class Builder {
        Domain family;
        Duration timeout;
        Duration connectTimeout;
        Boolean noDelay;
        Boolean keepAlive;
        Boolean reuseAddress;
        Boolean reusePort;
        Integer receiveBufferSize;
        Integer sendBufferSize;
        Duration linger;
        Charset charset;
        Integer maxConnections;
        Integer maxLineLength;
        ThreadModel threads;
        Duration writeTimeout;
        Duration idleTimeout;
        Duration busyPoll;
        Map<SocketOption<?>, Object> options = new LinkedHashMap<>();

        Builder() {
        }

        Builder(TcpSpec s) {
            family = s.family;
            timeout = s.timeout;
            connectTimeout = s.connectTimeout;
            noDelay = s.noDelay;
            keepAlive = s.keepAlive;
            reuseAddress = s.reuseAddress;
            reusePort = s.reusePort;
            receiveBufferSize = s.receiveBufferSize;
            sendBufferSize = s.sendBufferSize;
            linger = s.linger;
            charset = s.charset;
            maxConnections = s.maxConnections;
            maxLineLength = s.maxLineLength;
            threads = s.threads;
            writeTimeout = s.writeTimeout;
            idleTimeout = s.idleTimeout;
            busyPoll = s.busyPoll;
            options = new LinkedHashMap<>(s.options);
        }
    }

    private TcpSpec with(java.util.function.Consumer<Builder> edit) {
        Builder b = new Builder(this);
        edit.accept(b);
        return new TcpSpec(b);
    }

    // ---------------------------------------------------------------- settings

    /**
     * The address family: {@link Domain#INET} or {@link Domain#INET6}. It decides what
     * {@code ""} binds (0.0.0.0 or {@code ::}) and which addresses of a name are tried.
     * If not set, any address of a name is tried, and {@code ""} is 0.0.0.0.
     *
     * @throws IllegalArgumentException for {@link Domain#UNIX} or another family TCP cannot use
     */
    @CheckReturnValue
    public TcpSpec family(Domain family) {
        Objects.requireNonNull(family, "family");
        if (family != Domain.INET && family != Domain.INET6) {
            throw new IllegalArgumentException("expected family INET or INET6 for TCP but was " + family
                    + (family == Domain.UNIX ? "; use Sockets.unix() for Unix domain sockets" : ""));
        }
        return with(b -> b.family = family);
    }

    /**
     * How long a read ({@code recv}, {@code readLine}, ...) or a {@code Listener.accept()} waits
     * before failing with {@link Timeout}. If not set, they wait without end;
     * {@link Duration#ZERO} says the same explicitly. A server's accept loop ignores it.
     *
     * @throws IllegalArgumentException for a negative duration
     */
    @CheckReturnValue
    public TcpSpec timeout(Duration timeout) {
        nonNegative(timeout, "timeout");
        return with(b -> b.timeout = timeout);
    }

    /**
     * How long {@code connect} may take in all, over every address of a name together.
     * If not set, {@link #DEFAULT_CONNECT_TIMEOUT} (10 seconds).
     *
     * @throws IllegalArgumentException unless positive
     */
    @CheckReturnValue
    public TcpSpec connectTimeout(Duration connectTimeout) {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("expected connectTimeout > 0 but was " + connectTimeout);
        }
        return with(b -> b.connectTimeout = connectTimeout);
    }

    /**
     * How long a send may make no progress before it fails with {@link Timeout} and closes the
     * connection: a peer that never reads would otherwise block the sender for ever, once the
     * socket buffers are full. The message says how many bytes were handed to the OS before.
     * If not set, sends wait without end (as the JDK's and Python's); {@link Duration#ZERO} says
     * the same explicitly.
     *
     * <pre>{@code
     * Sockets.tcp().writeTimeout(Duration.ofSeconds(5)).connect("127.0.0.1", 5000).send(big);
     * }</pre>
     *
     * @throws IllegalArgumentException for a negative duration
     */
    @CheckReturnValue
    public TcpSpec writeTimeout(Duration writeTimeout) {
        nonNegative(writeTimeout, "writeTimeout");
        return with(b -> b.writeTimeout = writeTimeout);
    }

    /**
     * How long a connection served by a {@link Server} ({@code onAccept}) may go without a byte
     * sent or received before the server closes it; the handler's next read or send then fails
     * with {@link SocketClosed}, whose message names the idle timeout, and the server does not
     * count it as a failure. Protects the server's {@code maxConnections} slots from clients
     * that connect and send nothing. Connections from {@code connect} and from
     * {@code Listener.accept()} are yours and never idle-closed.
     * If not set, {@link #DEFAULT_IDLE_TIMEOUT} (5 minutes); {@link Duration#ZERO} turns it off.
     *
     * @throws IllegalArgumentException for a negative duration
     */
    @CheckReturnValue
    public TcpSpec idleTimeout(Duration idleTimeout) {
        nonNegative(idleTimeout, "idleTimeout");
        return with(b -> b.idleTimeout = idleTimeout);
    }

    /**
     * How long a read on a platform thread asks the OS for bytes, in a loop, before it blocks:
     * an answer that comes within it is read without the wake-up a blocked thread waits for.
     * On loopback here that took a 64-byte round trip from 53 µs to 9 µs with both ends polling
     * (BENCHMARKS.md). The price is CPU while polling, so the library polls only while polls pay:
     * at most one polling thread per two cores (none on one core), and a process whose polls keep
     * missing, or whose reads find bytes already waiting (many connections, slow peers, a
     * saturated machine, bulk streams) stops polling but for one read in 256. Reads on virtual
     * threads never poll, nor do Unix domain sockets. If not set, {@link #DEFAULT_BUSY_POLL}
     * (50 µs); {@link Duration#ZERO} turns it off, as for a battery-powered laptop.
     * <pre>{@code
     * Sockets.tcp().busyPoll(Duration.ZERO).connect("127.0.0.1", 9000)   // never poll
     * }</pre>
     *
     * @throws IllegalArgumentException for a negative duration or one over a millisecond
     */
    @CheckReturnValue
    public TcpSpec busyPoll(Duration window) {
        nonNegative(window, "busyPoll");
        if (window.compareTo(Duration.ofMillis(1)) > 0) {
            throw new IllegalArgumentException("expected a busyPoll of at most 1 ms but was " + window
                    + "; polling longer burns a core for nothing: let the read block");
        }
        return with(b -> b.busyPoll = window);
    }

    /** {@code TCP_NODELAY}: send small writes at once instead of batching them (Nagle off). If not set, off. */
    @CheckReturnValue
    public TcpSpec noDelay(boolean on) {
        return with(b -> b.noDelay = on);
    }

    /** {@code SO_KEEPALIVE}: probe idle connections. If not set, off. */
    @CheckReturnValue
    public TcpSpec keepAlive(boolean on) {
        return with(b -> b.keepAlive = on);
    }

    /**
     * {@code SO_REUSEADDR}: bind a port that still has connections in TIME_WAIT.
     * If not set, the JDK's default: on for listeners on Linux and macOS.
     */
    @CheckReturnValue
    public TcpSpec reuseAddress(boolean on) {
        return with(b -> b.reuseAddress = on);
    }

    /**
     * {@code SO_REUSEPORT}: let several sockets listen on one port. Where the OS or the JDK
     * lacks it, {@code bind} fails with a {@link SocketError} of kind UNSUPPORTED. If not set, off.
     */
    @CheckReturnValue
    public TcpSpec reusePort(boolean on) {
        return with(b -> b.reusePort = on);
    }

    /**
     * {@code SO_RCVBUF}, in bytes: a hint to the OS. If not set, the OS's default.
     *
     * @throws IllegalArgumentException unless positive
     */
    @CheckReturnValue
    public TcpSpec receiveBufferSize(int bytes) {
        positive(bytes, "receiveBufferSize");
        return with(b -> b.receiveBufferSize = bytes);
    }

    /**
     * {@code SO_SNDBUF}, in bytes: a hint to the OS. If not set, the OS's default.
     *
     * @throws IllegalArgumentException unless positive
     */
    @CheckReturnValue
    public TcpSpec sendBufferSize(int bytes) {
        positive(bytes, "sendBufferSize");
        return with(b -> b.sendBufferSize = bytes);
    }

    /**
     * {@code SO_LINGER}, in whole seconds: how long {@code close} waits for unsent data.
     * {@link Duration#ZERO} makes {@code close} reset the connection at once (the peer sees
     * {@link ConnectionReset}). If not set, close returns at once and the OS still sends the data.
     *
     * @throws IllegalArgumentException outside [0 s, 65535 s]
     */
    @CheckReturnValue
    public TcpSpec linger(Duration linger) {
        nonNegative(linger, "linger");
        if (linger.getSeconds() > 65535) {
            throw new IllegalArgumentException("expected linger in [PT0S, PT18H12M15S] but was " + linger);
        }
        return with(b -> b.linger = linger);
    }

    /** The charset of {@code send(String)}, {@code sendLine} and {@code readLine}. If not set, UTF-8. */
    @CheckReturnValue
    public TcpSpec charset(Charset charset) {
        Objects.requireNonNull(charset, "charset");
        return with(b -> b.charset = charset);
    }

    /**
     * How many connections a server keeps open at once; at the bound its accept loop waits
     * for one to close (clients queue in the backlog) instead of refusing.
     * If not set, {@link #DEFAULT_MAX_CONNECTIONS} (10,000).
     *
     * @throws IllegalArgumentException unless positive
     */
    @CheckReturnValue
    public TcpSpec maxConnections(int max) {
        positive(max, "maxConnections");
        return with(b -> b.maxConnections = max);
    }

    /**
     * The longest line, in bytes without its terminator, that {@code readLine} accepts;
     * a longer one fails instead of filling memory. If not set, {@link #DEFAULT_MAX_LINE_LENGTH} (64 KiB).
     *
     * @throws IllegalArgumentException outside [1, 2^30]
     */
    @CheckReturnValue
    public TcpSpec maxLineLength(int bytes) {
        if (bytes < 1 || bytes > (1 << 30)) {
            throw new IllegalArgumentException("expected maxLineLength in [1, 1073741824] but was " + bytes);
        }
        return with(b -> b.maxLineLength = bytes);
    }

    /**
     * Which threads run a server's handlers: {@link ThreadModel#AUTO} if not set (platform
     * threads for the first few connections, virtual threads beyond them on Java 21+). See
     * {@link ThreadModel} for the trade-off.
     *
     * <pre>{@code
     * Sockets.tcp().threads(ThreadModel.PLATFORM).bind("", 0).listen().onAccept(c -> ...);
     * }</pre>
     */
    @CheckReturnValue
    public TcpSpec threads(ThreadModel model) {
        Objects.requireNonNull(model, "model");
        return with(b -> b.threads = model);
    }

    /**
     * Any other socket option the JDK knows ({@code ExtendedSocketOptions.TCP_KEEPIDLE}, ...),
     * set on each socket that supports it; an option no socket supports fails at
     * {@code connect} or {@code listen} with a {@link SocketError} of kind UNSUPPORTED.
     * Setting the same option again replaces the value.
     */
    @CheckReturnValue
    public <T> TcpSpec option(SocketOption<T> option, T value) {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(value, "value");
        if (!option.type().isInstance(value)) {
            throw new IllegalArgumentException("expected a " + option.type().getSimpleName() + " for "
                    + option.name() + " but was " + value.getClass().getSimpleName());
        }
        return with(b -> b.options.put(option, value));
    }

    // ---------------------------------------------------------------- read back

    /** Which threads run a server's handlers; {@link ThreadModel#AUTO} unless set. */
    public ThreadModel threads() {
        return threads == null ? ThreadModel.AUTO : threads;
    }

    /** The family, where one was set. */
    public Optional<Domain> family() {
        return Optional.ofNullable(family);
    }

    /** The read timeout: {@link Duration#ZERO} when reads wait without end. */
    public Duration timeout() {
        return timeout == null ? Duration.ZERO : timeout;
    }

    /** The write timeout: {@link Duration#ZERO} when sends wait without end. */
    public Duration writeTimeout() {
        return writeTimeout == null ? Duration.ZERO : writeTimeout;
    }

    /** The idle timeout of a server's connections in force: {@link Duration#ZERO} for none. */
    public Duration idleTimeout() {
        return idleTimeout == null ? DEFAULT_IDLE_TIMEOUT : idleTimeout;
    }

    /** How long a read polls before it blocks: {@link #DEFAULT_BUSY_POLL} unless set; ZERO when off. */
    public Duration busyPoll() {
        return busyPoll == null ? DEFAULT_BUSY_POLL : busyPoll;
    }

    /** The connect timeout in force. */
    public Duration connectTimeout() {
        return connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
    }

    /** The charset in force. */
    public Charset charset() {
        return charset == null ? StandardCharsets.UTF_8 : charset;
    }

    /** The connection bound of a server in force. */
    public int maxConnections() {
        return maxConnections == null ? DEFAULT_MAX_CONNECTIONS : maxConnections;
    }

    /** The line length bound in force. */
    public int maxLineLength() {
        return maxLineLength == null ? DEFAULT_MAX_LINE_LENGTH : maxLineLength;
    }

    /**
     * Every socket option that was set, by the JDK's option: what {@code connect} and
     * {@code listen} apply (timeouts, charset and bounds are not socket options).
     */
    public Map<SocketOption<?>, Object> options() {
        var m = new LinkedHashMap<SocketOption<?>, Object>();
        if (noDelay != null) {
            m.put(StandardSocketOptions.TCP_NODELAY, noDelay);
        }
        if (keepAlive != null) {
            m.put(StandardSocketOptions.SO_KEEPALIVE, keepAlive);
        }
        if (reuseAddress != null) {
            m.put(StandardSocketOptions.SO_REUSEADDR, reuseAddress);
        }
        if (reusePort != null) {
            m.put(StandardSocketOptions.SO_REUSEPORT, reusePort);
        }
        if (receiveBufferSize != null) {
            m.put(StandardSocketOptions.SO_RCVBUF, receiveBufferSize);
        }
        if (sendBufferSize != null) {
            m.put(StandardSocketOptions.SO_SNDBUF, sendBufferSize);
        }
        if (linger != null) {
            m.put(StandardSocketOptions.SO_LINGER, (int) linger.getSeconds());
        }
        m.putAll(options);
        return Collections.unmodifiableMap(m);
    }

    // ---------------------------------------------------------------- bind

    /**
     * The local address to listen or connect from; touches no OS yet. Port 0 lets the OS pick
     * a free port at {@code listen}.
     *
     * <pre>{@code
     * var listener = Sockets.tcp().bind("", 12345).listen(5);
     * }</pre>
     *
     * @throws AddressError if the host does not parse
     * @throws AddressError if the port is outside [0, 65535]
     */
    public TcpBinding bind(String host, int port) {
        return bind(Host.of(host), Port.of(port));
    }

    /**
     * The loopback address (127.0.0.1, or {@code ::1} for family INET6) and a port: with no host
     * at all, a listener is reachable from this machine only, secure by default. Pass {@code ""}
     * to listen on every interface, as the tutorial does.
     *
     * <pre>{@code
     * var listener = Sockets.tcp().bind(0).listen();   // 127.0.0.1, a free port
     * }</pre>
     *
     * @throws AddressError if the port is outside [0, 65535]
     */
    public TcpBinding bind(int port) {
        return bind(family == Domain.INET6 ? Host.of("::1") : Host.loopback(), Port.of(port));
    }

    /** As {@link #bind(String, int)}, with the port as digits or a service name ({@code "www"}). */
    public TcpBinding bind(String host, String port) {
        return bind(Host.of(host), Port.of(port));
    }

    /** As {@link #bind(String, int)}, with an IPv4 address in an int in host byte order. */
    public TcpBinding bind(int host, int port) {
        return bind(Host.of(host), Port.of(port));
    }

    /** As {@link #bind(String, int)}, with a {@link Host}. */
    public TcpBinding bind(Host host, int port) {
        return bind(host, Port.of(port));
    }

    /** As {@link #bind(String, int)}, with a {@link Host} and a {@link Port}. */
    public TcpBinding bind(Host host, Port port) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
        return bind(new Endpoint(host, port));
    }

    /** As {@link #bind(String, int)}, with an {@link Endpoint}. */
    public TcpBinding bind(Endpoint local) {
        Objects.requireNonNull(local, "local");
        checkFamily(local.host());
        return new TcpBinding(this, local);
    }

    // ---------------------------------------------------------------- connect

    /**
     * Opens a connection to {@code host:port}, blocking until it is established. For a name, it
     * tries each address in the resolver's order within one overall {@link #connectTimeout()}.
     *
     * <pre>{@code
     * try (var c = Sockets.tcp().connect("localhost", 12345)) {
     *     System.out.println(c.recv(1024));
     * }
     * }</pre>
     *
     * @throws ConnectionRefused if nobody listens there
     * @throws Timeout if the connect timeout passes first
     * @throws HostNotFound if the name does not resolve
     */
    public Connection connect(String host, int port) {
        return connect(Host.of(host), Port.of(port));
    }

    /** As {@link #connect(String, int)}, with the port as digits or a service name. */
    public Connection connect(String host, String port) {
        return connect(Host.of(host), Port.of(port));
    }

    /** As {@link #connect(String, int)}, with an IPv4 address in an int in host byte order. */
    public Connection connect(int host, int port) {
        return connect(Host.of(host), Port.of(port));
    }

    /** As {@link #connect(String, int)}, with a {@link Host}. */
    public Connection connect(Host host, int port) {
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
        checkFamily(remote.host());
        return Tcp.connect(this, null, remote);
    }

    // ---------------------------------------------------------------- plumbing

    void checkFamily(Host host) {
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

    private static void nonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException("expected " + name + " >= 0 but was " + d);
        }
    }

    private static void positive(int n, String name) {
        if (n <= 0) {
            throw new IllegalArgumentException("expected " + name + " > 0 but was " + n);
        }
    }

    /** Equal when every setting is equal. */
    /** {@link Type#STREAM}. */
    @Override
    public Type type() {
        return Type.STREAM;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TcpSpec s && toString().equals(s.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** Only what was set, in a fixed order: {@code TcpSpec[family=INET6, timeout=PT2S, noDelay=true]}; {@code TcpSpec[]} for the defaults. */
    @Override
    public String toString() {
        var j = new StringJoiner(", ", "TcpSpec[", "]");
        add(j, "family", family);
        add(j, "timeout", timeout);
        add(j, "connectTimeout", connectTimeout);
        add(j, "noDelay", noDelay);
        add(j, "keepAlive", keepAlive);
        add(j, "reuseAddress", reuseAddress);
        add(j, "reusePort", reusePort);
        add(j, "receiveBufferSize", receiveBufferSize);
        add(j, "sendBufferSize", sendBufferSize);
        add(j, "linger", linger);
        add(j, "charset", charset);
        add(j, "maxConnections", maxConnections);
        add(j, "maxLineLength", maxLineLength);
        add(j, "threads", threads);
        add(j, "writeTimeout", writeTimeout);
        add(j, "idleTimeout", idleTimeout);
        add(j, "busyPoll", busyPoll);
        options.forEach((k, v) -> j.add(k.name() + "=" + v));
        return j.toString();
    }

    private static void add(StringJoiner j, String name, Object value) {
        if (value != null) {
            j.add(name + "=" + value);
        }
    }
}
