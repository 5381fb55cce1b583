package dev.sockets;

/**
 * What {@link Sockets#socket(Domain, Type)} answers: the spec for the tutorial's three words,
 * one of {@link TcpSpec}, {@link UdpSpec} or {@link UnixSpec}; {@link Sockets#tls()} makes the fourth, {@link TlsSpec}.
 *
 * <pre>{@code
 * var s = Sockets.socket(Domain.AF_INET, Type.SOCK_STREAM);   // TcpSpec[family=INET]
 * s.tcp().connect("127.0.0.1", 12345);
 * Sockets.socket(Domain.AF_INET, Type.SOCK_DGRAM).udp().bind("127.0.0.1", 9999);
 * }</pre>
 *
 * <h2>Why the extra word</h2>
 * In Python one socket type does everything, and the wrong call fails when it runs. Here each
 * kind has its own verbs ({@code accept} only on a listener, {@code sendto} only on UDP), so the
 * three-word form says which kind it is with {@link #tcp()}, {@link #udp()} or {@link #unix()},
 * each of which fails at once, with the reason, when the words made another kind.
 * {@code Sockets.tcp()}, {@code udp()} and {@code unix()} are the short way to the same specs.
 */
public sealed interface Spec permits TcpSpec, TlsSpec, UdpSpec, UnixSpec {

    /** The socket type: {@link Type#STREAM} for TCP and Unix, {@link Type#DGRAM} for UDP. */
    Type type();

    /**
     * This spec as the TCP spec it is.
     *
     * @throws IllegalStateException if the words made a UDP or Unix spec
     */
    default TcpSpec tcp() {
        if (this instanceof TcpSpec t) {
            return t;
        }
        throw new IllegalStateException("expected a TCP spec (INET or INET6, STREAM) but this is " + this
                + "; use " + own());
    }

    /**
     * This spec as the UDP spec it is.
     *
     * @throws IllegalStateException if the words made a TCP or Unix spec
     */
    default UdpSpec udp() {
        if (this instanceof UdpSpec u) {
            return u;
        }
        throw new IllegalStateException("expected a UDP spec (INET or INET6, DGRAM) but this is " + this
                + "; use " + own());
    }

    /**
     * This spec as the Unix domain spec it is.
     *
     * @throws IllegalStateException if the words made a TCP or UDP spec
     */
    default UnixSpec unix() {
        if (this instanceof UnixSpec u) {
            return u;
        }
        throw new IllegalStateException("expected a Unix spec (UNIX, STREAM) but this is " + this
                + "; use " + own());
    }

    /** The word that names this spec's kind, for the messages above. */
    private String own() {
        return this instanceof TcpSpec ? "tcp()" : this instanceof UdpSpec ? "udp()" : this instanceof UnixSpec ? "unix()"
                : "it as the TLS spec it is";
    }
}
