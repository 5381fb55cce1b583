package dev.sockets.internal.io;

import dev.sockets.AddressInUse;
import dev.sockets.Connection;
import dev.sockets.ConnectionPair;
import dev.sockets.ConnectionRefused;
import dev.sockets.Listener;
import dev.sockets.Receiver;
import dev.sockets.Server;
import dev.sockets.SocketError;
import dev.sockets.Sockets;
import dev.sockets.UnixAddress;
import dev.sockets.UnixSpec;
import dev.sockets.internal.errors.Errors;
import dev.sockets.internal.errors.Errors.Op;
import dev.sockets.internal.server.RealServer;
import dev.sockets.internal.server.ReceiveLoop;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Opens Unix domain stream sockets for a spec: the only place that touches the OS for them. */
public final class Unix {
    private Unix() {
    }

    /**
     * The longest path the JDK binds or connects: 106 bytes. Linux's {@code sun_path} holds 108
     * with the terminating NUL, but the JDK (17 and 25 alike, measured) refuses 107 with
     * "Unix domain path too long".
     */
    public static final int MAX_PATH_BYTES = 106;

    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    /** Refuses a path the kernel would refuse, before any call, with the limit in the message. */
    public static void checkPath(Path path) {
        int n = path.toString().getBytes(StandardCharsets.UTF_8).length;
        if (n == 0) {
            throw new IllegalArgumentException("expected a Unix socket path but was empty");
        }
        if (n > MAX_PATH_BYTES) {
            throw new IllegalArgumentException("expected a Unix socket path of at most " + MAX_PATH_BYTES
                    + " bytes (the JDK's limit; Linux's sun_path is 108 bytes with the final NUL) but was " + n + " bytes: " + path);
        }
    }

    public static Connection connect(UnixSpec spec, Path path) {
        checkPath(path);
        var remote = new UnixAddress(path);
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(path));
            var c = new RealConnection(new UnixTransport(ch, Transport.millis(spec.timeout())), spec.charset(),
                    spec.maxLineLength(), spec.timeout());
            return spec.writeTimeout().isZero() ? c : c.writeTimeout(spec.writeTimeout());
        } catch (IOException e) {
            close(ch);
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new ConnectionRefused("connect " + remote.text() + ": no socket file there;"
                        + " is the server running, and is the path right?", e, null, remote);
            }
            if (e instanceof ConnectException) {
                throw new ConnectionRefused("connect " + remote.text() + ": connection refused; the socket file is there"
                        + " but nothing listens on it (a stale file left by a server that is gone?)", e, null, remote);
            }
            throw Errors.map(Op.CONNECT, null, remote, e, spec.timeout());
        }
    }

    public static Listener listen(UnixSpec spec, Path path, int backlog) {
        int timeout = Transport.millis(spec.timeout());
        UnixAcceptor acceptor = bind(spec, path, backlog, timeout);
        try {
            acceptor.timeout(timeout);
        } catch (IOException e) {
            closeListener(null, acceptor);
            throw Errors.map(Op.BIND, acceptor.address(), null, e, null);
        }
        return new RealListener(acceptor, StreamConfig.of(spec));
    }

    /** Opens the listening socket as {@link #listen} does and serves it with an event loop ({@code onReceive}). */
    public static Server serve(UnixSpec spec, Path path, int backlog, Receiver receiver) {
        // The acceptor for its channel, and its close, which removes the socket file if still ours.
        UnixAcceptor listener = bind(spec, path, backlog, 0);
        try {
            ServerSocketChannel ch = listener.channel();
            ch.configureBlocking(false);
            var loop = new ReceiveLoop(ch, listener.address(), listener::close, StreamConfig.of(spec), java.util.Map.of(), receiver);
            loop.start();
            return new RealServer(loop);
        } catch (IOException e) {
            closeListener(null, listener);
            throw Errors.map(Op.BIND, listener.address(), null, e, null);
        } catch (RuntimeException | Error e) {
            closeListener(null, listener);
            throw e;
        }
    }

    /**
     * Binds a listening socket at {@code path}, owner-only: what {@link #listen} and {@link #serve}
     * share. The acceptor is made right after the bind, so that a failure from there on removes
     * the file too (its close does).
     */
    private static UnixAcceptor bind(UnixSpec spec, Path path, int backlog, int connectionTimeoutMillis) {
        checkPath(path);
        var local = new UnixAddress(path);
        clearTheWay(spec, path, local);
        ServerSocketChannel ch = null;
        UnixAcceptor acceptor = null;
        try {
            ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            ch.bind(UnixDomainSocketAddress.of(path), backlog);
            acceptor = new UnixAcceptor(ch, path, connectionTimeoutMillis);
            // DEV-NOTE: owner-only, as early as Java allows: between bind and this call the file has
            // the umask's permissions (a window of microseconds). Binding inside a private directory
            // and renaming would close it, at the cost of a longer temporary path.
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(spec.filePermissions()));
            return acceptor;
        } catch (IOException e) {
            closeListener(ch, acceptor);
            if (e instanceof NoSuchFileException || !Files.isDirectory(path.toAbsolutePath().getParent())) {
                throw new SocketError(SocketError.Kind.OTHER, "bind " + local.text() + ": the directory "
                        + path.toAbsolutePath().getParent() + " does not exist; create it first", e, local, null);
            }
            throw Errors.map(Op.BIND, local, null, e, null);
        } catch (RuntimeException | Error e) {
            closeListener(ch, acceptor);
            throw e;
        }
    }

    private static void closeListener(ServerSocketChannel ch, UnixAcceptor listener) {
        try {
            if (listener != null) {
                listener.close();
            } else {
                close(ch);
            }
        } catch (IOException e) {
            // Already failing; the first error is the one to report.
        }
    }

    /** Deals with a file already at the path: a live server, a stale socket file, or something else. */
    private static void clearTheWay(UnixSpec spec, Path path, UnixAddress local) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!isSocket(path)) {
            throw new AddressInUse("bind " + local.text() + ": a file that is not a socket is there;"
                    + " remove it, or choose another path", null, local, null);
        }
        if (listedAsListening(path)) {
            throw new AddressInUse("bind " + local.text() + ": a server is listening there;"
                    + " stop it, or choose another path", null, local, null);
        }
        // Not listed (or no /proc): a connect tells. A live server would see a connection that closes at once.
        try (var probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            throw new AddressInUse("bind " + local.text() + ": a server is listening there;"
                    + " stop it, or choose another path", null, local, null);
        } catch (ConnectException refused) {
            if (!spec.replacesStale()) {
                throw new AddressInUse("bind " + local.text() + ": a stale socket file is there, left by a server"
                        + " that is gone; pass replaceStale(true) on the spec to replace it, or delete the file",
                        refused, local, null);
            }
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw Errors.map(Op.BIND, local, null, e, null);
            }
        } catch (IOException e) {
            throw new AddressInUse("bind " + local.text() + ": a socket file is there and cannot be probed ("
                    + e.getMessage() + "); remove it, or choose another path", e, local, null);
        }
    }

    /** __SO_ACCEPTCON in /proc/net/unix's Flags column: the socket listens. */
    private static final long SO_ACCEPTCON = 0x10000;

    /**
     * True when Linux's /proc/net/unix lists a listening socket bound to this path: a look that
     * disturbs nobody, where a probe connect would hand the live server an empty connection.
     * False when it is not listed, or where there is no /proc.
     */
    public static boolean listedAsListening(Path path) {
        Path proc = Path.of("/proc/net/unix");
        if (!Files.isReadable(proc)) {
            return false;
        }
        String asGiven = path.toString();
        String absolute = path.toAbsolutePath().normalize().toString();
        try (var lines = Files.lines(proc)) {
            return lines.skip(1).map(l -> l.trim().split("\\s+")).anyMatch(f -> f.length >= 8
                    && (f[7].equals(asGiven) || f[7].equals(absolute))
                    && (Long.parseLong(f[3], 16) & SO_ACCEPTCON) != 0);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isSocket(Path path) {
        try {
            Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return mode instanceof Integer m && (m & S_IFMT) == S_IFSOCK;
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            // No "unix" attribute view: a socket is neither a file, a directory nor a link.
            try {
                return Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS).isOther();
            } catch (IOException x) {
                return false;
            }
        }
    }

    /**
     * Two connected Unix domain streams, made through a listener in a private temporary directory
     * (owner-only) that is removed before this returns.
     */
    public static ConnectionPair socketpair() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("sockets-pair",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path path = dir.resolve("s");
            if (path.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
                return tcpPair();
            }
            var spec = Sockets.unix();
            try (var listener = listen(spec, path, 1)) {
                Connection a = connect(spec, path);
                try {
                    return new ConnectionPair(a, listener.accept());
                } catch (RuntimeException e) {
                    a.close();
                    throw e;
                }
            }
        } catch (IOException e) {
            throw new SocketError(SocketError.Kind.OTHER, "socketpair: cannot make a private temporary directory: "
                    + e.getMessage(), e, null, null);
        } finally {
            if (dir != null) {
                try {
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // A leftover empty directory in the temp dir: harmless.
                }
            }
        }
    }

    /** The fallback where the temp directory's path is too long for a Unix socket: loopback TCP. */
    private static ConnectionPair tcpPair() {
        try (var listener = Sockets.tcp().bind("127.0.0.1", 0).listen(1)) {
            Connection a = Sockets.tcp().connect("127.0.0.1", listener.port());
            return new ConnectionPair(a, listener.accept());
        }
    }

    private static void close(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // Failed before it was usable: nothing to report beyond the first error.
            }
        }
    }
}
