package dev.sockets;

import dev.sockets.internal.SharedSecrets;
import dev.sockets.internal.words.MessageText;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Immutable bytes, as Python's {@code bytes}: what {@link Connection#recv(int)} returns.
 *
 * <pre>{@code
 * Bytes b = Bytes.of("Thank you");
 * b                       // b'Thank you'
 * b.text()                // "Thank you"
 * b.length()              // 9
 * Bytes.of(new byte[] {0, -1}).hex()   // "00ff"
 * Bytes.of(new byte[] {0, -1})         // b'\x00\xff'
 * Bytes.b("GET / HTTP/1.1\\r\\n")       // b'GET / HTTP/1.1\r\n', as Python's b'...' literal
 * b.slice(-3)                          // b'you', as Python's b[-3:]
 * b.split(" ")                         // [b'Thank', b'you']
 * Bytes.fromHex("de ad be ef").hex(':')   // "de:ad:be:ef"
 * }</pre>
 *
 * <p>Each operation does what the Python operation of the same idea does, with the same indexes
 * (negative ones count from the end) and the same edge cases: {@link #slice(int, int)} is
 * {@code b[from:to]}, {@link #indexOf(Bytes, int)} is {@code b.find(sub, start)},
 * {@link #split(Bytes, int)} is {@code b.split(sep, maxsplit)}, {@link #hex(char, int)} is
 * {@code b.hex(sep, bytes_per_sep)}, {@link #fromHex(String)} is {@code bytes.fromhex(text)}.
 * A {@code String} argument stands for its UTF-8 bytes, as in {@link #of(String)}.
 *
 * <p>Two {@code Bytes} are equal when they hold the same bytes. {@link #toString()} prints them
 * exactly as Python 3 prints a {@code bytes} value, so output can be compared with Python's, up to
 * 256 bytes; a longer value prints its first 100 bytes and its length, so
 * that printing a large {@code recvAll()} in JShell never floods the session. {@link #repr()} is
 * Python's repr at any length. The array given to {@link #of(byte[])} is copied, and so is the one
 * {@link #toByteArray()} returns: nothing outside can change a {@code Bytes}.
 */
public final class Bytes {

    private static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    // DEV-NOTE: 256 bytes print whole, so a typical recv of a line or a small reply reads as in
    // Python; a longer value shows 100 bytes (at most 400 characters of repr), which stays under
    // JShell's 1000-character cut of a printed value, so the length at the end always shows.
    private static final int WHOLE = 256;
    private static final int HEAD = 100;

    static {
        // The engine reads the array and wraps arrays it reads without a copy; users cannot.
        SharedSecrets.setBytesAccess(Bytes.class, new Access());
    }

    // Never exposed and never written after construction.
    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** Wraps an array the caller hands over and never touches again: no copy. */
    private static Bytes wrap(byte[] data) {
        return data.length == 0 ? EMPTY : new Bytes(data);
    }

    /** No bytes: {@code b''}, what {@code recv} returns at the end of the stream. */
    public static Bytes empty() {
        return EMPTY;
    }

    /** The UTF-8 encoding of {@code text}: {@code Bytes.of("hé")} is {@code b'h\xc3\xa9'}. */
    public static Bytes of(String text) {
        return of(text, StandardCharsets.UTF_8);
    }

    /** The encoding of {@code text} in {@code charset}. */
    public static Bytes of(String text, Charset charset) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(charset, "charset");
        return wrap(text.getBytes(charset));
    }

    /** A copy of {@code bytes}: changing the array later does not change this value. */
    public static Bytes of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return wrap(bytes.clone());
    }

    /** A copy of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static Bytes of(byte[] bytes, int offset, int length) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return wrap(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /**
     * The bytes decoded as UTF-8, as Python's {@code b.decode('utf-8', 'replace')}: each
     * malformed sequence becomes one U+FFFD, cut where the Unicode standard cuts it.
     */
    public String text() {
        return text(StandardCharsets.UTF_8);
    }

    /**
     * The bytes decoded in {@code charset}: {@code b.text(StandardCharsets.ISO_8859_1)}, as
     * Python's {@code b.decode('latin-1')}. Malformed input becomes the charset's replacement;
     * for UTF-8, as Python replaces it (see {@link #text()}).
     */
    public String text(Charset charset) {
        Objects.requireNonNull(charset, "charset");
        if (!charset.equals(StandardCharsets.UTF_8)) {
            return new String(data, charset);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(data);
        // At most one char a byte: a 4-byte sequence is 2 chars, a replacement 1 char for 1 or more bytes.
        CharBuffer out = CharBuffer.allocate(data.length);
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isUnderflow()) {
                decoder.flush(out);
                return out.flip().toString();
            }
            int skip = r.length();
            // DEV-NOTE: the JDK takes an encoded surrogate (ED A0..BF xx) as one malformed
            // sequence; Unicode's "maximal subpart" rule, which Python follows, stops at ED,
            // since no well-formed sequence has A0..BF after ED. Found by BytesAsPythonTest.
            if (skip > 1 && data[in.position()] == (byte) 0xED && (data[in.position() + 1] & 0xFF) >= 0xA0) {
                skip = 1;
            }
            out.put('\uFFFD');
            in.position(in.position() + skip);
        }
    }

    /** Two lower-case hex digits per byte, as Python's {@code bytes.hex()}: {@code "00ff"}. */
    public String hex() {
        return hex((char) 0, 0);
    }

    /**
     * The hex digits with {@code sep} between every two bytes, as Python's {@code b.hex(':')}:
     * {@code Bytes.of(new byte[] {1, 2, -1}).hex(':')} is {@code "01:02:ff"}.
     *
     * @throws IllegalArgumentException for a separator that is not ASCII, as Python's ValueError
     */
    public String hex(char sep) {
        return hex(sep, 1);
    }

    /**
     * As Python's {@code b.hex(sep, bytes_per_sep)}: {@code sep} between groups of
     * {@code bytesPerSep} bytes counted from the end, or from the start when it is negative; 0
     * puts no separator. {@code Bytes.fromHex("0102030405").hex(' ', 2)} is {@code "01 0203 0405"},
     * {@code hex(' ', -2)} is {@code "0102 0304 05"}.
     *
     * @throws IllegalArgumentException for a separator that is not ASCII, as Python's ValueError
     */
    public String hex(char sep, int bytesPerSep) {
        if (sep > 0x7F) {
            throw new IllegalArgumentException("expected an ASCII separator, as Python's hex() but was U+"
                    + String.format("%04X", (int) sep));
        }
        int n = data.length;
        // Python takes the absolute value of bytes_per_sep as an int: Integer.MIN_VALUE is a huge group.
        long group = Math.abs((long) bytesPerSep);
        boolean fromEnd = bytesPerSep > 0;
        var out = new StringBuilder(n * 3);
        for (int i = 0; i < n; i++) {
            if (i > 0 && group != 0) {
                long at = fromEnd ? n - i : i;
                if (at % group == 0) {
                    out.append(sep);
                }
            }
            out.append(HEX[(data[i] >> 4) & 0xF]).append(HEX[data[i] & 0xF]);
        }
        return out.toString();
    }

    /**
     * The bytes written as hex digits, as Python's {@code bytes.fromhex}: two digits a byte, in
     * either case, with ASCII white space allowed between the pairs (not inside one).
     *
     * <pre>{@code
     * Bytes.fromHex("deadbeef")       // b'\xde\xad\xbe\xef'
     * Bytes.fromHex("47 45 54\n0d0a") // b'GET\r\n'
     * }</pre>
     * A bad text is an {@link IllegalArgumentException}, as Python's {@code ValueError}: the text is
     * a value the program wrote, not an address from the network or the user, so it is no
     * {@link SocketError}.
     *
     * @throws IllegalArgumentException naming the position of the first character that is not a
     *                                  hex digit where one is needed (the end, for an odd digit)
     */
    public static Bytes fromHex(String text) {
        Objects.requireNonNull(text, "text");
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (text.charAt(i) > 0x7F) {
                // Python looks for a non-ASCII character before it parses anything.
                throw badHex(text, i);
            }
        }
        byte[] out = new byte[n / 2];
        int len = 0;
        int i = 0;
        while (i < n) {
            if (isSpace(text.charAt(i))) {
                i++;
                continue;
            }
            int top = Character.digit(text.charAt(i), 16);
            if (top < 0) {
                throw badHex(text, i);
            }
            int bottom = i + 1 < n ? Character.digit(text.charAt(i + 1), 16) : -1;
            if (bottom < 0) {
                throw badHex(text, i + 1);
            }
            out[len++] = (byte) (top << 4 | bottom);
            i += 2;
        }
        return wrap(len == out.length ? out : Arrays.copyOf(out, len));
    }

    private static boolean isSpace(int c) {
        // Python's Py_ISSPACE: space, \t, \n, \v, \f, \r.
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static IllegalArgumentException badHex(String text, int at) {
        String found = at >= text.length() ? "the end (an odd number of digits)"
                : "`" + MessageText.quote(new String(Character.toChars(text.codePointAt(at)))) + "`";
        return new IllegalArgumentException("expected two hex digits a byte, as bytes.fromhex, but found " + found
                + " at position " + at + " of \"" + MessageText.quote(text) + "\"");
    }

    /**
     * The bytes of Python's {@code b'...'} literal: ASCII as it is, and Python's escapes
     * {@code \\ \' \" \a \b \f \n \r \t \v}, {@code \xNN} (two hex digits), {@code \NNN} (one to
     * three octal digits, at most {@code \377}) and a backslash before a line break (nothing).
     *
     * <pre>{@code
     * import static dev.sockets.Bytes.b;
     * b("GET / HTTP/1.1\\r\\n\\r\\n")   // b'GET / HTTP/1.1\r\n\r\n'
     * b("\\x00\\xff")                  // b'\x00\xff', what Python prints pasted back
     * }</pre>
     * Java's own escapes ({@code "\r\n"}) are ASCII too, so both spellings give the same bytes.
     *
     * @throws IllegalArgumentException for a character above 0x7F (Python's bytes literal takes
     *                                  ASCII only: use {@link #of(String)} for UTF-8), a bad
     *                                  {@code \x} or octal escape, a backslash that starts no
     *                                  escape (Python keeps it with a warning; here it is refused),
     *                                  or a backslash at the end; the message gives the position
     */
    public static Bytes b(String literal) {
        Objects.requireNonNull(literal, "literal");
        int n = literal.length();
        byte[] out = new byte[n];
        int len = 0;
        for (int i = 0; i < n; i++) {
            char c = literal.charAt(i);
            if (c > 0x7F) {
                throw badLiteral(literal, i, "`" + MessageText.quote(new String(Character.toChars(literal.codePointAt(i))))
                        + "`, not ASCII", "a bytes literal holds ASCII only; write \\xNN, or use Bytes.of(text) for UTF-8");
            }
            if (c != '\\') {
                out[len++] = (byte) c;
                continue;
            }
            if (i + 1 == n) {
                throw badLiteral(literal, i, "a backslash at the end", "write \\\\ for a backslash");
            }
            char e = literal.charAt(++i);
            switch (e) {
                case '\n' -> { }
                case '\\', '\'', '"' -> out[len++] = (byte) e;
                case 'a' -> out[len++] = 7;
                case 'b' -> out[len++] = 8;
                case 'f' -> out[len++] = 12;
                case 'n' -> out[len++] = '\n';
                case 'r' -> out[len++] = '\r';
                case 't' -> out[len++] = '\t';
                case 'v' -> out[len++] = 11;
                case 'x' -> {
                    int hi = i + 1 < n ? Character.digit(literal.charAt(i + 1), 16) : -1;
                    int lo = i + 2 < n ? Character.digit(literal.charAt(i + 2), 16) : -1;
                    if (hi < 0 || lo < 0 || literal.charAt(i + 1) > 0x7F || literal.charAt(i + 2) > 0x7F) {
                        throw badLiteral(literal, i - 1, "a \\x escape without two hex digits", "write \\x and two hex digits, as \\x0a");
                    }
                    out[len++] = (byte) (hi << 4 | lo);
                    i += 2;
                }
                default -> {
                    if (e < '0' || e > '7') {
                        throw badLiteral(literal, i - 1, "an unknown escape \\" + MessageText.quote(String.valueOf(e)),
                                "write \\\\ for a backslash");
                    }
                    int v = e - '0';
                    for (int k = 0; k < 2 && i + 1 < n && literal.charAt(i + 1) >= '0' && literal.charAt(i + 1) <= '7'; k++) {
                        v = v * 8 + literal.charAt(++i) - '0';
                    }
                    if (v > 0xFF) {
                        throw badLiteral(literal, i - 3, "an octal escape above \\377", "a byte is at most \\377 (\\xff)");
                    }
                    out[len++] = (byte) v;
                }
            }
        }
        return wrap(len == n ? out : Arrays.copyOf(out, len));
    }

    private static IllegalArgumentException badLiteral(String literal, int at, String what, String hint) {
        return new IllegalArgumentException("expected a bytes literal but found " + what + " at position " + at
                + " of \"" + MessageText.quote(literal) + "\"; " + hint);
    }

    /** How many bytes. */
    public int length() {
        return data.length;
    }

    /** True when there are no bytes: after {@code recv}, the peer closed its side. */
    public boolean isEmpty() {
        return data.length == 0;
    }

    /**
     * The byte at {@code index}, from -128 to 127.
     *
     * @throws IndexOutOfBoundsException outside [0, length())
     */
    public byte get(int index) {
        Objects.checkIndex(index, data.length);
        return data[index];
    }

    /**
     * The bytes from {@code from} to the end, as Python's {@code b[from:]}: a negative index
     * counts from the end, and one past either end is clamped, never an error.
     * {@code Bytes.of("Thank you").slice(-3)} is {@code b'you'}.
     */
    public Bytes slice(int from) {
        return slice(from, data.length);
    }

    /**
     * The bytes from {@code from} up to {@code to} (excluded), as Python's {@code b[from:to]}:
     * negative indexes count from the end, indexes past an end are clamped, and an empty range
     * gives {@code b''}. {@code Bytes.of("Thank you").slice(0, -4)} is {@code b'Thank'}.
     *
     * <p>Named {@code slice}, as Python's slice objects and JavaScript's {@code Uint8Array.slice}
     * (which take negative indexes and clamp the same way), rather than {@code subSequence} or
     * {@code substring}, whose Java contract throws for such indexes. The result is a copy, as
     * Python's, so a small slice does not keep a large value alive.
     */
    public Bytes slice(int from, int to) {
        int start = clamp(from);
        int end = clamp(to);
        return end <= start ? EMPTY : start == 0 && end == data.length ? this : wrap(Arrays.copyOfRange(data, start, end));
    }

    private int clamp(int index) {
        long i = index < 0 ? (long) index + data.length : index;
        return (int) Math.max(0, Math.min(i, data.length));
    }

    /**
     * Where {@code sub} first occurs, or -1, as Python's {@code b.find(sub)}: {@code b''} is at 0.
     */
    public int indexOf(Bytes sub) {
        return indexOf(Objects.requireNonNull(sub, "sub").data, 0);
    }

    /**
     * Where {@code sub} first occurs at or after {@code from}, or -1, as Python's
     * {@code b.find(sub, start)}: a negative {@code from} counts from the end.
     */
    public int indexOf(Bytes sub, int from) {
        return indexOf(Objects.requireNonNull(sub, "sub").data, from);
    }

    /** As {@link #indexOf(Bytes)}, for the UTF-8 bytes of {@code sub}. */
    public int indexOf(String sub) {
        return indexOf(utf8(sub), 0);
    }

    /** As {@link #indexOf(Bytes, int)}, for the UTF-8 bytes of {@code sub}. */
    public int indexOf(String sub, int from) {
        return indexOf(utf8(sub), from);
    }

    /** As {@link #indexOf(Bytes)}, for the bytes of an array. */
    public int indexOf(byte[] sub) {
        return indexOf(sub, 0);
    }

    /** As {@link #indexOf(Bytes, int)}, for the bytes of an array. */
    public int indexOf(byte[] sub, int from) {
        Objects.requireNonNull(sub, "sub");
        int start = from < 0 ? Math.max(0, from + data.length) : from;
        // As Python: a start past the end finds nothing, not even b''.
        if ((long) data.length - start < sub.length) {
            return -1;
        }
        return find(data, sub, start, data.length);
    }

    private static int find(byte[] in, byte[] sub, int from, int to) {
        int last = to - sub.length;
        outer:
        for (int i = from; i <= last; i++) {
            for (int j = 0; j < sub.length; j++) {
                if (in[i + j] != sub[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** True when the bytes begin with {@code prefix}, as Python's {@code b.startswith(prefix)}. */
    public boolean startsWith(Bytes prefix) {
        return startsWith(Objects.requireNonNull(prefix, "prefix").data);
    }

    /** As {@link #startsWith(Bytes)}, for the UTF-8 bytes of {@code prefix}. */
    public boolean startsWith(String prefix) {
        return startsWith(utf8(prefix));
    }

    /** As {@link #startsWith(Bytes)}, for the bytes of an array. */
    public boolean startsWith(byte[] prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return prefix.length <= data.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** True when the bytes end with {@code suffix}, as Python's {@code b.endswith(suffix)}. */
    public boolean endsWith(Bytes suffix) {
        return endsWith(Objects.requireNonNull(suffix, "suffix").data);
    }

    /** As {@link #endsWith(Bytes)}, for the UTF-8 bytes of {@code suffix}. */
    public boolean endsWith(String suffix) {
        return endsWith(utf8(suffix));
    }

    /** As {@link #endsWith(Bytes)}, for the bytes of an array. */
    public boolean endsWith(byte[] suffix) {
        Objects.requireNonNull(suffix, "suffix");
        int n = data.length;
        return suffix.length <= n && Arrays.equals(data, n - suffix.length, n, suffix, 0, suffix.length);
    }

    /**
     * The words between runs of ASCII white space (space, {@code \t \n \r}, {@code \v},
     * {@code \f}), as Python's {@code b.split()} with no separator: white space at either end
     * gives no empty piece, so {@code Bytes.of("  GET  /\r\n").split()} is {@code [b'GET', b'/']}
     * and white space alone splits into {@code []}.
     */
    public List<Bytes> split() {
        var out = new ArrayList<Bytes>();
        int i = 0;
        int n = data.length;
        while (true) {
            while (i < n && isSpace(data[i])) {
                i++;
            }
            if (i == n) {
                return Collections.unmodifiableList(out);
            }
            int start = i;
            while (i < n && !isSpace(data[i])) {
                i++;
            }
            out.add(slice(start, i));
        }
    }

    /**
     * The pieces between the separators, as Python's {@code b.split(sep)}:
     * {@code Bytes.of("a,b,,c").split(",")} is {@code [b'a', b'b', b'', b'c']}, and {@code b''}
     * splits into {@code [b'']}.
     *
     * @throws IllegalArgumentException for an empty separator, as Python's ValueError
     */
    public List<Bytes> split(Bytes sep) {
        return split(Objects.requireNonNull(sep, "sep").data, -1);
    }

    /**
     * At most {@code maxsplit} splits from the start, the rest kept whole in the last piece, as
     * Python's {@code b.split(sep, maxsplit)}; a negative {@code maxsplit} means no limit.
     * {@code Bytes.of("k: v: w").split(": ", 1)} is {@code [b'k', b'v: w']}.
     *
     * @throws IllegalArgumentException for an empty separator, as Python's ValueError
     */
    public List<Bytes> split(Bytes sep, int maxsplit) {
        return split(Objects.requireNonNull(sep, "sep").data, maxsplit);
    }

    /** As {@link #split(Bytes)}, for the UTF-8 bytes of {@code sep}. */
    public List<Bytes> split(String sep) {
        return split(utf8(sep), -1);
    }

    /** As {@link #split(Bytes, int)}, for the UTF-8 bytes of {@code sep}. */
    public List<Bytes> split(String sep, int maxsplit) {
        return split(utf8(sep), maxsplit);
    }

    private List<Bytes> split(byte[] sep, int maxsplit) {
        if (sep.length == 0) {
            throw new IllegalArgumentException("expected a separator of at least one byte but was empty, as Python's split");
        }
        var out = new ArrayList<Bytes>();
        int start = 0;
        int splits = 0;
        while (maxsplit < 0 || splits < maxsplit) {
            int at = find(data, sep, start, data.length);
            if (at < 0) {
                break;
            }
            out.add(slice(start, at));
            start = at + sep.length;
            splits++;
        }
        out.add(slice(start, data.length));
        return Collections.unmodifiableList(out);
    }

    /**
     * This value followed by {@code more}, as Python's {@code b + c + d}:
     * {@code Bytes.of("GET ").concat(Bytes.of("/"), Bytes.of(" HTTP/1.0"))} is {@code b'GET / HTTP/1.0'}.
     *
     * @throws IllegalArgumentException if the result would pass 2 GiB, the most a Java array holds
     */
    public Bytes concat(Bytes... more) {
        Objects.requireNonNull(more, "more");
        long total = data.length;
        for (Bytes m : more) {
            total += Objects.requireNonNull(m, "more[]").data.length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("expected at most " + (Integer.MAX_VALUE - 8) + " bytes in all but was " + total);
        }
        if (total == data.length) {
            return this;
        }
        byte[] out = Arrays.copyOf(data, (int) total);
        int at = data.length;
        for (Bytes m : more) {
            System.arraycopy(m.data, 0, out, at, m.data.length);
            at += m.data.length;
        }
        return wrap(out);
    }

    /**
     * The bytes as {@code hexdump -C} shows them (with {@code -v}: no line is left out): each line
     * the offset, sixteen bytes in hex and the same bytes as ASCII ({@code .} for the others),
     * then a last line with the length. Print it: {@code System.out.print(b.hexdump())}.
     * <pre>
     * 00000000  47 45 54 20 2f 20 48 54  54 50 2f 31 2e 31 0d 0a  |GET / HTTP/1.1..|
     * 00000010
     * </pre>
     * An empty value gives an empty text, as {@code hexdump} prints nothing for no input.
     */
    public String hexdump() {
        int n = data.length;
        if (n == 0) {
            return "";
        }
        var out = new StringBuilder((n / 16 + 2) * 79);
        for (int line = 0; line < n; line += 16) {
            appendHex8(out, line).append("  ");
            for (int i = 0; i < 16; i++) {
                if (line + i < n) {
                    int c = data[line + i] & 0xFF;
                    out.append(HEX[c >> 4]).append(HEX[c & 0xF]).append(' ');
                } else {
                    out.append("   ");
                }
                if (i == 7) {
                    out.append(' ');
                }
            }
            out.append(" |");
            for (int i = line; i < Math.min(n, line + 16); i++) {
                int c = data[i] & 0xFF;
                out.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
            }
            out.append("|\n");
        }
        return appendHex8(out, n).append('\n').toString();
    }

    private static StringBuilder appendHex8(StringBuilder out, int value) {
        for (int shift = 28; shift >= 0; shift -= 4) {
            out.append(HEX[(value >>> shift) & 0xF]);
        }
        return out;
    }

    /**
     * The bytes as a read-only {@link ByteBuffer}, without a copy: for APIs that take buffers.
     * Its position is 0 and its limit the length.
     */
    public ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** A new array with the bytes; changing it does not change this value. */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** Equal when both hold the same bytes in the same order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(b.data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    /**
     * Python 3's {@code repr} of the bytes, whatever their length: {@code b'Thank you'},
     * {@code b'\x00\xff'}, {@code b"it's"}. Printable ASCII stays as it is; tab, newline and
     * carriage return print as {@code \t \n \r}; the backslash as {@code \\}; every other byte as
     * {@code \xNN}. The quotes are double when the bytes hold a {@code '} and no {@code "}, as in
     * Python. {@link #b(String)} reads the text between the quotes back.
     */
    public String repr() {
        return repr(data.length).toString();
    }

    /**
     * What JShell shows: {@link #repr()} for up to 256 bytes; for a longer value, the repr of its
     * first 100 bytes with {@code ...} before the closing quote, then the length:
     * {@code b'GET / HTTP/1.1\r\nHost: ...' (10,485,760 bytes)}. Printing a large
     * {@code recvAll()} so never floods or stalls a session.
     */
    @Override
    public String toString() {
        if (data.length <= WHOLE) {
            return repr();
        }
        StringBuilder head = repr(HEAD);
        head.insert(head.length() - 1, "...");
        return head.append(String.format(Locale.ROOT, " (%,d bytes)", data.length)).toString();
    }

    private StringBuilder repr(int count) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < count; i++) {
            single |= data[i] == '\'';
            dbl |= data[i] == '"';
        }
        char quote = single && !dbl ? '"' : '\'';
        var sb = new StringBuilder(count + 3).append('b').append(quote);
        for (int i = 0; i < count; i++) {
            int c = data[i] & 0xFF;
            if (c == quote || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x20 || c >= 0x7F) {
                sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
                sb.append((char) c);
            }
        }
        return sb.append(quote);
    }

    private static byte[] utf8(String text) {
        return Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8);
    }

    /** The engine's view: see {@link SharedSecrets}. */
    private static final class Access implements SharedSecrets.BytesAccess<Bytes> {
        @Override
        public byte[] array(Bytes bytes) {
            return bytes.data;
        }

        @Override
        public Bytes wrap(byte[] array) {
            return Bytes.wrap(array);
        }
    }
}
