package dev.sockets;

import dev.sockets.internal.io.Acceptor;
import dev.sockets.internal.errors.Errors;
import dev.sockets.internal.errors.Errors.Op;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A listening socket (TCP or Unix domain): accept connections one by one, or serve them all in
 * the background.
 *
 * <pre>{@code
 * // the tutorial's server.py: one connection at a time
 * var listener = Sockets.tcp().bind(Sockets.gethostname(), 12345).listen(5);
 * while (true) {
 *     try (var c = listener.accept()) {
 *         System.out.println("Got connection from " + c.peer());
 *         c.send("Thank you for connecting");
 *     }
 * }
 *
 * // or in the background: returns at once
 * var server = Sockets.tcp().bind("", 12345).listen().onAccept(c -> c.send("Thank you for connecting"));
 * }</pre>
 *
 * <p>Close it when done ({@code try (var l = ...)} works); once it serves through
 * {@link #onAccept(Handler)}, the {@link Server} owns it and closes it.
 */
public final class Listener implements AutoCloseable {
    private final Acceptor acceptor;
    private final StreamConfig config;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Server server;

    Listener(Acceptor acceptor, StreamConfig config) {
        this.acceptor = acceptor;
        this.config = config;
    }

    /** The address it listens on, with the port the OS chose for port 0. */
    public Address address() {
        return acceptor.address();
    }

    /**
     * The address as an {@link Endpoint}.
     *
     * @throws IllegalStateException for a Unix domain listener
     */
    public Endpoint endpoint() {
        return acceptor.address().endpoint();
    }

    /**
     * The port it listens on: the one the OS chose when bound with port 0.
     *
     * @throws IllegalStateException for a Unix domain listener
     */
    public int port() {
        return endpoint().port().number();
    }

    /** True until {@link #close()} (or until its server closes). */
    public boolean isOpen() {
        return !closed.get();
    }

    /**
     * Blocks until a client connects and returns the connection (Python's {@code accept()}),
     * waiting at most the spec's {@code timeout} if one was set.
     *
     * @throws Timeout if no client connects within the timeout
     * @throws SocketClosed if the listener is closed
     * @throws IllegalStateException if a {@link Server} is serving this listener
     */
    public Connection accept() {
        if (server != null) {
            throw new IllegalStateException("expected a listener of your own but this one is served by "
                    + server + "; close the server, or accept on another listener");
        }
        if (closed.get()) {
            throw Errors.closed(Op.ACCEPT, "listener", address(), null, null);
        }
        try {
            return config.connection(acceptor.accept());
        } catch (IOException e) {
            if (closed.get()) {
                throw Errors.closed(Op.ACCEPT, "listener", address(), null, e);
            }
            throw Errors.map(Op.ACCEPT, address(), null, e, config.timeout());
        }
    }

    /**
     * Starts serving in the background and returns at once: each connection runs
     * {@code handler} on a thread of its own (the spec's {@link ThreadModel}) and is closed when the handler
     * returns. At the spec's {@code maxConnections} open, accepting waits. The server owns this
     * listener from now on.
     *
     * <pre>{@code
     * var server = Sockets.tcp().bind("127.0.0.1", 0).listen()
     *                     .onAccept(c -> c.send("Thank you for connecting"));
     * server.port();     // the port to connect to
     * server.close();
     * }</pre>
     *
     * @throws IllegalStateException if a server already serves this listener, or the spec asks
     *                               for {@link ThreadModel#VIRTUAL} on Java 17 to 20
     * @throws SocketClosed if the listener is closed
     */
    public Server onAccept(Handler handler) {
        Objects.requireNonNull(handler, "handler");
        synchronized (this) {
            if (server != null) {
                throw new IllegalStateException("expected a listener not yet served but this one is served by " + server);
            }
            if (closed.get()) {
                throw Errors.closed(Op.ACCEPT, "listener", address(), null, null);
            }
            try {
                acceptor.timeout(0);
            } catch (IOException e) {
                throw Errors.map(Op.OPTION, address(), null, e, null);
            }
            var loop = new AcceptLoop(this, acceptor, config, handler);
            server = new Server(loop);
            try {
                loop.start();
            } catch (RuntimeException | Error e) {
                // No thread to be had: the listener stays unserved, for another try.
                server = null;
                throw e;
            }
            return server;
        }
    }

    /**
     * Closes the listening socket; an {@code accept} blocked in another thread fails. Once a
     * {@link Server} serves it, this closes that server too, with its default grace. Does nothing
     * the second time.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                acceptor.close();
            } catch (IOException e) {
                // The descriptor is released either way.
            }
        }
    }

    /** {@code Listener[tcp 127.0.0.1:5000]}, with {@code , serving} or {@code , closed}. */
    @Override
    public String toString() {
        String state = closed.get() ? ", closed" : server != null ? ", serving" : "";
        return "Listener[" + Server.where(acceptor.kind(), address()) + state + "]";
    }
}
