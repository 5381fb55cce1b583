package dev.sockets.internal.io;

import dev.sockets.Address;
import dev.sockets.UnixAddress;
import dev.sockets.internal.errors.WriteTimeoutException;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A Unix domain stream over {@link SocketChannel}.
 *
 * <p>DEV-NOTE: a Unix domain channel has no socket adaptor, hence no SO_TIMEOUT. Without a
 * timeout it stays in blocking mode (the fast path, and virtual-thread friendly on 21+); the
 * first timeout above zero puts it in non-blocking mode for good, where reads and writes wait
 * on a selector of their own with a deadline. Close wakes those selectors.
 */
public final class UnixTransport implements Transport {
    private final SocketChannel ch;
    private final Address local;
    private final Address remote;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private volatile int timeoutMillis;
    private volatile int writeTimeoutMillis; // 0 for none
    private volatile Selector readSelector;
    private volatile Selector writeSelector;

    /** Wraps a connected channel, with a read timeout in milliseconds (0: none). */
    public UnixTransport(SocketChannel ch, int timeoutMillis) throws IOException {
        this(ch, address(ch.getLocalAddress()), timeoutMillis);
    }

    /**
     * As above, with the local address given: a server's connection reports the path its listener
     * was linked at, where the channel would report the private place it was bound in.
     */
    public UnixTransport(SocketChannel ch, Address local, int timeoutMillis) throws IOException {
        this.ch = ch;
        this.local = local;
        this.remote = address(ch.getRemoteAddress());
        timeout(timeoutMillis);
    }

    /** Our address for a JDK Unix address; an unnamed socket has the empty path. */
    public static UnixAddress address(SocketAddress a) {
        if (a instanceof UnixDomainSocketAddress u) {
            return new UnixAddress(u.getPath());
        }
        return new UnixAddress(Path.of(""));
    }

    @Override
    public String kind() {
        return "unix";
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(b, off, len);
        synchronized (readLock) {
            Selector sel = readSelector;
            if (sel == null) {
                return ch.read(bb);
            }
            int t = timeoutMillis;
            long deadline = System.nanoTime() + t * 1_000_000L;
            while (true) {
                int n = ch.read(bb);
                if (n != 0 || len == 0) {
                    return n;
                }
                long left = t == 0 ? 0 : Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
                if (t != 0 && System.nanoTime() >= deadline) {
                    throw new SocketTimeoutException("Read timed out");
                }
                await(sel, left);
            }
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(b, off, len);
        synchronized (writeLock) {
            int wt = writeTimeoutMillis;
            long lastProgress = System.nanoTime();
            while (bb.hasRemaining()) {
                if (ch.write(bb) > 0) {
                    lastProgress = System.nanoTime();
                    continue;
                }
                // Non-blocking and the peer's buffer is full: wait until it drains, at most the
                // write timeout since the last progress (the read timeout does not apply, as for TCP).
                long left = 0;
                if (wt > 0) {
                    long leftNanos = lastProgress + wt * 1_000_000L - System.nanoTime();
                    if (leftNanos <= 0) {
                        long written = bb.position() - off;
                        // A stream with a message cut short is of no further use: close, as TCP's watchdog does.
                        close();
                        throw new WriteTimeoutException(written, len, java.time.Duration.ofMillis(wt));
                    }
                    left = Math.max(1, leftNanos / 1_000_000L);
                }
                await(writeSelector, left);
            }
        }
    }

    @Override
    public void writeTimeout(int millis) throws IOException {
        writeTimeoutMillis = millis;
        if (millis > 0) {
            nonBlocking();
        }
    }

    private void await(Selector sel, long millis) throws IOException {
        if (!ch.isOpen()) {
            throw new AsynchronousCloseException();
        }
        try {
            sel.select(millis);
            sel.selectedKeys().clear();
        } catch (ClosedSelectorException e) {
            throw new AsynchronousCloseException();
        }
        if (Thread.currentThread().isInterrupted()) {
            // As blocking I/O does: an interrupt closes the channel. Without it, select would
            // return at once again and again while the flag stays set.
            close();
            throw new ClosedByInterruptException();
        }
        if (!ch.isOpen()) {
            throw new AsynchronousCloseException();
        }
    }

    @Override
    public void timeout(int millis) throws IOException {
        timeoutMillis = millis;
        if (millis > 0) {
            nonBlocking();
        }
    }

    /** Puts the channel in non-blocking mode for good, with a selector for reads and one for writes. */
    private void nonBlocking() throws IOException {
        if (readSelector == null) {
            // Both locks: no read or write may be in a blocking call while the mode changes.
            synchronized (readLock) {
                synchronized (writeLock) {
                    if (readSelector == null) {
                        ch.configureBlocking(false);
                        Selector w = Selector.open();
                        ch.register(w, SelectionKey.OP_WRITE);
                        writeSelector = w;
                        Selector r = Selector.open();
                        ch.register(r, SelectionKey.OP_READ);
                        readSelector = r;
                    }
                }
            }
        }
    }

    @Override
    public void shutdownOutput() throws IOException {
        ch.shutdownOutput();
    }

    @Override
    public Address local() {
        return local;
    }

    @Override
    public Address remote() {
        return remote;
    }

    @Override
    public void close() throws IOException {
        try {
            ch.close();
        } finally {
            closeSelector(readSelector);
            closeSelector(writeSelector);
        }
    }

    private static void closeSelector(Selector s) throws IOException {
        if (s != null) {
            // Closing wakes a thread blocked in select, which then sees the channel closed.
            s.close();
        }
    }
}
