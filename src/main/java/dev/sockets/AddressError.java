package dev.sockets;

import dev.sockets.internal.words.MessageText;
import java.util.Objects;

/**
 * A host, port, endpoint or vocabulary word that does not parse, with where and why.
 *
 * <p>Parsers return it as the left side of an {@code Either}, never throw it:
 * <pre>{@code
 * Host.parse("010.0.0.1")
 * // Left(`010.0.0.1`: leading zero in part 1 at position 0; C reads it as octal, Java as decimal — try `10.0.0.1`, or use the lenient parser)
 * }</pre>
 * Where a hint suggests a replacement for the input, it says {@code try `...`}, and that text
 * parses with the same parser.
 * The throwing shortcuts ({@code Host.of}, {@code Port.of}, {@code Endpoint.of}) throw it.
 *
 * <p>The message is safe to log whatever the input: control characters, line and paragraph
 * separators and bidi controls are escaped ({@code \n}, {@code \}{@code u001b}, {@code \}{@code u202e};
 * {@code \} as {@code \\}), the input is quoted up to {@value MessageText#QUOTE_LIMIT} chars of
 * escaped text then {@code …(N more chars)}, the reason and the hint up to {@value #REASON_LIMIT}
 * and {@value #HINT_LIMIT}. So a message is under 1,000 chars. {@link #input()} is the whole text,
 * exactly as given.
 *
 * @see Host#parse(String)
 */
public class AddressError extends SocketError {

    private final String input;
    private final int position;

    /**
     * Creates the error.
     *
     * @param input    the text that was parsed, exactly as given
     * @param position the index in {@code input} where the problem is, or -1 for the whole text
     * @param reason   what is wrong, in a few words ("leading zero in part 1")
     * @param hint     what to do instead, or {@code ""}
     */
    public AddressError(String input, int position, String reason, String hint) {
        super(Kind.BAD_ADDRESS, Op.PARSE, message(input, position, reason, hint), reason, hint, 0, null, null, null, true);
        this.input = input;
        this.position = position;
    }

    /** The most chars of escaped reason an address error's message keeps: its reasons are a few words. */
    static final int REASON_LIMIT = 200;

    /**
     * The message quotes the input, the reason and the hint escaped and bounded (see
     * {@link MessageText}): a hostile input cannot forge a log line, and a huge one does not make a
     * huge message. {@link #input()}, {@link #reason()} and {@link #hint()} keep the text as given.
     */
    private static String message(String input, int position, String reason, String hint) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(hint, "hint");
        var m = new StringBuilder().append('`').append(MessageText.quote(input)).append("`: ")
                .append(MessageText.quote(reason, REASON_LIMIT));
        if (position >= 0) {
            m.append(" at position ").append(position);
        }
        if (!hint.isEmpty()) {
            m.append("; ").append(MessageText.quote(hint, HINT_LIMIT));
        }
        return m.toString();
    }

    /** The text that was parsed, exactly as given: not escaped, not cut (the message is both). */
    public String input() {
        return input;
    }

    /** The index in {@link #input()} where the problem is, or -1 where it is the whole text. */
    public int position() {
        return position;
    }

    /** What is wrong, in a few words, as given: the same as {@link SocketError#reason()}. */
    @Override
    public String reason() {
        return super.reason();
    }

    /** What to do instead, or {@code ""} where there is nothing to add: the same as {@link SocketError#hint()}. */
    @Override
    public String hint() {
        return super.hint();
    }

    /** The same error, with a stack trace from here: for rethrowing a parser's result. */
    AddressError rethrowable() {
        return new AddressError(input, position, reason(), hint());
    }

    /** Two errors are equal when they say the same thing about the same input. */
    @Override
    public boolean equals(Object o) {
        return o instanceof AddressError e && e.input.equals(input) && e.position == position
                && e.reason().equals(reason()) && e.hint().equals(hint());
    }

    @Override
    public int hashCode() {
        return Objects.hash(input, position, reason(), hint());
    }

    @Override
    public String toString() {
        return "AddressError[" + getMessage() + "]";
    }
}
