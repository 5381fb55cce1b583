package dev.sockets.internal.words;

import java.util.function.Predicate;

/**
 * The one way an address error's hint suggests a replacement for the input: {@code try `X`}, where
 * X parses with the parser that refused the input. A test extracts X from every hint and parses it,
 * so a suggestion is only made through {@link #tryText}, which checks that X parses first.
 */
public final class Hints {
    private Hints() {
    }

    /** What precedes a suggested replacement in a hint; the suggestion ends at the next backquote. */
    public static final String TRY = "try `";

    /**
     * {@code try `X`} when {@code candidate} is accepted by {@code parses}, else {@code null}: a hint
     * never suggests text that would be refused in turn (or that {@link MessageText#cut} would shorten).
     */
    public static String tryText(String candidate, Predicate<String> parses) {
        if (candidate == null || candidate.isEmpty() || candidate.indexOf('`') >= 0
                || candidate.codePointCount(0, candidate.length()) > MessageText.CUT_LIMIT || !parses.test(candidate)) {
            return null;
        }
        return TRY + candidate + "`";
    }

    /** The suggested replacement in a hint, or {@code null} where it makes none. */
    public static String suggestion(String hint) {
        int at = hint.indexOf(TRY);
        if (at < 0) {
            return null;
        }
        int end = hint.indexOf('`', at + TRY.length());
        return end < 0 ? null : hint.substring(at + TRY.length(), end);
    }

    /** {@code first}, then {@code "; "} and {@code second} where there is a second. */
    static String join(String first, String second) {
        return second == null ? first : first + "; " + second;
    }

    /** True for a char that is white space to a reader: ASCII and Unicode spaces, tabs, line ends. */
    static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    /** The text without the white space around it. */
    static String strip(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && isSpace(text.charAt(from))) {
            from++;
        }
        while (to > from && isSpace(text.charAt(to - 1))) {
            to--;
        }
        return text.substring(from, to);
    }
}
