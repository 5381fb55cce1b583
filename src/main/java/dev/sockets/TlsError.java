package dev.sockets;

import java.io.IOException;

/**
 * A TLS failure: a certificate or key that cannot be used, or a handshake that failed. The
 * message says what failed and what to do, as every {@link SocketError} does:
 * <pre>{@code
 * TlsIdentity.load(Path.of("cert.pem"), Path.of("key.pem"));
 * // TlsError: parse key.pem: the private key is encrypted; ... openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-plain.pem ...
 * }</pre>
 */
public final class TlsError extends SocketError {
    /**
     * Creates the error; the engine builds it.
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
        super(Kind.OTHER, op, what, reason, hint, cause, local, remote);
    }
}
