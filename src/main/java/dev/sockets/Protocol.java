package dev.sockets;

import io.vavr.control.Either;

/**
 * The tutorial's "protocol": usually 0, the default for the domain and type. STUB signatures.
 */
public enum Protocol {
    /** 0: the default protocol of the type (TCP for STREAM, UDP for DGRAM). */
    DEFAULT(0),
    /** TCP, {@code IPPROTO_TCP}, 6. */
    TCP(6),
    /** UDP, {@code IPPROTO_UDP}, 17. */
    UDP(17);

    private final int number;

    Protocol(int number) {
        this.number = number;
    }

    /** The protocol number, as in /etc/protocols: 6 for TCP. */
    public int number() {
        return number;
    }

    /** Finds a protocol by name ({@code tcp}, {@code IPPROTO_TCP}) or number. Never throws. */
    public static Either<AddressError, Protocol> parse(String text) {
        return dev.sockets.internal.Vocabulary.protocol(text);
    }

    /** Finds a protocol, throwing where {@link #parse(String)} returns an error. */
    public static Protocol of(String text) {
        return parse(text).getOrElseThrow(AddressError::rethrowable);
    }

    /** Same as {@link #TCP}, under its C name. */
    public static final Protocol IPPROTO_TCP = TCP;
    /** Same as {@link #UDP}, under its C name. */
    public static final Protocol IPPROTO_UDP = UDP;
}
