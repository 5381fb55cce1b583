package dev.sockets;

import io.vavr.control.Either;

/**
 * The tutorial's "domain": the protocol family a socket uses as its transport.
 * STUB signatures: the full lookup (C names, numbers, known-but-unsupported families) is issue 2's.
 */
public enum Domain {
    /** IPv4: {@code AF_INET} / {@code PF_INET}, number 2. */
    INET(2),
    /** IPv6: {@code AF_INET6} / {@code PF_INET6}, number 10 (Linux). */
    INET6(10),
    /** Unix domain sockets: {@code AF_UNIX} / {@code PF_UNIX} / {@code AF_LOCAL}, number 1. */
    UNIX(1);

    private final int number;

    Domain(int number) {
        this.number = number;
    }

    /** The C constant's value on Linux: 2 for {@code AF_INET}. */
    public int number() {
        return number;
    }

    /** The C name: {@code AF_INET}. */
    public String cName() {
        return "AF_" + name();
    }

    /** Finds a domain by name ({@code INET}, {@code AF_INET}, {@code PF_INET}) or number. Never throws. */
    public static Either<AddressError, Domain> parse(String text) {
        return dev.sockets.internal.Vocabulary.domain(text);
    }

    /** Finds a domain by name or number, throwing where {@link #parse(String)} returns an error. */
    public static Domain of(String text) {
        return parse(text).getOrElseThrow(AddressError::rethrowable);
    }

    /** Finds a domain by its number (2 is {@code INET}). */
    public static Domain of(int number) {
        return parse(Integer.toString(number)).getOrElseThrow(AddressError::rethrowable);
    }

    /** Same as {@link #INET}, under its C name. */
    public static final Domain AF_INET = INET;
    /** Same as {@link #INET}, under its C name. */
    public static final Domain PF_INET = INET;
    /** Same as {@link #INET6}, under its C name. */
    public static final Domain AF_INET6 = INET6;
    /** Same as {@link #INET6}, under its C name. */
    public static final Domain PF_INET6 = INET6;
    /** Same as {@link #UNIX}, under its C name. */
    public static final Domain AF_UNIX = UNIX;
    /** Same as {@link #UNIX}, under its C name. */
    public static final Domain PF_UNIX = UNIX;
}
