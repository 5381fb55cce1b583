package dev.sockets.testing;

import dev.sockets.Address;
import dev.sockets.Listener;
import dev.sockets.internal.io.Acceptor;
import dev.sockets.internal.io.RealListener;
import dev.sockets.internal.io.TcpAcceptor;
import dev.sockets.internal.io.Transport;
import java.io.IOException;

/**
 * A real acceptor whose {@code accept} a test overrides, to fail as the OS does or to close under
 * the server; the rest goes to the real one. {@link #under} finds a TCP listener's acceptor.
 */
public abstract class WrappedAcceptor implements Acceptor {
    private final Acceptor real;

    protected WrappedAcceptor(Acceptor real) {
        this.real = real;
    }

    /** The acceptor under a listener that {@code Sockets.tcp()...listen()} opened. */
    public static TcpAcceptor under(Listener l) throws ReflectiveOperationException {
        var f = RealListener.class.getDeclaredField("acceptor");
        f.setAccessible(true);
        return (TcpAcceptor) f.get(l);
    }

    @Override
    public String kind() {
        return real.kind();
    }

    @Override
    public void timeout(int millis) throws IOException {
        real.timeout(millis);
    }

    @Override
    public Address address() {
        return real.address();
    }

    @Override
    public boolean isOpen() {
        return real.isOpen();
    }

    @Override
    public void close() throws IOException {
        real.close();
    }
}
