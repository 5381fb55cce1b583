package dev.sockets.internal.cli;

import dev.sockets.Sockets;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * {@code java -jar sockets-all.jar}: a netcat built on the library, its Main-Class. Each command
 * is a few calls of the public API, so the tool is also its shortest example.
 *
 * <p>Exit status as netcat's: 0 when done, 1 on an error with the library's message on standard
 * error (no stack trace: the message says what, where and what to do), and 2, as ncat, for a
 * command line it cannot read.
 */
public final class Main {
    private Main() {
    }

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        int status = run(args, new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out), System.err);
        System.out.flush();
        System.err.flush();
        // Exits outright: the thread copying standard input may still be blocked reading it.
        System.exit(status);
    }

    /**
     * Runs one command line.
     *
     * @param in  standard input, read unbuffered: each read is sent as it comes
     * @param out standard output, written unbuffered: each piece received is printed at once
     * @param err messages
     * @return the exit status
     */
    static int run(String[] args, InputStream in, OutputStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (UsageError e) {
            err.println("sockets: " + e.getMessage());
            String help = e.command().isEmpty() ? "java -jar sockets-all.jar --help"
                    : "java -jar sockets-all.jar " + e.command() + " --help";
            err.println("Try: " + help);
            return USAGE;
        }
        if (o.help()) {
            var text = new PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
            text.print(Help.of(o.command()));
            text.flush();
            return OK;
        }
        try {
            return switch (o.command()) {
                case "connect", "listen" -> {
                    new Streams(o, in, out, err).run();
                    yield OK;
                }
                case "udp send", "udp listen" -> {
                    new Datagrams(o, in, out, err).run();
                    yield OK;
                }
                case "explain" -> print(out, o.words().size() == 1 ? Sockets.explain(o.words().get(0))
                        : Sockets.explain(o.words().get(0), o.words().get(1)));
                default -> print(out, Sockets.getaddrinfo(o.words().get(0), o.words().get(1)));
            };
        } catch (Stdout.Closed e) {
            // Whoever read standard output stopped (| head): nothing more to say to anyone.
            return FAILED;
        } catch (RuntimeException e) {
            // SocketError, and the IllegalArgumentException of a bad value: the message is the
            // library's, which says what, where and what to do; a trace would bury it.
            err.println("sockets: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("sockets: interrupted");
            return FAILED;
        }
    }

    private static int print(OutputStream out, Object value) {
        Stdout.write(out, (value + System.lineSeparator()).getBytes(java.nio.charset.StandardCharsets.UTF_8), -1);
        return OK;
    }
}
