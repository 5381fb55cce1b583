// A background echo server and a client talking to it, in one JShell session:
//   jshell --class-path target/sockets.jar jshell-scripts/echo.jsh
import dev.sockets.*;

var server = Sockets.tcp().bind("127.0.0.1", 0).listen().onAccept(c -> {
    for (String line; (line = c.readLine()) != null; ) {
        c.sendLine("echo: " + line);
    }
});
System.out.println(server);
try (var c = Sockets.tcp().connect("127.0.0.1", server.port())) {
    for (String word : new String[] {"hello", "ciao", "hallo"}) {
        c.sendLine(word);
        System.out.println(c.readLine());
    }
}
server.close();
System.out.println(server);
/exit
