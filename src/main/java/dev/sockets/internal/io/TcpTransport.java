package dev.sockets.internal.io;

import dev.sockets.Address;
import dev.sockets.internal.time.Interactive;
import dev.sockets.internal.time.WriteDeadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

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
    // null without a write timeout (the fast path: a plain blocking write).
    private volatile WriteDeadline watch;
    // In JShell's JVM only (Interactive): the read timeout the caller set, and the SO_TIMEOUT the
    // socket has now, which a sliced read sets to a slice of it.
    private int timeoutMillis;
    private int soTimeout;

    /** Wraps a connected socket. */
    public TcpTransport(Socket socket) throws IOException {
        this(socket, null);
    }

    /**
     * A transport whose local address is already known ({@code local}, or null to ask the OS).
     * DEV-NOTE (BENCHMARKS.md): a listener bound to one address accepts every connection on that very
     * address and port, so asking the OS (a {@code getsockname} per connection) is saved.
     */
    public TcpTransport(Socket socket, Address local) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.local = local != null ? local : Inet.endpoint((InetSocketAddress) socket.getLocalSocketAddress());
        this.remote = Inet.endpoint((InetSocketAddress) socket.getRemoteSocketAddress());
        if (Interactive.ON) {
            timeoutMillis = socket.getSoTimeout();
            soTimeout = timeoutMillis;
        }
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
        if (Interactive.ON) {
            return readInteractive(b, off, len);
        }
        return in.read(b, off, len);
    }

    /** A read in JShell's JVM: in slices on the snippet's thread, so that Ctrl-C reaches it (see Interactive). */
    private int readInteractive(byte[] b, int off, int len) throws IOException {
        int t = timeoutMillis;
        if (!Interactive.sliced()) {
            setSoTimeout(t);
            return in.read(b, off, len);
        }
        long deadline = System.nanoTime() + t * 1_000_000L;
        while (true) {
            setSoTimeout(Interactive.slice(t, deadline));
            try {
                return in.read(b, off, len);
            } catch (SocketTimeoutException e) {
                // java.net.Socket: after a read timeout the socket is still good to read.
                if (t != 0 && System.nanoTime() - deadline >= 0) {
                    throw e;
                }
            }
        }
    }

    private void setSoTimeout(int millis) throws IOException {
        if (soTimeout != millis) {
            socket.setSoTimeout(millis);
            soTimeout = millis;
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        WriteDeadline w = watch;
        if (w == null) {
            out.write(b, off, len);
            return;
        }
        writeWatched(b, off, len, w);
    }

    /** A write with a deadline that moves on with progress; see {@link WriteDeadline}. */
    private void writeWatched(byte[] b, int off, int len, WriteDeadline watch) throws IOException {
        watch.begin();
        long written = 0;
        try {
            while (written < len) {
                int n = (int) Math.min(WATCHED_CHUNK, len - written);
                out.write(b, off + (int) written, n);
                written += n;
                watch.progress();
            }
        } catch (IOException e) {
            throw Transport.writeFailure(watch, e, written, len);
        } finally {
            watch.end();
        }
    }

    @Override
    public WriteDeadline writeDeadline() {
        return watch;
    }

    @Override
    public synchronized void writeTimeout(int millis) {
        WriteDeadline old = watch;
        watch = millis == 0 ? null : WriteDeadline.watch(socket, millis * 1_000_000L);
        if (old != null) {
            old.cancel();
        }
    }

    @Override
    public void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
        timeoutMillis = millis;
        soTimeout = millis;
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void shutdownInput() throws IOException {
        socket.shutdownInput();
    }

    @Override
    public OptionAccess options() {
        return OptionAccess.of("TCP sockets", socket);
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
    public boolean countsAvailable() {
        return true;
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
        WriteDeadline w = watch;
        if (w != null) {
            w.cancel();
        }
        socket.close();
    }
}
