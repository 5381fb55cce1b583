package dev.sockets.internal.words;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The protocols database, as Python's {@code getprotobyname} reads it through the C library:
 * {@code /etc/protocols} read once, on first use, with a built-in table of the common protocols
 * behind it for a machine without the file.
 *
 * <p>Look-ups match as glibc's files backend does: the official name or an alias, case-sensitive
 * ({@code tcp} and its alias {@code TCP}, but not {@code Tcp}), the first line that matches wins.
 * The vocabulary of sockets the JVM opens is {@code Protocol}; this table knows every number.
 */
public final class ProtocolTable {
    private ProtocolTable() {
    }

    /** One line of a protocols file: {@code tcp 6 TCP}. */
    public record Entry(String name, int number, List<String> aliases) {
        /** Copies the aliases. */
        public Entry {
            aliases = List.copyOf(aliases);
        }
    }

    /** The common protocols, as Debian's netbase /etc/protocols lists them; a test checks them against this machine's. */
    static final List<Entry> BUILT_IN = parse(List.of(
            "ip 0 IP", "hopopt 0 HOPOPT", "icmp 1 ICMP", "igmp 2 IGMP", "ipencap 4 IP-ENCAP", "tcp 6 TCP",
            "egp 8 EGP", "pup 12 PUP", "udp 17 UDP", "xns-idp 22 XNS-IDP", "iso-tp4 29 ISO-TP4", "dccp 33 DCCP",
            "ipv6 41 IPv6", "ipv6-route 43 IPv6-Route", "ipv6-frag 44 IPv6-Frag", "rsvp 46 RSVP", "gre 47 GRE",
            "esp 50 IPSEC-ESP", "ah 51 IPSEC-AH", "ipv6-icmp 58 IPv6-ICMP", "ipv6-nonxt 59 IPv6-NoNxt",
            "ipv6-opts 60 IPv6-Opts", "ospf 89 OSPFIGP", "ipip 94 IPIP", "encap 98 ENCAP", "pim 103 PIM",
            "ipcomp 108 IPCOMP", "vrrp 112 VRRP", "l2tp 115 L2TP", "sctp 132 SCTP", "udplite 136 UDPLite",
            "mpls-in-ip 137 MPLS-in-IP", "ethernet 143 Ethernet", "mptcp 262 MPTCP"));

    private static final class Default {
        static final List<Entry> TABLE = load(Path.of("/etc/protocols"));
    }

    /** The entries of a protocols file, or the built-in ones where it cannot be read. */
    static List<Entry> load(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
        } catch (IOException | SecurityException e) {
            return BUILT_IN;
        }
    }

    /** The lines of a protocols file that parse (name, number, aliases; {@code #} starts a comment), as C skips the others. */
    public static List<Entry> parse(List<String> lines) {
        var out = new ArrayList<Entry>();
        for (String line : lines) {
            int hash = line.indexOf('#');
            String[] words = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
            if (words.length < 2 || words[0].isEmpty()) {
                continue;
            }
            try {
                int number = Integer.parseInt(words[1]);
                if (number >= 0) {
                    out.add(new Entry(words[0], number, List.of(words).subList(2, words.length)));
                }
            } catch (NumberFormatException e) {
                // Not a protocol line; C skips it too.
            }
        }
        return out;
    }

    /** Every entry of this machine's table, in file order. */
    public static List<Entry> system() {
        return Default.TABLE;
    }

    /** The number of a protocol by its name or an alias, case-sensitive: {@code tcp} is 6. */
    public static Optional<Integer> byName(String name) {
        for (Entry e : Default.TABLE) {
            if (e.name().equals(name) || e.aliases().contains(name)) {
                return Optional.of(e.number());
            }
        }
        return Optional.empty();
    }
}
