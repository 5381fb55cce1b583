package dev.sockets.testing;

import dev.sockets.Handler;
import dev.sockets.Listener;
import dev.sockets.Server;
import dev.sockets.Sockets;
import dev.sockets.TcpSpec;

/**
 * Binds 127.0.0.1 port 0, runs the test body, and always closes: readiness is the bound port,
 * known before the body starts.
 */
public final class Loopback {
    private Loopback() {
    }

    /** A body that may throw. */
    @FunctionalInterface
    public interface Body<T> {
        /** Runs the test. */
        void run(T t) throws Exception;
    }

    /** A listener on 127.0.0.1, free port. */
    public static void listener(Body<Listener> body) throws Exception {
        listener(Sockets.tcp(), body);
    }

    /** A listener from {@code spec} on 127.0.0.1, free port. */
    public static void listener(TcpSpec spec, Body<Listener> body) throws Exception {
        try (Listener l = spec.bind("127.0.0.1", 0).listen(128)) {
            body.run(l);
        }
    }

    /** A server running {@code handler} on 127.0.0.1, free port. */
    public static void server(Handler handler, Body<Server> body) throws Exception {
        server(Sockets.tcp(), handler, body);
    }

    /** A server from {@code spec} running {@code handler} on 127.0.0.1, free port. */
    public static void server(TcpSpec spec, Handler handler, Body<Server> body) throws Exception {
        Server s = spec.bind("127.0.0.1", 0).listen(1024).onAccept(handler);
        try {
            body.run(s);
        } finally {
            s.close();
        }
    }

    /** A port nobody listens on: bound, noted, closed. */
    public static int deadPort() {
        try (Listener l = Sockets.tcp().bind("127.0.0.1", 0).listen()) {
            return l.port();
        }
    }
}
