// The README's "Scripting" session in one script: a small text service in the background, driven
// with expect, watched with a wiretap, listed with Sockets.open(), and an address explained.
//   jshell --class-path target/sockets.jar jshell-scripts/scripting.jsh
import dev.sockets.*;
import java.time.Duration;
import java.util.regex.Pattern;

var server = Sockets.tcp().bind("127.0.0.1", 0).listen().onAccept(c -> {
    c.send("220 box7 ready\r\n");
    for (String line; (line = c.readLine()) != null; ) {
        if (line.equals("QUIT")) {
            c.send("221 bye\r\n");
            return;
        }
        c.send(line.startsWith("HELO ") ? "250 hello " + line.substring(5) + "\r\n" : "502 what?\r\n");
    }
});
var c = Sockets.tcp().timeout(Duration.ofSeconds(10)).wiretap(System.out).connect("127.0.0.1", server.port());
var banner = c.expect(Pattern.compile("(\\d{3}) (\\S+) ready\r\n"));
System.out.println("banner: " + banner.group(1) + " from " + banner.group(2));
c.sendLine("HELO alice");
var reply = c.expect(Pattern.compile("250 (.*)\r\n"), Pattern.compile("5\\d\\d .*\r\n"));
System.out.println("reply " + reply.index() + ": " + reply.group(1));
System.out.println(Sockets.open().sockets().stream().map(OpenSocket::kind).sorted().toList());
System.out.println("sent " + c.bytesSent() + ", received " + c.bytesReceived());
System.out.println(Sockets.explain("010.0.0.1"));
System.out.println(Sockets.closeAll());
/exit
