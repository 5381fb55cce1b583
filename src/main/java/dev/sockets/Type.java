package dev.sockets;

import io.vavr.control.Either;

/**
 * The tutorial's "type": how the two ends talk. STUB signatures; full lookup is issue 2's.
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

    /** Finds a type by name ({@code STREAM}, {@code SOCK_STREAM}) or number. Never throws. */
    public static Either<AddressError, Type> parse(String text) {
        return dev.sockets.internal.Vocabulary.type(text);
    }

    /** Finds a type, throwing where {@link #parse(String)} returns an error. */
    public static Type of(String text) {
        return parse(text).getOrElseThrow(AddressError::rethrowable);
    }

    /** Same as {@link #STREAM}, under its C name. */
    public static final Type SOCK_STREAM = STREAM;
    /** Same as {@link #DGRAM}, under its C name. */
    public static final Type SOCK_DGRAM = DGRAM;
}
