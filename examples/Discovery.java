import dev.sockets.*;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Service discovery by broadcast: ask "who is there?" on a broadcast address and list who
 * answers within a time limit. Loopback's broadcast address, 127.255.255.255, keeps it on this machine.
 *
 * <pre>
 * java -cp target/sockets.jar examples/Discovery.java                          # a demo: 3 responders and a question, one process
 * java -cp target/sockets.jar examples/Discovery.java respond NAME PORT [count]  # answer as NAME (PORT 0: any free one)
 * java -cp target/sockets.jar examples/Discovery.java ask PORT [address] [ms]   # ask, list the answers
 * </pre>
 * Responders bind the any address with {@code reuseAddress(true)}, so that several share the
 * port and each gets its own copy of a broadcast. The asker needs {@code broadcast(true)}:
 * without it the OS refuses to send to a broadcast address.
 */
public class Discovery {
    static final String QUESTION = "who is there?";

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("respond")) {
            respond(args[1], Integer.parseInt(args[2]), args.length > 3 ? Long.parseLong(args[3]) : Long.MAX_VALUE);
        } else if (args.length > 0 && args[0].equals("ask")) {
            String address = args.length > 2 ? args[2] : "127.255.255.255";
            int ms = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
            ask(address, Integer.parseInt(args[1]), Duration.ofMillis(ms));
        } else {
            demo();
        }
    }

    /** Answers each question with "NAME here", {@code count} times. */
    static void respond(String name, int port, long count) {
        try (var udp = Sockets.udp().reuseAddress(true).bind("", port)) {
            System.out.println("responder " + name + " on " + udp.local());
            answer(udp, name, count);
        }
    }

    static void answer(UdpSocket udp, String name, long count) {
        for (long i = 0; i < count; i++) {
            Datagram d = udp.recvfrom(1024);
            if (d.data().text().equals(QUESTION)) {
                udp.sendto(name + " here", d.remote());
            }
        }
    }

    /** Broadcasts the question, then prints every answer that comes within {@code wait}. */
    static List<String> ask(String address, int port, Duration wait) {
        var answers = new ArrayList<String>();
        Instant deadline = Instant.now().plus(wait);
        // The answers come back to this socket's own port, by unicast.
        try (var udp = Sockets.udp().broadcast(true).timeout(wait).bind("", 0)) {
            udp.sendto(QUESTION, address, port);
            System.out.println("asked " + address + ":" + port + " \"" + QUESTION + "\"");
            while (Instant.now().isBefore(deadline)) {
                try {
                    Datagram d = udp.recvfrom(1024);
                    answers.add(d.data().text());
                    System.out.println("answer from " + d.remote() + ": " + d.data().text());
                } catch (Timeout e) {
                    break;
                }
            }
        }
        System.out.println(answers.size() + " answered within " + wait.toMillis() + " ms");
        return answers;
    }

    /** Three responders in this process, on one port, then the question. */
    static void demo() throws Exception {
        var first = Sockets.udp().reuseAddress(true).bind("", 0);
        int port = first.local().port().number();
        var sockets = new ArrayList<UdpSocket>(List.of(first));
        for (int i = 1; i < 3; i++) {
            sockets.add(Sockets.udp().reuseAddress(true).bind("", port));
        }
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < sockets.size(); i++) {
            var udp = sockets.get(i);
            String name = "responder-" + (i + 1);
            var t = new Thread(() -> {
                try {
                    answer(udp, name, 1);
                } catch (SocketClosed e) {
                    // closed by the demo's end: nothing more to answer
                }
            });
            t.start();
            threads.add(t);
        }
        ask("127.255.255.255", port, Duration.ofSeconds(1));
        sockets.forEach(UdpSocket::close);
        for (var t : threads) {
            t.join();
        }
    }
}
