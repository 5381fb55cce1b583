import dev.sockets.*;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A chat room: each line a client sends goes to every client connected, prefixed with the sender.
 *
 * <pre>
 * java -cp target/sockets.jar examples/ChatServer.java              # 127.0.0.1:12345
 * nc 127.0.0.1 12345        # in two or more other terminals; type lines
 * </pre>
 */
public class ChatServer {
    static final Set<Connection> everyone = ConcurrentHashMap.newKeySet();

    public static void main(String[] args) {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 12345;
        var server = Sockets.tcp().bind(host, port).listen().onAccept(c -> {
            everyone.add(c);
            try {
                c.sendLine("Welcome " + c.remote() + ", " + everyone.size() + " here");
                for (String line; (line = c.readLine()) != null; ) {
                    broadcast(c.remote() + ": " + line);
                }
            } finally {
                everyone.remove(c);
                broadcast(c.remote() + " left");
            }
        });
        System.out.println("Listening on " + server.address());
        server.join();
    }

    static void broadcast(String line) {
        for (Connection other : everyone) {
            try {
                // One writer at a time per connection, so that lines never interleave.
                synchronized (other) {
                    other.sendLine(line);
                }
            } catch (SocketError e) {
                everyone.remove(other); // it left while we were sending; its own handler says so
            }
        }
    }
}
