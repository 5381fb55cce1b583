package dev.sockets.testing;

import dev.sockets.Address;
import dev.sockets.Endpoint;
import dev.sockets.internal.io.Transport;

/**
 * A transport that does nothing: tests override the one or two methods they are about
 * ({@code available}, {@code read}) and get quiet defaults for the rest.
 */
public abstract class StubTransport implements Transport {

    @Override
    public String kind() {
        return "test";
    }

    @Override
    public int read(byte[] b, int off, int len) {
        throw new UnsupportedOperationException("this stub does not read");
    }

    @Override
    public void write(byte[] b, int off, int len) {
    }

    @Override
    public void timeout(int millis) {
    }

    @Override
    public void shutdownOutput() {
    }

    @Override
    public Address local() {
        return Endpoint.of("127.0.0.1:1");
    }

    @Override
    public Address remote() {
        return Endpoint.of("127.0.0.1:2");
    }

    @Override
    public void close() {
    }
}
