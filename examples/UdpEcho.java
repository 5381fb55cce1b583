import dev.sockets.*;

/**
 * A UDP echo server: every datagram goes back to whoever sent it.
 *
 * <pre>
 * java -cp target/sockets.jar examples/UdpEcho.java [host] [port] [count]
 * </pre>
 * Defaults: 127.0.0.1, port 9999, echo forever. Port 0 picks a free port; the first line says which.
 * Try it with {@code examples/UdpClient.java}, or {@code nc -u 127.0.0.1 9999}.
 */
public class UdpEcho {
    public static void main(String[] args) {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 9999;
        long count = args.length > 2 ? Long.parseLong(args[2]) : Long.MAX_VALUE;

        try (var udp = Sockets.udp().bind(host, port)) {
            System.out.println("UdpEcho listening on " + udp.local());
            for (long i = 0; i < count; i++) {
                Datagram d = udp.recvfrom(65535);       // blocks until a datagram arrives
                System.out.println("echo " + d);
                udp.sendto(d.data(), d.remote());       // straight back to the sender
            }
        }
    }
}
