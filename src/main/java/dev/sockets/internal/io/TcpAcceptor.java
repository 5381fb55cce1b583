package dev.sockets.internal.io;

import dev.sockets.Address;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

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

    /** Wraps a bound server socket. */
    public TcpAcceptor(ServerSocket server, Configure configure) {
        this.server = server;
        this.address = Inet.endpoint((InetSocketAddress) server.getLocalSocketAddress());
        this.configure = configure;
        this.acceptedLocal = server.getInetAddress().isAnyLocalAddress() ? null : address;
    }

    @Override
    public String kind() {
        return "tcp";
    }

    @Override
    public Transport accept() throws IOException {
        while (true) {
            Socket s = server.accept();
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

    @Override
    public void timeout(int millis) throws IOException {
        server.setSoTimeout(millis);
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
