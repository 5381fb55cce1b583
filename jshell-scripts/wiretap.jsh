// A wiretap: every open, send, receive and close of a connection recorded, as socat -v shows them:
//   jshell --class-path target/sockets.jar jshell-scripts/wiretap.jsh
// wiretap() writes to standard error; here System.out, so that the records follow the script's output.
import dev.sockets.*;

var server = Sockets.tcp().bind("127.0.0.1", 0).onReceive((peer, data) -> peer.send(data));
try (var c = Sockets.tcp().wiretap(System.out).connect("127.0.0.1", server.port())) {
    c.sendLine("hello");                              // text: hello\n
    System.out.println("read: " + c.readLine());
    c.send(new byte[] {0, 1, 2, (byte) 0xff});        // not text: a hex dump
    System.out.println("read: " + c.recvExactly(4).hex());
}
server.close();
/exit
