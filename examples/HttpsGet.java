import dev.sockets.*;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * HTTPS by hand: the request of {@code HttpGet.java} over a TLS connection that checks the
 * server's certificate and host name. Without a URL it starts a local HTTPS server with a
 * throwaway identity for localhost and asks it, so it runs with no network.
 *
 * <pre>
 * java -cp target/sockets.jar examples/HttpsGet.java                                     # its own local server
 * java -cp target/sockets.jar examples/HttpsGet.java https://localhost:8443/ ca.pem      # a server, trusting ca.pem
 * java -cp target/sockets.jar examples/HttpsGet.java https://example.com/                # the JDK's trusted authorities
 * </pre>
 */
public class HttpsGet {
    public static void main(String[] args) {
        TlsIdentity id = args.length == 0 ? TlsIdentity.selfSigned("localhost") : null;
        var local = id == null ? null : startLocalServer(id);
        URI url = URI.create(args.length > 0 ? args[0] : "https://localhost:" + local.port() + "/hello");
        if (!"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("expected an https:// URL but was " + url);
        }
        TlsSpec tls = Sockets.tls().timeout(Duration.ofSeconds(10));
        if (id != null) {
            tls = tls.trust(id);                                      // the local server's certificate
        } else if (args.length > 1) {
            tls = tls.trust(Path.of(args[1]));                        // a PEM file of trusted certificates
        }
        int port = url.getPort() < 0 ? 443 : url.getPort();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        try (var c = tls.connect(url.getHost(), port)) {
            System.out.println(c.tls().orElseThrow());               // TlsInfo[TLSv1.3 ..., peer CN=localhost ...]
            c.send("GET " + path + " HTTP/1.1\r\n"
                    + "Host: " + url.getHost() + ":" + port + "\r\n"
                    + "Connection: close\r\n"
                    + "\r\n");
            System.out.println(c.readLine());                         // HTTP/1.1 200 OK
            int length = -1;
            for (String h; (h = c.readLine()) != null && !h.isEmpty(); ) {
                System.out.println(h);
                if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(h.substring(15).trim());
                }
            }
            System.out.println();
            Bytes body = length >= 0 ? c.recvExactly(length) : c.recvAll();
            System.out.print(body.text());
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }

    /** Answers every GET with a fixed page, over TLS with the given identity. */
    static dev.sockets.Server startLocalServer(TlsIdentity id) {
        return Sockets.tls().certificate(id).bind("127.0.0.1", 0).listen().onAccept(c -> {
            String request = c.readLine();                            // GET /hello HTTP/1.1
            while (true) {
                String header = c.readLine();
                if (header == null || header.isEmpty()) {
                    break;
                }
            }
            String body = "Hello over TLS: you asked for " + request.split(" ")[1] + "\n";
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            c.send("HTTP/1.1 200 OK\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n"
                    + "Content-Length: " + bytes.length + "\r\n"
                    + "Connection: close\r\n"
                    + "\r\n").send(bytes);
        });
    }
}
