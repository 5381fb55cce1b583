package dev.sockets;

import dev.sockets.internal.SharedSecrets;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 * }</pre>
 *
 * <p>Two {@code Bytes} are equal when they hold the same bytes. {@link #toString()} prints them
 * exactly as Python 3 prints a {@code bytes} value, so output can be compared with Python's.
 * The array given to {@link #of(byte[])} is copied, and so is the one {@link #toByteArray()}
 * returns: nothing outside can change a {@code Bytes}.
 */
public final class Bytes {

    private static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

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

    /** The bytes decoded as UTF-8; malformed input becomes U+FFFD. */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** The bytes decoded in {@code charset}; malformed input becomes the charset's replacement. */
    public String text(Charset charset) {
        return new String(data, Objects.requireNonNull(charset, "charset"));
    }

    /** Two lower-case hex digits per byte, as Python's {@code bytes.hex()}: {@code "00ff"}. */
    public String hex() {
        char[] out = new char[data.length * 2];
        for (int i = 0; i < data.length; i++) {
            out[2 * i] = HEX[(data[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[data[i] & 0xF];
        }
        return new String(out);
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
     * Python 3's {@code repr} of the same bytes: {@code b'Thank you'}, {@code b'\x00\xff'},
     * {@code b"it's"}. Printable ASCII stays as it is; tab, newline and carriage return print
     * as {@code \t \n \r}; the backslash as {@code \\}; every other byte as {@code \xNN}. The
     * quotes are double when the bytes hold a {@code '} and no {@code "}, as in Python.
     */
    @Override
    public String toString() {
        boolean single = false;
        boolean dbl = false;
        for (byte b : data) {
            single |= b == '\'';
            dbl |= b == '"';
        }
        char quote = single && !dbl ? '"' : '\'';
        var sb = new StringBuilder(data.length + 3).append('b').append(quote);
        for (byte b : data) {
            int c = b & 0xFF;
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
        return sb.append(quote).toString();
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
