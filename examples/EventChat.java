import dev.sockets.*;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ChatServer.java again, on the library's event loops ({@code onReceive}): no thread per client,
 * so ten thousand of them cost a few KiB each. Each line a client sends goes to every client,
 * prefixed with the sender. Data comes in pieces as TCP delivers it, so each client has a
 * buffer that collects its line until the newline comes.
 *
 * <pre>
 * java -cp target/sockets.jar examples/EventChat.java              # 127.0.0.1:12345
 * nc 127.0.0.1 12345        # in two or more other terminals; type lines
 * </pre>
 */
public class EventChat {
    // Who is here, and the part of a line each has sent so far. Touched by the loops only.
    static final Map<Peer, StringBuilder> everyone = new ConcurrentHashMap<>();

    public static void main(String[] args) {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 12345;
        var server = Sockets.tcp().bind(host, port).onReceive(new Receiver() {
            @Override
            public void opened(Peer p) {
                everyone.put(p, new StringBuilder());
                p.send("Welcome " + p.address() + ", " + everyone.size() + " here\n");
            }

            @Override
            public void receive(Peer p, Bytes data) {
                StringBuilder line = everyone.get(p);
                for (char ch : data.text().toCharArray()) {
                    if (ch == '\n') {
                        broadcast(p.address() + ": " + line);
                        line.setLength(0);
                    } else {
                        line.append(ch);
                    }
                }
            }

            @Override
            public void closed(Peer p) {
                everyone.remove(p);
                broadcast(p.address() + " left");
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
