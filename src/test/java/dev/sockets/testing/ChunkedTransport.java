package dev.sockets.testing;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * An in-memory transport that delivers fixed bytes in chunks of the given sizes (cycling), then
 * the end of the stream: framing code is tested against every way a stream can be cut.
 */
public final class ChunkedTransport extends StubTransport {
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
}
