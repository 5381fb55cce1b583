package dev.sockets.internal.tap;

import dev.sockets.Address;
import dev.sockets.Bytes;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * The wiretap of one socket: each event it records becomes one record, in the manner of
 * {@code socat -v}. A record is a header line, then for data the data itself:
 * <pre>
 * * 2026/12/02 11:00:00.123456  open tcp connect  127.0.0.1:44720 &lt;&gt; 127.0.0.1:5000
 * &gt; 2026/12/02 11:00:00.123501  length=6 from=0 to=5  127.0.0.1:44720 &gt; 127.0.0.1:5000
 * hello\n
 * &lt; 2026/12/02 11:00:00.123789  length=6 from=0 to=5  127.0.0.1:44720 &lt; 127.0.0.1:5000
 * HELLO\n
 * &lt; 2026/12/02 11:00:00.124000  end of stream  127.0.0.1:44720 &lt; 127.0.0.1:5000
 * * 2026/12/02 11:00:00.124100  close  127.0.0.1:44720 &lt;&gt; 127.0.0.1:5000
 * </pre>
 * The first character says what it is: {@code >} sent, {@code <} received, {@code *} open,
 * close or a note, {@code !} an error. The local address comes first, and the arrow between the
 * two ends points the way the bytes went. {@code from} and {@code to} are the offsets of the
 * first and last byte in that direction's stream, as socat's; a datagram has none. Data that is
 * UTF-8 text with no control character but tab, CR and LF is shown as text, with {@code \r},
 * {@code \n}, {@code \t} and {@code \\} written out and a line break after each {@code \n};
 * anything else as a hex dump ({@link Bytes#hexdump()}: offset, hex, ASCII).
 *
 * <p>Thread-safe: a record is made whole, then written in one call (see {@code Wiretap}).
 */
public final class Tap {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSSSSS");
    /** How much of a file {@code sendFile} sent a record shows. */
    public static final int FILE_SHOWN = 64 * 1024;

    private final Sink sink;
    private final String local;
    private final String remote;
    private long sent;
    private long received;
    private boolean closed;
    private boolean ended;

    Tap(Sink sink, Address local, Address remote) {
        this.sink = sink;
        this.local = text(local);
        this.remote = remote == null ? null : text(remote);
    }

    private static String text(Address a) {
        String t = a == null ? "" : a.text();
        return t.isEmpty() ? "(unnamed)" : t;
    }

    void opened(String how) {
        event('*', how, "<>");
    }

    /** This socket sent {@code len} bytes of {@code b} from {@code off}. */
    public void sent(byte[] b, int off, int len) {
        long from;
        synchronized (this) {
            from = sent;
            sent += len;
        }
        data('>', b, off, len, from, ">", remote);
    }

    /** This socket sent what remains in {@code b} (its position and limit unchanged). */
    public void sent(ByteBuffer b) {
        byte[] copy = new byte[b.remaining()];
        b.duplicate().get(copy);
        sent(copy, 0, copy.length);
    }

    /** This socket received {@code len} bytes into {@code b} from {@code off}. */
    public void received(byte[] b, int off, int len) {
        long from;
        synchronized (this) {
            from = received;
            received += len;
        }
        data('<', b, off, len, from, "<", remote);
    }

    /** A datagram this socket sent to {@code to}. */
    public void sentTo(byte[] b, int off, int len, Address to) {
        data('>', b, off, len, -1, ">", text(to));
    }

    /** A datagram this socket received from {@code from}. */
    public void receivedFrom(byte[] b, int off, int len, Address from) {
        data('<', b, off, len, -1, "<", text(from));
    }

    /** The peer's end of stream was read; recorded once, however often a read meets it again. */
    public void endOfStream() {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        event('<', "end of stream", "<");
    }

    /** An operation failed: {@code message} says which and why (a {@code SocketError}'s message). */
    public void error(String message) {
        event('!', "error: " + message, "<>");
    }

    /** Something else about the connection ({@code tls TLSv1.3, plaintext follows}). */
    public void note(String what) {
        event('*', what, "<>");
    }

    /**
     * {@code sendFile} sent {@code count} bytes of {@code file}: a sent record whose data is what
     * {@code shown} holds (the file's first {@link #FILE_SHOWN} bytes at most), and the rest counted.
     */
    public void sentFile(String file, byte[] shown, long count) {
        long from;
        synchronized (this) {
            from = sent;
            sent += count;
        }
        var r = header('>', "length=" + count + " from=" + from + " to=" + (from + count - 1) + " (sendFile " + file + ")",
                ">", remote);
        body(r, shown, 0, shown.length);
        if (shown.length < count) {
            r.append("... ").append(count - shown.length).append(" more bytes of the file not shown\n");
        }
        write(r);
    }

    /** Records the close and lets go of the tap's file; once, whoever calls it again. */
    public void close() {
        end("close");
    }

    /**
     * Records {@code what} ({@code close}, {@code wiretap off}) as the last record, and lets go of
     * the tap's file; once: later records, and later calls, are dropped.
     */
    public void end(String what) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        sink.write(header('*', what, "<>", remote).toString());
        sink.release();
    }

    private void event(char sign, String what, String arrow) {
        write(header(sign, what, arrow, remote));
    }

    private void data(char sign, byte[] b, int off, int len, long from, String arrow, String other) {
        String what = from < 0 ? "length=" + len : "length=" + len + " from=" + from + " to=" + (from + len - 1);
        var r = header(sign, what, arrow, other);
        body(r, b, off, len);
        write(r);
    }

    private void write(StringBuilder record) {
        synchronized (this) {
            if (closed) {
                return; // a late record of a socket already closed: its file may be gone
            }
        }
        sink.write(record.toString());
    }

    private StringBuilder header(char sign, String what, String arrow, String other) {
        var r = new StringBuilder(128).append(sign).append(' ')
                .append(TIME.format(ZonedDateTime.now(ZoneId.systemDefault()))).append("  ").append(what).append("  ").append(local);
        if (other != null) {
            r.append(' ').append(arrow).append(' ').append(other);
        }
        return r.append('\n');
    }

    /** The data as text if it is text, else as a hex dump. */
    static void body(StringBuilder r, byte[] b, int off, int len) {
        if (len == 0) {
            return;
        }
        CharBuffer text = text(b, off, len);
        if (text == null) {
            r.append(Bytes.of(Arrays.copyOfRange(b, off, off + len)).hexdump());
            return;
        }
        boolean lineOpen = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            lineOpen = true;
            switch (c) {
                case '\n' -> {
                    r.append("\\n\n");
                    lineOpen = false;
                }
                case '\r' -> r.append("\\r");
                case '\t' -> r.append("\\t");
                case '\\' -> r.append("\\\\");
                default -> {
                    int type = Character.getType(c);
                    if (type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                        // Bidi controls and invisible marks would make the text on screen differ from the bytes.
                        r.append(String.format("\\u%04x", (int) c));
                    } else {
                        r.append(c);
                    }
                }
            }
        }
        if (lineOpen) {
            r.append('\n');
        }
    }

    /** The bytes as characters if they are UTF-8 text without controls but tab, CR and LF; else null. */
    private static CharBuffer text(byte[] b, int off, int len) {
        CharBuffer chars;
        try {
            chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, off, len));
        } catch (CharacterCodingException e) {
            return null;
        }
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return null;
            }
        }
        return chars;
    }

    @Override
    public String toString() {
        return "Tap[" + local + (remote == null ? "" : " <> " + remote) + "]";
    }
}
