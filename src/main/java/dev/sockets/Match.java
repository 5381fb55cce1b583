package dev.sockets;

import dev.sockets.internal.words.MessageText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Connection#expect(String...)} found: which alternative, the text before it, the
 * matched text and a pattern's groups, as pexpect's {@code before}, {@code after} and
 * {@code match}.
 *
 * <pre>{@code
 * var m = c.expect(Pattern.compile("(\\d{3}) (.*)\r\n"));
 * m.group(1)      // "220"
 * m               // Match[0 /(\d{3}) (.*)\r\n/ matched "220 ready\r\n", before "", groups [220, ready]]
 * }</pre>
 *
 * <p>Text is decoded in the connection's charset. For {@link Expect#EOF} and
 * {@link Expect#TIMEOUT} the matched text is {@code ""} and {@code before()} holds what came.
 *
 * @param index       which alternative matched, from 0, in the order given
 * @param alternative that alternative
 * @param before      what came before the match (after the previous read)
 * @param matched     the matched text; {@code ""} for {@link Expect#EOF} and {@link Expect#TIMEOUT}
 * @param groups      a pattern's groups 1 to n, {@code null} for a group that took no part; empty for a text
 */
public record Match(int index, Expect alternative, String before, String matched, List<String> groups) {

    /** Checks the parts and keeps an unmodifiable copy of the groups (which may hold nulls). */
    public Match {
        if (index < 0) {
            throw new IllegalArgumentException("expected index >= 0 but was " + index);
        }
        Objects.requireNonNull(alternative, "alternative");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(matched, "matched");
        groups = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(groups, "groups")));
    }

    /**
     * The matched text for 0, else the pattern's group {@code n}, as Python's {@code m.group(n)};
     * {@code null} for a group that took no part in the match.
     *
     * @throws IndexOutOfBoundsException if there is no group {@code n}
     */
    public String group(int n) {
        if (n < 0 || n > groups.size()) {
            throw new IndexOutOfBoundsException("expected a group in [0, " + groups.size() + "] but was " + n);
        }
        return n == 0 ? matched : groups.get(n - 1);
    }

    /**
     * {@code Match[1 "Password:" matched "Password:", before "Welcome\r\n"]}: control characters
     * escaped, each text cut at 100 chars.
     */
    @Override
    public String toString() {
        var b = new StringBuilder("Match[").append(index).append(' ').append(alternative);
        if (!(alternative instanceof Expect.End)) {
            b.append(" matched ").append(quoted(matched));
        }
        b.append(", before ").append(quoted(before));
        if (!groups.isEmpty()) {
            b.append(", groups [");
            for (int i = 0; i < groups.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(groups.get(i) == null ? "null" : quoted(groups.get(i)));
            }
            b.append(']');
        }
        return b.append(']').toString();
    }

    private static String quoted(String s) {
        return "\"" + MessageText.quote(s) + "\"";
    }
}
