package dev.sockets.testing;

import dev.sockets.Address;
import dev.sockets.internal.io.Transport;
import java.io.IOException;

/**
 * A transport that hands over at most one byte per read (Okio's ONE_BYTE_AT_A_TIME): framing
 * code must not assume a read returns a whole message.
 */
public final class OneByteAtATime implements Transport {
    private final Transport inner;
    private int reads;

    /** Wraps a real transport. */
    public OneByteAtATime(Transport inner) {
        this.inner = inner;
    }

    /** How many reads reached the transport underneath. */
    public int reads() {
        return reads;
    }

    @Override
    public String kind() {
        return inner.kind();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        reads++;
        return inner.read(b, off, Math.min(len, 1));
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        inner.write(b, off, len);
    }

    @Override
    public void timeout(int millis) throws IOException {
        inner.timeout(millis);
    }

    @Override
    public void shutdownOutput() throws IOException {
        inner.shutdownOutput();
    }

    @Override
    public Address local() {
        return inner.local();
    }

    @Override
    public Address remote() {
        return inner.remote();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
