import dev.sockets.*;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ChatServer.java again, on the library's event loops ({@code onReceive}): no thread per client,
 * so ten thousand of them cost a few KiB each. Each line a client sends goes to every client,
 * prefixed with the sender. Data comes in pieces as TCP delivers it, and a piece may end inside a
 * UTF-8 character, so each client has a buffer that collects the bytes of its line until the
 * newline comes, and only the whole line is decoded.
 *
 * <pre>
 * java -cp target/sockets.jar examples/EventChat.java              # 127.0.0.1:12345
 * nc 127.0.0.1 12345        # in two or more other terminals; type lines
 * </pre>
 */
public class EventChat {
    // Who is here, and the bytes of the line each has begun. The loops (one per core) share it:
    // hence a concurrent map; each client's buffer is touched by its own loop only.
    static final Map<Peer, ByteArrayOutputStream> everyone = new ConcurrentHashMap<>();

    public static void main(String[] args) {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 12345;
        var server = Sockets.tcp().bind(host, port).onReceive(new Receiver() {
            @Override
            public void opened(Peer p) {
                everyone.put(p, new ByteArrayOutputStream());
                p.send("Welcome " + p.remote() + ", " + everyone.size() + " here\n");
            }

            @Override
            public void receive(Peer p, Bytes data) {
                ByteArrayOutputStream line = everyone.get(p);
                for (byte b : data.toByteArray()) {
                    if (b == '\n') {
                        broadcast(p.remote() + ": " + line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else {
                        line.write(b);
                    }
                }
            }

            @Override
            public void closed(Peer p) {
                everyone.remove(p);
                broadcast(p.remote() + " left");
            }
        });
        System.out.println("Listening on " + server.address());
        server.join();
    }

    static void broadcast(String line) {
        for (Peer other : everyone.keySet()) {
            try {
                other.send(line + "\n"); // never blocks: queued if that client reads slowly
            } catch (SocketClosed e) {
                // it is leaving; closed() takes it out of the room
            }
        }
    }
}
