// Unix domain sockets in JShell:  jshell --class-path target/sockets.jar jshell-scripts/unix.jsh
import dev.sockets.*;
import java.nio.file.*;
import java.time.Duration;

var dir = Files.createTempDirectory("unix-jsh");
var path = dir.resolve("app.sock");

// A server on a socket file: the same Listener and Server as TCP.
var server = Sockets.unix().bind(path).listen().onAccept(c -> {
    for (String name; (name = c.readLine()) != null; ) {
        c.sendLine("hi, " + name);
    }
});
System.out.println("server: " + server);
System.out.println("file mode: " + java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));

var c = Sockets.unix().timeout(Duration.ofSeconds(5)).connect(path);
c.sendLine("jshell");
System.out.println("reply: " + c.readLine());
c.close();

// A second server on the same path is refused: one is listening there.
try {
    Sockets.unix().bind(path).listen();
} catch (AddressInUse e) {
    System.out.println("refused: " + e.getMessage().replace(dir.toString(), "$DIR"));
}

// socketpair: two connected ends, as Python's socket.socketpair().
var pair = Sockets.socketpair();
pair.a().send("ping");
System.out.println("pair: " + pair.b().recvExactly(4));
pair.close();

server.close();
System.out.println("file removed: " + !Files.exists(path));
Files.delete(dir);
/exit
