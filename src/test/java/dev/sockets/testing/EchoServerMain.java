package dev.sockets.testing;

import dev.sockets.Connection;
import dev.sockets.Server;
import dev.sockets.SocketError;
import dev.sockets.Sockets;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A deployed echo server, for the tests that run a server in a child JVM the way a user deploys
 * one (compiled classes in a jar on a class path, not the source launcher), e.g. under
 * {@code ulimit -n}: {@code java -cp app.jar:vavr.jar dev.sockets.testing.EchoServerMain accept cold}.
 *
 * <ul>
 *   <li>args[0]: {@code accept} ({@code listen(50).onAccept}, sending back each line but an empty
 *       one) or {@code receive} ({@code onReceive(50, ...)}, sending back each piece of data but a
 *       lone {@code \n}). A client that only sends {@code \n} gets nothing back, so it can close
 *       without data unread, which would reset the connection and make the server log the reset
 *       as a failed handler;</li>
 *   <li>or {@code exactly} ({@code listen(50).onAccept}: a line {@code big} makes the handler
 *       {@code recvExactly(64 MiB)}, printing {@code refused <message>} if that fails with a
 *       {@code SocketError}; any other line is sent back);</li>
 *   <li>args[1]: {@code cold} (nothing is logged before the server's own first line, as in a
 *       program that logs nothing itself) or {@code warm} (one line is logged at start, so the
 *       logging machinery, and the time-zone data its formatter reads, is loaded already).</li>
 * </ul>
 *
 * <p>It prints {@code listening <port>} once serving. A line {@code status} on its standard input
 * prints {@code status open=<isOpen()> <server>}. If {@code join()} returns it prints
 * {@code joined returned}, if it throws {@code joined threw <exception>}, and then ends.
 * Only standard output and standard input are used after the start: they need no new file
 * descriptor.
 */
public final class EchoServerMain {
    private EchoServerMain() {
    }

    /** Runs the server until it closes; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        String form = args[0];
        if (args[1].equals("warm")) {
            System.getLogger(EchoServerMain.class.getName()).log(System.Logger.Level.INFO, "logging started");
        }
        var binding = Sockets.tcp().bind("127.0.0.1", 0);
        Server server = switch (form) {
            case "accept" -> binding.listen(50).onAccept(c -> {
                for (String line; (line = c.readLine()) != null; ) {
                    if (!line.isEmpty()) {
                        c.sendLine(line);
                    }
                }
            });
            case "receive" -> binding.onReceive(50, (peer, data) -> {
                if (data.length() != 1 || data.get(0) != '\n') {
                    peer.send(data);
                }
            });
            case "exactly" -> binding.listen(50).onAccept(c -> {
                // A line "big" asks for a 64 MiB message; any other line is echoed. A big read
                // the memory budget refuses is printed as "refused <message>" and fails the handler.
                for (String line; (line = c.readLine()) != null; ) {
                    if (line.equals("big")) {
                        try {
                            c.sendLine("got " + c.recvExactly(Connection.MAX_RECV_EXACTLY).length());
                        } catch (SocketError e) {
                            System.out.println("refused " + e.getMessage());
                            throw e;
                        }
                    } else {
                        c.sendLine(line);
                    }
                }
            });
            default -> throw new IllegalArgumentException("expected accept, receive or exactly but was " + form);
        };
        Thread commands = new Thread(() -> {
            try (var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.equals("status")) {
                        System.out.println("status open=" + server.isOpen() + " " + server);
                    }
                }
            } catch (Throwable e) {
                System.out.println("commands failed " + e);
            }
        }, "commands");
        commands.setDaemon(true);
        commands.start();
        System.out.println("listening " + server.port());
        try {
            server.join();
            System.out.println("joined returned");
        } catch (Throwable e) {
            System.out.println("joined threw " + e);
        }
    }
}
