package dev.sockets;

import dev.sockets.internal.io.Unix;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.StringJoiner;

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
    private static final UnixSpec DEFAULT = new UnixSpec(null, null, null, null, null, null, null, null);

    private final Duration timeout;
    private final Charset charset;
    private final Integer maxConnections;
    private final Integer maxLineLength;
    private final Boolean replaceStale;
    private final Duration writeTimeout;
    private final Duration idleTimeout;
    private final String filePermissions;

    private UnixSpec(Duration timeout, Charset charset, Integer maxConnections, Integer maxLineLength, Boolean replaceStale,
                     Duration writeTimeout, Duration idleTimeout, String filePermissions) {
        this.timeout = timeout;
        this.charset = charset;
        this.maxConnections = maxConnections;
        this.maxLineLength = maxLineLength;
        this.replaceStale = replaceStale;
        this.writeTimeout = writeTimeout;
        this.idleTimeout = idleTimeout;
        this.filePermissions = filePermissions;
    }

    static UnixSpec defaults() {
        return DEFAULT;
    }

    /**
     * Returns a spec whose reads ({@code recv}, {@code readLine}, ...) and {@code Listener.accept()}
     * wait at most this long, then throw {@link Timeout}. If not called, they wait without end;
     * {@link Duration#ZERO} says the same explicitly.
     *
     * @throws IllegalArgumentException for a negative duration
     */
    @CheckReturnValue
    public UnixSpec timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("expected timeout >= 0 but was " + timeout);
        }
        return new UnixSpec(timeout, charset, maxConnections, maxLineLength, replaceStale, writeTimeout, idleTimeout, filePermissions);
    }

    /** Returns a spec whose connections send and read text in this charset. If not called, UTF-8. */
    @CheckReturnValue
    public UnixSpec charset(Charset charset) {
        Objects.requireNonNull(charset, "charset");
        return new UnixSpec(timeout, charset, maxConnections, maxLineLength, replaceStale, writeTimeout, idleTimeout, filePermissions);
    }

    /**
     * Returns a spec whose servers keep at most this many connections open; at the bound,
     * accepting waits. If not called, {@link TcpSpec#DEFAULT_MAX_CONNECTIONS}.
     *
     * @throws IllegalArgumentException unless positive
     */
    @CheckReturnValue
    public UnixSpec maxConnections(int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("expected maxConnections > 0 but was " + max);
        }
        return new UnixSpec(timeout, charset, max, maxLineLength, replaceStale, writeTimeout, idleTimeout, filePermissions);
    }

    /**
     * Returns a spec whose {@code readLine} refuses lines longer than this many bytes.
     * If not called, {@link TcpSpec#DEFAULT_MAX_LINE_LENGTH}.
     *
     * @throws IllegalArgumentException unless positive
     */
    @CheckReturnValue
    public UnixSpec maxLineLength(int bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("expected maxLineLength > 0 but was " + bytes);
        }
        return new UnixSpec(timeout, charset, maxConnections, bytes, replaceStale, writeTimeout, idleTimeout, filePermissions);
    }

    /**
     * Returns a spec whose {@code listen} replaces a stale socket file at the path (one nothing
     * listens on), as servers that restart after a crash need. A live server's file, or a file that
     * is not a socket, is never replaced. If not called, a stale file is reported, not replaced.
     */
    @CheckReturnValue
    public UnixSpec replaceStale(boolean on) {
        return new UnixSpec(timeout, charset, maxConnections, maxLineLength, on, writeTimeout, idleTimeout, filePermissions);
    }

    /**
     * Returns a spec whose sends fail with {@link Timeout} (and close the connection) after making
     * no progress for this long, as {@link TcpSpec#writeTimeout(Duration)}. If not called, sends
     * wait without end; {@link Duration#ZERO} says the same explicitly.
     *
     * @throws IllegalArgumentException for a negative duration
     */
    @CheckReturnValue
    public UnixSpec writeTimeout(Duration writeTimeout) {
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        if (writeTimeout.isNegative()) {
            throw new IllegalArgumentException("expected writeTimeout >= 0 but was " + writeTimeout);
        }
        return new UnixSpec(timeout, charset, maxConnections, maxLineLength, replaceStale, writeTimeout, idleTimeout, filePermissions);
    }

    /**
     * Returns a spec whose servers close a connection that sent and received nothing for this
     * long, as {@link TcpSpec#idleTimeout(Duration)}. If not called,
     * {@link TcpSpec#DEFAULT_IDLE_TIMEOUT} (5 minutes); {@link Duration#ZERO} turns it off.
     *
     * @throws IllegalArgumentException for a negative duration
     */
    @CheckReturnValue
    public UnixSpec idleTimeout(Duration idleTimeout) {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("expected idleTimeout >= 0 but was " + idleTimeout);
        }
        return new UnixSpec(timeout, charset, maxConnections, maxLineLength, replaceStale, writeTimeout, idleTimeout, filePermissions);
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
        Objects.requireNonNull(permissions, "permissions");
        try {
            java.nio.file.attribute.PosixFilePermissions.fromString(permissions);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected permissions such as \"rw-rw----\" (nine of r, w, x, -) but was \""
                    + permissions + "\"");
        }
        return new UnixSpec(timeout, charset, maxConnections, maxLineLength, replaceStale, writeTimeout, idleTimeout,
                permissions);
    }

    /** The socket file's permissions at {@code listen}: {@code "rw-------"} unless set. */
    public String filePermissions() {
        return filePermissions == null ? "rw-------" : filePermissions;
    }

    /** The write timeout: {@link Duration#ZERO} when sends wait without end. */
    public Duration writeTimeout() {
        return writeTimeout == null ? Duration.ZERO : writeTimeout;
    }

    /** The idle timeout of a server's connections in force: {@link Duration#ZERO} for none. */
    public Duration idleTimeout() {
        return idleTimeout == null ? TcpSpec.DEFAULT_IDLE_TIMEOUT : idleTimeout;
    }

    /** The read timeout: {@link Duration#ZERO} when reads wait without end. */
    public Duration timeout() {
        return timeout == null ? Duration.ZERO : timeout;
    }

    /** The charset in force. */
    public Charset charset() {
        return charset == null ? java.nio.charset.StandardCharsets.UTF_8 : charset;
    }

    /** The connection bound of a server in force. */
    public int maxConnections() {
        return maxConnections == null ? TcpSpec.DEFAULT_MAX_CONNECTIONS : maxConnections;
    }

    /** The line length bound in force. */
    public int maxLineLength() {
        return maxLineLength == null ? TcpSpec.DEFAULT_MAX_LINE_LENGTH : maxLineLength;
    }

    /** Whether {@code listen} replaces a stale socket file. */
    public boolean replacesStale() {
        return Boolean.TRUE.equals(replaceStale);
    }

    /**
     * The step before {@code listen}: the path the listener will bind. Touches nothing yet.
     *
     * @throws AddressError for an empty path or one longer than 106 bytes
     */
    public UnixBinding bind(String path) {
        return bind(Path.of(Objects.requireNonNull(path, "path")));
    }

    /** As {@link #bind(String)}. */
    public UnixBinding bind(Path path) {
        Objects.requireNonNull(path, "path");
        Unix.checkPath(path);
        return new UnixBinding(this, path);
    }

    /**
     * Opens a connection to the server listening at {@code path}.
     *
     * @throws ConnectionRefused if no socket file is there, or nothing listens on it
     * @throws PermissionDenied  if the file's permissions keep this user out
     * @throws AddressError for an empty path or one longer than 106 bytes
     */
    public Connection connect(String path) {
        return connect(Path.of(Objects.requireNonNull(path, "path")));
    }

    /** As {@link #connect(String)}. */
    public Connection connect(Path path) {
        Objects.requireNonNull(path, "path");
        return Unix.connect(this, path);
    }

    /** Equal when every setting is equal. */
    /** {@link Type#STREAM}. */
    @Override
    public Type type() {
        return Type.STREAM;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnixSpec s && Objects.equals(timeout, s.timeout) && Objects.equals(charset, s.charset)
                && Objects.equals(maxConnections, s.maxConnections) && Objects.equals(maxLineLength, s.maxLineLength)
                && Objects.equals(replaceStale, s.replaceStale) && Objects.equals(writeTimeout, s.writeTimeout)
                && Objects.equals(idleTimeout, s.idleTimeout) && Objects.equals(filePermissions, s.filePermissions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timeout, charset, maxConnections, maxLineLength, replaceStale, writeTimeout, idleTimeout, filePermissions);
    }

    /** Only what was set: {@code UnixSpec[timeout=PT2S, replaceStale=true]}; {@code UnixSpec[]} for the defaults. */
    @Override
    public String toString() {
        var j = new StringJoiner(", ", "UnixSpec[", "]");
        add(j, "timeout", timeout);
        add(j, "charset", charset);
        add(j, "maxConnections", maxConnections);
        add(j, "maxLineLength", maxLineLength);
        add(j, "replaceStale", replaceStale);
        add(j, "writeTimeout", writeTimeout);
        add(j, "idleTimeout", idleTimeout);
        add(j, "filePermissions", filePermissions);
        return j.toString();
    }

    private static void add(StringJoiner j, String name, Object value) {
        if (value != null) {
            j.add(name + "=" + value);
        }
    }
}
