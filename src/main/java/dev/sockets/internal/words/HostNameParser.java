package dev.sockets.internal.words;

import dev.sockets.AddressError;

/**
 * Checks host names against RFC 1123: dot-separated labels of 1 to 63 ASCII letters, digits and
 * hyphens, no label starting or ending with a hyphen, at most 253 characters not counting one
 * trailing dot.
 *
 * <p>Three decisions beyond the RFC's grammar:
 * <ul>
 * <li>A name whose last label is all digits is refused: {@code 1.2.3} and {@code 256.1.1.1} are
 *     malformed addresses, not names (RFC 1123 section 2.1 says a top-level label is alphabetic),
 *     and a resolver would otherwise send them to DNS.
 * <li>A name that C's {@code inet_aton} reads as an address ({@code 0x7f000001}, {@code 10.0xff})
 *     is refused too: glibc's resolver would turn it into that address without asking DNS.
 * <li>Non-ASCII names are refused with their punycode form as the hint: an internationalized
 *     name is resolved by its ASCII form, and converting it silently would hide look-alike
 *     characters from the user.
 * </ul>
 */
public final class HostNameParser {
    private HostNameParser() {
    }

    private static final String NAME_HINT = "a host name is labels of letters, digits and hyphens between dots (RFC 1123)";

    /** The problem with a host name, or {@code null} when it is a valid RFC 1123 name. */
    public static AddressError check(String text) {
        int len = text.length();
        if (len == 0) {
            return new AddressError(text, 0, "empty host name", "\"\" is the any address, not a name");
        }
        int labels = 1;
        int labelStart = 0;
        boolean allDigits = true;
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            if (i == 253 && !(c == '.' && i == len - 1)) {
                return new AddressError(text, i, "name is " + (text.charAt(len - 1) == '.' ? len - 1 : len)
                        + " characters, more than 253", "a host name has at most 253 characters");
            }
            if (c == '.') {
                if (i == labelStart) {
                    return new AddressError(text, i, "empty label", "labels between dots hold 1 to 63 characters");
                }
                if (text.charAt(i - 1) == '-') {
                    return new AddressError(text, i - 1, "label " + labels + " ends with `-`", NAME_HINT);
                }
                if (i == len - 1) {
                    break; // the one trailing dot of a fully qualified name
                }
                labels++;
                labelStart = i + 1;
                allDigits = true;
                continue;
            }
            if (i - labelStart == 63) {
                int end = text.indexOf('.', labelStart);
                return new AddressError(text, labelStart, "label " + labels + " is " + ((end < 0 ? len : end) - labelStart)
                        + " characters, more than 63", "a label holds 1 to 63 characters");
            }
            if (c >= '0' && c <= '9') {
                continue;
            }
            allDigits = false;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                continue;
            }
            if (c == '-') {
                if (i == labelStart) {
                    return new AddressError(text, i, "label " + labels + " starts with `-`", NAME_HINT);
                }
                continue;
            }
            return badCharacter(text, i);
        }
        if (text.charAt(len - 1) == '-') {
            return new AddressError(text, len - 1, "label " + labels + " ends with `-`", NAME_HINT);
        }
        if (allDigits) {
            return allDigitLastLabel(text, labelStart);
        }
        if (text.charAt(labelStart) == '0' && labelStart + 1 < len && (text.charAt(labelStart + 1) | 0x20) == 'x') {
            // `0x7f000001` is a valid RFC 1123 name, but glibc's resolver reads it with inet_aton
            // as 127.0.0.1 before it asks DNS: the address confusion that strict parsing prevents.
            var lenient = Ipv4Parser.parseLenient(text);
            if (lenient.isRight()) {
                return new AddressError(text, -1, "a hex address, not a host name",
                        "C's resolver reads it as `" + lenient.get().text() + "`; use Ipv4.parseLenient if you mean that address");
            }
        }
        return null;
    }

    private static AddressError badCharacter(String text, int at) {
        int cp = text.codePointAt(at);
        if (cp > 0x7F && !Character.isDigit(cp)) {
            String ascii = punycode(text);
            String hint;
            if (ascii == null) {
                hint = "write an internationalized name in its ASCII (punycode) form, see java.net.IDN.toASCII";
            } else if (ascii.contains("xn--")) {
                hint = "write an internationalized name in its ASCII (punycode) form: `" + MessageText.cut(ascii) + "`";
            } else {
                // IDNA mapped the character away (a zero-width space, a full-width letter): say what is left.
                hint = "the name without it, in plain ASCII, is `" + MessageText.cut(ascii) + "`";
            }
            return new AddressError(text, at, "non-ASCII character " + Ipv4Parser.describe(cp) + " in a host name", hint);
        }
        if (cp == '%') {
            return Ipv4Parser.stray(text, at, "in a host", "a `%zone` belongs to an IPv6 address such as `fe80::1%eth0`");
        }
        if (isDigitsAndDotsBefore(text, at)) {
            return Ipv4Parser.stray(text, at, "in an address", "an IPv4 address holds ASCII digits and dots only");
        }
        if (cp == '_') {
            return Ipv4Parser.stray(text, at, "in a host name", "`_` is not allowed in host names; " + NAME_HINT);
        }
        return Ipv4Parser.stray(text, at, "in a host name", NAME_HINT);
    }

    private static boolean isDigitsAndDotsBefore(String text, int at) {
        if (at == 0) {
            return false;
        }
        for (int i = 0; i < at; i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** The name in punycode, only to show in a hint; {@code null} where the JDK cannot convert it. */
    private static String punycode(String text) {
        try {
            return java.net.IDN.toASCII(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The last label is all digits: a malformed address. Explain it as one. */
    private static AddressError allDigitLastLabel(String text, int lastLabel) {
        if (isDigitsAndDotsBefore(text, text.length())) {
            long r = Ipv4Parser.scan(text, 0, text.length());
            if (r < 0) {
                return Ipv4Parser.error(text, r);
            }
            return new AddressError(text, -1, "an IPv4 address, not a host name", "use Host.parse, which takes both");
        }
        var lenient = Ipv4Parser.parseLenient(text);
        String end = text.charAt(text.length() - 1) == '.' ? text.substring(lastLabel, text.length() - 1) : text.substring(lastLabel);
        return new AddressError(text, lastLabel, "last label `" + MessageText.cut(end) + "` is all digits",
                lenient.isRight()
                        ? "inet_aton reads it as `" + lenient.get().text() + "`: use the lenient parser for such forms; a host name ends with a label that has a letter"
                        : "a host name ends with a label that has a letter; an IPv4 address is four decimal parts 0–255");
    }
}
