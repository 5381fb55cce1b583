import dev.sockets.*;

/**
 * The tutorial's last example, "Socket con URL pubblico", in Java: where a host's service lives,
 * and this machine's name.
 *
 * <pre>
 * mvn -q -DskipTests package
 * java -cp target/sockets.jar examples/GetAddrInfo.java            # localhost
 * java -cp target/sockets.jar examples/GetAddrInfo.java myhost     # any name or address
 * </pre>
 *
 * The tutorial asks about tutorialspoint.com; the default here is localhost, which answers
 * without a network. Python prints [(2, 1, 0, '', ('94.130.81.180', 80))] for its host; this
 * prints the same tuples, e.g. [(2, 1, 6, '', ('127.0.0.1', 80))]. A name that does not
 * resolve (no network, a typo) prints the library's message and exits with status 1.
 */
public class GetAddrInfo {
    public static void main(String[] args) {
        String host = args.length > 0 ? args[0] : "localhost";
        try {
            // get server address
            var addrinfo = Sockets.getaddrinfo(host, "www");
            System.out.println(addrinfo);
        } catch (SocketError e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
        // get server hostname
        System.out.println(Sockets.gethostname());
    }
}
