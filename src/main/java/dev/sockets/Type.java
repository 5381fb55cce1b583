package dev.sockets;

import io.vavr.control.Either;

/**
 * The tutorial's "type": how the two ends talk, a stream or datagrams.
 *
 * <pre>{@code
 * Type.STREAM                  // STREAM: TCP, Unix streams
 * Type.of("SOCK_DGRAM")        // DGRAM
 * Type.of(1)                   // STREAM
 * Type.parse("SOCK_RAW")       // Left(`SOCK_RAW`: the raw socket type (3) is known, but the JVM cannot open it; use STREAM or DGRAM)
 * }</pre>
 *
 * <p>{@link #parse(String)} accepts {@code STREAM}, {@code SOCK_STREAM} (any case) and the Linux
 * number. {@code SOCK_RAW}, {@code SOCK_RDM}, {@code SOCK_SEQPACKET} (and {@code SOCK_DCCP},
 * {@code SOCK_PACKET}) are known and refused: the JVM's channels open streams and datagrams only.
 * A type prints as its constant's name ({@code STREAM}); {@link #cName()} gives {@code SOCK_STREAM}.
 */
public enum Type {
    /** A connection-oriented byte stream: {@code SOCK_STREAM}, number 1 (TCP, Unix streams). */
    STREAM(1),
    /** Connectionless datagrams: {@code SOCK_DGRAM}, number 2 (UDP). */
    DGRAM(2);

    private final int number;

    Type(int number) {
        this.number = number;
    }

    /** The C constant's value on Linux: 1 for {@code SOCK_STREAM}. */
    public int number() {
        return number;
    }

    /** The C name: {@code SOCK_STREAM}. */
    public String cName() {
        return "SOCK_" + name();
    }

    /**
     * Finds a type by name ({@code STREAM}, {@code SOCK_STREAM}, any case) or number. Never throws.
     *
     * @return the type, or an {@link AddressError} for an unknown word or a type the JVM cannot open
     */
    public static Either<AddressError, Type> parse(String text) {
        return dev.sockets.internal.words.Vocabulary.type(text);
    }

    /**
     * Finds a type, throwing where {@link #parse(String)} returns an error.
     *
     * @throws AddressError for an unknown word or a type the JVM cannot open
     */
    public static Type of(String text) {
        return parse(text).getOrElseThrow(AddressError::rethrowable);
    }

    /**
     * Finds a type by its number: {@code Type.of(2)} is {@code DGRAM}.
     *
     * @throws AddressError for an unknown number or a type the JVM cannot open ({@code 3}, raw)
     */
    public static Type of(int number) {
        return dev.sockets.internal.words.Vocabulary.type(number).getOrElseThrow(AddressError::rethrowable);
    }

    /** Same as {@link #STREAM}, under its C name. */
    public static final Type SOCK_STREAM = STREAM;
    /** Same as {@link #DGRAM}, under its C name. */
    public static final Type SOCK_DGRAM = DGRAM;
}
