package dev.sockets;

import io.vavr.control.Either;

/**
 * The tutorial's "domain": the protocol family a socket uses as its transport.
 *
 * <pre>{@code
 * Domain.INET                 // INET: IPv4
 * Domain.of("AF_INET6")       // INET6
 * Domain.of("PF_UNIX")        // UNIX (also AF_LOCAL, AF_UNIX, "unix", 1)
 * Domain.of(2)                // INET
 * Domain.parse("PF_X25")      // Left(`PF_X25`: the X.25 family (9) is known, but the JVM cannot open it; use INET, INET6 or UNIX)
 * }</pre>
 *
 * <h2>Names and numbers</h2>
 * {@link #parse(String)} accepts the bare name ({@code INET}), the C names ({@code AF_INET},
 * {@code PF_INET}, {@code AF_LOCAL} for UNIX) in any case, and the Linux number ({@code 2}).
 * Families that Linux has but the JVM cannot open ({@code AF_PACKET}, {@code AF_NETLINK},
 * {@code AF_BLUETOOTH}, {@code PF_X25}, ...) are known by name and number and refused with an
 * {@link AddressError} that says so; {@code AF_UNSPEC} (0) is refused as a socket's family,
 * since it only means "any family" to {@link Sockets#getaddrinfo}, where {@code null} says that.
 *
 * <h2>Printing</h2>
 * A domain prints as its constant's name ({@code INET}), the word one types in Java;
 * {@link #cName()} gives {@code AF_INET} and {@link #number()} gives 2, the number
 * {@link AddrInfo} prints as Python does.
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

    /**
     * Finds a domain by name ({@code INET}, {@code AF_INET}, {@code PF_INET}, any case) or number.
     * Never throws.
     *
     * @return the domain, or an {@link AddressError} for an unknown word or a family the JVM cannot open
     */
    public static Either<AddressError, Domain> parse(String text) {
        return dev.sockets.internal.words.Vocabulary.domain(text);
    }

    /**
     * Finds a domain by name or number, throwing where {@link #parse(String)} returns an error.
     *
     * @throws AddressError for an unknown word or a family the JVM cannot open
     */
    public static Domain of(String text) {
        return parse(text).getOrElseThrow(AddressError::rethrowable);
    }

    /**
     * Finds a domain by its number: {@code Domain.of(2)} is {@code INET}.
     *
     * @throws AddressError for an unknown number or a family the JVM cannot open ({@code 9}, X.25)
     */
    public static Domain of(int number) {
        return dev.sockets.internal.words.Vocabulary.domain(number).getOrElseThrow(AddressError::rethrowable);
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
    /** Same as {@link #UNIX}, under its POSIX name. */
    public static final Domain AF_LOCAL = UNIX;
    /** Same as {@link #UNIX}, under its POSIX name. */
    public static final Domain PF_LOCAL = UNIX;
}
