package dev.sockets.internal.io;

import dev.sockets.Expect;
import dev.sockets.internal.words.MessageText;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;

/**
 * The alternatives of one {@code expect}, ready to search the unread bytes after each read.
 * DEV-NOTE: the bytes are searched as Latin-1 text, one char a byte, so that an offset in the
 * text is an offset in the buffer (the match consumes exactly its bytes), binary data never
 * fails to decode, and a split UTF-8 sequence at the end of a read cannot change what matched.
 * A text alternative is encoded in the connection's charset first, so UTF-8 text still matches
 * byte for byte.
 */
final class ExpectSearch {

    private final Expect[] alternatives;
    // Per alternative: the text's bytes as Latin-1 chars, or null.
    private final String[] texts;
    // Per alternative: the pattern's matcher, reused from read to read, or null.
    private final Matcher[] matchers;
    private final int eof;
    private final int timeout;

    /** Where one alternative matched in the searched text: chars are bytes from the first unread one. */
    record Hit(int index, int start, int end, MatchResult groups) {
    }

    ExpectSearch(Expect[] alternatives, Charset charset) {
        Objects.requireNonNull(alternatives, "alternatives");
        if (alternatives.length == 0) {
            throw new IllegalArgumentException("expected at least one text or pattern to wait for but was none");
        }
        this.alternatives = alternatives.clone();
        texts = new String[alternatives.length];
        matchers = new Matcher[alternatives.length];
        int eofAt = -1;
        int timeoutAt = -1;
        for (int i = 0; i < alternatives.length; i++) {
            Expect a = Objects.requireNonNull(this.alternatives[i], "alternatives[" + i + "]");
            if (a instanceof Expect.Text t) {
                texts[i] = new String(t.text().getBytes(charset), StandardCharsets.ISO_8859_1);
            } else if (a instanceof Expect.Regex r) {
                matchers[i] = r.pattern().matcher("");
            } else if (a == Expect.EOF) {
                eofAt = eofAt < 0 ? i : eofAt;
            } else {
                timeoutAt = timeoutAt < 0 ? i : timeoutAt;
            }
        }
        eof = eofAt;
        timeout = timeoutAt;
    }

    /** The index of {@link Expect#EOF} among the alternatives, or -1. */
    int eof() {
        return eof;
    }

    /** The index of {@link Expect#TIMEOUT} among the alternatives, or -1. */
    int timeout() {
        return timeout;
    }

    Expect alternative(int index) {
        return alternatives[index];
    }

    /**
     * The alternative that matches first in {@code view}, the one listed first on a tie; null if
     * none does. {@code searched} chars of it were searched before without a match: a text can
     * only end after them, so its search starts just before.
     */
    Hit find(String view, int searched) {
        Hit best = null;
        for (int i = 0; i < alternatives.length; i++) {
            if (texts[i] != null) {
                String t = texts[i];
                int at = view.indexOf(t, Math.max(0, searched - t.length() + 1));
                if (at >= 0 && (best == null || at < best.start)) {
                    best = new Hit(i, at, at + t.length(), null);
                }
            } else if (matchers[i] != null) {
                // A pattern may match anywhere once more bytes came (its match can start before
                // the new bytes), so it searches the whole view again.
                Matcher m = matchers[i].reset(view);
                if (m.find() && (best == null || m.start() < best.start)) {
                    best = new Hit(i, m.start(), m.end(), m.toMatchResult());
                }
            }
        }
        return best;
    }

    /**
     * {@code "login:" or /\d+/ or EOF}, each at most 64 chars, not escaped: the error message
     * escapes the reason it is part of.
     */
    String describe() {
        var b = new StringBuilder();
        for (int i = 0; i < alternatives.length; i++) {
            if (i > 0) {
                b.append(i == alternatives.length - 1 ? " or " : ", ");
            }
            Expect a = alternatives[i];
            if (a instanceof Expect.Text t) {
                b.append('"').append(MessageText.cut(t.text())).append('"');
            } else if (a instanceof Expect.Regex r) {
                b.append('/').append(MessageText.cut(r.pattern().pattern())).append('/');
            } else {
                b.append(a);
            }
        }
        return b.toString();
    }
}
