import dev.sockets.*;

/**
 * Sends every line back to the client that sent it; many clients at once, each on its own thread.
 *
 * <pre>
 * java -cp target/sockets.jar examples/EchoServer.java              # 127.0.0.1:12345
 * java -cp target/sockets.jar examples/EchoServer.java "" 7000      # every interface, port 7000
 * </pre>
 *
 * Try it with {@code nc 127.0.0.1 12345}, or jshell-scripts/client.jsh. Ctrl-C stops it.
 */
public class EchoServer {
    public static void main(String[] args) {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 12345;
        var server = Sockets.tcp().bind(host, port).listen().onAccept(c -> {
            System.out.println("Got connection from " + c.remote());
            for (String line; (line = c.readLine()) != null; ) {
                c.sendLine(line);
            }
            System.out.println("Bye " + c.remote());
        });
        System.out.println("Listening on " + server.address());
        server.join(); // the server's threads are daemons: keep main alive while it serves
    }
}
