// The tutorial's server.py in JShell:
//   jshell --class-path target/sockets.jar jshell-scripts/server.jsh
// Listens on gethostname():12345 and thanks each client, until Ctrl-C. Change where and how many with
//   -R-Dhost=127.0.0.1 -R-Dport=5000 -R-Dcount=3
import dev.sockets.*;

var host = System.getProperty("host", Sockets.gethostname());   // Get local machine name
var port = Integer.getInteger("port", 12345);                   // Reserve a port for your service.
var count = Long.getLong("count", Long.MAX_VALUE);
var s = Sockets.tcp().bind(host, port).listen(5);               // Bind to the port; wait for clients
System.out.println("Listening on " + s.address());
for (long i = 0; i < count; i++) {
    try (var c = s.accept()) {                                  // Establish connection with client.
        System.out.println("Got connection from " + c.remote());
        c.send("Thank you for connecting");
    }                                                           // Close the connection
}
s.close();
/exit
