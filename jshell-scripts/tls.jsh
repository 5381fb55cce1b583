// TLS in one JShell session, with no files and no network: a throwaway identity, a TLS echo
// server that knows it, a client that trusts it, and the error a client gets without trusting it.
//   jshell --class-path target/sockets.jar jshell-scripts/tls.jsh
import dev.sockets.*;

var id = TlsIdentity.selfSigned("localhost", "127.0.0.1");
System.out.println(id);
var server = Sockets.tls().certificate(id).bind("127.0.0.1", 0).listen().onAccept(c -> {
    for (String line; (line = c.readLine()) != null; ) {
        c.sendLine("echo: " + line);
    }
});
try (var c = Sockets.tls().trust(id).connect("127.0.0.1", server.port())) {
    System.out.println(c.tls().orElseThrow().protocol());
    for (String word : new String[] {"hello", "ciao", "hallo"}) {
        c.sendLine(word);
        System.out.println(c.readLine());
    }
}
try (var c = Sockets.tls().connect("127.0.0.1", server.port())) {
    System.out.println("connected without trusting the certificate?!");
} catch (TlsError e) {
    System.out.println(e.getClass().getSimpleName() + ": " + e.reason());
}
server.close();
System.out.println(server);
/exit
