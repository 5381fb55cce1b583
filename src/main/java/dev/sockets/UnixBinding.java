package dev.sockets;

import dev.sockets.internal.io.Unix;
import java.nio.file.Path;

/**
 * A Unix spec with a path: the step after {@link UnixSpec#bind(String)}. It touches nothing
 * until {@link #listen()}; it is an immutable value.
 *
 * <pre>{@code
 * var listener = Sockets.unix().bind("/tmp/app.sock").listen();   // Listener[unix unix:/tmp/app.sock]
 * }</pre>
 */
public final class UnixBinding {
    private final UnixSpec spec;
    private final Path path;

    UnixBinding(UnixSpec spec, Path path) {
        this.spec = spec;
        this.path = path;
    }

    /** The path the listener will bind. */
    public Path path() {
        return path;
    }

    /** The spec this step came from. */
    public UnixSpec spec() {
        return spec;
    }

    /** Opens a listener with the default backlog of 50; see {@link #listen(int)}. */
    public Listener listen() {
        return listen(TcpBinding.DEFAULT_BACKLOG);
    }

    /**
     * Opens the listening socket: creates the socket file (owner-only, 0600) and listens.
     * The listener removes the file when it closes.
     *
     * @param backlog how many connections may wait to be accepted; 0 means the JDK's default (50)
     * @throws AddressInUse if a server listens at the path, if a stale socket file is there (and
     *                      the spec does not {@link UnixSpec#replaceStale(boolean) replaceStale}),
     *                      or if a file that is not a socket is there
     * @throws IllegalArgumentException for a negative backlog
     */
    public Listener listen(int backlog) {
        if (backlog < 0) {
            throw new IllegalArgumentException("expected backlog >= 0 but was " + backlog);
        }
        return Unix.listen(spec.settings(), path, backlog);
    }

    /**
     * Opens the listening socket as {@link #listen(int)} does and serves it with an event loop in
     * the background: the {@code receiver} runs for every piece of data a client sends; see
     * {@link TcpBinding#onReceive(int, Receiver)}, which this mirrors. The server removes the
     * socket file when it closes.
     *
     * <pre>{@code
     * var echo = Sockets.unix().bind("/tmp/echo.sock").onReceive((peer, data) -> peer.send(data));
     * }</pre>
     *
     * @throws AddressInUse as {@link #listen(int)}
     * @throws IllegalArgumentException for a negative backlog
     */
    public Server onReceive(int backlog, Receiver receiver) {
        if (backlog < 0) {
            throw new IllegalArgumentException("expected backlog >= 0 but was " + backlog);
        }
        java.util.Objects.requireNonNull(receiver, "receiver");
        return Unix.serve(spec.settings(), path, backlog, receiver);
    }

    /** As {@link #onReceive(int, Receiver)} with the default backlog of 50. */
    public Server onReceive(Receiver receiver) {
        return onReceive(TcpBinding.DEFAULT_BACKLOG, receiver);
    }

    /**
     * Opens the listening socket with the default backlog of 50 and serves it in the
     * background, a thread per connection: {@code listen().onAccept(handler)}, which
     * {@link Listener#onAccept(Handler)} describes. The server removes the socket file when it
     * closes.
     *
     * <pre>{@code
     * var server = Sockets.unix().bind("/tmp/hello.sock").onAccept(c -> c.send("hello"));
     * }</pre>
     *
     * @throws AddressInUse if a server is listening at the path
     * @throws IllegalStateException if the spec asks for {@link ThreadModel#VIRTUAL} on Java 17 to 20
     */
    public Server onAccept(Handler handler) {
        java.util.Objects.requireNonNull(handler, "handler");
        Listener listener = listen();
        try {
            return listener.onAccept(handler);
        } catch (RuntimeException | Error e) {
            listener.close();
            throw e;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnixBinding b && b.spec.equals(spec) && b.path.equals(path);
    }

    @Override
    public int hashCode() {
        return spec.hashCode() * 31 + path.hashCode();
    }

    /**
     * The path, then the spec's settings, as a {@link TcpBinding} prints:
     * {@code UnixBinding[/tmp/app.sock]}, {@code UnixBinding[/tmp/app.sock, timeout=2 s]}.
     */
    @Override
    public String toString() {
        return spec.describe("UnixBinding", path.toString());
    }
}
