package dev.sockets.internal.io;

import dev.sockets.Address;
import dev.sockets.Connection;
import dev.sockets.Endpoint;
import dev.sockets.Handler;
import dev.sockets.Listener;
import dev.sockets.Receiver;
import dev.sockets.Server;
import dev.sockets.internal.errors.Errors;
import dev.sockets.SocketError.Op;
import dev.sockets.internal.server.AcceptLoop;
import dev.sockets.internal.server.RealServer;
import java.io.IOException;
import java.net.SocketOption;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link Listener} that {@code listen} returns, over an {@link Acceptor}; {@code onAccept}
 * hands it to an {@code AcceptLoop}, {@code onReceive} to a {@code ReceiveLoop}. It prints as
 * {@code Listener[...]}.
 */
public final class RealListener implements Listener {

    /** How the event loops take over a listener: {@code Tcp} and {@code Unix} each know their socket. */
    @FunctionalInterface
    public interface LoopServing {
        /**
         * Serves the listening socket with a {@code ReceiveLoop}; {@code closeSocket} is what
         * the loop calls to close it (which marks this listener closed too).
         */
        Server serve(Receiver receiver, java.io.Closeable closeSocket);
    }

    private final Acceptor acceptor;
    private final StreamConfig config;
    private final LoopServing loops;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Server server;
    // True once onReceive serves it: then closing the listener closes the loops (a selector that
    // holds a channel does not see it closed, where a blocked accept fails).
    private volatile boolean byLoops;

    /** A listener over an acceptor of no socket the loops can take (a test's stand-in): onReceive is refused. */
    public RealListener(Acceptor acceptor, StreamConfig config) {
        this(acceptor, config, (r, c) -> {
            throw new IllegalStateException("expected a listener the event loops can serve but this one has no channel");
        });
    }

    public RealListener(Acceptor acceptor, StreamConfig config, LoopServing loops) {
        this.acceptor = acceptor;
        this.config = config;
        this.loops = loops;
    }

    @Override
    public Address address() {
        return acceptor.address();
    }

    @Override
    public Endpoint endpoint() {
        return acceptor.address().endpoint();
    }

    @Override
    public int port() {
        return endpoint().port().number();
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public <T> T option(SocketOption<T> option) {
        Objects.requireNonNull(option, "option");
        OptionAccess o = acceptor.options();
        o.check(option);
        requireOpen();
        try {
            return o.get(option);
        } catch (IOException e) {
            throw optionFailed(e);
        }
    }

    @Override
    public <T> Listener option(SocketOption<T> option, T value) {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(value, "value");
        OptionAccess o = acceptor.options();
        o.check(option);
        requireOpen();
        try {
            o.set(option, value);
        } catch (IOException e) {
            throw optionFailed(e);
        }
        return this;
    }

    private void requireOpen() {
        if (closed.get()) {
            throw Errors.closed(Op.OPTION, "listener", address(), null, null);
        }
    }

    private RuntimeException optionFailed(IOException e) {
        if (closed.get() || !acceptor.isOpen()) {
            // A TCP listener served by onReceive had its socket rebound as a channel for the loops.
            return Errors.closed(Op.OPTION, "listener", address(), null, e);
        }
        return Errors.map(Op.OPTION, address(), null, e, null);
    }

    @Override
    public Connection accept() {
        if (server != null) {
            throw new IllegalStateException("expected a listener of your own but this one is served by "
                    + server + "; close the server, or accept on another listener");
        }
        if (closed.get()) {
            throw Errors.closed(Op.ACCEPT, "listener", address(), null, null);
        }
        RealConnection c;
        try {
            c = config.connection(acceptor.accept());
        } catch (IOException e) {
            if (closed.get()) {
                throw Errors.closed(Op.ACCEPT, "listener", address(), null, e);
            }
            throw Errors.map(Op.ACCEPT, address(), null, e, config.timeout());
        }
        if (acceptor.handshakes()) {
            c.handshake(); // on failure it closed c
        }
        return c;
    }

    /** The one check before either server form takes this listener; called holding its monitor. */
    private void requireServable() {
        if (server != null) {
            throw new IllegalStateException("expected a listener not yet served but this one is served by " + server);
        }
        if (closed.get()) {
            throw Errors.closed(Op.ACCEPT, "listener", address(), null, null);
        }
    }

    @Override
    public Server onAccept(Handler handler) {
        Objects.requireNonNull(handler, "handler");
        synchronized (this) {
            requireServable();
            try {
                acceptor.timeout(0);
            } catch (IOException e) {
                throw Errors.map(Op.OPTION, address(), null, e, null);
            }
            var loop = new AcceptLoop(this, acceptor, config, acceptor.handshakes() ? handshakeFirst(handler) : handler);
            server = new RealServer(loop);
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
     * The handler behind a handshake: it runs on the connection's own thread, so a client that
     * stalls mid-handshake holds only its own thread, never the accept loop. A failed handshake
     * is the client's doing (a scanner, a client that does not trust the certificate): logged at
     * DEBUG, not counted as the handler's failure; the loop closes the connection.
     */
    private static Handler handshakeFirst(Handler handler) {
        return c -> {
            try {
                ((RealConnection) c).handshake();
            } catch (dev.sockets.SocketError e) {
                dev.sockets.internal.server.ServerCore.log(System.Logger.Level.DEBUG, e.getMessage(), null);
                return;
            }
            handler.handle(c);
        };
    }

    @Override
    public Server onReceive(Receiver receiver) {
        Objects.requireNonNull(receiver, "receiver");
        synchronized (this) {
            requireServable();
            try {
                server = loops.serve(receiver, this::closeSocket);
            } catch (RuntimeException | Error e) {
                // The socket may be gone with the attempt (TCP reopens it): closed, not half-served.
                closeSocket();
                throw e;
            }
            byLoops = true;
            return server;
        }
    }

    @Override
    public Server onReceive(dev.sockets.Framing framing, Receiver receiver) {
        return onReceive(dev.sockets.internal.framing.Frames.receiver(framing, receiver));
    }

    @Override
    public void close() {
        closeSocket();
        Server s = server;
        if (byLoops && s != null) {
            s.close();
        }
    }

    private void closeSocket() {
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
        return "Listener[" + Transport.where(acceptor.kind(), address()) + state + "]";
    }
}
