package dev.sockets;

import dev.sockets.internal.words.MessageText;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One alternative of {@link Connection#expect(Expect...)}: a text, a pattern, or the end of the
 * stream or the timeout, which a script may take as answers instead of errors (pexpect's
 * {@code EOF} and {@code TIMEOUT}). Texts and patterns may be mixed in one call:
 *
 * <pre>{@code
 * var m = c.expect(Expect.text("login:"), Expect.pattern("[#$] "), Expect.EOF);
 * if (m.alternative() == Expect.EOF) {
 *     System.out.println("gone, last words: " + m.before());
 * }
 * }</pre>
 *
 * <p>It prints as it reads in a message: {@code "login:"}, {@code /\d{3} /}, {@code EOF},
 * {@code TIMEOUT}.
 */
public sealed interface Expect permits Expect.Text, Expect.Regex, Expect.End {

    /** The end of the stream as an answer: the match's {@code before()} is all that was left, and it is read. */
    Expect EOF = End.EOF;

    /**
     * The timeout as an answer: the match's {@code before()} is what came meanwhile, and those
     * bytes stay unread, as in pexpect.
     */
    Expect TIMEOUT = End.TIMEOUT;

    /**
     * Exactly this text, encoded in the connection's charset ({@code "$ "} is a dollar and a
     * space, not a pattern).
     *
     * @throws IllegalArgumentException if empty
     */
    static Expect text(String text) {
        return new Text(text);
    }

    /**
     * This pattern, searched (as {@link java.util.regex.Matcher#find()}) in the bytes read as
     * Latin-1, one char a byte; see {@link Connection#expect(Pattern...)}.
     */
    static Expect pattern(Pattern pattern) {
        return new Regex(pattern);
    }

    /** {@code pattern(Pattern.compile(regex))}. */
    static Expect pattern(String regex) {
        return new Regex(Pattern.compile(Objects.requireNonNull(regex, "regex")));
    }

    /**
     * Exact text to wait for.
     *
     * @param text what to wait for, not empty
     */
    record Text(String text) implements Expect {
        /** Checks the text. */
        public Text {
            Objects.requireNonNull(text, "text");
            if (text.isEmpty()) {
                throw new IllegalArgumentException("expected a text to wait for but was \"\"; Expect.EOF waits for the end");
            }
        }

        /** {@code "login:"}, escaped as in messages ({@code "\r\n"}). */
        @Override
        public String toString() {
            return "\"" + MessageText.quote(text) + "\"";
        }
    }

    /**
     * A pattern to wait for.
     *
     * @param pattern what to search for
     */
    record Regex(Pattern pattern) implements Expect {
        /** Checks the pattern. */
        public Regex {
            Objects.requireNonNull(pattern, "pattern");
        }

        /** Equal when the regex and its flags are: {@code Pattern} itself compares by identity. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Regex r && r.pattern.pattern().equals(pattern.pattern()) && r.pattern.flags() == pattern.flags();
        }

        @Override
        public int hashCode() {
            return pattern.pattern().hashCode() * 31 + pattern.flags();
        }

        /**
         * {@code /\d{3}\r\n/}: the regex as written, control characters escaped; a backslash
         * stays one, since an escaped control character and the character itself mean the same
         * to the pattern. At most 64 chars of it.
         */
        @Override
        public String toString() {
            String p = MessageText.cut(pattern.pattern());
            var b = new StringBuilder("/");
            int from = 0;
            for (int at; (at = p.indexOf('\\', from)) >= 0; from = at + 1) {
                b.append(MessageText.quote(p.substring(from, at), Integer.MAX_VALUE)).append('\\');
            }
            return b.append(MessageText.quote(p.substring(from), Integer.MAX_VALUE)).append('/').toString();
        }
    }

    /** The two alternatives that are not data: {@link #EOF} and {@link #TIMEOUT}. */
    enum End implements Expect {
        /** See {@link Expect#EOF}. */
        EOF,
        /** See {@link Expect#TIMEOUT}. */
        TIMEOUT
    }
}
