import dev.sockets.*;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A line echo server on a Unix domain socket, and its client: the same Listener and Connection
 * as TCP, over a socket file instead of a port.
 *
 * <pre>
 * java -cp target/sockets.jar examples/UnixEcho.java                         # a demo: server and client in one process
 * java -cp target/sockets.jar examples/UnixEcho.java serve PATH [count]      # serve count connections (default: forever)
 * java -cp target/sockets.jar examples/UnixEcho.java send PATH LINE...       # send lines, print the echoes
 * </pre>
 * The socket file is created owner-only (0600) and removed when the server closes; a stale file
 * left by a server that crashed is replaced, because the server asks for it with {@code replaceStale(true)}.
 */
public class UnixEcho {
    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("serve")) {
            serve(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : Integer.MAX_VALUE);
        } else if (args.length >= 2 && args[0].equals("send")) {
            send(Path.of(args[1]), java.util.Arrays.copyOfRange(args, 2, args.length));
        } else {
            demo();
        }
    }

    static Handler echo() {
        return c -> {
            for (String line; (line = c.readLine()) != null; ) {
                c.sendLine(line);
            }
        };
    }

    static void serve(Path path, int count) throws InterruptedException {
        var served = new AtomicInteger();
        var enough = new CountDownLatch(1);
        var server = Sockets.unix().replaceStale(true).bind(path).listen().onAccept(c -> {
            echo().handle(c);
            if (served.incrementAndGet() >= count) {
                enough.countDown();
            }
        });
        System.out.println("UnixEcho listening on " + server.address());
        enough.await();
        server.close();
        System.out.println("closed; socket file still there: " + Files.exists(path));
    }

    static void send(Path path, String... lines) {
        try (var c = Sockets.unix().timeout(Duration.ofSeconds(5)).connect(path)) {
            for (String line : lines) {
                c.sendLine(line);
                System.out.println("echo: " + c.readLine());
            }
        }
    }

    static void demo() throws Exception {
        Path dir = Files.createTempDirectory("unix-echo");
        Path path = dir.resolve("echo.sock");
        try (var server = Sockets.unix().bind(path).listen().onAccept(echo())) {
            System.out.println("server: " + server);
            send(path, "hello", "over a socket file");
        }
        System.out.println("socket file removed: " + !Files.exists(path));
        Files.delete(dir);
    }
}
