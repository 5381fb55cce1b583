package dev.sockets.internal.errors;

import dev.sockets.TlsError;
import java.io.IOException;

/**
 * A TLS failure as the TLS engine classified it (which case, the reason, the hint), carried as an
 * {@code IOException} through the transport, so that {@link Errors#map} builds the
 * {@link TlsError} with the operation and the addresses like every other error. Its cause is the
 * JDK's exception, where there was one.
 */
public final class TlsFailure extends IOException {
    private final TlsError.Problem problem;
    private final String reason;
    private final String hint;

    public TlsFailure(TlsError.Problem problem, String reason, String hint, Throwable cause) {
        super(reason, cause);
        this.problem = problem;
        this.reason = reason;
        this.hint = hint;
    }

    public TlsError.Problem problem() {
        return problem;
    }

    public String reason() {
        return reason;
    }

    public String hint() {
        return hint;
    }
}
