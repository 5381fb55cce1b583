// The tutorial's client.py in JShell:
//   jshell --class-path target/sockets.jar jshell-scripts/client.jsh
// Connects to gethostname():12345 (change with -R-Dhost=... -R-Dport=...) and prints what it hears.
import dev.sockets.*;

var host = System.getProperty("host", Sockets.gethostname());
var port = Integer.getInteger("port", 12345);
try (var s = Sockets.tcp().connect(host, port)) {
    System.out.println(s.recv(1024).text());                   // Thank you for connecting
}
/exit
