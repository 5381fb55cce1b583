package dev.sockets.internal.framing;

/**
 * A stream that breaks its framing: a frame over {@code maxFrame}, or the end inside a frame.
 * The decoders know no addresses; {@link Frames#error} turns it into the {@code SocketError}
 * a reader sees, and a server's peer logs it ({@link Frames.DecoderSlot#brokeFraming}). No
 * stack trace: it never reaches a user as itself.
 */
public final class FrameException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean tooLong;
    private final String reason;
    private final String hint;

    FrameException(boolean tooLong, String reason, String hint) {
        super(reason + "; " + hint, null, false, false);
        this.tooLong = tooLong;
        this.reason = reason;
        this.hint = hint;
    }

    /** True for a frame over {@code maxFrame}, false for a stream that ended inside one. */
    public boolean tooLong() {
        return tooLong;
    }

    /** What went wrong, in a few words: {@code a frame of 5000 bytes is over maxFrame (1024)}. */
    public String reason() {
        return reason;
    }

    /** What to do. */
    public String hint() {
        return hint;
    }
}
