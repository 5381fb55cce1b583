package dev.sockets.internal.io;

import dev.sockets.Address;
import dev.sockets.UnixAddress;
import dev.sockets.internal.time.WriteDeadline;
import dev.sockets.internal.time.Interactive;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A Unix domain stream over {@link SocketChannel}.
 *
 * <p>DEV-NOTE: a Unix domain channel has no socket adaptor, hence no SO_TIMEOUT. Without a
 * read timeout it stays in blocking mode (the fast path, and virtual-thread friendly on 21+); the
 * first read timeout above zero puts it in non-blocking mode for good, where reads wait on a
 * selector of their own with a deadline, and writes on another without one. The write timeout
 * is TCP's: a {@link WriteDeadline} closes the channel when a send makes no progress, so it keeps
 * a channel blocking. Close wakes those selectors.
 */
public final class UnixTransport implements Transport {
    private final SocketChannel ch;
    private final Address local;
    private final Address remote;
    // One end of Sockets.socketpair(): both ends unnamed, as socketpair(2) makes them.
    private final boolean pair;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private volatile int timeoutMillis;
    // null without a write timeout (the fast path: a plain write).
    private volatile WriteDeadline watch;
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
        this(ch, local, address(ch.getRemoteAddress()), false, timeoutMillis);
    }

    private UnixTransport(SocketChannel ch, Address local, Address remote, boolean pair, int timeoutMillis) throws IOException {
        this.ch = ch;
        this.local = local;
        this.remote = remote;
        this.pair = pair;
        timeout(timeoutMillis);
    }

    /**
     * One end of a socket pair: unnamed at both ends, as Python's {@code socketpair()} reports
     * them, whatever temporary path the JDK needed to connect them.
     */
    public static UnixTransport pair(SocketChannel ch) throws IOException {
        var unnamed = new UnixAddress(Path.of(""));
        return new UnixTransport(ch, unnamed, unnamed, true, 0);
    }

    @Override
    public String describe() {
        return pair ? "socketpair" : Transport.super.describe();
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
                if (!(Interactive.ON && Interactive.sliced())) {
                    return ch.read(bb);
                }
                // In JShell's JVM the snippet's read waits on a selector, in slices, so that
                // Ctrl-C reaches it (see Interactive).
                nonBlocking();
                sel = readSelector;
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
                await(sel, Interactive.ON && Interactive.sliced() ? Interactive.cap(left) : left);
            }
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(b, off, len);
        synchronized (writeLock) {
            WriteDeadline w = watch;
            if (w == null) {
                writeAll(bb, null);
                return;
            }
            w.begin();
            try {
                writeAll(bb, w);
            } catch (IOException e) {
                throw Transport.writeFailure(w, e, bb.position() - off, len);
            } finally {
                w.end();
            }
        }
    }

    private void writeAll(ByteBuffer bb, WriteDeadline w) throws IOException {
        int end = bb.limit();
        while (bb.hasRemaining()) {
            if (w != null) {
                // A blocking channel writes all it is given before it returns: give it a chunk, so
                // that a slow reader's progress shows.
                bb.limit(Math.min(end, bb.position() + WATCHED_CHUNK));
            }
            int n = ch.write(bb);
            bb.limit(end);
            if (n > 0) {
                if (w != null) {
                    w.progress();
                }
            } else {
                // Non-blocking (a read timeout made it so) and the peer's buffer is full: wait until
                // it drains. Untimed: the write deadline closes the channel, which wakes the wait.
                await(writeSelector, 0);
            }
        }
    }

    @Override
    public WriteDeadline writeDeadline() {
        return watch;
    }

    @Override
    public synchronized void writeTimeout(int millis) {
        WriteDeadline old = watch;
        watch = millis == 0 ? null : WriteDeadline.watch(this::expire, millis * 1_000_000L);
        if (old != null) {
            old.cancel();
        }
    }

    /**
     * The write timeout's end: shuts the output, then closes. DEV-NOTE: a {@code sendfile(2)}
     * blocked in {@link #sendFile} is not one of the channel's own blocking calls, so a close alone
     * does not wake it (the JDK signals only its registered readers and writers); a shutdown wakes
     * every thread waiting to send on the socket, which then fails with EPIPE.
     */
    private void expire() throws IOException {
        try {
            ch.shutdownOutput();
        } catch (IOException e) {
            // Closed or broken already: the close below is all there is to do.
        } finally {
            close();
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
    public void shutdownInput() throws IOException {
        ch.shutdownInput();
    }

    @Override
    public OptionAccess options() {
        return OptionAccess.of("Unix sockets", ch);
    }

    /**
     * Zero-copy: {@link FileChannel#transferTo} to the channel is {@code sendfile(2)}. With a write
     * timeout it goes a chunk at a time, each one done being progress, as {@link #write} does.
     */
    @Override
    public long sendFile(FileChannel file, long offset, long count) throws IOException {
        synchronized (writeLock) {
            WriteDeadline w = watch;
            long sent = 0;
            if (w != null) {
                w.begin();
            }
            try {
                while (sent < count) {
                    long chunk = w == null ? count - sent : Math.min(WATCHED_CHUNK, count - sent);
                    long n = file.transferTo(offset + sent, chunk, ch);
                    if (n > 0) {
                        sent += n;
                        if (w != null) {
                            w.progress();
                        }
                    } else if (offset + sent >= file.size()) {
                        break; // the file ended (or shrank) before count
                    } else {
                        // Non-blocking (a read timeout made it so) and the peer's buffer is full.
                        await(writeSelector, 0);
                    }
                }
                return sent;
            } catch (IOException e) {
                throw Transport.writeFailure(w, e, sent, count);
            } finally {
                if (w != null) {
                    w.end();
                }
            }
        }
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
        WriteDeadline w = watch;
        if (w != null) {
            w.cancel();
        }
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
