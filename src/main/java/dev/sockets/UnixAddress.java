package dev.sockets;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The address of a Unix domain socket: a path in the file system, or none for an unnamed
 * socket (the client end of a connection, or one end of a {@code socketpair}).
 *
 * @param path the socket file's path; empty for an unnamed socket
 */
public record UnixAddress(Path path) implements Address {

    /** Checks the path is present. */
    public UnixAddress {
        Objects.requireNonNull(path, "path");
    }

    /** The address of the socket file at {@code path}. */
    public static UnixAddress of(String path) {
        return new UnixAddress(Path.of(path));
    }

    /** {@code unix:/tmp/app.sock}, or {@code unix:} for an unnamed socket. */
    @Override
    public String text() {
        return "unix:" + path;
    }

    @Override
    public String toString() {
        return text();
    }
}
