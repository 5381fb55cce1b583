package dev.sockets;

import dev.sockets.internal.io.Tcp;
import dev.sockets.internal.settings.Setting;
import dev.sockets.internal.settings.Settings;
import dev.sockets.internal.tap.Wiretap;
import java.io.PrintStream;
import java.net.SocketOption;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to open TCP sockets: an immutable value made by {@link Sockets#tcp()}; each setting
 * returns a new spec, and nothing touches the OS until {@code connect} or {@code listen}.
 *
 * <pre>{@code
 * var spec = Sockets.tcp().timeout(Duration.ofSeconds(2)).noDelay(true);
 * spec                                  // TcpSpec[timeout=2 s, noDelay=true]
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
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Setting.CONNECT_TIMEOUT.fallback();
    /** The longest line {@link Connection#readLine()} reads unless set: 64 KiB. */
    public static final int DEFAULT_MAX_LINE_LENGTH = Setting.DEFAULT_MAX_LINE_LENGTH;
    /**
     * How long a server's connection may stay silent unless set: 5 minutes. Generous
     * enough for a person typing into {@code nc}, short enough that clients which connect and
     * send nothing (slowloris) cannot hold the server's connection slots for ever.
     */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Setting.IDLE_TIMEOUT.fallback();
    /**
     * How long a read polls for bytes before it blocks, unless set: 50 µs, or
     * {@code -Dsockets.busyPoll=<microseconds>}. See {@link #busyPoll(Duration)}.
     */
    public static final Duration DEFAULT_BUSY_POLL = Setting.BUSY_POLL.fallback();
    /**
     * How long a send on a connection a server accepted ({@code onAccept}, {@code onReceive},
     * {@link Listener#accept()}) may make no progress unless {@link #writeTimeout(Duration)} is
     * set: 60 seconds, nginx's {@code send_timeout}. Connections from {@code connect} have none.
     */
    public static final Duration DEFAULT_SERVED_WRITE_TIMEOUT = Setting.DEFAULT_SERVED_WRITE_TIMEOUT;
    /** The open connections a server allows unless set: 10,000; at the bound it stops accepting. */
    public static final int DEFAULT_MAX_CONNECTIONS = Setting.DEFAULT_MAX_CONNECTIONS;
    /** The most bytes one {@link Connection#expect(String...) expect} searches unless set: 64 KiB. */
    public static final int DEFAULT_MAX_EXPECT_BUFFER = Setting.DEFAULT_MAX_EXPECT_BUFFER;

    private static final TcpSpec DEFAULT = new TcpSpec(Settings.NONE);

    /** The order {@code toString()} lists settings in; socket options set by {@code option} follow. */
    static final List<Setting<?>> ORDER = List.of(Setting.FAMILY, Setting.TIMEOUT, Setting.CONNECT_TIMEOUT, Setting.HAPPY_EYEBALLS,
            Setting.NO_DELAY, Setting.KEEP_ALIVE, Setting.REUSE_ADDRESS, Setting.REUSE_PORT, Setting.RECEIVE_BUFFER_SIZE,
            Setting.SEND_BUFFER_SIZE, Setting.LINGER, Setting.CHARSET, Setting.MAX_CONNECTIONS, Setting.MAX_BUFFERED,
            Setting.MAX_LINE_LENGTH, Setting.MAX_EXPECT_BUFFER, Setting.THREADS, Setting.WRITE_TIMEOUT, Setting.IDLE_TIMEOUT, Setting.BUSY_POLL,
            Setting.WIRETAP);

    private final Settings settings;

    private TcpSpec(Settings settings) {
        this.settings = settings;
    }

    static TcpSpec defaults() {
        return DEFAULT;
    }

    private <T> TcpSpec with(Setting<T> key, T value) {
        return new TcpSpec(settings.with(key, value));
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
        return with(Setting.FAMILY, family);
    }

    /**
     * How long a read ({@code recv}, {@code readLine}, ...) or a {@code Listener.accept()} waits
     * before failing with {@link Timeout}. If not set, they wait without end, as after
     * {@link #noTimeout()}. A server's accept loop ignores it.
     *
     * @throws IllegalArgumentException for zero or less: zero waits forever on a Java socket and
     *         never waits in Python, so it is refused rather than read either way
     */
    @CheckReturnValue
    public TcpSpec timeout(Duration timeout) {
        return with(Setting.TIMEOUT, timeout);
    }

    /**
     * Returns a spec whose reads wait without end, as Python's {@code settimeout(None)}: the
     * default, for undoing a {@code timeout(...)}.
     */
    @CheckReturnValue
    public TcpSpec noTimeout() {
        return new TcpSpec(settings.without(Setting.TIMEOUT));
    }

    /**
     * How long {@code connect} may take in all, over every address of a name together.
     * If not set, {@link #DEFAULT_CONNECT_TIMEOUT} (10 seconds).
     *
     * @throws IllegalArgumentException unless positive
     */
    @CheckReturnValue
    public TcpSpec connectTimeout(Duration connectTimeout) {
        return with(Setting.CONNECT_TIMEOUT, connectTimeout);
    }

    /**
     * Happy Eyeballs (RFC 8305) with this delay: when a name has IPv6 and IPv4 addresses,
     * {@code connect} tries them alternately by family, IPv6 first, and starts the next attempt
     * {@code delay} after the previous one (at once if that one already failed). The first to
     * connect wins and the others are closed; {@link #connectTimeout(Duration)} bounds the whole.
     * On unless set, with 250 ms, RFC 8305's recommended delay. A name of one family, a literal
     * address, a spec with {@link #family(Domain)} or a connect from a bound address
     * ({@code bind(...).connect(...)}) tries its addresses one after the other.
     *
     * <pre>{@code
     * Sockets.tcp().happyEyeballs(Duration.ofMillis(100)).connect("example.com", 80)
     * }</pre>
     *
     * @param delay between 10 ms and 2 s (RFC 8305's bounds), or {@link Duration#ZERO} for off
     * @throws IllegalArgumentException for any other delay
     */
    @CheckReturnValue
    public TcpSpec happyEyeballs(Duration delay) {
        return with(Setting.HAPPY_EYEBALLS, delay);
    }

    /**
     * Happy Eyeballs on (with its 250 ms delay) or off: off, {@code connect} tries each address of
     * a name in the resolver's order, one after the other, as C's and Python's
     * {@code create_connection} do. See {@link #happyEyeballs(Duration)}.
     */
    @CheckReturnValue
    public TcpSpec happyEyeballs(boolean on) {
        return on ? new TcpSpec(settings.without(Setting.HAPPY_EYEBALLS)) : with(Setting.HAPPY_EYEBALLS, Duration.ZERO);
    }

    /**
     * How long a send may make no progress before it fails with {@link Timeout} and closes the
     * connection: a peer that never reads would otherwise block the sender for ever, once the
     * socket buffers are full. The message says how many bytes were handed to the OS before.
     * "Progress" is each 64 KiB the OS takes, so a slow reader is not cut off, only a stalled one.
     * If not set, a connection from {@code connect} waits without end (as the JDK's and
     * Python's: you chose the peer), and a connection a server accepts ({@code onAccept},
     * {@code onReceive}, {@link Listener#accept()}) gets {@link #DEFAULT_SERVED_WRITE_TIMEOUT},
     * 60 s: a client that never reads would otherwise pin a handler's thread, or the one thread
     * of an accept loop, for ever; a minute with not 64 KiB read is no honest client's pace.
     * {@link Duration#ZERO} turns it off for both.
     *
     * <pre>{@code
     * Sockets.tcp().writeTimeout(Duration.ofSeconds(5)).connect("127.0.0.1", 5000).send(big);
     * }</pre>
     *
     * @throws IllegalArgumentException for a negative duration
     */
    @CheckReturnValue
    public TcpSpec writeTimeout(Duration writeTimeout) {
        return with(Setting.WRITE_TIMEOUT, writeTimeout);
    }

    /**
     * How long a connection served by a {@link Server} ({@code onAccept}) may go without a byte
     * sent or received before the server closes it; the handler's next read or send then fails
     * with {@link SocketClosed}, whose message names the idle timeout, and the server does not
     * count it as a failure. Protects the server's {@code maxConnections} slots from clients
     * that connect and send nothing. A send counts as silence while it makes no progress (a
     * client that never reads), unless the write timeout is {@link Duration#ZERO}.
     * Connections from {@code connect} and from
     * {@code Listener.accept()} are yours and never idle-closed.
     * If not set, {@link #DEFAULT_IDLE_TIMEOUT} (5 minutes); {@link Duration#ZERO} turns it off.
     *
     * @throws IllegalArgumentException for a negative duration
     */
    @CheckReturnValue
    public TcpSpec idleTimeout(Duration idleTimeout) {
        return with(Setting.IDLE_TIMEOUT, idleTimeout);
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
     * @throws IllegalArgumentException outside [0 s, 1 ms]
     */
    @CheckReturnValue
    public TcpSpec busyPoll(Duration window) {
        return with(Setting.BUSY_POLL, window);
    }

    /** {@code TCP_NODELAY}: send small writes at once instead of batching them (Nagle off). If not set, off. */
    @CheckReturnValue
    public TcpSpec noDelay(boolean on) {
        return with(Setting.NO_DELAY, on);
    }

    /** {@code SO_KEEPALIVE}: probe idle connections. If not set, off. */
    @CheckReturnValue
    public TcpSpec keepAlive(boolean on) {
        return with(Setting.KEEP_ALIVE, on);
    }

    /**
     * {@code SO_REUSEADDR}: bind a port that still has connections in TIME_WAIT.
     * If not set, the JDK's default: on for listeners on Linux and macOS.
     */
    @CheckReturnValue
    public TcpSpec reuseAddress(boolean on) {
        return with(Setting.REUSE_ADDRESS, on);
    }

    /**
     * {@code SO_REUSEPORT}: let several sockets listen on one port. Where the OS or the JDK
     * lacks it, {@code bind} fails with a {@link SocketError} of kind UNSUPPORTED. If not set, off.
     */
    @CheckReturnValue
    public TcpSpec reusePort(boolean on) {
        return with(Setting.REUSE_PORT, on);
    }

    /**
     * {@code SO_RCVBUF}, in bytes: a hint to the OS. If not set, the OS's default.
     *
     * @throws IllegalArgumentException unless positive
     */
    @CheckReturnValue
    public TcpSpec receiveBufferSize(int bytes) {
        return with(Setting.RECEIVE_BUFFER_SIZE, bytes);
    }

    /**
     * {@code SO_SNDBUF}, in bytes: a hint to the OS. If not set, the OS's default.
     *
     * @throws IllegalArgumentException unless positive
     */
    @CheckReturnValue
    public TcpSpec sendBufferSize(int bytes) {
        return with(Setting.SEND_BUFFER_SIZE, bytes);
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
        return with(Setting.LINGER, linger);
    }

    /** The charset of {@code send(String)}, {@code sendLine} and {@code readLine}. If not set, UTF-8. */
    @CheckReturnValue
    public TcpSpec charset(Charset charset) {
        return with(Setting.CHARSET, charset);
    }

    // ---- wiretap: every send and receive recorded, as socat -v ----------------------------

    /**
     * Returns a spec whose sockets record on standard error everything that goes through them,
     * in the manner of {@code socat -v}: each open, send, receive, end of stream, error and
     * close, with the time, the direction and both ends; text as text ({@code \r}, {@code \n},
     * {@code \t} written out), other data as a hex dump (offset, hex, ASCII).
     *
     * <pre>{@code
     * var c = Sockets.tcp().wiretap().connect("127.0.0.1", 5000);
     * c.sendLine("hi");
     * // > 2026/12/02 11:00:00.123456  length=3 from=0 to=2  127.0.0.1:44720 > 127.0.0.1:5000
     * // hi\n
     * }</pre>
     *
     * A record is written whole, so the records of two threads never mix. The tap shows the
     * peer's bytes (for TLS, the plaintext): it is off unless asked for (SECURITY.md). If not
     * called, nothing is recorded, and nothing is written.
     */
    @CheckReturnValue
    public TcpSpec wiretap() {
        return with(Setting.WIRETAP, Wiretap.stderr());
    }

    /**
     * As {@link #wiretap()}, appending to {@code file} (created readable by its owner only).
     * The sockets of this JVM that tap to one file share it: it is opened by the first and closed
     * when the last one closes, and each record is in the file as soon as it is made.
     *
     * @throws IllegalArgumentException if {@code file} is a directory or its directory does not exist
     */
    @CheckReturnValue
    public TcpSpec wiretap(Path file) {
        return with(Setting.WIRETAP, Wiretap.to(file));
    }

    /** As {@link #wiretap()}, to {@code out} (a test's stream, {@code System.out}); the tap never closes it. */
    @CheckReturnValue
    public TcpSpec wiretap(PrintStream out) {
        return with(Setting.WIRETAP, Wiretap.to(out));
    }

    /**
     * Returns a spec whose servers buffer at most this many bytes at once over all their
     * connections: replies an {@code onReceive} server queued for clients that do not read them
     * (past it, such clients are not read from until their replies drain), the frames an
     * {@code onReceive(framing, ...)} server holds part of from one read to the next (past it,
     * such clients are not read from until there is room, one per loop thread excepted: see
     * {@link TcpBinding#onReceive(Framing, Receiver)}), and the large
     * buffers of {@code recvExactly} and {@code recvAll} in {@code onAccept} handlers (past it,
     * such a read fails with a {@link SocketError} that names the budget). If not called,
     * a quarter of the heap ({@code Runtime.maxMemory() / 4}). Connections from
     * {@code connect} have no budget.
     *
     * @throws IllegalArgumentException unless positive
     */
    @CheckReturnValue
    public TcpSpec maxBuffered(long bytes) {
        return with(Setting.MAX_BUFFERED, bytes);
    }

    /**
     * How many connections a server keeps open at once; at the bound its accept loop waits
     * for one to close (clients queue in the backlog) instead of refusing. At the bound it is
     * also fair, always (no setting): a client whose host holds at least two connections fewer
     * than the host holding the most is served at once, in place of one of that host's
     * connections, which is closed ({@link Server#evicted()}); so one client cannot hold every
     * slot. Up to 2 clients ({@code onAccept}), or one per loop ({@code onReceive}), wait
     * accepted past the bound meanwhile. If not set, {@link #DEFAULT_MAX_CONNECTIONS} (10,000).
     *
     * @throws IllegalArgumentException unless positive
     */
    @CheckReturnValue
    public TcpSpec maxConnections(int max) {
        return with(Setting.MAX_CONNECTIONS, max);
    }

    /**
     * The longest line, in bytes without its terminator, that {@code readLine} accepts;
     * a longer one fails instead of filling memory. If not set, {@link #DEFAULT_MAX_LINE_LENGTH} (64 KiB).
     *
     * @throws IllegalArgumentException outside [1, 2^30]
     */
    @CheckReturnValue
    public TcpSpec maxLineLength(int bytes) {
        return with(Setting.MAX_LINE_LENGTH, bytes);
    }

    /**
     * The most bytes one {@link Connection#expect(String...) expect} searches for what it waits
     * for; past them it fails (the bytes stay unread) instead of filling memory. If not set,
     * {@link #DEFAULT_MAX_EXPECT_BUFFER} (64 KiB).
     *
     * @throws IllegalArgumentException outside [1, 2^30]
     */
    @CheckReturnValue
    public TcpSpec maxExpectBuffer(int bytes) {
        return with(Setting.MAX_EXPECT_BUFFER, bytes);
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
        return with(Setting.THREADS, model);
    }

    /**
     * Any other socket option the JDK knows ({@code ExtendedSocketOptions.TCP_KEEPIDLE}, ...),
     * set on each socket that supports it; an option no socket supports fails at
     * {@code connect} or {@code listen} with a {@link SocketError} of kind UNSUPPORTED.
     * Setting the same option again replaces the value. An option that has a setting of its own
     * is that setting: {@code option(StandardSocketOptions.TCP_NODELAY, true)} is {@code noDelay(true)},
     * checked and printed as it.
     */
    @CheckReturnValue
    public <T> TcpSpec option(SocketOption<T> option, T value) {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(value, "value");
        return with(Setting.option(option), value);
    }

    // ---------------------------------------------------------------- read back

    /** Which threads run a server's handlers; {@link ThreadModel#AUTO} unless set. */
    public ThreadModel threads() {
        return settings.threads();
    }

    /** The family, where one was set. */
    public Optional<Domain> family() {
        return settings.family();
    }

    /** The read timeout: {@link Duration#ZERO} when reads wait without end. */
    public Duration timeout() {
        return settings.timeout();
    }

    /**
     * The write timeout set, {@link Duration#ZERO} if none: a connection from {@code connect} then
     * waits without end, one a server accepts gets {@link #DEFAULT_SERVED_WRITE_TIMEOUT}.
     */
    public Duration writeTimeout() {
        return settings.writeTimeout();
    }

    /** The idle timeout of a server's connections in force: {@link Duration#ZERO} for none. */
    public Duration idleTimeout() {
        return settings.idleTimeout();
    }

    /** How long a read polls before it blocks: {@link #DEFAULT_BUSY_POLL} unless set; ZERO when off. */
    public Duration busyPoll() {
        return settings.busyPoll();
    }

    /** The connect timeout in force. */
    public Duration connectTimeout() {
        return settings.connectTimeout();
    }

    /** Happy Eyeballs' delay between attempts: 250 ms unless set; {@link Duration#ZERO} when off. */
    public Duration happyEyeballs() {
        return settings.happyEyeballs();
    }

    /** The charset in force. */
    public Charset charset() {
        return settings.charset();
    }

    /** A server's memory budget in force, in bytes. */
    public long maxBuffered() {
        return settings.maxBuffered();
    }

    /** The connection bound of a server in force. */
    public int maxConnections() {
        return settings.maxConnections();
    }

    /** The line length bound in force. */
    public int maxLineLength() {
        return settings.maxLineLength();
    }

    /** The bound of one {@code expect} in force, in bytes. */
    public int maxExpectBuffer() {
        return settings.maxExpectBuffer();
    }

    /**
     * Every socket option that was set, by the JDK's option, in the order first set: what
     * {@code connect} and {@code listen} apply (timeouts, charset and bounds are not socket options).
     */
    public Map<SocketOption<?>, Object> options() {
        return settings.options();
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
        return bind(settings.get(Setting.FAMILY) == Domain.INET6 ? Host.of("::1") : Host.loopback(), Port.of(port));
    }

    /** As {@link #bind(String, int)}, with the port as digits or a service name ({@code "www"}). */
    public TcpBinding bind(String host, String port) {
        return bind(Host.of(host), Port.of(port));
    }

    /** As {@link #bind(String, int)}, with a {@link Port}. */
    public TcpBinding bind(String host, Port port) {
        return bind(Host.of(host), port);
    }

    /** As {@link #bind(String, int)}, with an IPv4 address in an int in host byte order ({@code 0x7F000001}). */
    public TcpBinding bind(int host, int port) {
        return bind(Host.of(host), Port.of(port));
    }

    /** As {@link #bind(String, int)}, with an IPv4 address in an int and the port as digits or a service name. */
    public TcpBinding bind(int host, String port) {
        return bind(Host.of(host), Port.of(port));
    }

    /** As {@link #bind(String, int)}, with an IPv4 address in an int and a {@link Port}. */
    public TcpBinding bind(int host, Port port) {
        return bind(Host.of(host), port);
    }

    /** As {@link #bind(String, int)}, with a {@link Host}. */
    public TcpBinding bind(Host host, int port) {
        return bind(host, Port.of(port));
    }

    /** As {@link #bind(String, int)}, with a {@link Host} and the port as digits or a service name. */
    public TcpBinding bind(Host host, String port) {
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
        Tcp.checkFamily(settings, local.host());
        return new TcpBinding(settings, ORDER, local);
    }

    // ---------------------------------------------------------------- connect

    /**
     * Opens a connection to {@code host:port}, blocking until it is established. For a name, it
     * tries each address within one overall {@link #connectTimeout()}: in the resolver's order,
     * or, for a name with IPv6 and IPv4 addresses, alternately by family with
     * {@link #happyEyeballs(Duration)}.
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
        return Tcp.connect(settings, null, remote);
    }

    // ---------------------------------------------------------------- plumbing


    /** {@link Type#STREAM}. */
    @Override
    public Type type() {
        return Type.STREAM;
    }

    /** Equal when the same settings are set to equal values. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TcpSpec s && settings.equals(s.settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    /**
     * Only what was set, in a fixed order, durations as people write them:
     * {@code TcpSpec[family=INET6, timeout=2 s, noDelay=true]}; {@code TcpSpec[]} for the defaults.
     */
    @Override
    public String toString() {
        return settings.print("TcpSpec", ORDER, List.of());
    }
}
