package dev.sockets.internal.words;

import dev.sockets.AddressError;
import dev.sockets.Host;
import io.vavr.control.Either;

/**
 * Hand-written parsers for IPv4 text: the strict dotted quad and the lenient {@code inet_aton} forms.
 *
 * <p>DEV-NOTE: the strict scan returns a {@code long}, the 32 bits when non-negative and an encoded
 * error when negative, so that the common path (a literal that parses) allocates nothing but the
 * result, and the IPv6 parser can reuse it for an embedded dotted quad with positions that count
 * from the start of the whole text. Messages are built only on the error path.
 */
public final class Ipv4Parser {
    private Ipv4Parser() {
    }

    static final int EMPTY_PART = 1;
    static final int LEADING_ZERO = 2;
    static final int OUT_OF_RANGE = 3;
    static final int TOO_MANY = 4;
    static final int TOO_FEW = 5;
    static final int STRAY = 6;

    private static final String LENIENT = "or use the lenient parser";

    /** Strict dotted quad: four decimal parts 0–255, no leading zeros, ASCII digits and dots only. */
    public static Either<AddressError, Host.Ipv4> parseStrict(String text) {
        if (text == null) {
            return Either.left(new AddressError("null", -1, "the address is null", "pass a dotted quad such as `127.0.0.1`"));
        }
        long r = scan(text, 0, text.length());
        if (r >= 0) {
            return Either.right(new Host.Ipv4((int) r));
        }
        return Either.left(error(text, r));
    }

    /**
     * Scans {@code text[from, to)} as a strict dotted quad.
     *
     * @return the address in the low 32 bits (non-negative), or a negative error code for {@link #error}
     */
    static long scan(String text, int from, int to) {
        // DEV-NOTE: unrolled per part (a part has at most 3 digits), which halves the time of the
        // plain per-char loop kept below as scanReference; HostProperties checks they agree.
        long bits = 0;
        int i = from;
        for (int part = 1; ; part++) {
            int start = i;
            if (i >= to) {
                return code(EMPTY_PART, part, i);
            }
            int v = text.charAt(i) - '0';
            if (v < 0 || v > 9) {
                return code(text.charAt(i) == '.' ? EMPTY_PART : STRAY, part, i);
            }
            i++;
            if (i < to) {
                int d = text.charAt(i) - '0';
                if (d >= 0 && d <= 9) {
                    if (v == 0) {
                        return code(LEADING_ZERO, part, start);
                    }
                    v = v * 10 + d;
                    i++;
                    if (i < to) {
                        d = text.charAt(i) - '0';
                        if (d >= 0 && d <= 9) {
                            v = v * 10 + d;
                            i++;
                            if (v > 255) {
                                return code(OUT_OF_RANGE, part, start);
                            }
                            if (i < to) {
                                d = text.charAt(i) - '0';
                                if (d >= 0 && d <= 9) {
                                    return code(OUT_OF_RANGE, part, start);
                                }
                            }
                        }
                    }
                }
            }
            bits = (bits << 8) | v;
            if (i >= to) {
                return part == 4 ? bits : code(TOO_FEW, part, i);
            }
            if (text.charAt(i) != '.') {
                return code(STRAY, part, i);
            }
            if (part == 4) {
                return code(TOO_MANY, part, i);
            }
            i++;
        }
    }

    /** The plain per-char scan, the specification of {@link #scan}: tests check that both agree. */
    static long scanReference(String text, int from, int to) {
        int part = 1;
        int value = 0;
        int digits = 0;
        int partStart = from;
        long bits = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits == 1 && value == 0) {
                    return code(LEADING_ZERO, part, partStart);
                }
                value = value * 10 + (c - '0');
                digits++;
                if (value > 255) {
                    return code(OUT_OF_RANGE, part, partStart);
                }
            } else if (c == '.') {
                if (digits == 0) {
                    return code(EMPTY_PART, part, i);
                }
                if (part == 4) {
                    return code(TOO_MANY, part, i);
                }
                bits = (bits << 8) | value;
                part++;
                value = 0;
                digits = 0;
                partStart = i + 1;
            } else {
                return code(STRAY, part, i);
            }
        }
        if (digits == 0) {
            return code(EMPTY_PART, part, to);
        }
        if (part < 4) {
            return code(TOO_FEW, part, to);
        }
        return (bits << 8) | value;
    }

    private static long code(int kind, int part, int position) {
        return Long.MIN_VALUE | kind | ((long) part << 8) | ((long) position << 16);
    }

    static int kind(long code) {
        return (int) (code & 0xFF);
    }

    static int part(long code) {
        return (int) ((code >>> 8) & 0xFF);
    }

    static int position(long code) {
        return (int) ((code >>> 16) & 0xFFFF_FFFFL);
    }

    /** The error for a stand-alone dotted quad. */
    static AddressError error(String text, long code) {
        int part = part(code);
        int at = position(code);
        switch (kind(code)) {
            case EMPTY_PART:
                if (text.isEmpty()) {
                    return new AddressError(text, 0, "empty address", "an IPv4 address has four decimal parts, such as `127.0.0.1`");
                }
                return new AddressError(text, at, "empty part " + part, "an IPv4 address has four decimal parts 0–255 between dots");
            case LEADING_ZERO: {
                String fixed = stripLeadingZeros(text, 0, text.length());
                String hint = scan(fixed, 0, fixed.length()) >= 0
                        ? "C reads it as octal, Java as decimal — " + Hints.TRY + fixed + "`, " + LENIENT
                        : "C reads it as octal, Java as decimal — drop the leading zeros, " + LENIENT;
                return new AddressError(text, at, "leading zero in part " + part, hint);
            }
            case OUT_OF_RANGE: {
                // `2130706433` or `127.65535`: an inet_aton form, whose last part fills several bytes.
                var lenient = text.indexOf('.', at) < 0 && part < 4 ? parseLenient(text) : null;
                String hint = lenient != null && lenient.isRight()
                        ? "inet_aton reads it as " + lenient.get().text() + ": " + Hints.TRY + lenient.get().text() + "`, " + LENIENT
                        : "each of the four parts is one byte, 0 to 255";
                return new AddressError(text, at, "part " + part + " is " + digitsAt(text, at) + ", more than 255", hint);
            }
            case TOO_MANY:
                return new AddressError(text, at, "too many parts", "an IPv4 address has four parts");
            case TOO_FEW: {
                var lenient = parseLenient(text);
                String hint = lenient.isRight()
                        ? "inet_aton reads it as " + lenient.get().text() + ": " + Hints.TRY + lenient.get().text() + "`, " + LENIENT
                        : "an IPv4 address has four decimal parts, such as `127.0.0.1`";
                return new AddressError(text, at, "too few parts (" + part + " of 4)", hint);
            }
            default: {
                char c = text.charAt(at);
                if ((c == 'x' || c == 'X') && at > 0 && text.charAt(at - 1) == '0') {
                    return stray(text, at, "in part " + part, "hex parts are an inet_aton form: use the lenient parser");
                }
                return stray(text, at, "in part " + part, "an IPv4 address holds ASCII digits and dots only");
            }
        }
    }

    /** The error for a dotted quad embedded at the end of an IPv6 address. */
    static AddressError errorInIpv6(String text, long code, int from, int to) {
        int part = part(code);
        int at = position(code);
        String where = " of the embedded IPv4 address";
        switch (kind(code)) {
            case EMPTY_PART:
                return new AddressError(text, at, "empty part " + part + where,
                        "the last 32 bits may be written as a dotted quad such as `::ffff:192.0.2.1`");
            case LEADING_ZERO: {
                String fixed = stripLeadingZeros(text, from, to);
                String hint = Ipv6Parser.parse(fixed).isRight() && fixed.length() <= MessageText.CUT_LIMIT
                        ? "C reads it as octal, Java as decimal — " + Hints.TRY + fixed + "`"
                        : "C reads it as octal, Java as decimal — drop the leading zeros";
                return new AddressError(text, at, "leading zero in part " + part + where, hint);
            }
            case OUT_OF_RANGE:
                return new AddressError(text, at, "part " + part + where + " is " + digitsAt(text, at) + ", more than 255",
                        "each of the four parts is one byte, 0 to 255");
            case TOO_MANY:
                return new AddressError(text, at, "too many parts" + where, "a dotted quad has four parts");
            case TOO_FEW:
                return new AddressError(text, at, "too few parts (" + part + " of 4)" + where,
                        "a dotted quad has four decimal parts, such as `::ffff:192.0.2.1`");
            default:
                if (text.charAt(at) == ':') {
                    return new AddressError(text, at, "`:` after the embedded IPv4 address",
                            "a dotted quad can only be the last 32 bits");
                }
                return stray(text, at, "in part " + part + where, "a dotted quad holds ASCII digits and dots only");
        }
    }

    /** A character that does not belong, described so that invisible and look-alike ones show. */
    static AddressError stray(String text, int at, String where, String hint) {
        int cp = text.codePointAt(at);
        if (cp > 0x7F && Character.isDigit(cp)) {
            return new AddressError(text, at, "non-ASCII digit " + describe(cp) + " " + where,
                    "write the ASCII digits 0–9");
        }
        return new AddressError(text, at, "stray character " + describe(cp) + " " + where, hint);
    }

    /** {@code `c`} for visible ASCII, otherwise the code point too, so that a space or a look-alike shows. */
    static String describe(int cp) {
        if (cp > 0x20 && cp < 0x7F && cp != '`') {
            return "`" + (char) cp + "`";
        }
        String u = String.format("U+%04X", cp);
        if (cp == ' ') {
            return "space (" + u + ")";
        }
        int type = Character.getType(cp);
        if (Character.isISOControl(cp) || !Character.isDefined(cp) || Character.isWhitespace(cp) || cp == '`'
                || type == Character.SURROGATE || type == Character.FORMAT || type == Character.SPACE_SEPARATOR
                || type == Character.PRIVATE_USE) {
            return u;
        }
        return "`" + new String(Character.toChars(cp)) + "` (" + u + ")";
    }

    private static String digitsAt(String text, int at) {
        int end = at;
        while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
            end++;
        }
        return MessageText.cut(text.substring(at, end));
    }

    /** The text with the leading zeros of every dotted part in [from, to) removed: Java's decimal reading. */
    private static String stripLeadingZeros(String text, int from, int to) {
        var b = new StringBuilder(text.length()).append(text, 0, from);
        boolean partStart = true;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (partStart && c == '0' && i + 1 < to && text.charAt(i + 1) >= '0' && text.charAt(i + 1) <= '9') {
                continue;
            }
            b.append(c);
            partStart = c == '.';
        }
        return b.append(text, to, text.length()).toString();
    }

    /**
     * The {@code inet_aton} forms: 1 to 4 parts, each decimal, octal (leading {@code 0}) or hex
     * ({@code 0x}/{@code 0X}); the last part fills the bytes that remain (a = 32 bits, a.b = 8.24,
     * a.b.c = 8.8.16). Unlike glibc, nothing may follow the address (glibc stops at white space).
     */
    public static Either<AddressError, Host.Ipv4> parseLenient(String text) {
        if (text == null) {
            return Either.left(new AddressError("null", -1, "the address is null", "pass an address such as `127.1`"));
        }
        int len = text.length();
        if (len == 0) {
            return Either.left(new AddressError(text, 0, "empty address", "pass an address such as `127.1` or `0x7f000001`"));
        }
        long[] parts = new long[4];
        int[] starts = new int[4];
        int n = 0;
        int i = 0;
        while (true) {
            if (n == 4) {
                return Either.left(new AddressError(text, i - 1, "too many parts", "inet_aton takes 1 to 4 parts"));
            }
            int start = i;
            starts[n] = start;
            int base = 10;
            if (i < len && text.charAt(i) == '0') {
                base = 8;
                i++;
                if (i < len && (text.charAt(i) == 'x' || text.charAt(i) == 'X')) {
                    base = 16;
                    i++;
                }
            }
            long v = 0;
            int digits = base == 8 ? 1 : 0; // the leading 0 of an octal part is itself the value 0
            while (i < len && text.charAt(i) != '.') {
                char c = text.charAt(i);
                int d = c >= '0' && c <= '9' ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (d < 0 || d >= base) {
                    String kind = base == 16 ? "hex" : base == 8 ? "octal" : "decimal";
                    if (d < 0) {
                        return Either.left(stray(text, i, "in part " + (n + 1), "inet_aton parts are decimal, octal (leading 0) or hex (0x)"));
                    }
                    return Either.left(new AddressError(text, i, "digit " + describe(c) + " in " + kind + " part " + (n + 1),
                            base == 8 ? "a leading 0 makes the part octal (digits 0–7); drop the 0 for decimal" : "write 0x before hex digits"));
                }
                // Saturate instead of overflowing; anything above 32 bits is refused below.
                v = Math.min(v * base + d, 1L << 33);
                digits++;
                i++;
            }
            if (digits == 0) {
                if (base == 16) {
                    return Either.left(new AddressError(text, start, "hex part " + (n + 1) + " has no digits", "write a digit after 0x"));
                }
                return Either.left(new AddressError(text, i, "empty part " + (n + 1), "inet_aton takes 1 to 4 parts between dots"));
            }
            parts[n++] = v;
            if (i == len) {
                break;
            }
            i++; // the dot
            if (i == len) {
                return Either.left(new AddressError(text, i, "empty part " + (n + 1), "inet_aton takes 1 to 4 parts between dots"));
            }
        }
        long bits = 0;
        for (int p = 0; p < n - 1; p++) {
            if (parts[p] > 255) {
                return Either.left(new AddressError(text, starts[p], "part " + (p + 1) + " is " + shown(text, starts[p]) + ", more than 255",
                        "every part but the last is one byte"));
            }
            bits = (bits << 8) | parts[p];
        }
        int lastBytes = 5 - n;
        long max = (1L << (8 * lastBytes)) - 1;
        long last = parts[n - 1];
        if (last > max) {
            return Either.left(new AddressError(text, starts[n - 1], "part " + n + " is " + shown(text, starts[n - 1]) + ", more than " + max,
                    n == 1 ? "a single part fills all 4 bytes"
                            : "the last of " + n + " parts fills the last " + lastBytes + (lastBytes == 1 ? " byte" : " bytes")));
        }
        bits = (bits << (8 * lastBytes)) | last;
        return Either.right(new Host.Ipv4((int) bits));
    }

    private static String shown(String text, int start) {
        int end = text.indexOf('.', start);
        return MessageText.cut(text.substring(start, end < 0 ? text.length() : end));
    }
}
