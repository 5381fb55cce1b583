import dev.sockets.*;

/**
 * The tutorial end to end in one process: the server in the background, the client, the lines
 * the tutorial prints, then its last example (getaddrinfo and gethostname).
 *
 * <pre>
 * mvn -q -DskipTests package && java -cp target/sockets.jar examples/Demo.java
 * </pre>
 *
 * The server listens on gethostname():12345 as in the tutorial (or on the host given as the first
 * argument); if that port is taken it takes a free one and says so.
 */
public class Demo {
    public static void main(String[] args) {
        String host = args.length > 0 ? args[0] : Sockets.gethostname();
        var listener = listen(host, 12345);
        // server.py, in the background: returns at once
        var server = listener.onAccept(c -> {
            System.out.println("Got connection from " + c.remote());
            c.send("Thank you for connecting");
        });
        System.out.println("Server listening on " + server.address());

        // client.py
        try (var s = Sockets.tcp().connect(host, server.port())) {
            System.out.println(s.recv(1024).text());
        }
        server.close();
        System.out.println(server);

        // the tutorial's last example, on localhost
        System.out.println(Sockets.getaddrinfo("localhost", "www"));
        System.out.println("gethostname: " + Sockets.gethostname());
    }

    static Listener listen(String host, int port) {
        try {
            return Sockets.tcp().bind(host, port).listen(5);
        } catch (AddressInUse e) {
            System.out.println("Port " + port + " is taken; using a free one");
            return Sockets.tcp().bind(host, 0).listen(5);
        }
    }
}
