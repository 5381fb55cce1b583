import dev.sockets.*;
import java.time.Duration;

/**
 * Multicast on this machine only: two members join a group on the loopback interface, and one
 * datagram sent to the group reaches both.
 *
 * <pre>
 * java -cp target/sockets.jar examples/Multicast.java [group]
 * </pre>
 * Default group 239.255.0.1 (organization-local). The sender sets the interface ({@code lo}) and
 * a TTL of 0, so nothing leaves the machine; the members share the port with {@code reuseAddress(true)}.
 */
public class Multicast {
    public static void main(String[] args) {
        String group = args.length > 0 ? args[0] : "239.255.0.1";

        var members = Sockets.udp().reuseAddress(true).multicastInterface("lo").timeout(Duration.ofSeconds(5));
        try (var one = members.bind("", 0).join(group);
             var two = members.bind("", one.local().port().number()).join(group)) {
            int port = one.local().port().number();
            System.out.println("members: " + one + " and " + two);

            var sender = Sockets.udp().multicastInterface("lo").multicastTtl(0).multicastLoop(true);
            sender.sendto("hello, group", group, port);
            System.out.println("sent to " + group + ":" + port + " with " + sender);

            System.out.println("member 1 got " + one.recvfrom(1024).data());
            System.out.println("member 2 got " + two.recvfrom(1024).data());
        }
    }
}
