package dev.sockets.internal.io;

import dev.sockets.Address;
import dev.sockets.UnixAddress;
import dev.sockets.internal.errors.WriteTimeoutException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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

    /**
     * The other half close: reads return the end of the stream from now on, and what the peer
     * sends later is dropped. A transport over another one delegates; the default cannot.
     */
    default void shutdownInput() throws IOException {
        throw new UnsupportedOperationException("no shutdownInput on " + kind());
    }

    /**
     * The socket's options, read and set while it is open ({@code Connection.option}). The
     * default has none; a transport over another one hands out the inner one's.
     */
    default OptionAccess options() {
        return OptionAccess.none(kind() + " sockets");
    }

    /**
     * Sends {@code count} bytes of {@code file} from {@code offset}, fewer if the file ends first;
     * returns how many went. The default reads the file into a buffer and {@link #write}s it, so
     * the write timeout holds as for any send, and a transport that must see every byte (one that
     * encrypts) needs nothing more; one over a channel overrides it with
     * {@link FileChannel#transferTo}, which the OS does without a copy through the JVM.
     */
    default long sendFile(FileChannel file, long offset, long count) throws IOException {
        byte[] b = new byte[(int) Math.min(SEND_FILE_CHUNK, Math.max(1, count))];
        ByteBuffer bb = ByteBuffer.wrap(b);
        long sent = 0;
        while (sent < count) {
            bb.clear().limit((int) Math.min(b.length, count - sent));
            int n = file.read(bb, offset + sent);
            if (n <= 0) {
                break; // the file ended (or shrank) before count
            }
            write(b, 0, n);
            sent += n;
        }
        return sent;
    }

    /** What the default {@link #sendFile} reads and writes at a time: the usual 64 KiB of a bulk write. */
    int SEND_FILE_CHUNK = 64 * 1024;

    /**
     * The bytes a send under a write timeout hands the OS at a time: each one done is progress.
     * 64 KiB, the usual size of an application's write: such a send stays one system call on a
     * served connection, which has a write timeout by default; a client that never reads is still
     * cut off after the timeout with at most 64 KiB of the send unaccounted.
     */
    int WATCHED_CHUNK = 64 * 1024;

    /**
     * What a send under {@code watch} that failed with {@code e} throws: a
     * {@link WriteTimeoutException} ({@code written} of {@code total} bytes went) when the deadline
     * closed the transport, else {@code e} itself.
     */
    static IOException writeFailure(dev.sockets.internal.time.WriteDeadline watch, IOException e, long written, long total) {
        if (watch == null || !watch.fired()) {
            return e;
        }
        var t = new WriteTimeoutException(written, total, Duration.ofNanos(watch.timeoutNanos()));
        t.initCause(e);
        return t;
    }

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
