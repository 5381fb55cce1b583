package dev.sockets;

import io.vavr.control.Either;

/**
 * The tutorial's "protocol": usually 0, the default for the domain and type.
 *
 * <pre>{@code
 * Protocol.of("tcp")            // TCP, as /etc/protocols spells it
 * Protocol.of("IPPROTO_UDP")    // UDP
 * Protocol.of(0)                // DEFAULT
 * Protocol.parse("IPPROTO_ICMP")
 * // Left(`IPPROTO_ICMP`: ICMP (1) is known, but the JVM cannot open it; use TCP, UDP or 0)
 * Protocol.check(Domain.INET, Type.STREAM, Protocol.UDP)
 * // Left(`AF_INET, SOCK_STREAM, IPPROTO_UDP`: UDP does not fit SOCK_STREAM; use TCP or 0)
 * }</pre>
 *
 * <p>{@link #parse(String)} accepts {@code TCP}, {@code tcp}, {@code IPPROTO_TCP} (any case), the
 * number, and for 0 also {@code DEFAULT}, {@code ip} and {@code IPPROTO_IP}. Protocols the JVM
 * cannot open ({@code IPPROTO_ICMP}, {@code IPPROTO_RAW}, {@code IPPROTO_SCTP},
 * {@code IPPROTO_ICMPV6}, ...) are known and refused. A protocol prints as its constant's name
 * ({@code TCP}); {@link #cName()} gives {@code IPPROTO_TCP}.
 */
public enum Protocol {
    /** 0: the default protocol of the type (TCP for STREAM, UDP for DGRAM); C's {@code IPPROTO_IP}. */
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

    /** The C name: {@code IPPROTO_TCP}; {@code IPPROTO_IP} for {@link #DEFAULT}. */
    public String cName() {
        return this == DEFAULT ? "IPPROTO_IP" : "IPPROTO_" + name();
    }

    /**
     * Finds a protocol by name ({@code tcp}, {@code IPPROTO_TCP}, any case) or number. Never throws.
     *
     * @return the protocol, or an {@link AddressError} for an unknown word or a protocol the JVM cannot open
     */
    public static Either<AddressError, Protocol> parse(String text) {
        return dev.sockets.internal.words.Vocabulary.protocol(text);
    }

    /**
     * Finds a protocol, throwing where {@link #parse(String)} returns an error.
     *
     * @throws AddressError for an unknown word or a protocol the JVM cannot open
     */
    public static Protocol of(String text) {
        return parse(text).getOrElseThrow(AddressError::rethrowable);
    }

    /**
     * Finds a protocol by its number: {@code Protocol.of(6)} is {@code TCP}.
     *
     * @throws AddressError for an unknown number or a protocol the JVM cannot open ({@code 1}, ICMP)
     */
    public static Protocol of(int number) {
        return dev.sockets.internal.words.Vocabulary.protocol(number).getOrElseThrow(AddressError::rethrowable);
    }

    /**
     * Checks that a protocol fits a domain and type, and resolves {@link #DEFAULT}: an INET or
     * INET6 stream gets TCP and a datagram socket UDP; a Unix socket keeps {@code DEFAULT} (0),
     * its only protocol. Never throws for non-null arguments.
     *
     * <pre>{@code
     * Protocol.check(Domain.INET, Type.STREAM, Protocol.DEFAULT)   // Right(TCP)
     * Protocol.check(Domain.INET, Type.STREAM, Protocol.UDP)
     * // Left(`AF_INET, SOCK_STREAM, IPPROTO_UDP`: UDP does not fit SOCK_STREAM; use TCP or 0)
     * Protocol.check(Domain.UNIX, Type.STREAM, Protocol.TCP)
     * // Left(`AF_UNIX, SOCK_STREAM, IPPROTO_TCP`: TCP does not fit AF_UNIX; a Unix socket takes protocol 0 (DEFAULT))
     * }</pre>
     *
     * @return the protocol the socket gets, or the reason it does not fit
     * @throws NullPointerException if an argument is null
     */
    public static Either<AddressError, Protocol> check(Domain domain, Type type, Protocol protocol) {
        return dev.sockets.internal.words.Vocabulary.check(domain, type, protocol);
    }

    /** Same as {@link #DEFAULT}, under its C name (0). */
    public static final Protocol IPPROTO_IP = DEFAULT;
    /** Same as {@link #TCP}, under its C name. */
    public static final Protocol IPPROTO_TCP = TCP;
    /** Same as {@link #UDP}, under its C name. */
    public static final Protocol IPPROTO_UDP = UDP;
}
