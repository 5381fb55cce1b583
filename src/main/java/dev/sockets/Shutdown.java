package dev.sockets;

/**
 * Which side of a connection {@link Connection#shutdown(Shutdown)} ends, as Python's
 * {@code SHUT_RD}, {@code SHUT_WR} and {@code SHUT_RDWR}.
 *
 * <pre>{@code
 * c.send("request").shutdown(Shutdown.WRITE);   // the peer reads the end of the stream
 * c.recvAll();                                  // the answer still arrives
 * }</pre>
 */
public enum Shutdown {
    /** {@code SHUT_RD}: reads return the end of the stream ({@code b''}); what the peer sends is dropped. */
    READ,
    /** {@code SHUT_WR}: the peer reads the end of the stream; this side can still read. */
    WRITE,
    /** {@code SHUT_RDWR}: both; the connection stays open until {@link Connection#close()}. */
    BOTH
}
