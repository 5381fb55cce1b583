package dev.sockets.internal.tls;

import dev.sockets.Address;
import dev.sockets.internal.io.Acceptor;
import dev.sockets.internal.io.Transport;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * A TCP acceptor whose connections speak TLS: each accepted socket comes out as a
 * {@link TlsTransport} with its handshake not yet run, so that the thread that serves it runs
 * the handshake ({@link #handshakes()}), never the thread that accepts.
 */
public final class TlsAcceptor implements Acceptor {
    private static final byte[] NOTHING = new byte[0];
    private final Acceptor plain;
    private final Supplier<TlsSide> engines;

    /** Each accepted transport gets a server engine from {@code engines}. */
    public TlsAcceptor(Acceptor plain, Supplier<TlsSide> engines) {
        this.plain = plain;
        this.engines = engines;
    }

    @Override
    public String kind() {
        return "tls";
    }

    @Override
    public Transport accept() throws IOException {
        Transport t = plain.accept();
        try {
            return new TlsTransport(t, engines.get(), NOTHING);
        } catch (RuntimeException | Error e) {
            t.close();
            throw e;
        }
    }

    @Override
    public boolean handshakes() {
        return true;
    }

    @Override
    public void timeout(int millis) throws IOException {
        plain.timeout(millis);
    }

    @Override
    public Address address() {
        return plain.address();
    }

    @Override
    public boolean isOpen() {
        return plain.isOpen();
    }

    @Override
    public void close() throws IOException {
        plain.close();
    }
}
