package dev.sockets.internal.words;

import dev.sockets.AddressError;
import java.util.Locale;

/**
 * Checks host names: dot-separated labels of letters, digits, hyphens and underscores, or of any
 * letters of any script (an internationalized name), as a resolver would take them.
 *
 * <p>What is refused is what no resolver could use: an empty label, a label of more than 63
 * characters or a name of more than 253 in the ASCII form, white space and control or format
 * characters (invisible in a terminal), other ASCII punctuation, and a label that starts or ends
 * with {@code -}. {@code _} is accepted anywhere a letter is: {@code my_host} and
 * {@code _sip._tcp.example.com} are in {@code /etc/hosts} files, container networks and SRV
 * records, and glibc, Go and Guava take them.
 *
 * <p>A name with non-ASCII characters is resolved by its ASCII form, which {@link #ascii} makes as
 * browsers and Python's {@code idna} codec do: each label through {@code java.net.IDN.toASCII}
 * (IDNA 2003: case folded, NFKC, {@code 。．｡} as dots, punycode), then lower case.
 * {@code bücher.example} is resolved as {@code xn--bcher-kva.example}; {@code Host} prints both forms
 * so that a look-alike letter shows in the second.
 *
 * <p>Two decisions keep literals strict:
 * <ul>
 * <li>A name whose last label is all digits is refused: {@code 1.2.3} and {@code 256.1.1.1} are
 *     malformed addresses, not names (RFC 1123 section 2.1 says a top-level label is alphabetic),
 *     and a resolver would otherwise send them to DNS. So is a name of digits of any script and
 *     dots ({@code １.2.3.4}), whose ASCII form would be an address.
 * <li>A name that C's {@code inet_aton} reads as an address ({@code 0x7f000001}, {@code 10.0xff})
 *     is refused too: glibc's resolver would turn it into that address without asking DNS.
 * </ul>
 */
public final class HostNameParser {
    private HostNameParser() {
    }

    /** Longer labels are refused before IDNA: 63 ASCII characters come from at most this many, but for ignorable marks. */
    private static final int LABEL_AS_WRITTEN_MAX = 253;

    private static final int MAX_LABELS = 130;

    private static final String NAME_HINT = "a host name is labels of letters, digits, hyphens and underscores between dots";

    /** The problem with a host name, or {@code null} when a resolver could be asked for it. */
    public static AddressError check(String text) {
        if (text.isEmpty()) {
            return new AddressError(text, 0, "empty host name", "\"\" is the any address, not a name");
        }
        return isAscii(text) ? checkAscii(text) : checkUnicode(text);
    }

    /**
     * The ASCII form of a name that {@link #check} accepts: the name as written when it is ASCII,
     * otherwise each label mapped by IDNA and the whole in lower case, one trailing dot kept.
     */
    public static String ascii(String text) {
        if (isAscii(text)) {
            return text;
        }
        var b = new StringBuilder(text.length() + 16);
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || isDot(text.charAt(i))) {
                if (i > start) {
                    b.append(labelToAscii(text.substring(start, i)));
                }
                if (i < text.length()) {
                    b.append('.');
                }
                start = i + 1;
            }
        }
        return b.toString();
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The full stops IDNA reads as dots: ASCII, ideographic, full-width, half-width ideographic. */
    private static boolean isDot(char c) {
        return c == '.' || c == '\u3002' || c == '\uFF0E' || c == '\uFF61';
    }

    private static String labelToAscii(String label) {
        if (isAscii(label)) {
            return label.toLowerCase(Locale.ROOT);
        }
        return java.net.IDN.toASCII(label, java.net.IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    }

    private static AddressError checkAscii(String text) {
        int len = text.length();
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
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
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
            // `0x7f000001` is a valid name, but glibc's resolver reads it with inet_aton as
            // 127.0.0.1 before it asks DNS: the address confusion that strict parsing prevents.
            var lenient = Ipv4Parser.parseLenient(text);
            if (lenient.isRight()) {
                return new AddressError(text, -1, "a hex address, not a host name",
                        "C's resolver reads it as `" + lenient.get().text() + "`; use Ipv4.parseLenient if you mean that address");
            }
        }
        return null;
    }

    /**
     * A name with non-ASCII characters: characters first (positions in what the user typed), then
     * each label's ASCII form, then the ASCII form as a whole under the ASCII rules.
     */
    private static AddressError checkUnicode(String text) {
        int len = text.length();
        for (int i = 0; i < len; ) {
            int cp = text.codePointAt(i);
            if (cp < 0x80 && !(cp == '.' || cp == '-' || cp == '_' || Character.isLetterOrDigit(cp))) {
                return badCharacter(text, i);
            }
            if (Hints.isSpace(cp)) {
                return spaceError(text, i);
            }
            int type = Character.getType(cp);
            if (Character.isISOControl(cp) || type == Character.FORMAT || type == Character.SURROGATE || MessageText.isEscaped(cp)) {
                return invisible(text, i);
            }
            i += Character.charCount(cp);
        }
        int nonAsciiDigit = nonAsciiDigitOfAnAddress(text);
        if (nonAsciiDigit >= 0) {
            return Ipv4Parser.stray(text, nonAsciiDigit, isDigitsAndDotsBefore(text, nonAsciiDigit) ? "in an address" : "in a host name",
                    "write the ASCII digits 0–9");
        }
        // Each label to ASCII, remembering where it starts in both forms to report positions in the input.
        // At most 128 labels are mapped: each adds 2 or more characters, and mapping stops past 254.
        int[] inputStart = new int[MAX_LABELS];
        int[] asciiStart = new int[MAX_LABELS];
        boolean[] same = new boolean[MAX_LABELS];
        var ascii = new StringBuilder(Math.min(len, 256) + 16);
        int labels = 0;
        int start = 0;
        for (int i = 0; i <= len; i++) {
            if (i < len && !isDot(text.charAt(i))) {
                continue;
            }
            if (i == start) {
                if (i == len && labels > 0) {
                    break; // the one trailing dot of a fully qualified name
                }
                return new AddressError(text, i < len ? i : start, "empty label", "labels between dots hold 1 to 63 characters");
            }
            String label = text.substring(start, i);
            if (label.length() > LABEL_AS_WRITTEN_MAX) {
                // IDNA only removes invisible marks, so such a label cannot map to 63; and the JDK's
                // punycode refuses long input with a RuntimeException on some versions.
                return new AddressError(text, start, "label " + (labels + 1) + " is " + label.length() + " characters",
                        "a label holds 1 to 63 characters of its ASCII (punycode) form");
            }
            String a;
            try {
                a = labelToAscii(label);
            } catch (RuntimeException e) {
                return idnaError(text, start, i, labels + 1, e);
            }
            inputStart[labels] = start;
            asciiStart[labels] = ascii.length();
            same[labels] = a.length() == label.length() && isAscii(label);
            labels++;
            ascii.append(a);
            if (i < len) {
                ascii.append('.');
            }
            start = i + 1;
            if (ascii.length() > 254 && i < len) {
                // Already too long: the rest need not be mapped (a huge input stays cheap).
                return new AddressError(text, inputStart[labels - 1], "name is more than 253 characters in the ASCII form",
                        "a host name has at most 253 characters");
            }
        }
        String form = ascii.toString();
        AddressError e = checkAscii(form);
        if (e == null) {
            return null;
        }
        int at = e.position();
        if (at >= 0) {
            int k = labels - 1;
            while (k > 0 && asciiStart[k] > at) {
                k--;
            }
            at = same[k] ? Math.min(inputStart[k] + (at - asciiStart[k]), len) : inputStart[k];
        }
        return new AddressError(text, at, e.reason() + " in the ASCII form",
                Hints.join(e.hint(), "the ASCII form is `" + MessageText.cut(form) + "`"));
    }

    /** The first non-ASCII digit of a text of digits of any script and dots, or -1: a look-alike address. */
    private static int nonAsciiDigitOfAnAddress(String text) {
        int first = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (!isDot((char) cp) && !Character.isDigit(cp)) {
                return -1;
            }
            if (cp >= 0x80 && Character.isDigit(cp) && first < 0) {
                first = i;
            }
            i += Character.charCount(cp);
        }
        return first;
    }

    /** IDNA refused a label: say which character or rule, where the JDK's message lets us. */
    private static AddressError idnaError(String text, int from, int to, int label, RuntimeException e) {
        String why = String.valueOf(e.getMessage());
        if (why.contains("ACE Prefix")) {
            return new AddressError(text, from, "label " + label + " starts with `xn--` and has non-ASCII characters",
                    "an `xn--` label is already the ASCII form; write the label in Unicode without `xn--`, or all in ASCII");
        }
        if (why.contains("too long")) {
            return new AddressError(text, from, "label " + label + " is more than 63 characters in the ASCII form",
                    "a label holds 1 to 63 characters of its ASCII (punycode) form");
        }
        if (why.contains("Empty label")) {
            return new AddressError(text, from, "label " + label + " is empty once mapped",
                    "it holds only characters that IDNA removes, such as variation selectors");
        }
        for (int i = from; i < to; ) {
            int cp = text.codePointAt(i);
            if (cp >= 0x80) {
                try {
                    java.net.IDN.toASCII(new String(Character.toChars(cp)), java.net.IDN.ALLOW_UNASSIGNED);
                } catch (RuntimeException alone) {
                    if (String.valueOf(alone.getMessage()).contains("prohibited")) {
                        return new AddressError(text, i, "character " + Ipv4Parser.describe(cp) + " cannot be in a host name",
                                Hints.join("IDNA (RFC 3491) prohibits it", withoutIt(text, i, Character.charCount(cp))));
                    }
                }
            }
            i += Character.charCount(cp);
        }
        if (why.contains("BiDi")) {
            return new AddressError(text, from, "label " + label + " mixes right-to-left and left-to-right characters",
                    "IDNA (RFC 3491) takes a right-to-left label only if it starts and ends with a right-to-left character");
        }
        return new AddressError(text, from, "label " + label + " is refused by IDNA: " + MessageText.cut(why), NAME_HINT);
    }

    /** An invisible character (control, format, separator): say which, and offer the name without it. */
    private static AddressError invisible(String text, int at) {
        int cp = text.codePointAt(at);
        String without = withoutIt(text, at, Character.charCount(cp));
        return Ipv4Parser.stray(text, at, "in a host name", without != null ? without : NAME_HINT);
    }

    /** {@code try `...`} with the char at {@code at} removed, where that parses; else null. */
    private static String withoutIt(String text, int at, int count) {
        String rest = text.substring(0, at) + text.substring(at + count);
        String t = Hints.tryText(rest, s -> HostParser.parse(s).isRight());
        return t == null ? null : "drop it: " + t;
    }

    private static AddressError spaceError(String text, int at) {
        String stripped = Hints.strip(text);
        if (!stripped.equals(text)) {
            String t = Hints.tryText(stripped, s -> HostParser.parse(s).isRight());
            if (t != null) {
                return Ipv4Parser.stray(text, at, "around a host name", "drop the white space: " + t);
            }
        }
        return Ipv4Parser.stray(text, at, "in a host name", "a host name has no spaces");
    }

    private static AddressError badCharacter(String text, int at) {
        int cp = text.codePointAt(at);
        if (cp < 0x20 || cp == 0x7F) {
            return invisible(text, at);
        }
        if (Hints.isSpace(cp)) {
            return spaceError(text, at);
        }
        if (cp == '%') {
            return Ipv4Parser.stray(text, at, "in a host", "a `%zone` belongs to an IPv6 address such as `fe80::1%eth0`");
        }
        if ((cp == '\'' || cp == '"') && text.length() > 2 && text.charAt(text.length() - 1) == cp && text.indexOf(cp, 1) == text.length() - 1) {
            return Ipv4Parser.stray(text, at, "in a host name",
                    Hints.join("the quotes belong to the code, not to the name", Hints.tryText(text.substring(1, text.length() - 1), s -> HostParser.parse(s).isRight())));
        }
        if (cp == '*' && text.length() == 1) {
            return new AddressError(text, 0, "`*` is not a host", "the any address (every interface) is \"\", as in Python");
        }
        if (cp == '@') {
            String host = text.substring(text.lastIndexOf('@') + 1);
            String t = Hints.tryText(host, s -> HostParser.parse(s).isRight());
            return Ipv4Parser.stray(text, at, "in a host name",
                    Hints.join("a host has no user part (`user@` belongs to ssh and URLs)", t));
        }
        if (cp == '/' || cp == '?' || cp == '#') {
            String t = Hints.tryText(text.substring(0, at), s -> HostParser.parse(s).isRight());
            if (isDigitsAndDotsBefore(text, at) && cp == '/') {
                return Ipv4Parser.stray(text, at, "in an address", Hints.join("a host is an address, not a prefix; drop the `/length`", t));
            }
            return Ipv4Parser.stray(text, at, "in a host name", Hints.join("a host has no path (that belongs to a URL)", t));
        }
        if (isDigitsAndDotsBefore(text, at)) {
            return Ipv4Parser.stray(text, at, "in an address", "an IPv4 address holds ASCII digits and dots only");
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
