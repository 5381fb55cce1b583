package dev.sockets.internal.server;

import dev.sockets.Address;
import dev.sockets.Endpoint;
import dev.sockets.Server;
import dev.sockets.SocketError;
import dev.sockets.internal.io.Transport;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@link Server} every serving verb returns: a face over one {@link ServerLoop}
 * ({@code AcceptLoop}, {@code ReceiveLoop} or {@code DatagramLoop}). It prints as
 * {@code Server[...]}.
 */
public final class RealServer implements Server, dev.sockets.internal.registry.Registry.Entry {

    private final ServerLoop loop;
    // When it opened, for Sockets.open().
    private final long opened = System.nanoTime();

    public RealServer(ServerLoop loop) {
        this.loop = Objects.requireNonNull(loop, "loop");
        // Taken out by close(); a server that closes itself (its listener closed, its machinery
        // failed) says isOpen() false, and the registry drops it at its next look.
        dev.sockets.internal.registry.Registry.opened(this);
    }

    @Override
    public Address address() {
        return loop.address();
    }

    @Override
    public Endpoint endpoint() {
        return loop.address().endpoint();
    }

    @Override
    public int port() {
        return endpoint().port().number();
    }

    @Override
    public int open() {
        return loop.open();
    }

    @Override
    public long accepted() {
        return loop.accepted();
    }

    @Override
    public long failed() {
        return loop.failed();
    }

    @Override
    public long idleClosed() {
        return loop.idleClosed();
    }

    @Override
    public long evicted() {
        return loop.evicted();
    }

    @Override
    public boolean isOpen() {
        return loop.isOpen();
    }

    @Override
    public void join() {
        try {
            loop.await(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(e);
        }
        throwIfDied();
    }

    @Override
    public boolean join(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        boolean closed;
        try {
            closed = loop.await(limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(e);
        }
        if (closed) {
            throwIfDied();
        }
        return closed;
    }

    /** A server whose machinery failed closed itself: its join says why rather than return as after a close. */
    private void throwIfDied() {
        Throwable death = loop.core().death();
        if (death == null) {
            return;
        }
        String r = "the server failed and closed itself: " + death;
        var io = new java.io.IOException(r, death);
        throw dev.sockets.internal.errors.Errors.of(SocketError.Kind.OTHER, SocketError.Op.JOIN).local(address()).at(address().text())
                .because(r, "see the cause; the server's log has it too").cause(io).error();
    }

    private SocketError interrupted(InterruptedException e) {
        String r = "interrupted while waiting for the server to close";
        var io = new java.io.InterruptedIOException(r);
        io.initCause(e);
        return dev.sockets.internal.errors.Errors.of(SocketError.Kind.OTHER, SocketError.Op.JOIN).local(address()).at(address().text())
                .because(r, "").cause(io).error();
    }

    @Override
    public void close() {
        close(DEFAULT_GRACE);
    }

    @Override
    public void close(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("expected grace >= 0 but was " + grace);
        }
        loop.close(grace);
        dev.sockets.internal.registry.Registry.closed(this);
    }

    // ---- Sockets.open() ----

    @Override
    public int closeOrder() {
        return 0;
    }

    @Override
    public dev.sockets.OpenSocket describe(long now) {
        return new dev.sockets.OpenSocket(loop.kind() + " server", this, address(), java.util.Optional.empty(),
                Duration.ofNanos(now - opened), loop.bytesReceived(), loop.bytesSent());
    }

    /** {@code Server[tcp 0.0.0.0:12345, 2 open, 17 accepted]}, with {@code , closed} after close. */
    @Override
    public String toString() {
        return "Server[" + Transport.where(loop.kind(), loop.address()) + ", " + loop.summary()
                + (loop.isOpen() ? "]" : ", closed]");
    }

}
