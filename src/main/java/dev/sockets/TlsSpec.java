package dev.sockets;

import dev.sockets.internal.io.Tcp;
import dev.sockets.internal.server.ServerCore;
import dev.sockets.internal.settings.Setting;
import dev.sockets.internal.settings.Settings;
import dev.sockets.internal.tap.Wiretap;
import dev.sockets.internal.tls.Material;
import dev.sockets.internal.tls.Tls;
import dev.sockets.internal.tls.TlsSettings;
import java.io.PrintStream;
import java.net.SocketOption;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to open TLS connections: TCP with TLS on top. An immutable value made by
 * {@link Sockets#tls()}; each setting returns a new spec, and nothing touches the OS until
 * {@code connect} or {@code listen}. Every setting of {@link TcpSpec} is here too, checked and
 * printed the same way.
 *
 * <pre>{@code
 * var c = Sockets.tls().connect("example.com", 443);                          // the JDK's trust store
 * var c = Sockets.tls().trust(Path.of("ca.pem")).connect("localhost", 8443);  // your own authority
 * var id = TlsIdentity.selfSigned("localhost", "127.0.0.1");
 * var server = Sockets.tls().certificate(id).bind("127.0.0.1", 0).onAccept(c -> c.sendLine("hi"));
 * Sockets.tls().trust(Path.of("ca.pem")).handshakeTimeout(Duration.ofSeconds(5))
 *                                        // TlsSpec[trust=ca.pem, handshakeTimeout=5 s]
 * }</pre>
 *
 * <h2>What a client checks</h2>
 * The server's certificate chain, against the JDK's trust store unless {@link #trust(Path)} gives
 * another, and that the certificate is for the host connected to ({@link #serverName(String)}
 * names another). The host's name goes in SNI. TLS 1.3 and 1.2 only. {@link #insecure()} turns
 * the checks off, for tests. A failure is a {@link TlsError} that says what to do.
 *
 * <h2>A server</h2>
 * A server needs {@link #certificate(Path, Path)} (or a PKCS#12 file, or a {@link TlsIdentity}).
 * Each accepted connection runs its handshake on its own thread before the handler, within
 * {@link #handshakeTimeout(Duration)}: a client that stalls holds only its own thread.
 * {@link #clientAuth(boolean)} requires client certificates issued by what {@link #trust(Path)} names.
 */
public final class TlsSpec implements Spec {

    /** The handshake timeout unless set: 10 seconds. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = TlsSettings.HANDSHAKE_TIMEOUT.fallback();
    /** The TLS versions offered unless set: TLS 1.3 and 1.2, nothing older. */
    public static final List<String> DEFAULT_PROTOCOLS = TlsSettings.DEFAULT_PROTOCOLS;

    private static final TlsSpec DEFAULT = new TlsSpec(Settings.NONE);
    private static final List<Setting<?>> ORDER;

    static {
        var order = new ArrayList<Setting<?>>(TlsSettings.ORDER);
        order.addAll(TcpSpec.ORDER);
        ORDER = List.copyOf(order);
    }

    private final Settings settings;

    private TlsSpec(Settings settings) {
        this.settings = settings;
    }

    static TlsSpec defaults() {
        return DEFAULT;
    }

    private <T> TlsSpec with(Setting<T> key, T value) {
        return new TlsSpec(settings.with(key, value));
    }

    /** What the engine reads. */
    Settings settings() {
        return settings;
    }

    /** STARTTLS for {@link Connection#startTls(TlsSpec)}. */
    Connection upgrade(Connection c) {
        return Tls.startTls(settings, c);
    }

    // ---------------------------------------------------------------- TLS settings

    /**
     * Trusts the certificates of a PEM file (one or more {@code BEGIN CERTIFICATE} blocks) in place
     * of the JDK's trust store: a client checks the server's chain against them, a server with
     * {@link #clientAuth(boolean)} the client's. The file is read at {@code connect} or {@code listen}.
     *
     * <pre>{@code
     * Sockets.tls().trust(Path.of("ca.pem")).connect("localhost", 8443);
     * }</pre>
     */
    @CheckReturnValue
    public TlsSpec trust(Path pem) {
        return with(TlsSettings.TRUST, new Material.PemFile(pem));
    }

    /** As {@link #trust(Path)}, with the trusted certificates of a key store. */
    @CheckReturnValue
    public TlsSpec trust(KeyStore store) {
        return with(TlsSettings.TRUST, new Material.Store(store));
    }

    /**
     * As {@link #trust(Path)}, with an identity: an authority trusts what it issues, a self-signed
     * identity trusts itself.
     *
     * <pre>{@code
     * var id = TlsIdentity.selfSigned("localhost");
     * Sockets.tls().trust(id).connect("localhost", port);
     * }</pre>
     */
    @CheckReturnValue
    public TlsSpec trust(TlsIdentity identity) {
        return with(TlsSettings.TRUST, new Material.Identity(identity));
    }

    /**
     * The certificate chain (PEM, own certificate first) and its private key (PEM: PKCS#8,
     * PKCS#1 RSA or SEC1 EC, unencrypted) this side shows: a server's, or a client's for a server
     * that requires one. Read at {@code connect} or {@code listen}.
     */
    @CheckReturnValue
    public TlsSpec certificate(Path cert, Path key) {
        return with(TlsSettings.CERTIFICATE, new Material.PemPair(cert, key));
    }

    /** As {@link #certificate(Path, Path)}, from a PKCS#12 file and its password (never printed). */
    @CheckReturnValue
    public TlsSpec certificate(Path pkcs12, char[] password) {
        return with(TlsSettings.CERTIFICATE, new Material.Pkcs12(pkcs12, password));
    }

    /**
     * As {@link #certificate(Path, Path)}, with an identity made in-process.
     *
     * <pre>{@code
     * Sockets.tls().certificate(TlsIdentity.selfSigned("localhost")).bind("127.0.0.1", 0).listen();
     * }</pre>
     */
    @CheckReturnValue
    public TlsSpec certificate(TlsIdentity identity) {
        return with(TlsSettings.CERTIFICATE, new Material.Identity(identity));
    }

    /**
     * Whether a server requires each client to show a certificate, issued by what
     * {@link #trust(Path)} names (which it then needs). A client without one, or with one from
     * another issuer, fails the handshake. If not set, false: no client certificate asked for.
     */
    @CheckReturnValue
    public TlsSpec clientAuth(boolean require) {
        return with(TlsSettings.CLIENT_AUTH, require);
    }

    /**
     * The application protocols to offer (ALPN), in order of preference: {@code alpn("h2", "http/1.1")}.
     * {@link TlsInfo#alpn()} says which one was chosen.
     *
     * @throws IllegalArgumentException for no name, or a name empty or over 255 bytes
     */
    @CheckReturnValue
    public TlsSpec alpn(String... protocols) {
        return with(TlsSettings.ALPN, List.of(protocols));
    }

    /**
     * The TLS versions to offer: {@code "TLSv1.3"}, {@code "TLSv1.2"} or both. If not set, both.
     *
     * @throws IllegalArgumentException for any other version: TLS 1.0 and 1.1 are broken (RFC 8996)
     */
    @CheckReturnValue
    public TlsSpec protocols(String... versions) {
        return with(TlsSettings.PROTOCOLS, List.of(versions));
    }

    /**
     * The name a client sends in SNI and checks the server's certificate against, in place of
     * the host it connects to: for a server reached by address, or under another name.
     *
     * <pre>{@code
     * Sockets.tls().serverName("localhost").connect("127.0.0.1", 8443);
     * }</pre>
     *
     * @throws IllegalArgumentException for an IP address or a malformed name
     */
    @CheckReturnValue
    public TlsSpec serverName(String name) {
        return with(TlsSettings.SERVER_NAME, name);
    }

    /**
     * How long a handshake may take, from connect's TCP connection (or accept) to its end; past
     * it the connection is closed and a {@link TlsError} says whether the peer said nothing or
     * stopped mid-handshake. If not set, {@link #DEFAULT_HANDSHAKE_TIMEOUT} (10 seconds).
     *
     * @throws IllegalArgumentException unless positive
     */
    @CheckReturnValue
    public TlsSpec handshakeTimeout(Duration timeout) {
        return with(TlsSettings.HANDSHAKE_TIMEOUT, timeout);
    }

    /**
     * Checks nothing of the peer's certificate: not its chain, not its name, not its dates.
     * For tests against a server with a throwaway certificate only: anyone between the two
     * sides can read and change the data. Logs one warning (System.Logger {@code dev.sockets.Server})
     * for the spec it makes, and prints {@code insecure=true}.
     */
    @CheckReturnValue
    public TlsSpec insecure() {
        TlsSpec s = with(TlsSettings.INSECURE, true);
        ServerCore.log(System.Logger.Level.WARNING, "TlsSpec.insecure(): the peer's certificate and host name are not"
                + " checked, so anyone on the path can read and change the data; use trust(...) outside tests", null);
        return s;
    }

    /** What {@link #trust(Path)} was given, printed; empty when the JDK's trust store is in force. */
    public Optional<String> trust() {
        return Optional.ofNullable(settings.get(TlsSettings.TRUST)).map(Material::print);
    }

    /** The TLS versions offered. */
    public List<String> protocols() {
        return settings.get(TlsSettings.PROTOCOLS);
    }

    /** The application protocols offered; empty unless set. */
    public List<String> alpn() {
        return settings.get(TlsSettings.ALPN);
    }

    /** The handshake timeout in force. */
    public Duration handshakeTimeout() {
        return settings.get(TlsSettings.HANDSHAKE_TIMEOUT);
    }

    /** Whether certificate checks are off ({@link #insecure()}). */
    public boolean isInsecure() {
        return settings.get(TlsSettings.INSECURE);
    }

    // ---------------------------------------------------------------- TCP settings

    /** As {@link TcpSpec#family(Domain)}. */
    @CheckReturnValue
    public TlsSpec family(Domain family) {
        Objects.requireNonNull(family, "family");
        if (family != Domain.INET && family != Domain.INET6) {
            throw new IllegalArgumentException("expected family INET or INET6 for TCP but was " + family
                    + (family == Domain.UNIX ? "; use Sockets.unix() for Unix domain sockets" : ""));
        }
        return with(Setting.FAMILY, family);
    }

    /** As {@link TcpSpec#timeout(Duration)}. */
    @CheckReturnValue
    public TlsSpec timeout(Duration timeout) {
        return with(Setting.TIMEOUT, timeout);
    }

    /** As {@link TcpSpec#noTimeout()}: reads wait without end, the default. */
    @CheckReturnValue
    public TlsSpec noTimeout() {
        return new TlsSpec(settings.without(Setting.TIMEOUT));
    }

    /** As {@link TcpSpec#connectTimeout(Duration)}. */
    @CheckReturnValue
    public TlsSpec connectTimeout(Duration connectTimeout) {
        return with(Setting.CONNECT_TIMEOUT, connectTimeout);
    }

    /** As {@link TcpSpec#writeTimeout(Duration)}. */
    @CheckReturnValue
    public TlsSpec writeTimeout(Duration writeTimeout) {
        return with(Setting.WRITE_TIMEOUT, writeTimeout);
    }

    /** As {@link TcpSpec#idleTimeout(Duration)}. */
    @CheckReturnValue
    public TlsSpec idleTimeout(Duration idleTimeout) {
        return with(Setting.IDLE_TIMEOUT, idleTimeout);
    }

    /** As {@link TcpSpec#busyPoll(Duration)}. */
    @CheckReturnValue
    public TlsSpec busyPoll(Duration window) {
        return with(Setting.BUSY_POLL, window);
    }

    /**
     * As {@link TcpSpec#noDelay(boolean)}, but on unless set: a TLS handshake is several small
     * writes each way, which Nagle's algorithm would hold 40 ms each behind a delayed ACK.
     */
    @CheckReturnValue
    public TlsSpec noDelay(boolean on) {
        return with(Setting.NO_DELAY, on);
    }

    /** As {@link TcpSpec#keepAlive(boolean)}. */
    @CheckReturnValue
    public TlsSpec keepAlive(boolean on) {
        return with(Setting.KEEP_ALIVE, on);
    }

    /** As {@link TcpSpec#reuseAddress(boolean)}. */
    @CheckReturnValue
    public TlsSpec reuseAddress(boolean on) {
        return with(Setting.REUSE_ADDRESS, on);
    }

    /** As {@link TcpSpec#reusePort(boolean)}. */
    @CheckReturnValue
    public TlsSpec reusePort(boolean on) {
        return with(Setting.REUSE_PORT, on);
    }

    /** As {@link TcpSpec#receiveBufferSize(int)}. */
    @CheckReturnValue
    public TlsSpec receiveBufferSize(int bytes) {
        return with(Setting.RECEIVE_BUFFER_SIZE, bytes);
    }

    /** As {@link TcpSpec#sendBufferSize(int)}. */
    @CheckReturnValue
    public TlsSpec sendBufferSize(int bytes) {
        return with(Setting.SEND_BUFFER_SIZE, bytes);
    }

    /** As {@link TcpSpec#linger(Duration)}. */
    @CheckReturnValue
    public TlsSpec linger(Duration linger) {
        return with(Setting.LINGER, linger);
    }

    /** As {@link TcpSpec#charset(Charset)}. */
    @CheckReturnValue
    public TlsSpec charset(Charset charset) {
        return with(Setting.CHARSET, charset);
    }

    // ---- wiretap: every send and receive recorded, as socat -v ----------------------------

    /** As {@link TcpSpec#wiretap()}: records what goes through the sockets on standard error; for TLS, the plaintext. */
    @CheckReturnValue
    public TlsSpec wiretap() {
        return with(Setting.WIRETAP, Wiretap.stderr());
    }

    /** As {@link TcpSpec#wiretap(Path)}: appends the records to {@code file}. */
    @CheckReturnValue
    public TlsSpec wiretap(Path file) {
        return with(Setting.WIRETAP, Wiretap.to(file));
    }

    /** As {@link TcpSpec#wiretap(PrintStream)}: writes the records to {@code out}. */
    @CheckReturnValue
    public TlsSpec wiretap(PrintStream out) {
        return with(Setting.WIRETAP, Wiretap.to(out));
    }

    /** As {@link TcpSpec#maxBuffered(long)}. */
    @CheckReturnValue
    public TlsSpec maxBuffered(long bytes) {
        return with(Setting.MAX_BUFFERED, bytes);
    }

    /** As {@link TcpSpec#maxConnections(int)}. */
    @CheckReturnValue
    public TlsSpec maxConnections(int max) {
        return with(Setting.MAX_CONNECTIONS, max);
    }

    /** As {@link TcpSpec#maxLineLength(int)}. */
    @CheckReturnValue
    public TlsSpec maxLineLength(int bytes) {
        return with(Setting.MAX_LINE_LENGTH, bytes);
    }

    /** As {@link TcpSpec#maxExpectBuffer(int)}. */
    @CheckReturnValue
    public TlsSpec maxExpectBuffer(int bytes) {
        return with(Setting.MAX_EXPECT_BUFFER, bytes);
    }

    /** As {@link TcpSpec#threads(ThreadModel)}. */
    @CheckReturnValue
    public TlsSpec threads(ThreadModel model) {
        Objects.requireNonNull(model, "model");
        return with(Setting.THREADS, model);
    }

    /** As {@link TcpSpec#option(SocketOption, Object)}. */
    @CheckReturnValue
    public <T> TlsSpec option(SocketOption<T> option, T value) {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(value, "value");
        return with(Setting.option(option), value);
    }

    /** As {@link TcpSpec#threads()}. */
    public ThreadModel threads() {
        return settings.threads();
    }

    /** As {@link TcpSpec#family()}. */
    public Optional<Domain> family() {
        return settings.family();
    }

    /** As {@link TcpSpec#timeout()}. */
    public Duration timeout() {
        return settings.timeout();
    }

    /** As {@link TcpSpec#writeTimeout()}. */
    public Duration writeTimeout() {
        return settings.writeTimeout();
    }

    /** As {@link TcpSpec#idleTimeout()}. */
    public Duration idleTimeout() {
        return settings.idleTimeout();
    }

    /** As {@link TcpSpec#busyPoll()}. */
    public Duration busyPoll() {
        return settings.busyPoll();
    }

    /** As {@link TcpSpec#connectTimeout()}. */
    public Duration connectTimeout() {
        return settings.connectTimeout();
    }

    /** As {@link TcpSpec#charset()}. */
    public Charset charset() {
        return settings.charset();
    }

    /** As {@link TcpSpec#maxBuffered()}. */
    public long maxBuffered() {
        return settings.maxBuffered();
    }

    /** As {@link TcpSpec#maxConnections()}. */
    public int maxConnections() {
        return settings.maxConnections();
    }

    /** As {@link TcpSpec#maxLineLength()}. */
    public int maxLineLength() {
        return settings.maxLineLength();
    }

    /** As {@link TcpSpec#maxExpectBuffer()}. */
    public int maxExpectBuffer() {
        return settings.maxExpectBuffer();
    }

    /** As {@link TcpSpec#options()}. */
    public Map<SocketOption<?>, Object> options() {
        return settings.options();
    }

    // ---------------------------------------------------------------- bind

    /**
     * The local address to listen or connect from; touches no OS yet.
     *
     * <pre>{@code
     * var server = Sockets.tls().certificate(id).bind("127.0.0.1", 8443).onAccept(c -> c.sendLine("hi"));
     * }</pre>
     *
     * @throws AddressError if the host does not parse or the port is outside [0, 65535]
     */
    public TlsBinding bind(String host, int port) {
        return bind(Host.of(host), Port.of(port));
    }

    /** As {@link TcpSpec#bind(int)}: the loopback address and a port. */
    public TlsBinding bind(int port) {
        return bind(settings.get(Setting.FAMILY) == Domain.INET6 ? Host.of("::1") : Host.loopback(), Port.of(port));
    }

    /** As {@link #bind(String, int)}, with the port as digits or a service name. */
    public TlsBinding bind(String host, String port) {
        return bind(Host.of(host), Port.of(port));
    }

    /** As {@link #bind(String, int)}, with a {@link Port}. */
    public TlsBinding bind(String host, Port port) {
        return bind(Host.of(host), port);
    }

    /** As {@link #bind(String, int)}, with an IPv4 address in an int in host byte order. */
    public TlsBinding bind(int host, int port) {
        return bind(Host.of(host), Port.of(port));
    }

    /** As {@link #bind(String, int)}, with an IPv4 address in an int and the port as digits or a service name. */
    public TlsBinding bind(int host, String port) {
        return bind(Host.of(host), Port.of(port));
    }

    /** As {@link #bind(String, int)}, with an IPv4 address in an int and a {@link Port}. */
    public TlsBinding bind(int host, Port port) {
        return bind(Host.of(host), port);
    }

    /** As {@link #bind(String, int)}, with a {@link Host}. */
    public TlsBinding bind(Host host, int port) {
        return bind(host, Port.of(port));
    }

    /** As {@link #bind(String, int)}, with a {@link Host} and the port as digits or a service name. */
    public TlsBinding bind(Host host, String port) {
        return bind(host, Port.of(port));
    }

    /** As {@link #bind(String, int)}, with a {@link Host} and a {@link Port}. */
    public TlsBinding bind(Host host, Port port) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
        return bind(new Endpoint(host, port));
    }

    /** As {@link #bind(String, int)}, with an {@link Endpoint}. */
    public TlsBinding bind(Endpoint local) {
        Objects.requireNonNull(local, "local");
        dev.sockets.internal.io.Tcp.checkFamily(settings, local.host());
        return new TlsBinding(settings, ORDER, local);
    }

    // ---------------------------------------------------------------- connect

    /**
     * Connects with TCP, then runs the TLS handshake, within {@link #handshakeTimeout()}:
     * returns a connection whose every method works as a plain one's, in plaintext.
     *
     * <pre>{@code
     * try (var c = Sockets.tls().trust(Path.of("ca.pem")).connect("localhost", 8443)) {
     *     c.sendLine("hello");
     *     c.tls();    // Optional[TlsInfo[TLSv1.3 TLS_AES_128_GCM_SHA256, peer CN=localhost (expires 2027-01-01)]]
     * }
     * }</pre>
     *
     * @throws TlsError if the handshake fails: an untrusted or expired certificate, another host name, ...
     * @throws ConnectionRefused if nobody listens there
     * @throws Timeout if the connect timeout passes first
     */
    public Connection connect(String host, int port) {
        return connect(Host.of(host), Port.of(port));
    }

    /** As {@link #connect(String, int)}, with the port as digits or a service name ({@code "https"}). */
    public Connection connect(String host, String port) {
        return connect(Host.of(host), Port.of(port));
    }

    /** As {@link #connect(String, int)}, with a {@link Port}. */
    public Connection connect(String host, Port port) {
        return connect(Host.of(host), port);
    }

    /** As {@link #connect(String, int)}, with an IPv4 address in an int in host byte order. */
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
        dev.sockets.internal.io.Tcp.checkFamily(settings, remote.host());
        return Tls.connect(settings, null, remote);
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
        return o instanceof TlsSpec s && settings.equals(s.settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode() * 31 + 1;
    }

    /**
     * Only what was set, TLS settings first, durations as people write them, no password:
     * {@code TlsSpec[trust=ca.pem, handshakeTimeout=5 s]}; {@code TlsSpec[]} for the defaults.
     */
    @Override
    public String toString() {
        return settings.print("TlsSpec", ORDER, List.of());
    }
}
