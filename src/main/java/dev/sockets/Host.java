package dev.sockets;

import io.vavr.control.Either;
import java.util.Objects;

/**
 * The tutorial's "hostname": which network interface, or which machine, a socket talks to.
 *
 * <p>Five kinds, as the tutorial's table lists them:
 * <pre>{@code
 * Host.parse("")              // Right(any address)       INADDR_ANY: 0.0.0.0, or :: for INET6
 * Host.parse("<broadcast>")   // Right(<broadcast>)       INADDR_BROADCAST: 255.255.255.255
 * Host.parse("127.0.0.1")     // Right(127.0.0.1)         a dotted quad
 * Host.parse("fe80::1%lo")    // Right(fe80::1%lo)        an IPv6 literal, with an optional zone
 * Host.parse("localhost")     // Right(localhost)         a host name, checked but not resolved
 * Host.of(0x7F000001)         // 127.0.0.1                an int in host byte order
 * }</pre>
 *
 * <h2>Parsing is pure</h2>
 * {@link #parse(String)} never throws, never blocks and never asks DNS: a name is only
 * checked here and resolved when a socket connects or binds.
 * IPv4 literals are strict (four decimal parts, no leading zeros); the {@code inet_aton}
 * forms such as {@code 127.1} are accepted only by {@link Ipv4#parseLenient(String)}.
 *
 * <h2>What is accepted, and what is refused on purpose</h2>
 * <ul>
 * <li>IPv4: exactly {@code a.b.c.d}, each part 0–255 in ASCII decimal without leading zeros.
 *     {@code 010.0.0.1} is refused (C reads it as 8.0.0.1, Java as 10.0.0.1), and so are
 *     {@code 1.2.3}, {@code 0x7f.0.0.1} and non-ASCII digits that {@code Character.isDigit} accepts.
 * <li>IPv6: every RFC 4291 form (see {@link Ipv6#parse(String)}), without brackets:
 *     {@code [::1]} is refused with a hint to drop them, since brackets belong to an
 *     {@link Endpoint} ({@code [::1]:80}). A zone holds letters, digits, {@code -}, {@code .},
 *     {@code _} and {@code ~}, and must be able to name an interface (see "Zones" below). Printing follows RFC 5952; only IPv4-mapped addresses print with a
 *     dotted tail ({@code ::ffff:1.2.3.4}), the deprecated IPv4-compatible ones print in hex
 *     ({@code ::1.2.3.4} → {@code ::102:304}).
 * <li>Names: what a resolver could be asked for. Labels of letters, digits, hyphens and
 *     underscores ({@code my_host}); an internationalized name is kept with its ASCII form
 *     ({@code bücher.example} is resolved as {@code xn--bcher-kva.example}, see {@link Name}).
 *     Refused: empty labels, labels over 63 characters and names over 253 (in the ASCII form),
 *     white space, control and invisible format characters, and other punctuation, each with
 *     a hint; where the hint suggests a replacement it says {@code try `...`}, and that text
 *     parses. A name whose last label is all digits is a malformed address, and the error explains the address:
 *     {@code 256.1.1.1} → "part 1 is 256, more than 255". So is a name that C's resolver reads
 *     as a hex address ({@code 0x7f000001}).
 * </ul>
 *
 * <h2>Zones</h2>
 * The zone after {@code %} names the interface a link-local address is on, by name or by index,
 * and anything that can never do so is refused:
 * <ul>
 * <li>an all-digit zone is an interface index, and must be in [1, 2147483647]: Linux's indexes
 *     are positive ints, and the JDK's scope id is an int where 0 means "no scope".
 *     {@code fe80::1%2} is accepted; {@code %0} and {@code %4294967296} are refused, and so is
 *     {@code %-1}, which reads as a negative index;
 * <li>any other zone is an interface name: at most 15 bytes (Linux's IFNAMSIZ less the final
 *     NUL), not {@code .} or {@code ..}, of letters, digits, {@code -}, {@code .}, {@code _} and
 *     {@code ~} (so no {@code /}, white space or NUL). {@code fe80::1%eth0} and
 *     {@code fe80::1%lo} are accepted; a 16-byte name is refused.
 * </ul>
 * Whether the interface exists is checked only when a socket uses the address.
 *
 * <h2>Text and toString</h2>
 * {@link #text()} is the exact form that parses back to an equal value ({@code ""} for any
 * address), while {@code toString()} is what reads well in JShell ({@code any address}).
 */
public sealed interface Host permits Host.Any, Host.Broadcast, Host.Ipv4, Host.Ipv6, Host.Name {

    /**
     * Parses the tutorial's hostname forms. Never throws, blocks or resolves.
     *
     * @param text {@code ""}, {@code "<broadcast>"}, an IPv4 or IPv6 literal, or a host name
     * @return the host, or an {@link AddressError} that says where and why the text is wrong
     */
    static Either<AddressError, Host> parse(String text) {
        return dev.sockets.internal.words.HostParser.parse(text);
    }

    /**
     * Parses a hostname, throwing where {@link #parse(String)} would return an error.
     *
     * @throws AddressError if the text is not a hostname
     */
    static Host of(String text) {
        return parse(text).getOrElseThrow(AddressError::rethrowable);
    }

    /**
     * The IPv4 address in an int, read in host byte order as the tutorial's table says:
     * {@code Host.of(0x7F000001)} is {@code 127.0.0.1}.
     */
    static Ipv4 of(int address) {
        return new Ipv4(address);
    }

    /**
     * The address in 4 bytes (IPv4) or 16 bytes (IPv6), in network byte order.
     *
     * @throws IllegalArgumentException for any other length
     */
    static Host of(byte[] address) {
        Objects.requireNonNull(address, "address");
        if (address.length == 4) {
            return new Ipv4(((address[0] & 0xFF) << 24) | ((address[1] & 0xFF) << 16)
                    | ((address[2] & 0xFF) << 8) | (address[3] & 0xFF));
        }
        if (address.length == 16) {
            return new Ipv6(dev.sockets.internal.words.Bits.longAt(address, 0), dev.sockets.internal.words.Bits.longAt(address, 8), "");
        }
        throw new IllegalArgumentException("expected 4 or 16 address bytes but was " + address.length);
    }

    /** The any address {@code ""}: every interface when binding (INADDR_ANY). */
    static Host any() {
        return Any.INSTANCE;
    }

    /** The broadcast address {@code "<broadcast>"}: 255.255.255.255 (INADDR_BROADCAST). */
    static Host broadcast() {
        return Broadcast.INSTANCE;
    }

    /** The IPv4 loopback address, {@code 127.0.0.1}. */
    static Ipv4 loopback() {
        return new Ipv4(0x7F000001);
    }

    /**
     * The exact text that {@link #parse(String)} turns back into this host: {@code ""},
     * {@code "<broadcast>"}, the canonical literal (RFC 5952 for IPv6), or the name as written
     * (its ASCII form for an internationalized name).
     */
    String text();

    /** True for every kind but {@link Name}: a literal needs no name look-up. */
    default boolean isLiteral() {
        return !(this instanceof Name);
    }

    /** The any address, {@code ""}. Binds every interface; 0.0.0.0 or {@code ::} by family. */
    record Any() implements Host {
        static final Any INSTANCE = new Any();

        /** Always {@code ""}. */
        @Override
        public String text() {
            return "";
        }

        /** Prints as {@code any address}, since an empty string prints as nothing in JShell. */
        @Override
        public String toString() {
            return "any address";
        }
    }

    /** The broadcast address {@code "<broadcast>"}, which is 255.255.255.255. */
    record Broadcast() implements Host {
        static final Broadcast INSTANCE = new Broadcast();

        /** Always {@code "<broadcast>"}. */
        @Override
        public String text() {
            return "<broadcast>";
        }

        /** Prints as {@code <broadcast>}. */
        @Override
        public String toString() {
            return "<broadcast>";
        }
    }

    /**
     * An IPv4 address, its 32 bits in an int (so {@code 127.0.0.1} is {@code 0x7F000001}).
     *
     * @param bits the address, most significant byte first
     */
    record Ipv4(int bits) implements Host {

        /**
         * Parses a strict dotted quad: four ASCII decimal parts 0–255, no leading zeros, nothing else.
         * <pre>{@code
         * Host.Ipv4.parse("10.0.0.1")    // Right(10.0.0.1)
         * Host.Ipv4.parse("010.0.0.1")   // Left(`010.0.0.1`: leading zero in part 1 at position 0; ...)
         * }</pre>
         * Never throws; {@code null} is an error too.
         */
        public static Either<AddressError, Ipv4> parse(String text) {
            return dev.sockets.internal.words.Ipv4Parser.parseStrict(text);
        }

        /**
         * Parses the lenient {@code inet_aton} forms as C does: 1 to 4 parts, each decimal,
         * octal (leading {@code 0}) or hex ({@code 0x}); the last part fills the remaining bytes.
         * {@code 127.1} is 127.0.0.1, {@code 0177.0.0.1} is 127.0.0.1, {@code 0x7f.1} is 127.0.0.1.
         * Ask for it by name only: these forms are a known source of address-confusion bugs.
         * <pre>{@code
         * Host.Ipv4.parseLenient("2130706433")   // Right(127.0.0.1)
         * Host.Ipv4.parseLenient("127.1")        // Right(127.0.0.1)
         * }</pre>
         * Unlike glibc's {@code inet_aton}, which stops at white space, nothing may follow the
         * address; values too large for their bytes are refused. Never throws.
         */
        public static Either<AddressError, Ipv4> parseLenient(String text) {
            return dev.sockets.internal.words.Ipv4Parser.parseLenient(text);
        }

        /** The four bytes, in network order. */
        public byte[] bytes() {
            return new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
        }

        /** True for 127.0.0.0/8, the loopback network. */
        public boolean isLoopback() {
            return (bits >>> 24) == 127;
        }

        /** The dotted quad, {@code 127.0.0.1}. */
        @Override
        public String text() {
            return (bits >>> 24) + "." + ((bits >>> 16) & 0xFF) + "." + ((bits >>> 8) & 0xFF) + "." + (bits & 0xFF);
        }

        /** The dotted quad, as {@link #text()}. */
        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * An IPv6 address: its 128 bits in two longs, and a zone ({@code eth0}, {@code 2}) or {@code ""}.
     *
     * @param high the first 64 bits
     * @param low  the last 64 bits
     * @param zone the scope zone after {@code %}, or {@code ""} for none
     */
    record Ipv6(long high, long low, String zone) implements Host {

        /**
         * Checks the zone: {@code ""}, or letters, digits, {@code -}, {@code .}, {@code _} and
         * {@code ~} (RFC 6874's unreserved characters) that can name an interface (the rule of
         * {@link Host}'s "Zones"), so that {@link #text()} parses back.
         *
         * @throws IllegalArgumentException for any other zone
         */
        public Ipv6 {
            Objects.requireNonNull(zone, "zone");
            for (int i = 0; i < zone.length(); i++) {
                if (!dev.sockets.internal.words.Ipv6Parser.isZoneChar(zone.charAt(i))) {
                    throw new IllegalArgumentException("expected a zone of letters, digits, '-', '.', '_', '~' but was \""
                            + dev.sockets.internal.words.MessageText.quote(zone) + "\"");
                }
            }
            String[] problem = dev.sockets.internal.words.Ipv6Parser.zoneProblem(zone);
            if (problem != null) {
                throw new IllegalArgumentException(problem[0] + "; " + problem[1]);
            }
        }

        /**
         * Parses any RFC 4291 text form, with an optional {@code %zone}; no brackets.
         * <pre>{@code
         * Host.Ipv6.parse("2001:DB8:0:0:0:0:0:1")   // Right(2001:db8::1)
         * Host.Ipv6.parse("::ffff:192.0.2.1")       // Right(::ffff:192.0.2.1)
         * Host.Ipv6.parse("fe80::1%eth0")           // Right(fe80::1%eth0)
         * }</pre>
         * Groups hold 1 to 4 hex digits in either case; {@code ::} appears at most once; a strict
         * dotted quad may end the address; a zone holds letters, digits, {@code -}, {@code .},
         * {@code _} and {@code ~}. Never throws.
         */
        public static Either<AddressError, Ipv6> parse(String text) {
            return dev.sockets.internal.words.Ipv6Parser.parse(text);
        }

        /** The sixteen bytes, in network order. */
        public byte[] bytes() {
            var b = new byte[16];
            dev.sockets.internal.words.Bits.putLong(b, 0, high);
            dev.sockets.internal.words.Bits.putLong(b, 8, low);
            return b;
        }

        /** True for {@code ::1}, whatever the zone. */
        public boolean isLoopback() {
            return high == 0 && low == 1;
        }

        /** True for the IPv4-mapped addresses {@code ::ffff:0:0/96}, printed as {@code ::ffff:a.b.c.d}. */
        public boolean isMapped() {
            return high == 0 && (low >>> 32) == 0xFFFFL;
        }

        /** The IPv4 address in an IPv4-mapped address ({@code ::ffff:1.2.3.4} → {@code 1.2.3.4}), else empty. */
        public java.util.Optional<Ipv4> ipv4() {
            return isMapped() ? java.util.Optional.of(new Ipv4((int) low)) : java.util.Optional.empty();
        }

        /**
         * The RFC 5952 form: lower case, no leading zeros, the longest run of two or more zero
         * groups as {@code ::} (the first wins a tie), {@code ::ffff:a.b.c.d} for mapped IPv4,
         * then {@code %zone}. The deprecated IPv4-compatible form prints in hex ({@code ::102:304}).
         */
        @Override
        public String text() {
            return dev.sockets.internal.words.Ipv6Parser.format(high, low, zone);
        }

        /** The RFC 5952 form, as {@link #text()}. */
        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * A host name, checked but not resolved: labels of letters, digits, hyphens and underscores
     * ({@code my_host}, {@code _sip._tcp.example.com}), or an internationalized name in any script.
     *
     * <p>An internationalized name is resolved by its ASCII form, which {@link #text()} gives
     * (IDNA, as browsers and Python's {@code 'bücher.example'.encode('idna')} make it), and prints
     * both forms, so that a look-alike letter shows in the second:
     * <pre>{@code
     * Host.of("bücher.example")          // bücher.example (xn--bcher-kva.example)
     * Host.of("bücher.example").text()   // "xn--bcher-kva.example"
     * Host.of("localhost")               // localhost
     * }</pre>
     *
     * <p>Equality compares the ASCII forms ignoring ASCII case, as DNS does: {@code Localhost}
     * equals {@code localhost}, and {@code bücher.example} equals {@code xn--bcher-kva.example}.
     * A trailing dot makes a different name ({@code localhost.} is absolute, {@code localhost} may
     * be completed by a search domain).
     *
     * @param name the name as written, one trailing dot allowed
     */
    record Name(String name) implements Host {

        /**
         * Checks the name as {@link Host#parse(String)} does.
         *
         * @throws IllegalArgumentException if no resolver could use it
         */
        public Name {
            Objects.requireNonNull(name, "name");
            AddressError bad = dev.sockets.internal.words.HostNameParser.check(name);
            if (bad != null) {
                throw new IllegalArgumentException("expected a host name but was " + bad.getMessage());
            }
        }

        /**
         * The name that is resolved: as written for an ASCII name ({@code LocalHost}), the ASCII
         * form in lower case for an internationalized one ({@code xn--bcher-kva.example}).
         */
        @Override
        public String text() {
            return dev.sockets.internal.words.HostNameParser.ascii(name);
        }

        /** Equal when the ASCII forms are equal ignoring ASCII case. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Name n && n.text().equalsIgnoreCase(text());
        }

        /** Consistent with {@link #equals(Object)}: the hash of the lower-case ASCII form. */
        @Override
        public int hashCode() {
            String t = text();
            int h = 0;
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                h = 31 * h + (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
            }
            return h;
        }

        /**
         * The name as written, then its ASCII form in parentheses where they differ:
         * {@code localhost}, {@code bücher.example (xn--bcher-kva.example)}.
         */
        @Override
        public String toString() {
            String t = text();
            return t.equals(name) ? name : name + " (" + t + ")";
        }
    }
}
