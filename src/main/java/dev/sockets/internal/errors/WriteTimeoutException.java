package dev.sockets.internal.errors;

import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A send that made no progress for the write timeout: the peer stopped reading and both
 * socket buffers are full. Carries what was handed to the OS before, so that the message can
 * say it (nothing half-reported). The transport is closed when this is thrown.
 */
public final class WriteTimeoutException extends SocketTimeoutException {
    private static final long serialVersionUID = 1L;

    private final long written;
    private final long total;
    private final Duration timeout;

    /** A send of {@code total} bytes stuck after {@code written} of them, for {@code timeout}. */
    public WriteTimeoutException(long written, long total, Duration timeout) {
        super("Write timed out: no progress for " + dev.sockets.internal.words.Durations.human(timeout) + " after " + written + " of " + total + " bytes");
        this.written = written;
        this.total = total;
        this.timeout = timeout;
    }

    /** Bytes the OS took before the send got stuck. */
    public long written() {
        return written;
    }

    /** Bytes the send was asked to write. */
    public long total() {
        return total;
    }

    /** The write timeout in force. */
    public Duration timeout() {
        return timeout;
    }
}
