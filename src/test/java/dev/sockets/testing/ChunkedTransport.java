package dev.sockets.testing;

import dev.sockets.Address;
import dev.sockets.Endpoint;
import dev.sockets.internal.Transport;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * An in-memory transport that delivers fixed bytes in chunks of the given sizes (cycling), then
 * the end of the stream: framing code is tested against every way a stream can be cut.
 */
public final class ChunkedTransport implements Transport {
    private final byte[] data;
    private final List<Integer> chunks;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private int pos;
    private int next;

    /** Delivers {@code data} in reads of at most {@code chunks.get(i % n)} bytes (each at least 1). */
    public ChunkedTransport(byte[] data, List<Integer> chunks) {
        this.data = data.clone();
        this.chunks = List.copyOf(chunks.isEmpty() ? List.of(1) : chunks);
    }

    /** What was written to it. */
    public byte[] written() {
        return written.toByteArray();
    }

    @Override
    public String kind() {
        return "test";
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos == data.length) {
            return -1;
        }
        int chunk = Math.max(1, chunks.get(next++ % chunks.size()));
        int n = Math.min(Math.min(len, chunk), data.length - pos);
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        written.write(b, off, len);
    }

    @Override
    public void timeout(int millis) {
    }

    @Override
    public void shutdownOutput() {
    }

    @Override
    public Address local() {
        return Endpoint.of("127.0.0.1", 1);
    }

    @Override
    public Address remote() {
        return Endpoint.of("127.0.0.1", 2);
    }

    @Override
    public void close() {
    }
}
