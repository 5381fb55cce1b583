import dev.sockets.*;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * What a text service says first: connects, waits for a greeting line in the manner of SMTP, FTP
 * or POP3 ({@code 220 mail ready}, {@code +OK ready}) with {@code expect}, prints it, says goodbye
 * and lists the sockets still open before closing them. {@code --tap} shows the whole exchange as
 * {@code socat -v} would, on standard error.
 *
 * <pre>
 * java -cp target/sockets.jar examples/Probe.java 127.0.0.1 2525
 * java -cp target/sockets.jar examples/Probe.java 127.0.0.1 2525 --tap
 * </pre>
 */
public class Probe {
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: Probe HOST PORT [--tap]");
            System.exit(2);
        }
        var spec = Sockets.tcp().timeout(Duration.ofSeconds(5));
        if (args.length > 2 && args[2].equals("--tap")) {
            spec = spec.wiretap();
        }
        try (var c = spec.connect(args[0], args[1])) {
            var greeting = c.expect(Pattern.compile("(\\d{3}|\\+OK|-ERR)[ -]?(.*)\r?\n"));
            System.out.println("greeting: " + greeting.group(1) + " " + greeting.group(2));
            c.sendLine("QUIT");
            var bye = c.expect(Expect.pattern("(\\d{3}|\\+OK|-ERR).*\r?\n"), Expect.EOF);
            System.out.println(bye.index() == 0 ? "goodbye: " + bye.matched().strip() : "closed without a goodbye");
            System.out.println(Sockets.open().size() + " open: " + c);
        } catch (SocketError e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
