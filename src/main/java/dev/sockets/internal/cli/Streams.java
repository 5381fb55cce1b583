package dev.sockets.internal.cli;

import dev.sockets.Connection;
import dev.sockets.Listener;
import dev.sockets.Port;
import dev.sockets.SocketError;
import dev.sockets.Sockets;
import dev.sockets.Timeout;
import dev.sockets.TlsIdentity;
import dev.sockets.TlsSpec;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** {@code connect} and {@code listen}: TCP, TLS over TCP, or a Unix domain socket. */
final class Streams {
    private final Options o;
    private final InputStream in;
    private final OutputStream out;
    private final PrintStream err;

    Streams(Options o, InputStream in, OutputStream out, PrintStream err) {
        this.o = o;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    void run() throws InterruptedException {
        if (o.command().equals("connect")) {
            connect();
        } else {
            listen();
        }
    }

    private void connect() throws InterruptedException {
        Connection c;
        if (o.unix().isPresent()) {
            c = unix().connect(o.unix().get().toString());
        } else if (o.tls()) {
            c = tls().connect(o.words().get(0), o.words().get(1));
        } else {
            var spec = Sockets.tcp();
            if (o.timeout().isPresent()) {
                spec = spec.connectTimeout(o.timeout().get());
            }
            c = spec.connect(o.words().get(0), o.words().get(1));
        }
        verbose("connected to " + c.remote() + " from " + c.local());
        var feeder = new Feeder(in).start();
        // On a terminal nobody types into a connection the peer closed: end with the peer, as
        // ncat does. Input from a pipe or a file is sent to its end, as nc does.
        session(c, feeder, !terminal());
    }

    private void listen() throws InterruptedException {
        Optional<Duration> t = o.timeout();
        Listener listener;
        if (o.unix().isPresent()) {
            var spec = unix();
            listener = spec.bind(o.unix().get().toString()).listen();
        } else if (o.tls()) {
            TlsSpec spec = tls();
            if (o.selfSigned()) {
                spec = spec.certificate(selfSigned());
            } else {
                spec = spec.certificate(o.cert().get(), o.key().get());
            }
            spec = t.map(spec::timeout).orElse(spec);
            listener = o.words().size() == 1 ? spec.bind(port(o.words().get(0))).listen()
                    : spec.bind(o.words().get(0), o.words().get(1)).listen();
        } else {
            var spec = Sockets.tcp();
            spec = t.map(spec::timeout).orElse(spec);
            listener = o.words().size() == 1 ? spec.bind(port(o.words().get(0))).listen()
                    : spec.bind(o.words().get(0), o.words().get(1)).listen();
        }
        try (listener) {
            verbose("listening on " + listener.address());
            var feeder = new Feeder(in).start();
            do {
                Connection c = listener.accept();
                verbose("connection from " + c.remote());
                try {
                    session(c, feeder, !o.keep() && !terminal());
                } catch (SocketError e) {
                    if (!o.keep()) {
                        throw e;
                    }
                    // One client's failure does not stop a server that keeps listening.
                    err.println("sockets: " + e.getMessage());
                }
                verbose("connection from " + c.remote() + " closed");
            } while (o.keep());
        }
    }

    /**
     * Copies between standard input and {@code c} until the peer closes and, if {@code awaitInput},
     * standard input ended too; then closes {@code c}. With a timeout, ends quietly once nothing
     * went either way for that long, as {@code nc -w}.
     */
    private void session(Connection c, Feeder feeder, boolean awaitInput) throws InterruptedException {
        feeder.attach(c);
        try (c) {
            Duration idle = o.timeout().orElse(Duration.ZERO);
            if (idle.isZero()) {
                c.noTimeout();
            } else {
                c.timeout(idle);
            }
            byte[] buf = new byte[Feeder.CHUNK];
            long lastReceived = System.nanoTime();
            while (true) {
                int n;
                try {
                    n = c.recvInto(buf, 0, buf.length);
                } catch (Timeout e) {
                    long last = Math.max(lastReceived, feeder.lastSent());
                    if (System.nanoTime() - last < idle.toNanos()) {
                        continue;
                    }
                    verbose("nothing either way for " + o.timeout().map(Streams::human).orElse("") + ": closing");
                    return;
                } catch (SocketError e) {
                    RuntimeException sending = feeder.failure(c);
                    throw sending != null ? sending : e;
                }
                if (n == 0) {
                    break;
                }
                Stdout.write(out, buf, n);
                lastReceived = System.nanoTime();
            }
            if (awaitInput) {
                RuntimeException sending = feeder.awaitEnd(c);
                if (sending != null) {
                    throw sending;
                }
            }
        } finally {
            feeder.detach(c);
        }
    }

    private TlsSpec tls() {
        TlsSpec spec = Sockets.tls();
        if (o.timeout().isPresent()) {
            spec = spec.connectTimeout(o.timeout().get());
        }
        if (o.trust().isPresent()) {
            spec = spec.trust(o.trust().get());
        }
        if (o.insecure()) {
            spec = spec.insecure();
        }
        return spec;
    }

    private dev.sockets.UnixSpec unix() {
        var spec = Sockets.unix();
        return o.command().equals("listen") && o.timeout().isPresent() ? spec.timeout(o.timeout().get()) : spec;
    }

    /** A fresh certificate for the names a client may use, written where {@code --trust} can read it. */
    private TlsIdentity selfSigned() {
        var names = new LinkedHashSet<String>();
        if (o.words().size() == 2 && !o.words().get(0).isEmpty() && !o.words().get(0).equals("0.0.0.0")
                && !o.words().get(0).equals("::")) {
            names.add(o.words().get(0));
        }
        names.addAll(List.of("localhost", "127.0.0.1", "::1"));
        TlsIdentity identity = TlsIdentity.selfSigned(names.toArray(String[]::new));
        try {
            Path dir = Files.createTempDirectory("sockets-listen-");
            identity.writePem(dir);
            Path cert = dir.resolve("cert.pem");
            for (Path p : List.of(dir, cert, dir.resolve("key.pem"))) {
                p.toFile().deleteOnExit();
            }
            err.println("certificate: " + cert + " (connect --tls --trust " + cert + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the self-signed certificate in the temporary directory: "
                    + e.getMessage(), e);
        }
        return identity;
    }

    private static int port(String text) {
        return Port.of(text).number();
    }

    private void verbose(String line) {
        if (o.verbose()) {
            err.println(line);
        }
    }

    static String human(Duration d) {
        return dev.sockets.internal.words.Durations.human(d);
    }

    /**
     * Whether standard input is a terminal. Java 17's {@code System.console()} is null unless it
     * is; from Java 22 it is not null either way, and {@code Console.isTerminal()} says.
     */
    static boolean terminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
