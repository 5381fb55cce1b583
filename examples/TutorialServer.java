import dev.sockets.*;

/**
 * The tutorial's server.py in Java: accept each client in turn, say where it came from, thank it.
 *
 * <pre>
 * mvn -q -DskipTests package
 * java -cp target/sockets.jar examples/TutorialServer.java                  # gethostname():12345, forever
 * java -cp target/sockets.jar examples/TutorialServer.java 127.0.0.1 5000 3 # host, port, and stop after 3 clients
 * </pre>
 *
 * It prints {@code Listening on <address>} once it listens, then {@code Got connection from <peer>}
 * for each client. Run examples/TutorialClient.java in another terminal.
 */
public class TutorialServer {
    public static void main(String[] args) {
        String host = args.length > 0 ? args[0] : Sockets.gethostname(); // Get local machine name
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 12345;  // Reserve a port for your service.
        long count = args.length > 2 ? Long.parseLong(args[2]) : Long.MAX_VALUE;
        try (var s = Sockets.tcp().bind(host, port).listen(5)) {         // Bind to the port; wait for clients
            System.out.println("Listening on " + s.address());
            for (long i = 0; i < count; i++) {
                try (var c = s.accept()) {                                 // Establish connection with client.
                    System.out.println("Got connection from " + c.remote());
                    c.send("Thank you for connecting");
                }                                                          // Close the connection
            }
        }
    }
}
