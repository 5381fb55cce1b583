package dev.sockets.internal.words;

import dev.sockets.AddressError;
import dev.sockets.Domain;
import dev.sockets.Protocol;
import dev.sockets.Type;
import io.vavr.control.Either;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The words of the tutorial's table (domain, type, protocol) by C name, bare name and number,
 * including the values Linux knows but the JVM cannot open, so that those are refused with a
 * reason instead of "unknown".
 *
 * <p>DEV-NOTE: names are matched ignoring case. C is case-sensitive, but nothing else could be
 * meant by {@code af_inet} or {@code Inet}, and /etc/protocols spells them in lower case anyway.
 */
public final class Vocabulary {
    private Vocabulary() {
    }

    /** A value the JVM cannot open: its number, what it is, and every name it goes by. */
    private record Known(int number, String what, String... names) {
    }

    private static final String DOMAIN_USE = "use INET, INET6 or UNIX";
    private static final String TYPE_USE = "use STREAM or DGRAM";
    private static final String PROTOCOL_USE = "use TCP, UDP or 0";

    // Linux's numbers (include/linux/socket.h); each family is AF_x and PF_x.
    private static final Known[] FAMILIES = {
        new Known(3, "the AX.25 amateur radio family", "AX25"),
        new Known(4, "the Novell IPX family", "IPX"),
        new Known(5, "the AppleTalk family", "APPLETALK"),
        new Known(6, "the NET/ROM amateur radio family", "NETROM"),
        new Known(7, "the multiprotocol bridge family", "BRIDGE"),
        new Known(8, "the ATM PVC family", "ATMPVC"),
        new Known(9, "the X.25 family", "X25"),
        new Known(11, "the ROSE amateur radio family", "ROSE"),
        new Known(12, "the DECnet family", "DECNET"),
        new Known(13, "the NetBEUI family", "NETBEUI"),
        new Known(14, "the security callback family", "SECURITY"),
        new Known(15, "the PF_KEY key management family", "KEY"),
        new Known(16, "the Netlink family", "NETLINK", "ROUTE"),
        new Known(17, "the packet (raw link layer) family", "PACKET"),
        new Known(18, "the Ash family", "ASH"),
        new Known(19, "the Acorn Econet family", "ECONET"),
        new Known(20, "the ATM SVC family", "ATMSVC"),
        new Known(21, "the RDS family", "RDS"),
        new Known(22, "the Linux SNA family", "SNA"),
        new Known(23, "the IrDA family", "IRDA"),
        new Known(24, "the PPPoX family", "PPPOX"),
        new Known(25, "the Wanpipe family", "WANPIPE"),
        new Known(26, "the LLC family", "LLC"),
        new Known(27, "the InfiniBand family", "IB"),
        new Known(28, "the MPLS family", "MPLS"),
        new Known(29, "the CAN bus family", "CAN"),
        new Known(30, "the TIPC family", "TIPC"),
        new Known(31, "the Bluetooth family", "BLUETOOTH"),
        new Known(32, "the IUCV family", "IUCV"),
        new Known(33, "the RxRPC family", "RXRPC"),
        new Known(34, "the ISDN family", "ISDN"),
        new Known(35, "the Phonet family", "PHONET"),
        new Known(36, "the IEEE 802.15.4 family", "IEEE802154"),
        new Known(37, "the CAIF family", "CAIF"),
        new Known(38, "the kernel crypto API family", "ALG"),
        new Known(39, "the NFC family", "NFC"),
        new Known(40, "the VSOCK family", "VSOCK"),
        new Known(41, "the KCM family", "KCM"),
        new Known(42, "the Qualcomm IPC router family", "QIPCRTR"),
        new Known(43, "the SMC family", "SMC"),
        new Known(44, "the XDP family", "XDP"),
        new Known(45, "the MCTP family", "MCTP"),
    };

    private static final Known[] TYPES = {
        new Known(3, "the raw socket type", "RAW"),
        new Known(4, "the reliably-delivered datagram type", "RDM"),
        new Known(5, "the sequenced packet type", "SEQPACKET"),
        new Known(6, "the DCCP socket type", "DCCP"),
        new Known(10, "the obsolete packet type", "PACKET"),
    };

    // Numbers from /etc/protocols; names as IPPROTO_x and as /etc/protocols spells them.
    private static final Known[] PROTOCOLS = {
        new Known(1, "ICMP", "ICMP"),
        new Known(2, "IGMP", "IGMP"),
        new Known(4, "IP-in-IP", "IPIP", "IPENCAP"),
        new Known(8, "EGP", "EGP"),
        new Known(12, "PUP", "PUP"),
        new Known(22, "XNS IDP", "IDP"),
        new Known(29, "ISO TP4", "TP"),
        new Known(33, "DCCP", "DCCP"),
        new Known(41, "IPv6-in-IPv4", "IPV6"),
        new Known(46, "RSVP", "RSVP"),
        new Known(47, "GRE", "GRE"),
        new Known(50, "IPsec ESP", "ESP"),
        new Known(51, "IPsec AH", "AH"),
        new Known(58, "ICMPv6", "ICMPV6", "IPV6-ICMP"),
        new Known(92, "MTP", "MTP"),
        new Known(94, "BEET", "BEETPH"),
        new Known(98, "encapsulation", "ENCAP"),
        new Known(103, "PIM", "PIM"),
        new Known(108, "IP compression", "COMP"),
        new Known(115, "L2TP", "L2TP"),
        new Known(132, "SCTP", "SCTP"),
        new Known(136, "UDP-Lite", "UDPLITE"),
        new Known(137, "MPLS-in-IP", "MPLS"),
        new Known(143, "Ethernet-in-IPv6", "ETHERNET"),
        new Known(255, "raw IP", "RAW"),
        new Known(262, "Multipath TCP", "MPTCP"),
    };

    private static final Map<String, Domain> DOMAIN_NAMES = new HashMap<>();
    private static final Map<String, Type> TYPE_NAMES = new HashMap<>();
    private static final Map<String, Protocol> PROTOCOL_NAMES = new HashMap<>();

    static {
        for (Domain d : Domain.values()) {
            DOMAIN_NAMES.put(d.name(), d);
            DOMAIN_NAMES.put("AF_" + d.name(), d);
            DOMAIN_NAMES.put("PF_" + d.name(), d);
        }
        DOMAIN_NAMES.put("LOCAL", Domain.UNIX);
        DOMAIN_NAMES.put("AF_LOCAL", Domain.UNIX);
        DOMAIN_NAMES.put("PF_LOCAL", Domain.UNIX);
        DOMAIN_NAMES.put("FILE", Domain.UNIX);
        DOMAIN_NAMES.put("AF_FILE", Domain.UNIX);
        DOMAIN_NAMES.put("PF_FILE", Domain.UNIX);
        for (Type t : Type.values()) {
            TYPE_NAMES.put(t.name(), t);
            TYPE_NAMES.put("SOCK_" + t.name(), t);
        }
        for (Protocol p : Protocol.values()) {
            PROTOCOL_NAMES.put(p.name(), p);
        }
        PROTOCOL_NAMES.put("IPPROTO_TCP", Protocol.TCP);
        PROTOCOL_NAMES.put("IPPROTO_UDP", Protocol.UDP);
        // 0 is "the default protocol of the type"; /etc/protocols calls it ip, C IPPROTO_IP.
        PROTOCOL_NAMES.put("IP", Protocol.DEFAULT);
        PROTOCOL_NAMES.put("IPPROTO_IP", Protocol.DEFAULT);
    }

    /** Finds a domain by name ({@code INET}, {@code AF_INET}, {@code PF_INET}) or number. Never throws. */
    public static Either<AddressError, Domain> domain(String text) {
        if (text == null) {
            return Either.left(new AddressError("null", -1, "no domain", "expected INET, INET6 or UNIX"));
        }
        String key = text.toUpperCase(Locale.ROOT);
        Domain d = DOMAIN_NAMES.get(key);
        if (d != null) {
            return Either.right(d);
        }
        int n = number(text);
        if (n >= 0) {
            return domain(text, n);
        }
        if (key.equals("UNSPEC") || key.equals("AF_UNSPEC") || key.equals("PF_UNSPEC")) {
            return Either.left(unspec(text));
        }
        for (Known k : FAMILIES) {
            for (String name : k.names()) {
                if (key.equals(name) || key.equals("AF_" + name) || key.equals("PF_" + name)) {
                    return Either.left(cannotOpen(text, k, DOMAIN_USE));
                }
            }
        }
        return Either.left(new AddressError(text, -1, "unknown domain",
                "expected INET, INET6, UNIX or their AF_/PF_ names"));
    }

    /** Finds a domain by its number (2 is {@code INET}). Never throws. */
    public static Either<AddressError, Domain> domain(int number) {
        return domain(Integer.toString(number), number);
    }

    private static Either<AddressError, Domain> domain(String text, int number) {
        for (Domain d : Domain.values()) {
            if (d.number() == number) {
                return Either.right(d);
            }
        }
        if (number == 0) {
            return Either.left(unspec(text));
        }
        for (Known k : FAMILIES) {
            if (k.number() == number) {
                return Either.left(cannotOpen(text, k, DOMAIN_USE));
            }
        }
        return Either.left(new AddressError(text, -1, "unknown domain number " + MessageText.cut(text),
                "expected 2 (INET), 10 (INET6) or 1 (UNIX)"));
    }

    private static AddressError unspec(String text) {
        return new AddressError(text, -1, "AF_UNSPEC (0) means \"any family\" and is meaningful only for getaddrinfo",
                "pass null as getaddrinfo's family; a socket needs INET, INET6 or UNIX");
    }

    /** Finds a socket type by name ({@code STREAM}, {@code SOCK_STREAM}) or number. Never throws. */
    public static Either<AddressError, Type> type(String text) {
        if (text == null) {
            return Either.left(new AddressError("null", -1, "no socket type", "expected STREAM or DGRAM"));
        }
        String key = text.toUpperCase(Locale.ROOT);
        Type t = TYPE_NAMES.get(key);
        if (t != null) {
            return Either.right(t);
        }
        int n = number(text);
        if (n >= 0) {
            return type(text, n);
        }
        for (Known k : TYPES) {
            for (String name : k.names()) {
                if (key.equals(name) || key.equals("SOCK_" + name)) {
                    return Either.left(cannotOpen(text, k, TYPE_USE));
                }
            }
        }
        return Either.left(new AddressError(text, -1, "unknown socket type",
                "expected STREAM, DGRAM or their SOCK_ names"));
    }

    /** Finds a socket type by its number (1 is {@code STREAM}). Never throws. */
    public static Either<AddressError, Type> type(int number) {
        return type(Integer.toString(number), number);
    }

    private static Either<AddressError, Type> type(String text, int number) {
        for (Type t : Type.values()) {
            if (t.number() == number) {
                return Either.right(t);
            }
        }
        for (Known k : TYPES) {
            if (k.number() == number) {
                return Either.left(cannotOpen(text, k, TYPE_USE));
            }
        }
        return Either.left(new AddressError(text, -1, "unknown socket type number " + MessageText.cut(text),
                "expected 1 (STREAM) or 2 (DGRAM)"));
    }

    /** Finds a protocol by name ({@code tcp}, {@code IPPROTO_TCP}) or number. Never throws. */
    public static Either<AddressError, Protocol> protocol(String text) {
        if (text == null) {
            return Either.left(new AddressError("null", -1, "no protocol", "expected TCP, UDP or 0"));
        }
        String key = text.toUpperCase(Locale.ROOT);
        Protocol p = PROTOCOL_NAMES.get(key);
        if (p != null) {
            return Either.right(p);
        }
        int n = number(text);
        if (n >= 0) {
            return protocol(text, n);
        }
        for (Known k : PROTOCOLS) {
            for (String name : k.names()) {
                if (key.equals(name) || key.equals("IPPROTO_" + name)) {
                    return Either.left(cannotOpen(text, k, PROTOCOL_USE));
                }
            }
        }
        return Either.left(new AddressError(text, -1, "unknown protocol",
                "expected TCP, UDP, 0 or their IPPROTO_ names"));
    }

    /** Finds a protocol by its number (6 is {@code TCP}). Never throws. */
    public static Either<AddressError, Protocol> protocol(int number) {
        return protocol(Integer.toString(number), number);
    }

    private static Either<AddressError, Protocol> protocol(String text, int number) {
        for (Protocol p : Protocol.values()) {
            if (p.number() == number) {
                return Either.right(p);
            }
        }
        for (Known k : PROTOCOLS) {
            if (k.number() == number) {
                return Either.left(cannotOpen(text, k, PROTOCOL_USE));
            }
        }
        return Either.left(new AddressError(text, -1, "unknown protocol number " + MessageText.cut(text),
                "expected 0 (DEFAULT), 6 (TCP) or 17 (UDP)"));
    }

    /**
     * The protocol a socket of this domain and type gets: {@code DEFAULT} resolved to TCP for
     * INET/INET6 streams and UDP for their datagrams; 0 for Unix sockets. Refuses a protocol that
     * does not fit. Never throws.
     */
    public static Either<AddressError, Protocol> check(Domain domain, Type type, Protocol protocol) {
        java.util.Objects.requireNonNull(domain, "domain");
        java.util.Objects.requireNonNull(type, "type");
        java.util.Objects.requireNonNull(protocol, "protocol");
        String input = domain.cName() + ", " + type.cName() + ", " + protocol.cName();
        if (domain == Domain.UNIX) {
            if (protocol == Protocol.DEFAULT) {
                return Either.right(Protocol.DEFAULT);
            }
            return Either.left(new AddressError(input, -1, protocol.name() + " does not fit AF_UNIX",
                    "a Unix socket takes protocol 0 (DEFAULT)"));
        }
        Protocol natural = type == Type.STREAM ? Protocol.TCP : Protocol.UDP;
        if (protocol == Protocol.DEFAULT || protocol == natural) {
            return Either.right(natural);
        }
        return Either.left(new AddressError(input, -1, protocol.name() + " does not fit " + type.cName(),
                "use " + natural.name() + " or 0"));
    }

    private static AddressError cannotOpen(String text, Known k, String use) {
        return new AddressError(text, -1, k.what() + " (" + k.number() + ") is known, but the JVM cannot open it", use);
    }

    /** The value of a string of ASCII decimal digits, or -1 if it is not one (or exceeds 9 digits). */
    private static int number(String text) {
        if (text.isEmpty() || text.length() > 9) {
            return text.length() > 9 && text.chars().allMatch(c -> c >= '0' && c <= '9') ? Integer.MAX_VALUE : -1;
        }
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
