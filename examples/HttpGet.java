import dev.sockets.*;
import java.net.URI;

/**
 * HTTP/1.1 by hand over a Connection: send the request lines, read the status line, the headers,
 * then exactly Content-Length bytes of body. Without a URL it starts a tiny local server and asks it.
 *
 * <pre>
 * java -cp target/sockets.jar examples/HttpGet.java                              # its own local server
 * java -cp target/sockets.jar examples/HttpGet.java http://127.0.0.1:8000/       # any plain-HTTP URL
 * </pre>
 */
public class HttpGet {
    public static void main(String[] args) {
        var local = args.length == 0 ? startLocalServer() : null;
        URI url = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:" + local.port() + "/hello");
        if (!"http".equals(url.getScheme())) {
            throw new IllegalArgumentException("expected an http:// URL but was " + url);
        }
        int port = url.getPort() < 0 ? 80 : url.getPort();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        try (var c = Sockets.tcp().timeout(java.time.Duration.ofSeconds(10)).connect(url.getHost(), port)) {
            c.send("GET " + path + " HTTP/1.1\r\n"
                    + "Host: " + url.getHost() + ":" + port + "\r\n"
                    + "Connection: close\r\n"
                    + "\r\n");
            System.out.println(c.readLine());                       // HTTP/1.1 200 OK
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

    /** Answers every GET with a fixed page: enough HTTP to talk to. */
    static dev.sockets.Server startLocalServer() {
        return Sockets.tcp().bind("127.0.0.1", 0).listen().onAccept(c -> {
            String request = c.readLine();                           // GET /hello HTTP/1.1
            while (true) {
                String header = c.readLine();
                if (header == null || header.isEmpty()) {
                    break;
                }
            }
            String body = "Hello from sockets: you asked for " + request.split(" ")[1] + "\n";
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            c.send("HTTP/1.1 200 OK\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n"
                    + "Content-Length: " + bytes.length + "\r\n"
                    + "Connection: close\r\n"
                    + "\r\n").send(bytes);
        });
    }
}
