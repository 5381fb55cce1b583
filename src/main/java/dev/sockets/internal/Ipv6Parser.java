package dev.sockets.internal;

import dev.sockets.AddressError;
import dev.sockets.Host;
import io.vavr.control.Either;

/**
 * A hand-written parser for every RFC 4291 text form of an IPv6 address, and the RFC 5952 printer.
 *
 * <p>Accepted: 8 groups of 1 to 4 hex digits in either case; {@code ::} once, anywhere, standing for
 * one or more zero groups; a strict dotted quad as the last 32 bits; a {@code %zone} of letters,
 * digits, {@code -}, {@code .}, {@code _} and {@code ~} (RFC 6874's unreserved characters, which
 * cover interface names such as {@code eth0}, {@code enp0s3}, {@code br-1a2b}, {@code eth0.100} and
 * numeric zones). Refused: brackets (they belong to an endpoint), groups of 5 or more digits even
 * when the extra digits are leading zeros (the JDK accepts {@code 00001::}), leading zeros in an
 * embedded dotted quad.
 *
 * <p>DEV-NOTE: one pass over the chars, the 128 bits accumulated in two longs; no split, no
 * substring but the zone's, no array. Messages are built only on the error path.
 */
public final class Ipv6Parser {
    private Ipv6Parser() {
    }

    private static final String ZONE_CHARS = "a zone is an interface name or number: letters, digits, `-`, `.`, `_`, `~`";

    /** Parses an IPv6 address with an optional {@code %zone}; no brackets. Never throws. */
    public static Either<AddressError, Host.Ipv6> parse(String text) {
        if (text == null) {
            return Either.left(new AddressError("null", -1, "the address is null", "pass an IPv6 address such as `::1`"));
        }
        int len = text.length();
        int end = text.indexOf('%');
        if (end < 0) {
            end = len;
        }
        if (end == 0) {
            return Either.left(len == 0
                    ? new AddressError(text, 0, "empty address", "pass an IPv6 address such as `::1`")
                    : new AddressError(text, 0, "no address before the zone", "write the address first, as in `fe80::1%eth0`"));
        }
        if (text.charAt(0) == '[') {
            return Either.left(brackets(text));
        }
        if (text.indexOf(':') < 0) {
            return Either.left(new AddressError(text, -1, "no `:`", "this is not an IPv6 address; pass IPv4 addresses to Host.parse or Ipv4.parse"));
        }
        long hi = 0;
        long lo = 0;
        long headHi = 0;
        long headLo = 0;
        int groups = 0;
        int gapAt = -1;
        int i = 0;
        if (text.charAt(0) == ':') {
            if (end < 2 || text.charAt(1) != ':') {
                return Either.left(new AddressError(text, 0, "single `:` at the start", "an address starts with a group or `::`"));
            }
            gapAt = 0;
            i = 2;
            if (i < end && text.charAt(i) == ':') {
                return Either.left(new AddressError(text, 0, "`:::`", "`::` stands for the zero groups; write two colons"));
            }
        }
        while (i < end) {
            int start = i;
            int v = 0;
            int digits = 0;
            while (i < end) {
                char c = text.charAt(i);
                int d = c >= '0' && c <= '9' ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (d < 0) {
                    break;
                }
                v = (v << 4) | d;
                digits++;
                i++;
            }
            if (i < end && text.charAt(i) == '.') {
                if (groups + 2 > (gapAt >= 0 ? 7 : 8)) {
                    return Either.left(new AddressError(text, start, "too many groups before the embedded IPv4 address",
                            gapAt >= 0 ? "with `::`, at most 5 groups fit before a dotted quad" : "6 groups come before a dotted quad"));
                }
                long r = Ipv4Parser.scan(text, start, end);
                if (r < 0) {
                    return Either.left(Ipv4Parser.errorInIpv6(text, r, start, end));
                }
                hi = (hi << 32) | (lo >>> 32);
                lo = (lo << 32) | r;
                groups += 2;
                i = end;
                break;
            }
            if (digits == 0) {
                if (i == end) {
                    return Either.left(new AddressError(text, i - 1, "trailing single `:`", "end with a group, or with `::` for zero groups"));
                }
                return Either.left(stray(text, i, groups + 1));
            }
            if (digits > 4) {
                return Either.left(new AddressError(text, start, "group " + (groups + 1) + " has " + digits + " hex digits",
                        "a group holds 1 to 4 hex digits"));
            }
            groups++;
            if (groups > (gapAt >= 0 ? 7 : 8)) {
                return Either.left(new AddressError(text, start, "too many groups",
                        gapAt >= 0 ? "with `::` at most 7 groups are written" : "an address has 8 groups"));
            }
            hi = (hi << 16) | (lo >>> 48);
            lo = (lo << 16) | v;
            if (i == end) {
                break;
            }
            char c = text.charAt(i);
            if (c != ':') {
                return Either.left(stray(text, i, groups));
            }
            i++;
            if (i < end && text.charAt(i) == ':') {
                if (gapAt >= 0) {
                    return Either.left(new AddressError(text, i - 1, "second `::`", "`::` may appear once"));
                }
                if (groups >= 8) {
                    return Either.left(new AddressError(text, i - 1, "`::` after 8 groups", "there is no zero group left for it to stand for"));
                }
                gapAt = groups;
                headHi = hi;
                headLo = lo;
                hi = 0;
                lo = 0;
                i++;
                if (i < end && text.charAt(i) == ':') {
                    return Either.left(new AddressError(text, i - 2, "`:::`", "`::` stands for the zero groups; write two colons"));
                }
            } else if (i == end) {
                return Either.left(new AddressError(text, i - 1, "trailing single `:`", "end with a group, or with `::` for zero groups"));
            }
        }
        if (gapAt < 0) {
            if (groups != 8) {
                return Either.left(new AddressError(text, end, "too few groups (" + groups + " of 8)",
                        "write 8 groups, or `::` for a run of zero groups"));
            }
        } else {
            // The head's groups go to the top; the tail (already in hi:lo) stays at the bottom.
            int shift = 16 * (8 - gapAt);
            if (gapAt > 0) {
                hi |= shiftLeftHigh(headHi, headLo, shift);
                lo |= shift >= 64 ? 0 : headLo << shift;
            }
        }
        String zone = "";
        if (end < len) {
            if (end + 1 == len) {
                return Either.left(new AddressError(text, end, "empty zone after `%`", ZONE_CHARS));
            }
            for (int z = end + 1; z < len; z++) {
                if (!isZoneChar(text.charAt(z))) {
                    return Either.left(Ipv4Parser.stray(text, z, "in the zone", ZONE_CHARS));
                }
            }
            zone = text.substring(end + 1);
        }
        return Either.right(new Host.Ipv6(hi, lo, zone));
    }

    /** The high 64 bits of the 128-bit value hi:lo shifted left by {@code shift} (16 to 112). */
    private static long shiftLeftHigh(long hi, long lo, int shift) {
        if (shift >= 64) {
            return lo << (shift - 64);
        }
        return (hi << shift) | (lo >>> (64 - shift));
    }

    private static AddressError stray(String text, int at, int group) {
        char c = text.charAt(at);
        if (c == ']' || c == '[') {
            return new AddressError(text, at, "stray `" + c + "`", "brackets belong to an endpoint such as `[::1]:80`; write the address without them");
        }
        if (c == '/') {
            return new AddressError(text, at, "stray character `/` in group " + group, "a host is an address, not a prefix; drop the `/length`");
        }
        return Ipv4Parser.stray(text, at, "in group " + group, "a group holds 1 to 4 hex digits 0–9, a–f");
    }

    /** Host.parse and Ipv6.parse refuse brackets: they belong to an endpoint ({@code [::1]:80}). */
    static AddressError brackets(String text) {
        int len = text.length();
        if (len >= 2 && text.charAt(len - 1) == ']') {
            String inner = text.substring(1, len - 1);
            if (parse(inner).isRight()) {
                return new AddressError(text, 0, "brackets around an IPv6 address",
                        "brackets belong to an endpoint such as `[::1]:80`; write `" + inner + "`");
            }
        }
        return new AddressError(text, 0, "stray `[`", "brackets belong to an endpoint such as `[::1]:80`; use Endpoint.parse for those");
    }

    /** True for the characters a zone may hold: RFC 6874's unreserved set. */
    public static boolean isZoneChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /**
     * The RFC 5952 text: lower case, no leading zeros, the longest run of two or more zero groups as
     * {@code ::} (the first run wins a tie), {@code ::ffff:a.b.c.d} for IPv4-mapped addresses, then
     * {@code %zone}.
     *
     * <p>DEV-NOTE: only the mapped prefix ::ffff:0:0/96 gets the dotted tail (RFC 5952 section 5
     * recommends mixed notation for well-known prefixes; the deprecated IPv4-compatible form
     * {@code ::a.b.c.d} prints as hex, {@code ::102:304}, since {@code ::1} must not become
     * {@code ::0.0.0.1}). The JDK prints mapped addresses as bare IPv4; we keep them IPv6.
     */
    public static String format(long high, long low, String zone) {
        var b = new StringBuilder(48 + zone.length());
        if (high == 0 && (low >>> 32) == 0xFFFFL) {
            b.append("::ffff:");
            int v4 = (int) low;
            b.append(v4 >>> 24).append('.').append((v4 >>> 16) & 0xFF).append('.')
                    .append((v4 >>> 8) & 0xFF).append('.').append(v4 & 0xFF);
        } else {
            int bestStart = -1;
            int bestLen = 1;
            int runStart = -1;
            for (int g = 0; g <= 8; g++) {
                if (g < 8 && group(high, low, g) == 0) {
                    if (runStart < 0) {
                        runStart = g;
                    }
                } else if (runStart >= 0) {
                    if (g - runStart > bestLen) {
                        bestStart = runStart;
                        bestLen = g - runStart;
                    }
                    runStart = -1;
                }
            }
            for (int g = 0; g < 8; g++) {
                if (g == bestStart) {
                    b.append("::");
                    g += bestLen - 1;
                    continue;
                }
                if (g > 0 && g != bestStart + bestLen) {
                    b.append(':');
                }
                appendHex(b, group(high, low, g));
            }
        }
        if (!zone.isEmpty()) {
            b.append('%').append(zone);
        }
        return b.toString();
    }

    private static int group(long high, long low, int g) {
        long half = g < 4 ? high : low;
        return (int) (half >>> (16 * (3 - (g & 3)))) & 0xFFFF;
    }

    private static void appendHex(StringBuilder b, int v) {
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            int d = (v >>> shift) & 0xF;
            if (d != 0 || started || shift == 0) {
                b.append((char) (d < 10 ? '0' + d : 'a' + d - 10));
                started = true;
            }
        }
    }
}
