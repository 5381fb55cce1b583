package dev.sockets.internal;

import dev.sockets.Address;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * TCP over {@link java.net.Socket}. DEV-NOTE: java.net.Socket, not SocketChannel: since JDK 13
 * its NioSocketImpl gives a real SO_TIMEOUT on blocking reads, a connect timeout, and parks
 * virtual threads instead of pinning carriers on 21+; a blocking SocketChannel has no read timeout.
 */
public final class TcpTransport implements Transport {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Address local;
    private final Address remote;

    /** Wraps a connected socket. */
    public TcpTransport(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.local = Inet.endpoint((InetSocketAddress) socket.getLocalSocketAddress());
        this.remote = Inet.endpoint((InetSocketAddress) socket.getRemoteSocketAddress());
    }

    /** The socket underneath, for options. */
    public Socket socket() {
        return socket;
    }

    @Override
    public String kind() {
        return "tcp";
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return in.read(b, off, len);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    @Override
    public void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void discardArrived() throws IOException {
        // Bounded: a peer that keeps sending cannot hold the closing thread.
        for (int i = 0, n; i < 16 && (n = in.available()) > 0; i++) {
            in.skipNBytes(n);
        }
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public Address local() {
        return local;
    }

    @Override
    public Address remote() {
        return remote;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
