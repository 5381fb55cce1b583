package dev.sockets;

import java.io.IOException;

/**
 * A host name did not resolve to any address (Python's {@code socket.gaierror}).
 *
 * <p>{@link #gaiCode()} and {@link #gaiName()} say why, in the C library's numbers, where the
 * resolver told: {@code -2 EAI_NONAME} (no such name: check the spelling), {@code -3 EAI_AGAIN}
 * (no DNS answer: is there a network?), ...
 * <pre>{@code
 * try {
 *     Sockets.getaddrinfo("nosuchhost.invalid", 80);
 * } catch (HostNotFound e) {
 *     e.gaiCode();      // -2
 *     e.gaiName();      // "EAI_NONAME"
 *     e.getMessage();   // getaddrinfo nosuchhost.invalid: host not found; check the spelling, or use ...
 * }
 * }</pre>
 */
public class HostNotFound extends SocketError {
    /** Bad value for ai_flags (-1). */
    public static final int EAI_BADFLAGS = -1;
    /** Name or service not known (-2): the resolver answered that there is no such name. */
    public static final int EAI_NONAME = -2;
    /** Temporary failure in name resolution (-3): no DNS answer, often no network. */
    public static final int EAI_AGAIN = -3;
    /** Non-recoverable failure in name resolution (-4): the name server failed. */
    public static final int EAI_FAIL = -4;
    /** No address associated with hostname (-5, glibc): the name exists without an address. */
    public static final int EAI_NODATA = -5;
    /** ai_family not supported (-6). */
    public static final int EAI_FAMILY = -6;
    /** ai_socktype not supported (-7). */
    public static final int EAI_SOCKTYPE = -7;
    /** Servname not supported for ai_socktype (-8): an unknown service. */
    public static final int EAI_SERVICE = -8;
    /** Address family for hostname not supported (-9, glibc). */
    public static final int EAI_ADDRFAMILY = -9;
    /** Memory allocation failure (-10). */
    public static final int EAI_MEMORY = -10;
    /** System error (-11): see errno. */
    public static final int EAI_SYSTEM = -11;

    private final int gaiCode;

    /**
     * Creates the error; the engine's {@code Errors} builds it.
     *
     * @param op      what the program was doing
     * @param what    the operation and the address as the message starts, already escaped
     * @param reason  what went wrong, in a few words
     * @param hint    what to do, or {@code ""}
     * @param errno   the OS's error number (Linux's), or 0 where there is none (a resolver's failure has a
     *                {@code gaiCode} instead)
     * @param cause   the JDK's exception, or {@code null}
     * @param local   the local address involved, or {@code null}
     * @param remote  the remote address involved, or {@code null}
     * @param gaiCode the C library's {@code EAI_} number ({@link #EAI_NONAME}, ...), or 0 where the resolver did not say
     */
    public HostNotFound(Op op, String what, String reason, String hint, int errno, IOException cause, Address local,
                        Address remote, int gaiCode) {
        super(Kind.HOST_NOT_FOUND, op, what, reason, hint, errno, cause, local, remote);
        this.gaiCode = gaiCode;
    }

    /**
     * Creates the error without a resolver's code ({@link #gaiCode()} is 0).
     *
     * @param op     what the program was doing
     * @param what   the operation and the address as the message starts, already escaped
     * @param reason what went wrong, in a few words
     * @param hint   what to do, or {@code ""}
     * @param errno  the OS's error number (Linux's), or 0 where there is none
     * @param cause  the JDK's exception, or {@code null}
     * @param local  the local address involved, or {@code null}
     * @param remote the remote address involved, or {@code null}
     */
    public HostNotFound(Op op, String what, String reason, String hint, int errno, IOException cause, Address local,
                        Address remote) {
        this(op, what, reason, hint, errno, cause, local, remote, 0);
    }

    /**
     * The C library's reason, as Python's {@code gaierror.errno}: {@link #EAI_NONAME} (-2) when the
     * resolver answered "no such name", {@link #EAI_AGAIN} (-3) when it got no answer, ...; 0 where
     * the resolver did not say (the JDK repeats a failure from its cache without the reason, for
     * 10 s by default, when the first failure was not seen by this library).
     */
    public int gaiCode() {
        return gaiCode;
    }

    /** The C name of {@link #gaiCode()}: {@code "EAI_NONAME"}, {@code "EAI_AGAIN"}; {@code ""} for 0. */
    public String gaiName() {
        return gaiName(gaiCode);
    }

    /** The C name of a {@code getaddrinfo} error number: {@code gaiName(-3)} is {@code "EAI_AGAIN"}; {@code ""} for 0. */
    static String gaiName(int code) {
        switch (code) {
            case 0: return "";
            case EAI_BADFLAGS: return "EAI_BADFLAGS";
            case EAI_NONAME: return "EAI_NONAME";
            case EAI_AGAIN: return "EAI_AGAIN";
            case EAI_FAIL: return "EAI_FAIL";
            case EAI_NODATA: return "EAI_NODATA";
            case EAI_FAMILY: return "EAI_FAMILY";
            case EAI_SOCKTYPE: return "EAI_SOCKTYPE";
            case EAI_SERVICE: return "EAI_SERVICE";
            case EAI_ADDRFAMILY: return "EAI_ADDRFAMILY";
            case EAI_MEMORY: return "EAI_MEMORY";
            case EAI_SYSTEM: return "EAI_SYSTEM";
            default: return "EAI_" + code;
        }
    }
}
