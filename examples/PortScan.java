import dev.sockets.*;
import java.time.Duration;

/**
 * Which TCP ports of a host accept a connection: tries each port of a range in turn, with a short
 * connect timeout, and prints the open ones with their service names.
 *
 * <pre>
 * java -cp target/sockets.jar examples/PortScan.java                     # 127.0.0.1, ports 1-1024
 * java -cp target/sockets.jar examples/PortScan.java 127.0.0.1 8000 8100
 * </pre>
 *
 * Scan only machines you own: on someone else's network a port scan is an attack.
 * At most 4096 ports and 60 seconds per run.
 */
public class PortScan {
    public static void main(String[] args) {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int from = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int to = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
        if (to < from || to - from >= 4096) {
            throw new IllegalArgumentException("expected a range of 1 to 4096 ports but was " + from + "-" + to);
        }
        var spec = Sockets.tcp().connectTimeout(Duration.ofMillis(200));
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(60).toNanos();
        int open = 0;
        int scanned = 0;
        for (int port = from; port <= to && System.nanoTime() < deadline; port++) {
            scanned++;
            try (var c = spec.connect(host, port)) {
                open++;
                String service = Services.byPort(Port.of(port), Protocol.TCP).orElse("?");
                System.out.println(port + " open (" + service + ")");
            } catch (ConnectionRefused | dev.sockets.Timeout e) {
                // closed or filtered: say nothing, as nmap does by default
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("scanned " + scanned + " ports of " + host + " in " + ms + " ms: " + open + " open");
    }
}
