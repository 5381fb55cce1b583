import dev.sockets.*;
import java.time.Duration;

/**
 * A UDP client: sends one datagram to a server and prints the answer, or says that none came.
 *
 * <pre>
 * java -cp target/sockets.jar examples/UdpClient.java [host] [port] [message]
 * </pre>
 * Defaults: 127.0.0.1, port 9999, "hello". UDP promises nothing: no answer within two seconds
 * is reported, not waited for forever.
 */
public class UdpClient {
    public static void main(String[] args) {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 9999;
        String message = args.length > 2 ? args[2] : "hello";

        // connect() gives the socket a default peer: send() goes there, recv() hears only it.
        try (var udp = Sockets.udp().timeout(Duration.ofSeconds(2)).connect(host, port)) {
            udp.send(message);
            System.out.println("sent " + Bytes.of(message) + " to " + udp.remote().orElseThrow());
            System.out.println("got " + udp.recv(65535));
        } catch (Timeout e) {
            System.out.println("no answer: " + e.getMessage());
            System.exit(1);
        } catch (ConnectionRefused e) {
            System.out.println("refused: " + e.getMessage());
            System.exit(1);
        }
    }
}
