package dev.sockets.internal.tls;

import dev.sockets.Address;
import dev.sockets.internal.io.Acceptor;
import dev.sockets.internal.io.Transport;
import dev.sockets.internal.settings.Settings;
import java.io.IOException;

/**
 * A TCP acceptor whose connections speak TLS: each accepted socket comes out as a
 * {@link TlsTransport} with its handshake not yet run, so that the thread that serves it runs
 * the handshake ({@link #handshakes()}), never the thread that accepts.
 */
public final class TlsAcceptor implements Acceptor {
    private static final byte[] NOTHING = new byte[0];
    private final Acceptor plain;
    private final Settings settings;

    public TlsAcceptor(Acceptor plain, Settings settings) {
        this.plain = plain;
        this.settings = settings;
    }

    @Override
    public String kind() {
        return "tls";
    }

    @Override
    public Transport accept() throws IOException {
        Transport t = plain.accept();
        try {
            return new TlsTransport(t, TlsContexts.server(settings), NOTHING);
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
