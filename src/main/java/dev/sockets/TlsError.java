package dev.sockets;

import java.io.IOException;
import java.util.Objects;

/**
 * A TLS failure: a handshake that failed, a peer that does not speak TLS, or a certificate or
 * key that cannot be used. The message says what failed and what to do, as every
 * {@link SocketError} does, and {@link #problem()} says which case it is:
 * <pre>{@code
 * try {
 *     Sockets.tls().connect("127.0.0.1", 8443);
 * } catch (TlsError e) {
 *     e.problem();      // UNTRUSTED
 *     e.getMessage();
 *     // handshake with 127.0.0.1:8443: the server's certificate is not trusted: CN=localhost, issued by
 *     // CN=localhost (self-signed); if you trust it, pass a file with that certificate to trust(Path) ...
 * }
 * }</pre>
 * Its {@link #kind()} is {@link SocketError.Kind#TLS}. No message contains bytes the peer sent;
 * names from a peer's certificate are quoted escaped.
 */
public final class TlsError extends SocketError {

    /** Which TLS failure it is, for code that branches on it. */
    public enum Problem {
        /** The peer's certificate chain does not lead to a certificate this side trusts. */
        UNTRUSTED,
        /** The server's certificate is valid, but for other names than the one connected to. */
        HOST_MISMATCH,
        /** A certificate of the chain has expired (by this machine's clock). */
        EXPIRED,
        /** A certificate of the chain is not valid yet (by this machine's clock). */
        NOT_YET_VALID,
        /** No TLS version or cipher suite both sides accept (a TLS 1.0-only peer, say). */
        NO_COMMON_PROTOCOL,
        /** The handshake did not finish within the spec's {@code handshakeTimeout}. */
        HANDSHAKE_TIMEOUT,
        /** The peer speaks plain text, not TLS. */
        NOT_TLS,
        /** The server requires a client certificate, and none came, or it refused the one that did. */
        CLIENT_CERTIFICATE,
        /** A certificate or key file (or store) that cannot be used. */
        MATERIAL,
        /** Anything else; see the cause. */
        OTHER
    }

    private final Problem problem;

    /**
     * Creates an error about certificate or key material ({@link Problem#MATERIAL}); the engine builds it.
     *
     * @param op     what the program was doing
     * @param what   the operation and what it concerns as the message starts (a file, an address), already escaped
     * @param reason what went wrong, in a few words
     * @param hint   what to do, or {@code ""}
     * @param cause  the JDK's exception, or {@code null}
     * @param local  the local address involved, or {@code null}
     * @param remote the remote address involved, or {@code null}
     */
    public TlsError(Op op, String what, String reason, String hint, IOException cause, Address local, Address remote) {
        this(Problem.MATERIAL, op, what, reason, hint, cause, local, remote);
    }

    /**
     * Creates an error; the engine builds it, through its one error builder.
     *
     * @param problem which TLS failure it is
     * @param op      what the program was doing
     * @param what    the operation and what it concerns as the message starts, already escaped
     * @param reason  what went wrong, in a few words
     * @param hint    what to do, or {@code ""}
     * @param cause   the JDK's exception, or {@code null}
     * @param local   the local address involved, or {@code null}
     * @param remote  the remote address involved, or {@code null}
     */
    public TlsError(Problem problem, Op op, String what, String reason, String hint, IOException cause, Address local,
                    Address remote) {
        super(Kind.TLS, op, what, reason, hint, 0, cause, local, remote);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** Which TLS failure this is: {@link Problem#UNTRUSTED}, {@link Problem#HOST_MISMATCH}, ... */
    public Problem problem() {
        return problem;
    }
}
