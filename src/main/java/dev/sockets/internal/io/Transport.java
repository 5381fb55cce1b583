package dev.sockets.internal.io;

import dev.sockets.Address;
import dev.sockets.UnixAddress;
import dev.sockets.internal.errors.WriteTimeoutException;
import java.io.IOException;
import java.time.Duration;

/**
 * One connected byte stream, whatever carries it (a TCP socket, a Unix domain socket):
 * the only I/O a {@code Connection} does. Errors are the JDK's; the caller maps them.
 */
public interface Transport {

    /** {@code "tcp"} or {@code "unix"}: what toString and log lines call it. */
    String kind();

    /** Reads up to {@code len} bytes, blocking up to the timeout; -1 at the end of the stream. */
    int read(byte[] b, int off, int len) throws IOException;

    /** Writes all {@code len} bytes. */
    void write(byte[] b, int off, int len) throws IOException;

    /** The read timeout in milliseconds; 0 blocks without end. */
    void timeout(int millis) throws IOException;

    /**
     * The write timeout in milliseconds, 0 for none: a write that makes no progress for this
     * long closes the transport and fails with {@link WriteTimeoutException}.
     */
    default void writeTimeout(int millis) throws IOException {
        if (millis != 0) {
            throw new UnsupportedOperationException("no write timeout on " + kind());
        }
    }

    /** The deadline that watches sends, or null without a write timeout. */
    default dev.sockets.internal.time.WriteDeadline writeDeadline() {
        return null;
    }

    /** Half close: the peer reads the end of the stream, and this side can still read. */
    void shutdownOutput() throws IOException;

    /** This end's address. */
    Address local();

    /** The other end's address. */
    Address remote();

    /**
     * Reads and drops whatever already arrived, without blocking. Called only by the thread that
     * reads, just before {@link #close()}: TCP answers a close with unread data by a reset, which
     * the peer would see as {@code ConnectionReset} instead of the end of the stream.
     */
    default void discardArrived() throws IOException {
    }

    /**
     * How many bytes a read would return now without blocking; -1 if this transport cannot tell.
     * Lets a connection on a virtual thread wait with a small buffer (memory per idle connection).
     */
    default int available() throws IOException {
        return -1;
    }

    /** True when {@link #available()} counts the bytes waiting, rather than answering -1. */
    default boolean countsAvailable() {
        return false;
    }

    /**
     * How a connection over this transport prints itself between its brackets:
     * {@code tcp 127.0.0.1:41234 -> 127.0.0.1:12345}, {@code unix:/tmp/app.sock -> unix:}.
     */
    default String describe() {
        return where(kind(), local()) + " -> " + remote().text();
    }

    /**
     * Finishes opening before the first use: a TLS transport runs its handshake here (within its
     * handshake timeout); a plain one has nothing to do.
     */
    default void handshake() throws IOException {
    }

    /** What the TLS handshake agreed; empty for a plain transport. */
    default java.util.Optional<dev.sockets.TlsInfo> tls() {
        return java.util.Optional.empty();
    }

    /** Closes; a read or write blocked in another thread fails at once. Idempotent. */
    void close() throws IOException;

    /** {@code tcp 127.0.0.1:5000}, but {@code unix:/tmp/app.sock}: a Unix address names its kind already. */
    static String where(String kind, Address address) {
        return address instanceof UnixAddress ? address.text() : kind + " " + address.text();
    }

    /** A socket timeout in milliseconds: 0 (no timeout) for null or zero, at least 1 for any other. */
    static int millis(Duration d) {
        if (d == null || d.isZero()) {
            return 0;
        }
        long ms = Math.max(1, d.toMillis());
        return (int) Math.min(ms, Integer.MAX_VALUE);
    }
}
