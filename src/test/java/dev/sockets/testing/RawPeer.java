package dev.sockets.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A plain java.net peer, independent of the library under test: a server socket on 127.0.0.1
 * whose accepted socket the test drives by hand (write byte by byte, reset, never answer).
 */
public final class RawPeer implements AutoCloseable {
    private final ServerSocket server;

    /** Listens on 127.0.0.1, free port. */
    public RawPeer() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    }

    /** The port to connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /** Blocks until the client connects. */
    public Socket accept() throws IOException {
        return server.accept();
    }

    /** Writes each byte in its own write with TCP_NODELAY: many small segments. */
    public static void writeByteByByte(Socket s, byte[] data) throws IOException {
        s.setTcpNoDelay(true);
        var out = s.getOutputStream();
        for (byte b : data) {
            out.write(b);
            out.flush();
        }
    }

    /** Closes with SO_LINGER 0: the peer gets a RST instead of a FIN. */
    public static void reset(Socket s) throws IOException {
        s.setSoLinger(true, 0);
        s.close();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
