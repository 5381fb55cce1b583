import dev.sockets.*;

/**
 * The tutorial's client.py in Java: connect, print what the server says, close.
 *
 * <pre>
 * java -cp target/sockets.jar examples/TutorialClient.java          # gethostname():12345
 * java -cp target/sockets.jar examples/TutorialClient.java 127.0.0.1 5000
 * </pre>
 *
 * Against examples/TutorialServer.java it prints {@code Thank you for connecting}.
 */
public class TutorialClient {
    public static void main(String[] args) {
        String host = args.length > 0 ? args[0] : Sockets.gethostname(); // Get local machine name
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 12345;  // Reserve a port for your service.
        try (var s = Sockets.tcp().connect(host, port)) {
            System.out.println(s.recv(1024).text());
        }                                                                  // Close the socket when done
    }
}
