package dev.sockets.internal.io;

import dev.sockets.Address;
import dev.sockets.internal.time.Interactive;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A TCP listening socket over {@link ServerSocket}; configures each accepted socket before use. */
public final class TcpAcceptor implements Acceptor {

    /** Sets options on a freshly accepted socket. */
    @FunctionalInterface
    public interface Configure {
        /** Applies the options; may throw. */
        void apply(Socket s) throws IOException;
    }

    private final ServerSocket server;
    private final Address address;
    private final Configure configure;
    // The local address of every accepted socket, when the listener is bound to one address.
    private final Address acceptedLocal;
    // In JShell's JVM only (Interactive): the accept timeout the caller set, and the one the
    // socket has now, which a sliced accept sets to a slice of it.
    private int timeoutMillis;
    private int soTimeout;

    /** Wraps a bound server socket. */
    public TcpAcceptor(ServerSocket server, Configure configure) {
        this.server = server;
        this.address = Inet.endpoint((InetSocketAddress) server.getLocalSocketAddress());
        this.configure = configure;
        this.acceptedLocal = server.getInetAddress().isAnyLocalAddress() ? null : address;
        if (Interactive.ON) {
            try {
                timeoutMillis = server.getSoTimeout();
            } catch (IOException e) {
                timeoutMillis = 0; // closed already: the first accept says so
            }
            soTimeout = timeoutMillis;
        }
    }

    @Override
    public String kind() {
        return "tcp";
    }

    @Override
    public Transport accept() throws IOException {
        while (true) {
            Socket s = Interactive.ON ? acceptInteractive() : server.accept();
            try {
                configure.apply(s);
                return new TcpTransport(s, acceptedLocal);
            } catch (IOException e) {
                // That client went away between accept and setup (a reset, say): not a failure of
                // the listener, so take the next one instead of failing the accept.
                s.close();
            } catch (RuntimeException e) {
                s.close();
                throw e;
            }
        }
    }

    /** An accept in JShell's JVM: in slices on the snippet's thread, so that Ctrl-C reaches it (see Interactive). */
    private Socket acceptInteractive() throws IOException {
        int t = timeoutMillis;
        if (!Interactive.sliced()) {
            setSoTimeout(t);
            return server.accept();
        }
        long deadline = System.nanoTime() + t * 1_000_000L;
        while (true) {
            setSoTimeout(Interactive.slice(t, deadline));
            try {
                return server.accept();
            } catch (SocketTimeoutException e) {
                if (t != 0 && System.nanoTime() - deadline >= 0) {
                    throw e;
                }
            }
        }
    }

    private void setSoTimeout(int millis) throws IOException {
        if (soTimeout != millis) {
            server.setSoTimeout(millis);
            soTimeout = millis;
        }
    }

    @Override
    public void timeout(int millis) throws IOException {
        server.setSoTimeout(millis);
        timeoutMillis = millis;
        soTimeout = millis;
    }

    @Override
    public OptionAccess options() {
        return OptionAccess.of("TCP listening sockets", server);
    }

    @Override
    public Address address() {
        return address;
    }

    @Override
    public boolean isOpen() {
        return !server.isClosed();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
