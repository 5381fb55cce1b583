package dev.sockets.internal.words;

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
 * numeric zones), at most {@value #ZONE_MAX} of them, and an all-digit zone in [1, 2^31-1] (see
 * {@link #zoneProblem}). Refused: brackets (they belong to an endpoint), groups of 5 or more digits even
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

    // Error codes of the scan; fail() turns them into messages, off the hot path.
    private static final int EMPTY = 1;
    private static final int NO_ADDRESS_BEFORE_ZONE = 2;
    private static final int BRACKETS = 3;
    private static final int NO_COLON = 4;
    private static final int SINGLE_COLON_AT_START = 5;
    private static final int TRIPLE_COLON = 6;
    private static final int TOO_MANY_BEFORE_DOTTED = 7;
    private static final int TRAILING_COLON = 8;
    private static final int STRAY = 9;
    private static final int LONG_GROUP = 10;
    private static final int TOO_MANY_GROUPS = 11;
    private static final int SECOND_GAP = 12;
    private static final int GAP_AFTER_8 = 13;
    private static final int TOO_FEW_GROUPS = 14;
    private static final int EMPTY_ZONE = 15;
    private static final int ZONE_CHAR = 16;

    /** Hex value of the ASCII chars, -1 for the rest. */
    private static final byte[] HEX = new byte[128];

    static {
        java.util.Arrays.fill(HEX, (byte) -1);
        for (int c = '0'; c <= '9'; c++) {
            HEX[c] = (byte) (c - '0');
        }
        for (int c = 'a'; c <= 'f'; c++) {
            HEX[c] = (byte) (c - 'a' + 10);
            HEX[c - 'a' + 'A'] = (byte) (c - 'a' + 10);
        }
    }

    /** Parses an IPv6 address with an optional {@code %zone}; no brackets. Never throws. */
    public static Either<AddressError, Host.Ipv6> parse(String text) {
        if (text == null) {
            return Either.left(new AddressError("null", -1, "the address is null", "pass an IPv6 address such as `::1`"));
        }
        Host.Ipv6 plain = parsePlain(text);
        return plain != null ? Either.right(plain) : parseFull(text);
    }

    /** Every form, with the exact error; {@link #parse} calls it when {@link #parsePlain} gives up. */
    static Either<AddressError, Host.Ipv6> parseFull(String text) {
        int len = text.length();
        int end = text.indexOf('%');
        if (end < 0) {
            end = len;
        }
        if (end == 0) {
            return fail(text, len == 0 ? EMPTY : NO_ADDRESS_BEFORE_ZONE, 0, 0, -1);
        }
        if (text.charAt(0) == '[') {
            return fail(text, BRACKETS, 0, 0, -1);
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
                return fail(text, SINGLE_COLON_AT_START, 0, 0, -1);
            }
            gapAt = 0;
            i = 2;
            if (i < end && text.charAt(i) == ':') {
                return fail(text, TRIPLE_COLON, 0, 0, -1);
            }
        }
        while (i < end) {
            int start = i;
            int v = 0;
            char c = 0;
            while (i < end) {
                c = text.charAt(i);
                int d = c < 128 ? HEX[c] : -1;
                if (d < 0) {
                    break;
                }
                v = (v << 4) | d;
                i++;
            }
            int digits = i - start;
            if (i < end && c == '.') {
                if (groups + 2 > (gapAt >= 0 ? 7 : 8)) {
                    return fail(text, TOO_MANY_BEFORE_DOTTED, start, 0, gapAt);
                }
                long r = Ipv4Parser.scan(text, start, end);
                if (r < 0) {
                    return text.indexOf(':') < 0 ? fail(text, NO_COLON, -1, 0, -1) : Either.left(Ipv4Parser.errorInIpv6(text, r, start, end));
                }
                hi = (hi << 32) | (lo >>> 32);
                lo = (lo << 32) | r;
                groups += 2;
                i = end;
                break;
            }
            if (digits == 0) {
                return fail(text, i == end ? TRAILING_COLON : STRAY, i == end ? i - 1 : i, groups + 1, gapAt);
            }
            if (digits > 4) {
                return fail(text, LONG_GROUP, start, groups + 1, digits);
            }
            groups++;
            if (groups > (gapAt >= 0 ? 7 : 8)) {
                return fail(text, TOO_MANY_GROUPS, start, groups, gapAt);
            }
            hi = (hi << 16) | (lo >>> 48);
            lo = (lo << 16) | v;
            if (i == end) {
                break;
            }
            if (c != ':') {
                return fail(text, STRAY, i, groups, gapAt);
            }
            i++;
            if (i < end && text.charAt(i) == ':') {
                if (gapAt >= 0) {
                    return fail(text, SECOND_GAP, i - 1, groups, gapAt);
                }
                if (groups >= 8) {
                    return fail(text, GAP_AFTER_8, i - 1, groups, gapAt);
                }
                gapAt = groups;
                headHi = hi;
                headLo = lo;
                hi = 0;
                lo = 0;
                i++;
                if (i < end && text.charAt(i) == ':') {
                    return fail(text, TRIPLE_COLON, i - 2, groups, gapAt);
                }
            } else if (i == end) {
                return fail(text, TRAILING_COLON, i - 1, groups, gapAt);
            }
        }
        if (gapAt < 0) {
            if (groups != 8) {
                return fail(text, TOO_FEW_GROUPS, end, groups, gapAt);
            }
        } else if (gapAt > 0) {
            // The head's groups go to the top; the tail (already in hi:lo) stays at the bottom.
            int shift = 16 * (8 - gapAt);
            hi |= shiftLeftHigh(headHi, headLo, shift);
            lo |= shift >= 64 ? 0 : headLo << shift;
        }
        String zone = "";
        if (end < len) {
            if (end + 1 == len) {
                return fail(text, EMPTY_ZONE, end, 0, -1);
            }
            for (int z = end + 1; z < len; z++) {
                if (!isZoneChar(text.charAt(z))) {
                    return fail(text, ZONE_CHAR, z, 0, -1);
                }
            }
            zone = text.substring(end + 1);
            AddressError bad = zoneError(text, end + 1, zone);
            if (bad != null) {
                return Either.left(bad);
            }
        }
        return Either.right(new Host.Ipv6(hi, lo, zone));
    }

    /**
     * The common forms only: hex groups and at most one {@code ::}, no dotted tail, no zone. Null
     * for anything else, valid or not, which {@link #parse} then reads in full.
     *
     * <p>DEV-NOTE: BENCHMARKS.md's target for {@code Host.parse} (twice the JDK's literal parser) was
     * missed on the IPv6 forms: this loop, without the zone search and the error bookkeeping,
     * takes about 15% off them (48 to 41 ns for {@code 2001:db8::8a2e:370:7334}). The properties that compare parse with the JDK run through it.
     */
    static Host.Ipv6 parsePlain(String text) {
        int len = text.length();
        if (len < 2 || len > 39) {
            return null;
        }
        long hi = 0;
        long lo = 0;
        long headHi = 0;
        long headLo = 0;
        int groups = 0;
        int gapAt = -1;
        int i = 0;
        if (text.charAt(0) == ':') {
            if (text.charAt(1) != ':') {
                return null;
            }
            gapAt = 0;
            i = 2;
        }
        while (i < len) {
            int start = i;
            int v = 0;
            char c = 0;
            while (i < len) {
                c = text.charAt(i);
                int d = c < 128 ? HEX[c] : -1;
                if (d < 0) {
                    break;
                }
                v = (v << 4) | d;
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 4) {
                return null;
            }
            groups++;
            hi = (hi << 16) | (lo >>> 48);
            lo = (lo << 16) | v;
            if (i == len) {
                break;
            }
            if (c != ':' || ++i == len) {
                return null;
            }
            if (text.charAt(i) == ':') {
                if (gapAt >= 0) {
                    return null;
                }
                gapAt = groups;
                headHi = hi;
                headLo = lo;
                hi = 0;
                lo = 0;
                i++;
            }
        }
        if (gapAt < 0 ? groups != 8 : groups > 7) {
            return null;
        }
        if (gapAt > 0) {
            int shift = 16 * (8 - gapAt);
            hi |= shiftLeftHigh(headHi, headLo, shift);
            lo |= shift >= 64 ? 0 : headLo << shift;
        }
        return new Host.Ipv6(hi, lo, "");
    }

    /** The message for an error code: built only when parsing fails. */
    private static Either<AddressError, Host.Ipv6> fail(String text, int code, int at, int group, int extra) {
        if ((code == NO_COLON || (code != EMPTY && code != BRACKETS && code != NO_ADDRESS_BEFORE_ZONE)) && text.indexOf(':') < 0) {
            return Either.left(new AddressError(text, -1, "no `:`", "this is not an IPv6 address; pass IPv4 addresses to Host.parse or Ipv4.parse"));
        }
        AddressError e;
        switch (code) {
            case EMPTY:
                e = new AddressError(text, 0, "empty address", "pass an IPv6 address such as `::1`");
                break;
            case NO_ADDRESS_BEFORE_ZONE:
                e = new AddressError(text, 0, "no address before the zone", "write the address first, as in `fe80::1%eth0`");
                break;
            case BRACKETS:
                e = brackets(text);
                break;
            case SINGLE_COLON_AT_START:
                e = new AddressError(text, 0, "single `:` at the start", "an address starts with a group or `::`");
                break;
            case TRIPLE_COLON:
                e = new AddressError(text, at, "`:::`", "`::` stands for the zero groups; write two colons");
                break;
            case TOO_MANY_BEFORE_DOTTED:
                e = new AddressError(text, at, "too many groups before the embedded IPv4 address",
                        extra >= 0 ? "with `::`, at most 5 groups fit before a dotted quad" : "6 groups come before a dotted quad");
                break;
            case TRAILING_COLON:
                e = new AddressError(text, at, "trailing single `:`", "end with a group, or with `::` for zero groups");
                break;
            case STRAY:
                e = stray(text, at, group);
                break;
            case LONG_GROUP:
                e = new AddressError(text, at, "group " + group + " has " + extra + " hex digits", "a group holds 1 to 4 hex digits");
                break;
            case TOO_MANY_GROUPS:
                e = new AddressError(text, at, "too many groups",
                        extra >= 0 ? "with `::` at most 7 groups are written" : "an address has 8 groups");
                break;
            case SECOND_GAP:
                e = new AddressError(text, at, "second `::`", "`::` may appear once");
                break;
            case GAP_AFTER_8:
                e = new AddressError(text, at, "`::` after 8 groups", "there is no zero group left for it to stand for");
                break;
            case TOO_FEW_GROUPS:
                e = new AddressError(text, at, "too few groups (" + group + " of 8)", "write 8 groups, or `::` for a run of zero groups");
                break;
            case EMPTY_ZONE:
                e = new AddressError(text, at, "empty zone after `%`", ZONE_CHARS);
                break;
            default:
                e = Ipv4Parser.stray(text, at, "in the zone", ZONE_CHARS);
                break;
        }
        return Either.left(e);
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
            String t = Hints.tryText(inner, s -> parse(s).isRight());
            if (t != null) {
                return new AddressError(text, 0, "brackets around an IPv6 address",
                        "brackets belong to an endpoint such as `[::1]:80`; " + t);
            }
        }
        return new AddressError(text, 0, "stray `[`", "brackets belong to an endpoint such as `[::1]:80`; use Endpoint.parse for those");
    }

    /** The longest interface name Linux takes: IFNAMSIZ (16) less the final NUL. */
    public static final int ZONE_MAX = 15;

    private static final String ZONE_RANGE = "a zone is an interface name of at most " + ZONE_MAX
            + " bytes or an interface index in [1, " + Integer.MAX_VALUE + "], as in `fe80::1%eth0` or `fe80::1%2`";

    /**
     * Why a zone of {@linkplain #isZoneChar zone characters} can never name an interface, or null
     * where it can. An interface name is at most {@value #ZONE_MAX} bytes and is not {@code .} or
     * {@code ..} (Linux's dev_valid_name); an all-digit zone is an interface index, and Linux's
     * indexes are positive ints, so it must be in [1, 2^31-1] (0 means "no scope" to the JDK and the
     * kernel); {@code -} then digits reads as a negative index. The reason is at index 0, the hint at 1.
     */
    public static String[] zoneProblem(String zone) {
        if (zone.length() > ZONE_MAX) {
            return new String[] {"zone of " + zone.length() + " bytes, longer than an interface name can be (" + ZONE_MAX + ")",
                    ZONE_RANGE};
        }
        if (zone.equals(".") || zone.equals("..")) {
            return new String[] {"zone `" + zone + "` can never name an interface", "Linux refuses `.` and `..` as interface names; " + ZONE_RANGE};
        }
        boolean negative = zone.length() > 1 && zone.charAt(0) == '-' && allDigits(zone, 1);
        if (negative) {
            return new String[] {"zone index " + zone + " is negative", ZONE_RANGE};
        }
        if (allDigits(zone, 0) && zoneIndex(zone) < 1) {
            return new String[] {"zone index " + zone + " is out of range", ZONE_RANGE};
        }
        return null;
    }

    /**
     * The interface index of an all-digit zone ({@code 2} for {@code fe80::1%2}), 0 where it is out
     * of [1, 2^31-1], or -1 where the zone is a name (or empty).
     */
    public static int zoneIndex(String zone) {
        if (zone.isEmpty() || !allDigits(zone, 0)) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < zone.length(); i++) {
            v = v * 10 + (zone.charAt(i) - '0');
            if (v > Integer.MAX_VALUE) {
                return 0;
            }
        }
        return (int) v;
    }

    private static boolean allDigits(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return from < s.length();
    }

    private static AddressError zoneError(String text, int zoneStart, String zone) {
        String[] problem = zoneProblem(zone);
        if (problem == null) {
            return null;
        }
        int at = zone.length() > ZONE_MAX ? zoneStart + ZONE_MAX : zoneStart;
        return new AddressError(text, at, problem[0], problem[1]);
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
