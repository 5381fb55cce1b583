package dev.sockets;

import dev.sockets.internal.io.Unix;
import dev.sockets.internal.settings.Setting;
import dev.sockets.internal.settings.Settings;
import dev.sockets.internal.tap.Wiretap;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to open a Unix domain stream socket: an immutable value, made by {@link Sockets#unix()}.
 * Servers and clients get the same {@link Listener} and {@link Connection} as TCP.
 *
 * <pre>{@code
 * var server = Sockets.unix().bind("/tmp/app.sock").listen()
 *                     .onAccept(c -> c.send("hi"));
 * try (var c = Sockets.unix().connect("/tmp/app.sock")) {
 *     c.recv(1024);                 // b'hi'
 * }
 * server.close();                   // and /tmp/app.sock is gone
 * }</pre>
 *
 * <h2>The socket file</h2>
 * {@code listen} creates the file with owner-only permissions (0600; {@link #filePermissions(String)}
 * to share it with a group), and the listener removes
 * it when it closes. A file already at the path is reported: a server listening there, a stale
 * file left by a server that died, or a file that is not a socket. Only a stale file is
 * replaced, and only when asked with {@link #replaceStale(boolean) replaceStale(true)}.
 * A path longer than 106 bytes (the JDK's limit, within Linux's 108-byte {@code sun_path}) is refused before any call.
 *
 * <h2>Not here</h2>
 * Unix datagram sockets: the JDK opens Unix domain sockets as streams only.
 */
public final class UnixSpec implements Spec {
    private static final UnixSpec DEFAULT = new UnixSpec(Settings.NONE);

    /** The order {@code toString()} lists settings in. */
    private static final List<Setting<?>> ORDER = List.of(Setting.TIMEOUT, Setting.CHARSET, Setting.MAX_CONNECTIONS,
            Setting.MAX_BUFFERED, Setting.MAX_LINE_LENGTH, Setting.MAX_EXPECT_BUFFER, Setting.REPLACE_STALE, Setting.WRITE_TIMEOUT, Setting.IDLE_TIMEOUT,
            Setting.FILE_PERMISSIONS, Setting.WIRETAP);

    private final Settings settings;

    private UnixSpec(Settings settings) {
        this.settings = settings;
    }

    static UnixSpec defaults() {
        return DEFAULT;
    }

    private <T> UnixSpec with(Setting<T> key, T value) {
        return new UnixSpec(settings.with(key, value));
    }

    /**
     * Returns a spec whose reads ({@code recv}, {@code readLine}, ...) and {@code Listener.accept()}
     * wait at most this long, then throw {@link Timeout}. If not called, they wait without end,
     * as after {@link #noTimeout()}.
     *
     * @throws IllegalArgumentException for zero or less: zero waits forever on a Java socket and
     *         never waits in Python, so it is refused rather than read either way
     */
    @CheckReturnValue
    public UnixSpec timeout(Duration timeout) {
        return with(Setting.TIMEOUT, timeout);
    }

    /**
     * Returns a spec whose reads wait without end, as Python's {@code settimeout(None)}: the
     * default, for undoing a {@code timeout(...)}.
     */
    @CheckReturnValue
    public UnixSpec noTimeout() {
        return new UnixSpec(settings.without(Setting.TIMEOUT));
    }

    /** Returns a spec whose connections send and read text in this charset. If not called, UTF-8. */
    @CheckReturnValue
    public UnixSpec charset(Charset charset) {
        return with(Setting.CHARSET, charset);
    }

    // ---- wiretap: every send and receive recorded, as socat -v ----------------------------

    /** As {@link TcpSpec#wiretap()}: records what goes through the sockets on standard error. */
    @CheckReturnValue
    public UnixSpec wiretap() {
        return with(Setting.WIRETAP, Wiretap.stderr());
    }

    /** As {@link TcpSpec#wiretap(Path)}: appends the records to {@code file}. */
    @CheckReturnValue
    public UnixSpec wiretap(Path file) {
        return with(Setting.WIRETAP, Wiretap.to(file));
    }

    /** As {@link TcpSpec#wiretap(PrintStream)}: writes the records to {@code out}. */
    @CheckReturnValue
    public UnixSpec wiretap(PrintStream out) {
        return with(Setting.WIRETAP, Wiretap.to(out));
    }

    /**
     * Returns a spec whose servers buffer at most this many bytes at once over all their
     * connections: replies an {@code onReceive} server queued for clients that do not read them
     * (past it, such clients are not read from until their replies drain), and the large
     * buffers of {@code recvExactly} and {@code recvAll} in {@code onAccept} handlers (past it,
     * such a read fails with a {@link SocketError} that names the budget). If not called,
     * a quarter of the heap ({@code Runtime.maxMemory() / 4}). Connections from
     * {@code connect} have no budget.
     *
     * @throws IllegalArgumentException unless positive
     */
    @CheckReturnValue
    public UnixSpec maxBuffered(long bytes) {
        return with(Setting.MAX_BUFFERED, bytes);
    }

    /**
     * Returns a spec whose servers keep at most this many connections open; at the bound,
     * accepting waits (Unix peers have no address to share the slots by, so no connection is
     * evicted, unlike TCP). If not called, {@link TcpSpec#DEFAULT_MAX_CONNECTIONS}.
     *
     * @throws IllegalArgumentException unless positive
     */
    @CheckReturnValue
    public UnixSpec maxConnections(int max) {
        return with(Setting.MAX_CONNECTIONS, max);
    }

    /**
     * Returns a spec whose {@code readLine} refuses lines longer than this many bytes.
     * If not called, {@link TcpSpec#DEFAULT_MAX_LINE_LENGTH}.
     *
     * @throws IllegalArgumentException outside [1, 2^30], as {@link TcpSpec#maxLineLength(int)}
     */
    @CheckReturnValue
    public UnixSpec maxLineLength(int bytes) {
        return with(Setting.MAX_LINE_LENGTH, bytes);
    }

    /**
     * Returns a spec whose {@code expect} searches at most this many bytes before it fails.
     * If not called, {@link TcpSpec#DEFAULT_MAX_EXPECT_BUFFER}.
     *
     * @throws IllegalArgumentException outside [1, 2^30], as {@link TcpSpec#maxExpectBuffer(int)}
     */
    @CheckReturnValue
    public UnixSpec maxExpectBuffer(int bytes) {
        return with(Setting.MAX_EXPECT_BUFFER, bytes);
    }

    /**
     * Returns a spec whose {@code listen} replaces a stale socket file at the path (one nothing
     * listens on), as servers that restart after a crash need. A live server's file, or a file that
     * is not a socket, is never replaced. If not called, a stale file is reported, not replaced.
     */
    @CheckReturnValue
    public UnixSpec replaceStale(boolean on) {
        return with(Setting.REPLACE_STALE, on);
    }

    /**
     * Returns a spec whose sends fail with {@link Timeout} (and close the connection) after making
     * no progress for this long, as {@link TcpSpec#writeTimeout(Duration)}. If not called, a
     * connection from {@code connect} waits without end and one a server accepts gets
     * {@link TcpSpec#DEFAULT_SERVED_WRITE_TIMEOUT} (60 s: a client that never reads must not pin
     * a thread for ever); {@link Duration#ZERO} turns it off for both.
     *
     * @throws IllegalArgumentException for a negative duration
     */
    @CheckReturnValue
    public UnixSpec writeTimeout(Duration writeTimeout) {
        return with(Setting.WRITE_TIMEOUT, writeTimeout);
    }

    /**
     * Returns a spec whose servers close a connection that sent and received nothing for this
     * long (a send with no progress counts as silence), as {@link TcpSpec#idleTimeout(Duration)}. If not called,
     * {@link TcpSpec#DEFAULT_IDLE_TIMEOUT} (5 minutes); {@link Duration#ZERO} turns it off.
     *
     * @throws IllegalArgumentException for a negative duration
     */
    @CheckReturnValue
    public UnixSpec idleTimeout(Duration idleTimeout) {
        return with(Setting.IDLE_TIMEOUT, idleTimeout);
    }

    /**
     * Returns a spec whose {@code listen} gives the socket file these permissions, in {@code ls -l}
     * form: {@code "rw-rw----"} lets the owner's group connect too (connecting needs write
     * permission). If not called, {@code "rw-------"}: only the owner may connect.
     *
     * @throws IllegalArgumentException for text that is not nine {@code rwx-} characters
     */
    @CheckReturnValue
    public UnixSpec filePermissions(String permissions) {
        return with(Setting.FILE_PERMISSIONS, permissions);
    }

    /** The socket file's permissions at {@code listen}: {@code "rw-------"} unless set. */
    public String filePermissions() {
        return settings.filePermissions();
    }

    /**
     * The write timeout set, {@link Duration#ZERO} if none: a connection from {@code connect} then
     * waits without end, one a server accepts gets {@link TcpSpec#DEFAULT_SERVED_WRITE_TIMEOUT}.
     */
    public Duration writeTimeout() {
        return settings.writeTimeout();
    }

    /** The idle timeout of a server's connections in force: {@link Duration#ZERO} for none. */
    public Duration idleTimeout() {
        return settings.idleTimeout();
    }

    /** The read timeout: {@link Duration#ZERO} when reads wait without end. */
    public Duration timeout() {
        return settings.timeout();
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

    /** Whether {@code listen} replaces a stale socket file. */
    public boolean replacesStale() {
        return settings.replacesStale();
    }

    /**
     * The step before {@code listen}: the path the listener will bind. Touches nothing yet.
     *
     * <pre>{@code
     * var listener = Sockets.unix().bind("/tmp/app.sock").listen();
     * }</pre>
     *
     * @throws AddressError for an empty path or one longer than 106 bytes
     */
    public UnixBinding bind(String path) {
        return bind(Path.of(Objects.requireNonNull(path, "path")));
    }

    /** As {@link #bind(String)}, with a {@link Path}. */
    public UnixBinding bind(Path path) {
        Objects.requireNonNull(path, "path");
        Unix.checkPath(path);
        return new UnixBinding(settings, ORDER, path);
    }

    /** As {@link #bind(String)}, with a {@link UnixAddress} (a listener's or a connection's address). */
    public UnixBinding bind(UnixAddress address) {
        return bind(Objects.requireNonNull(address, "address").path());
    }

    /**
     * Opens a connection to the server listening at {@code path}.
     *
     * <pre>{@code
     * try (var c = Sockets.unix().connect("/tmp/app.sock")) { c.sendLine("hi"); }
     * }</pre>
     *
     * @throws ConnectionRefused if no socket file is there, or nothing listens on it
     * @throws PermissionDenied  if the file's permissions keep this user out
     * @throws AddressError for an empty path or one longer than 106 bytes
     */
    public Connection connect(String path) {
        return connect(Path.of(Objects.requireNonNull(path, "path")));
    }

    /** As {@link #connect(String)}, with a {@link Path}. */
    public Connection connect(Path path) {
        Objects.requireNonNull(path, "path");
        return Unix.connect(settings, path);
    }

    /** As {@link #connect(String)}, with a {@link UnixAddress} ({@code listener.address()} of a Unix listener). */
    public Connection connect(UnixAddress address) {
        return connect(Objects.requireNonNull(address, "address").path());
    }

    /** {@link Type#STREAM}. */
    @Override
    public Type type() {
        return Type.STREAM;
    }

    /** Equal when the same settings are set to equal values. */
    @Override
    public boolean equals(Object o) {
        return o instanceof UnixSpec s && settings.equals(s.settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    /**
     * Only what was set, in a fixed order, durations as people write them:
     * {@code UnixSpec[timeout=2 s, replaceStale=true]}; {@code UnixSpec[]} for the defaults.
     */
    @Override
    public String toString() {
        return settings.print("UnixSpec", ORDER, List.of());
    }
}
