import dev.sockets.*;

/**
 * What each text means as an address, a name or a port, in the words of C, Python and Java:
 * {@code Sockets.explain} for each argument ({@code HOST} or {@code HOST:PORT}, a bracketed IPv6
 * address for a port: {@code [::1]:80}).
 *
 * <pre>
 * java -cp target/sockets.jar examples/ExplainAll.java 010.0.0.1 ::1 127.0.0.1:80
 * </pre>
 */
public class ExplainAll {
    public static void main(String[] args) {
        for (String arg : args) {
            int colon = arg.lastIndexOf(':');
            boolean hasPort = colon > 0 && (arg.startsWith("[") ? arg.charAt(colon - 1) == ']' : arg.indexOf(':') == colon);
            if (hasPort) {
                String host = arg.substring(0, colon).replace("[", "").replace("]", "");
                System.out.println(Sockets.explain(host, arg.substring(colon + 1)));
            } else {
                System.out.println(Sockets.explain(arg));
            }
        }
    }
}
