package dev.sockets.internal.io;

import dev.sockets.Address;
import dev.sockets.UnixAddress;
import dev.sockets.internal.time.Interactive;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * A Unix domain listening socket over {@link ServerSocketChannel}; removes its socket file when
 * it closes, if the file there is still the one it bound.
 *
 * <p>DEV-NOTE: as in {@link UnixTransport}, the accept timeout needs non-blocking mode and a selector.
 */
public final class UnixAcceptor implements Acceptor {
    private final ServerSocketChannel server;
    private final UnixAddress address;
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
    private final Object fileKey;
    private final int connectionTimeoutMillis;
    private final Object lock = new Object();
    private volatile int timeoutMillis;
    private volatile Selector selector;

    /**
     * Wraps a server channel bound elsewhere (a private directory) whose socket file was then linked
     * at {@code path}: the channel's own address names the place it was bound, so the acceptor and
     * its connections report {@code path}, and close removes the file there only if its key is
     * {@code fileKey} (the inode made, read where no one else could swap it).
     *
     * @param connectionTimeoutMillis the read timeout each accepted connection starts with
     */
    public UnixAcceptor(ServerSocketChannel server, Path path, Object fileKey, int connectionTimeoutMillis) {
        this.server = server;
        this.address = new UnixAddress(path);
        this.fileKey = fileKey;
        this.connectionTimeoutMillis = connectionTimeoutMillis;
    }

    private static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String kind() {
        return "unix";
    }

    @Override
    public Transport accept() throws IOException {
        SocketChannel c;
        synchronized (lock) {
            Selector sel = selector;
            if (Interactive.ON && Interactive.sliced() && sel == null) {
                // In JShell's JVM the snippet's accept waits on a selector, in slices, so that
                // Ctrl-C reaches it (see Interactive).
                sel = nonBlocking();
            }
            if (sel == null || timeoutMillis == 0 && server.isBlocking()) {
                c = server.accept();
            } else {
                c = timedAccept(sel);
            }
        }
        try {
            c.configureBlocking(true);
            return new UnixTransport(c, address, connectionTimeoutMillis);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private SocketChannel timedAccept(Selector sel) throws IOException {
        int t = timeoutMillis;
        long deadline = System.nanoTime() + t * 1_000_000L;
        while (true) {
            SocketChannel c = server.accept();
            if (c != null) {
                return c;
            }
            if (t != 0 && System.nanoTime() >= deadline) {
                throw new SocketTimeoutException("Accept timed out");
            }
            if (!server.isOpen()) {
                throw new AsynchronousCloseException();
            }
            try {
                long wait = t == 0 ? 0 : Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
                sel.select(Interactive.ON && Interactive.sliced() ? Interactive.cap(wait) : wait);
                sel.selectedKeys().clear();
            } catch (ClosedSelectorException e) {
                throw new AsynchronousCloseException();
            }
            if (Thread.currentThread().isInterrupted()) {
                // As a blocking accept does: an interrupt closes the listener (else select spins).
                close();
                throw new ClosedByInterruptException();
            }
        }
    }

    @Override
    public void timeout(int millis) throws IOException {
        timeoutMillis = millis;
        if (millis > 0 && selector == null) {
            synchronized (lock) {
                nonBlocking();
            }
        }
    }

    /** Puts the listener in non-blocking mode for good, with a selector for accepts; under {@code lock}. */
    private Selector nonBlocking() throws IOException {
        if (selector == null) {
            server.configureBlocking(false);
            Selector s = Selector.open();
            server.register(s, SelectionKey.OP_ACCEPT);
            selector = s;
        }
        return selector;
    }

    /** The listening channel, for a server that selects on it ({@code onReceive}). */
    public ServerSocketChannel channel() {
        return server;
    }

    @Override
    public OptionAccess options() {
        return OptionAccess.of("Unix listening sockets", server);
    }

    @Override
    public Address address() {
        return address;
    }

    @Override
    public boolean isOpen() {
        return server.isOpen();
    }

    @Override
    public void close() throws IOException {
        // Once: a second look at the path could find another server's file, with a reused inode.
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
            Selector s = selector;
            if (s != null) {
                s.close();
            }
        } finally {
            Path p = address.path();
            // Only our own file: another server may have replaced it since.
            if (fileKey != null && Objects.equals(fileKey, fileKey(p))) {
                Files.deleteIfExists(p);
            }
        }
    }
}
