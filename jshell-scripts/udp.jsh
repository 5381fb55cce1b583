// UDP in JShell:  jshell --class-path target/sockets.jar jshell-scripts/udp.jsh
import dev.sockets.*;
import java.time.Duration;

// A receiver on a free port of the loopback interface; it gives up after 5 s of silence.
var rx = Sockets.udp().timeout(Duration.ofSeconds(5)).bind("127.0.0.1", 0);
System.out.println("receiver: " + rx);

// One datagram from a fresh socket, as Python's socket(AF_INET, SOCK_DGRAM).sendto(...).
Sockets.udp().sendto("hello", rx.local());
var d = rx.recvfrom(1024);
System.out.println("got: " + d);

// Answer the sender: its address came with the datagram.
var tx = Sockets.udp().timeout(Duration.ofSeconds(5)).bind("127.0.0.1", 0);
tx.sendto("ping", rx.local());
var ping = rx.recvfrom(1024);
rx.sendto("pong", ping.remote());
System.out.println("reply: " + tx.recvfrom(1024));

// A datagram longer than asked for is cut, and says so.
tx.sendto("a long datagram", rx.local());
System.out.println("short read: " + rx.recvfrom(6));

// Broadcast needs asking for; without it the error says what to do.
try {
    Sockets.udp().sendto("hi", "<broadcast>", 9999);
} catch (PermissionDenied e) {
    System.out.println("refused: " + e.getMessage());
}

tx.close();
rx.close();
System.out.println("closed: " + rx);
/exit
