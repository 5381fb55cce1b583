package dev.sockets.internal.io;

import dev.sockets.AddressError;
import dev.sockets.Connection;
import dev.sockets.ConnectionPair;
import dev.sockets.ConnectionRefused;
import dev.sockets.Endpoint;
import dev.sockets.Host;
import dev.sockets.Listener;
import dev.sockets.PermissionDenied;
import dev.sockets.Port;
import dev.sockets.Receiver;
import dev.sockets.Server;
import dev.sockets.SocketError.Kind;
import dev.sockets.SocketError.Op;
import dev.sockets.SocketError;
import dev.sockets.UnixAddress;
import dev.sockets.internal.errors.Errors;
import dev.sockets.internal.registry.Registry;
import dev.sockets.internal.server.RealServer;
import dev.sockets.internal.server.ReceiveLoop;
import dev.sockets.internal.settings.Settings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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

    /**
     * Refuses a path the kernel would refuse, before any call, with the limit in the message: the
     * path is an address the user gave, so this is an {@link AddressError}, not a programming error.
     */
    public static void checkPath(Path path) {
        int n = path.toString().getBytes(StandardCharsets.UTF_8).length;
        if (n == 0) {
            throw new AddressError("", -1, "empty Unix socket path", "give a path such as /tmp/app.sock");
        }
        String text = path.toString();
        if (text.startsWith("@")) {
            // ss and /proc/net/unix show Linux's abstract names this way; the JDK has no way to them,
            // and binding "@name" would make a file of that name in the working directory.
            throw new AddressError(text, -1, "an abstract socket name (as ss shows them), which Java cannot open:"
                    + " the JDK binds and connects file-system paths only",
                    "use a file-system path such as /tmp/" + text.substring(1) + ".sock (or ./" + text + " for a file of that name)");
        }
        if (n > MAX_PATH_BYTES) {
            // "One in /tmp" helps only a path that is not there already, and only if its name fits.
            Path name = path.getFileName();
            boolean inTmp = Path.of("/tmp").equals(path.toAbsolutePath().getParent());
            String hint = name != null && !inTmp && ("/tmp/" + name).getBytes(StandardCharsets.UTF_8).length <= MAX_PATH_BYTES
                    ? "use a shorter path, such as /tmp/" + name
                    : "use a shorter path: a shorter file name, or a directory nearer the root";
            throw new AddressError(path.toString(), -1, "Unix socket path of " + n + " bytes, over the limit of "
                    + MAX_PATH_BYTES + " (the JDK's; Linux's sun_path is 108 bytes with the final NUL)", hint);
        }
    }

    public static Connection connect(Settings spec, Path path) {
        checkPath(path);
        var remote = new UnixAddress(path);
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(path));
            var c = new RealConnection(new UnixTransport(ch, Transport.millis(spec.timeout())), spec.charset(),
                    spec.maxLineLength(), spec.timeout()).tapped(spec.wiretap(), "connect").listed();
            c.maxExpect(spec.maxExpectBuffer());
            return spec.writeTimeout().isZero() ? c : c.writeTimeout(spec.writeTimeout());
        } catch (IOException e) {
            close(ch);
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw Errors.of(Kind.REFUSED, Op.CONNECT).remote(remote).errno(Errors.Errno.ENOENT).cause(e)
                        .because("no socket file there", "is the server running, and is the path right?").error();
            }
            if (e instanceof ConnectException) {
                throw Errors.of(Kind.REFUSED, Op.CONNECT).remote(remote).errno(Errors.Errno.ECONNREFUSED).cause(e).because("connection refused",
                        "the socket file is there but nothing listens on it (a stale file left by a server that is gone?)").error();
            }
            throw Errors.map(Op.CONNECT, null, remote, e, spec.timeout());
        }
    }

    public static Listener listen(Settings spec, Path path, int backlog) {
        int timeout = Transport.millis(spec.timeout());
        UnixAcceptor acceptor = bind(spec, path, backlog, timeout);
        try {
            acceptor.timeout(timeout);
        } catch (IOException e) {
            closeListener(null, acceptor);
            throw Errors.map(Op.BIND, acceptor.address(), null, e, null);
        }
        // The event loops take the acceptor's own channel: the socket, its file and backlog stay.
        return new RealListener(acceptor, StreamConfig.of(spec),
                (receiver, closeSocket) -> serve(spec, acceptor, receiver, closeSocket));
    }

    /** Opens the listening socket as {@link #listen} does and serves it with an event loop ({@code onReceive}). */
    public static Server serve(Settings spec, Path path, int backlog, Receiver receiver) {
        // The acceptor for its channel, and its close, which removes the socket file if still ours.
        UnixAcceptor listener = bind(spec, path, backlog, 0);
        return serve(spec, listener, receiver, listener::close);
    }

    /** Serves a bound acceptor's channel with event loops; {@code closeSocket} closes it (and removes its file). */
    private static Server serve(Settings spec, UnixAcceptor listener, Receiver receiver, java.io.Closeable closeSocket) {
        try {
            ServerSocketChannel ch = listener.channel();
            ch.configureBlocking(false);
            var loop = new ReceiveLoop(ch, listener.address(), closeSocket, StreamConfig.of(spec), java.util.Map.of(), receiver);
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
     * share.
     *
     * <p>The socket is never at {@code path} with other permissions than asked, and no mode but that
     * of the socket made here is changed. A bind then a chmod at the path would leave the umask's
     * permissions there for an instant (a foreign client could connect), and where another user may
     * write to the directory (no sticky bit) that user could rename the fresh socket and plant a
     * symlink, so that the chmod changed the symlink's target. So: bind inside a fresh directory next
     * to the path that only this user can enter (0700), reached through this process's open
     * descriptor of it ({@code /proc/self/fd/N}), so that renaming the directory or planting a link
     * in its place changes nothing; set the mode there; then hard-link the socket to the path, which
     * fails if anything is there (rename(2) would replace a file that appeared since
     * {@link #clearTheWay}, maybe another server's live socket); then unlink the temporary name and
     * remove the directory. The socket's inode is remembered, so that close removes the file at the
     * path only if it is still this one.
     */
    private static UnixAcceptor bind(Settings spec, Path path, int backlog, int connectionTimeoutMillis) {
        checkPath(path);
        var local = new UnixAddress(path);
        clearTheWay(spec, path, local);
        Path parent = path.toAbsolutePath().getParent();
        ServerSocketChannel ch = null;
        UnixAcceptor acceptor = null;
        PrivateDir dir = null;
        try {
            dir = PrivateDir.create(parent);
            Path inside = dir.socket();
            ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            ch.bind(UnixDomainSocketAddress.of(inside), backlog);
            // Follows no link a stranger could plant: the directory is this user's, 0700, and pinned.
            Files.setPosixFilePermissions(inside, PosixFilePermissions.fromString(spec.filePermissions()));
            Object fileKey = Files.readAttributes(inside, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            try {
                Files.createLink(path, inside);
            } catch (FileAlreadyExistsException e) {
                throw Errors.of(Kind.ADDRESS_IN_USE, Op.BIND).local(local).errno(Errors.Errno.EADDRINUSE).cause(e).because("a file appeared at the path while binding"
                        + " (another process put it there after it was found free or stale); it was left alone",
                        "stop the other process, or choose another path").error();
            }
            acceptor = new UnixAcceptor(ch, path, fileKey, connectionTimeoutMillis);
            Files.delete(inside);
            return acceptor;
        } catch (IOException e) {
            closeListener(ch, acceptor);
            if (!Files.isDirectory(parent)) {
                throw Errors.of(Kind.OTHER, Op.BIND).local(local).cause(e)
                        .because("the directory " + parent + " does not exist", "create it first").error();
            }
            if (e instanceof NoSuchFileException) {
                throw Errors.of(Kind.OTHER, Op.BIND).local(local).cause(e).because("a file was moved or removed"
                        + " while binding (" + e.getMessage() + "), though the directory " + parent + " exists",
                        "can another user write to it? try again, or bind in a directory only you can write to").error();
            }
            if (e instanceof AccessDeniedException) {
                throw Errors.of(Kind.PERMISSION, Op.BIND).local(local).errno(Errors.Errno.EACCES).cause(e)
                        .because("permission denied", "this user may not create files in " + parent).error();
            }
            throw Errors.map(Op.BIND, local, null, e, null);
        } catch (RuntimeException | Error e) {
            closeListener(ch, acceptor);
            throw e;
        } finally {
            if (dir != null) {
                dir.remove();
            }
        }
    }

    /**
     * A fresh directory next to the socket's path (same file system: a hard link cannot cross one),
     * owner-only, held open so that its descriptor names it whatever happens to its name: the
     * parent may be writable by others, who can rename the directory (no write permission on it is
     * needed for a rename within one parent) and put a symlink in its place.
     */
    private static final class PrivateDir implements java.io.Closeable {
        private final Path path;
        private final java.nio.file.DirectoryStream<Path> open;
        private final Path pinned;
        private final Object key;

        private PrivateDir(Path path, java.nio.file.DirectoryStream<Path> open, Path pinned, Object key) {
            this.path = path;
            this.open = open;
            this.pinned = pinned;
            this.key = key;
        }

        static PrivateDir create(Path parent) throws IOException {
            Path path = Files.createTempDirectory(parent, ".sockets-bind-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            java.nio.file.DirectoryStream<Path> open = null;
            try {
                Object key = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
                open = Files.newDirectoryStream(path);
                Path fd = descriptorOf(key);
                if (fd == null) {
                    if (Files.isDirectory(Path.of("/proc/self/fd"))) {
                        throw new NoSuchFileException(path.toString(), null,
                                "the private directory made for the bind was replaced before it was opened");
                    }
                    // No /proc (not Linux): the directory's path is all there is; someone who can
                    // rename entries of the parent could still redirect it. Bind where only you write.
                    return new PrivateDir(path, open, path, key);
                }
                // What was opened may not be what was made (a swap between the two): it must be
                // this user's and closed to everyone else, or a stranger could reach into it.
                int mode = (Integer) Files.getAttribute(fd, "unix:mode");
                Object owner = Files.getAttribute(fd, "unix:uid");
                if ((mode & 077) != 0 || !owner.equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
                    throw new NoSuchFileException(path.toString(), null,
                            "the private directory made for the bind was replaced by one that is not private");
                }
                return new PrivateDir(path, open, fd, key);
            } catch (IOException | RuntimeException e) {
                if (open != null) {
                    open.close();
                }
                removeIfStill(path, null);
                throw e;
            }
        }

        /** This process's descriptor of the directory with this key, as a path: /proc/self/fd/N. */
        private static Path descriptorOf(Object key) throws IOException {
            Path fds = Path.of("/proc/self/fd");
            if (key == null || !Files.isDirectory(fds)) {
                return null;
            }
            try (var all = Files.newDirectoryStream(fds)) {
                for (Path fd : all) {
                    try {
                        var a = Files.readAttributes(fd, BasicFileAttributes.class);
                        if (a.isDirectory() && key.equals(a.fileKey())) {
                            return fd;
                        }
                    } catch (IOException e) {
                        // A descriptor another thread closed meanwhile, or not a file: not ours.
                    }
                }
            }
            return null;
        }

        /** Where the socket is bound: short, whatever the parent's length, since it goes through the descriptor. */
        Path socket() {
            return pinned.resolve("s");
        }

        /** Removes the temporary name if still there, closes the descriptor, and removes the directory if still at its path. */
        void remove() {
            try {
                Files.deleteIfExists(socket());
            } catch (IOException ignored) {
                // Left in a directory only this user can enter: harmless, and the first error is the one to report.
            }
            try {
                close();
            } catch (IOException ignored) {
                // Closing a directory stream: nothing to report.
            }
            removeIfStill(path, key);
        }

        @Override
        public void close() throws IOException {
            open.close();
        }

        private static void removeIfStill(Path path, Object key) {
            try {
                // Only the directory made here: someone may have renamed it and put theirs in its place.
                if (key == null || key.equals(Files.readAttributes(path, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS).fileKey())) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException ignored) {
                // Gone already, moved, or not empty: an empty private directory left behind is harmless.
            }
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
    private static void clearTheWay(Settings spec, Path path, UnixAddress local) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!isSocket(path)) {
            throw Errors.of(Kind.ADDRESS_IN_USE, Op.BIND).local(local).errno(Errors.Errno.EADDRINUSE)
                    .because("a file that is not a socket is there", "remove it, or choose another path").error();
        }
        // A server of this JVM is known without a look: this library binds in a private directory,
        // so /proc/net/unix lists that name, and a probe connect would hand the server an empty connection.
        if (listedAsListening(path) || Registry.holder(local, false).isPresent()) {
            throw Errors.of(Kind.ADDRESS_IN_USE, Op.BIND).local(local).errno(Errors.Errno.EADDRINUSE)
                    .because("a server is listening there", "stop it, or choose another path").error();
        }
        // Not listed (or no /proc): a connect tells. A live server would see a connection that closes at once.
        try (var probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            throw Errors.of(Kind.ADDRESS_IN_USE, Op.BIND).local(local).errno(Errors.Errno.EADDRINUSE)
                    .because("a server is listening there", "stop it, or choose another path").error();
        } catch (ConnectException refused) {
            if (!spec.replacesStale()) {
                throw Errors.of(Kind.ADDRESS_IN_USE, Op.BIND).local(local).errno(Errors.Errno.EADDRINUSE).cause(refused)
                        .because("a stale socket file is there, left by a server that is gone",
                                "pass replaceStale(true) on the spec to replace it, or delete the file").error();
            }
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw Errors.map(Op.BIND, local, null, e, null);
            }
        } catch (IOException e) {
            throw Errors.of(Kind.ADDRESS_IN_USE, Op.BIND).local(local).errno(Errors.Errno.EADDRINUSE).cause(e).because("a socket file is there and"
                    + " cannot be probed (" + e.getMessage() + ")", "remove it, or choose another path").error();
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
            // The directory is private and fresh: a plain bind is safe here, no hardened listen.
            try (var listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                listener.bind(UnixDomainSocketAddress.of(path), 1);
                SocketChannel a = SocketChannel.open(UnixDomainSocketAddress.of(path));
                SocketChannel b;
                try {
                    b = listener.accept();
                } catch (IOException e) {
                    close(a);
                    throw e;
                }
                Files.deleteIfExists(path);
                return new ConnectionPair(pairEnd(a), pairEnd(b));
            }
        } catch (IOException e) {
            throw Errors.of(Kind.OTHER, Op.SOCKETPAIR).cause(e)
                    .because("cannot make a private temporary directory (" + e.getMessage() + ")", "").error();
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

    private static Connection pairEnd(SocketChannel ch) throws IOException {
        var s = Settings.NONE;
        return new RealConnection(UnixTransport.pair(ch), s.charset(), s.maxLineLength(), s.timeout()).listed();
    }

    /** The fallback where the temp directory's path is too long for a Unix socket: loopback TCP. */
    private static ConnectionPair tcpPair() {
        try (var listener = Tcp.listen(Settings.NONE, new Endpoint(Host.loopback(), Port.of(0)), 1)) {
            Connection a = Tcp.connect(Settings.NONE, null, new Endpoint(Host.loopback(), Port.of(listener.port())));
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
