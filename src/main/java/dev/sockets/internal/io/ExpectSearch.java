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
    // Per alternative: the text's bytes, or null.
    private final byte[][] texts;
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
        texts = new byte[alternatives.length][];
        matchers = new Matcher[alternatives.length];
        int eofAt = -1;
        int timeoutAt = -1;
        for (int i = 0; i < alternatives.length; i++) {
            Expect a = Objects.requireNonNull(this.alternatives[i], "alternatives[" + i + "]");
            if (a instanceof Expect.Text t) {
                texts[i] = t.text().getBytes(charset);
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
     * The alternative that matches first in the {@code length} bytes of {@code b} from
     * {@code offset}, the one listed first on a tie; null if none does. {@code searched} of
     * them were searched before without a match (they are still first): a text can only end
     * after them.
     */
    Hit find(byte[] b, int offset, int length, int searched) {
        Hit best = null;
        Latin1 view = null;
        for (int i = 0; i < alternatives.length; i++) {
            if (texts[i] != null) {
                byte[] t = texts[i];
                int at = indexOf(b, offset, length, t, Math.max(0, searched - t.length + 1));
                if (at >= 0 && (best == null || at < best.start)) {
                    best = new Hit(i, at, at + t.length, null);
                }
            } else if (matchers[i] != null) {
                if (view == null) {
                    view = new Latin1(b, offset, length);
                }
                // DEV-NOTE: a pattern's match may start before the new bytes, so it searches all
                // of them again after each read (a failed find always reports hitEnd, since it
                // never tried the last start positions, so that cannot tell where to resume):
                // 64 KiB arriving a byte a read costs seconds of CPU (BENCHMARKS.md, "expect").
                // A text resumes where its last search could not have matched.
                Matcher m = matchers[i].reset(view);
                if (m.find() && (best == null || m.start() < best.start)) {
                    best = new Hit(i, m.start(), m.end(), m.toMatchResult());
                }
            }
        }
        return best;
    }

    private static int indexOf(byte[] b, int offset, int length, byte[] t, int start) {
        outer:
        for (int i = start; i <= length - t.length; i++) {
            for (int j = 0; j < t.length; j++) {
                if (b[offset + i + j] != t[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Bytes as Latin-1 chars, one a byte, without a copy: what the patterns search. */
    private record Latin1(byte[] b, int offset, int length) implements CharSequence {
        @Override
        public char charAt(int index) {
            Objects.checkIndex(index, length);
            return (char) (b[offset + index] & 0xFF);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            Objects.checkFromToIndex(start, end, length);
            return new String(b, offset + start, end - start, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return new String(b, offset, length, StandardCharsets.ISO_8859_1);
        }
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
