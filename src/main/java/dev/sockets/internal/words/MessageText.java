package dev.sockets.internal.words;

/**
 * Text from outside (a parsed input, a peer's or a config's words, a path) made safe to put in an
 * exception message or a log line: escaped, so that it cannot forge a log line or reorder what a
 * terminal shows, and bounded, so that a 10 MB input does not make a 10 MB message.
 *
 * <p>The escaping, one rule for the whole library: {@code \} becomes {@code \\}; tab, line feed
 * and carriage return become {@code \t}, {@code \n}, {@code \r}; every other C0 control
 * (U+0000–U+001F), DEL (U+007F), C1 control (U+0080–U+009F), the line and paragraph separators
 * (U+2028, U+2029), the bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and
 * a lone surrogate become {@code \}{@code u} and four lower-case hex digits ({@code \}{@code u001b}
 * for ESC). Because {@code \} itself is escaped, the escaped text reads back to exactly one text.
 */
public final class MessageText {
    private MessageText() {
    }

    /** How many chars of escaped text {@link #quote(String)} keeps before "…(N more chars)". */
    public static final int QUOTE_LIMIT = 100;

    /** How many code points {@link #cut(String)} keeps of a copy embedded in a reason or a hint. */
    public static final int CUT_LIMIT = 64;

    /** The text escaped, at most {@value #QUOTE_LIMIT} chars of it then "…(N more chars)". */
    public static String quote(String text) {
        return quote(text, QUOTE_LIMIT);
    }

    /**
     * The text escaped, cut after at most {@code limit} chars of escaped text, never inside an
     * escape or a surrogate pair; then "…(N more chars)", N counting the chars of {@code text} left out.
     */
    public static String quote(String text, int limit) {
        String s = String.valueOf(text);
        var b = new StringBuilder(Math.min(s.length(), limit) + 24);
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int before = b.length();
            appendEscaped(b, cp);
            if (b.length() > limit) {
                b.setLength(before);
                return b.append("…(").append(s.length() - i).append(" more chars)").toString();
            }
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    /**
     * At most {@value #CUT_LIMIT} code points of the text, as they are (not escaped), then
     * "…(N more chars)": for a copy of an input, or a form derived from it, that a reason or a hint
     * quotes. {@link dev.sockets.AddressError}'s message escapes reason and hint when it is built.
     */
    public static String cut(String text) {
        String s = String.valueOf(text);
        if (s.codePointCount(0, s.length()) <= CUT_LIMIT) {
            return s;
        }
        int end = s.offsetByCodePoints(0, CUT_LIMIT);
        return s.substring(0, end) + "…(" + (s.length() - end) + " more chars)";
    }

    /** True for the code points that the escaping rule rewrites. */
    public static boolean isEscaped(int cp) {
        return cp == '\\' || cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F
                || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
                || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
    }

    private static void appendEscaped(StringBuilder b, int cp) {
        if (!isEscaped(cp)) {
            b.appendCodePoint(cp);
            return;
        }
        switch (cp) {
            case '\\':
                b.append("\\\\");
                break;
            case '\t':
                b.append("\\t");
                break;
            case '\n':
                b.append("\\n");
                break;
            case '\r':
                b.append("\\r");
                break;
            default:
                b.append("\\u");
                String hex = Integer.toHexString(cp);
                b.append("0".repeat(4 - hex.length())).append(hex);
                break;
        }
    }
}
