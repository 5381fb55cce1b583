package dev.sockets;

import dev.sockets.internal.settings.Setting;
import dev.sockets.internal.settings.Settings;
import dev.sockets.internal.io.Unix;
import java.nio.file.Path;
import java.util.List;

/**
 * A Unix spec with a path: the step after {@link UnixSpec#bind(String)}. It touches nothing
 * until {@link #listen()}; it is an immutable value.
 *
 * <pre>{@code
 * var listener = Sockets.unix().bind("/tmp/app.sock").listen();   // Listener[unix unix:/tmp/app.sock]
 * }</pre>
 */
public final class UnixBinding {
    private final Settings settings;
    // The order the spec prints its settings in: the binding prints them the same way.
    private final List<Setting<?>> order;
    private final Path path;

    UnixBinding(Settings settings, List<Setting<?>> order, Path path) {
        this.settings = settings;
        this.order = order;
        this.path = path;
    }

    /** The path the listener will bind. */
    public Path path() {
        return path;
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
        return Unix.listen(settings, path, backlog);
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
        return Unix.serve(settings, path, backlog, receiver);
    }

    /** As {@link #onReceive(int, Receiver)} with the default backlog of 50. */
    public Server onReceive(Receiver receiver) {
        return onReceive(TcpBinding.DEFAULT_BACKLOG, receiver);
    }

    /**
     * Serves as {@link #onReceive(Receiver)}, with the stream cut into frames by {@code framing},
     * as {@link TcpBinding#onReceive(Framing, Receiver)} describes.
     */
    public Server onReceive(Framing framing, Receiver receiver) {
        return onReceive(TcpBinding.DEFAULT_BACKLOG, dev.sockets.internal.framing.Frames.receiver(framing, receiver));
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
        return o instanceof UnixBinding b && b.settings.equals(settings) && b.path.equals(path);
    }

    @Override
    public int hashCode() {
        return settings.hashCode() * 31 + path.hashCode();
    }

    /**
     * The path, then the spec's settings, as a {@link TcpBinding} prints:
     * {@code UnixBinding[/tmp/app.sock]}, {@code UnixBinding[/tmp/app.sock, timeout=2 s]}.
     */
    @Override
    public String toString() {
        return settings.print("UnixBinding", path.toString(), order, List.of());
    }
}
