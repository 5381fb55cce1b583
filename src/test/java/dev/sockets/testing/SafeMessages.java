package dev.sockets.testing;

/**
 * What a message that quotes hostile text must not hold, written out here rather than taken from
 * the library's escaper: C0 and C1 controls, DEL, the line and paragraph separators, the bidi
 * controls and lone surrogates; and the fixed bound on its length.
 */
public final class SafeMessages {
    private SafeMessages() {
    }

    /** Every AddressError message is shorter than this, whatever the input. */
    public static final int BOUND = 1000;

    /** The first code point that could forge a log line or reorder a terminal's text, or -1. */
    public static int firstUnsafe(String message) {
        for (int i = 0; i < message.length(); ) {
            int cp = message.codePointAt(i);
            boolean unsafe = Character.getType(cp) == Character.CONTROL // C0, DEL, C1
                    || cp == 0x2028 || cp == 0x2029
                    || cp == 0x061C || cp == 0x200E || cp == 0x200F
                    || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
                    || Character.getType(cp) == Character.SURROGATE; // a lone one: codePointAt pairs the rest
            if (unsafe) {
                return cp;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    /** Fails unless the message is safe to log and within {@link #BOUND}. */
    public static void check(String message) {
        int bad = firstUnsafe(message);
        if (bad >= 0) {
            throw new AssertionError(String.format("U+%04X in the message %s", bad, escapedForReport(message)));
        }
        if (message.length() >= BOUND) {
            throw new AssertionError("message of " + message.length() + " chars, bound " + BOUND + ": "
                    + escapedForReport(message.substring(0, 300)));
        }
    }

    private static String escapedForReport(String s) {
        var b = new StringBuilder();
        s.codePoints().limit(400).forEach(c -> {
            if (c >= 0x20 && c < 0x7F) {
                b.appendCodePoint(c);
            } else {
                b.append(String.format("\\x{%x}", c));
            }
        });
        return b.toString();
    }
}
