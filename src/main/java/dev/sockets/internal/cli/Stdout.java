package dev.sockets.internal.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Standard output as the commands write to it: unbuffered, each piece flushed as it comes. */
final class Stdout {
    private Stdout() {
    }

    /** Writes {@code length} bytes ({@code -1}: all) and flushes, so that a reader sees them now. */
    static void write(OutputStream out, byte[] bytes, int length) {
        try {
            out.write(bytes, 0, length < 0 ? bytes.length : length);
            out.flush();
        } catch (IOException e) {
            throw new Closed(e);
        }
    }

    /** Standard output was closed by its reader. */
    static final class Closed extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        Closed(IOException cause) {
            super(cause);
        }
    }
}
