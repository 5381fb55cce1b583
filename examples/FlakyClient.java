import dev.sockets.*;
import java.time.Duration;

/**
 * A client that retries, tested against a bad network: a fault proxy between it and a local
 * server refuses, swallows or resets, and heals after a number of failed attempts. Each scenario
 * prints what the client went through.
 *
 * <pre>
 * java -cp target/sockets.jar examples/FlakyClient.java
 * </pre>
 */
public class FlakyClient {
    static final int ATTEMPTS = 3;

    public static void main(String[] args) {
        try (var server = Sockets.tcp().bind("127.0.0.1", 0).listen().onAccept(c -> {
                 try {
                     for (String line; (line = c.readLine()) != null; ) {
                         c.sendLine(line.equals("ping") ? "pong" : "?");
                     }
                 } catch (ConnectionReset | BrokenPipe e) {
                     // the proxy's resets reach the server too: nothing to log here
                 }
             });
             var proxy = Sockets.proxy("127.0.0.1", server.port()).bind("127.0.0.1", 0)) {
            scenario("healthy", proxy, 0);
            proxy.refuse();
            scenario("refusing, healed after 2 failures", proxy, 2);
            proxy.blackhole();
            scenario("black hole, healed after 1 failure", proxy, 1);
            proxy.resetAfter(3);
            scenario("reset after 3 bytes, healed after 1 failure", proxy, 1);
            proxy.refuse();
            scenario("refusing for good", proxy, ATTEMPTS + 1);
            proxy.heal();
        }
    }

    /** Runs the client once; the network heals after {@code healAfter} failed attempts. */
    static void scenario(String name, Proxy proxy, int healAfter) {
        var out = new StringBuilder(name + ": ");
        int[] failures = {0};
        try {
            String answer = askWithRetries(proxy.port(), e -> {
                out.append("attempt ").append(++failures[0]).append(" failed: ")
                        .append(e.getClass().getSimpleName()).append("; ");
                if (failures[0] == healAfter) {
                    proxy.heal();
                }
            });
            int attempts = failures[0] + 1;
            out.append(answer).append(" (").append(attempts).append(attempts == 1 ? " attempt)" : " attempts)");
        } catch (SocketError e) {
            out.append("gave up: ").append(e.getClass().getSimpleName());
        }
        System.out.println(out);
    }

    /** What a failed attempt does besides being retried: log it, here. */
    interface OnFailure {
        void failed(SocketError e);
    }

    /**
     * The client under test: asks "ping" and expects one line back, within 300 ms an attempt,
     * retrying a connection refused, reset or timed out up to {@link #ATTEMPTS} times in all.
     */
    static String askWithRetries(int port, OnFailure onFailure) {
        for (int attempt = 1; ; attempt++) {
            try (var c = Sockets.tcp().timeout(Duration.ofMillis(300)).connect("127.0.0.1", port)) {
                return c.sendLine("ping").readLine();
            } catch (ConnectionRefused | ConnectionReset | Timeout e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                onFailure.failed(e);
            }
        }
    }
}
