package dev.sockets;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable run of bytes, as Python's {@code bytes}: what a socket sends and receives.
 *
 * <pre>{@code
 * Bytes.of("hi")           // b'hi'
 * Bytes.of("hi").hex()     // "6869"
 * Bytes.of(new byte[] {0, 65}).text()   // "\0A"
 * }</pre>
 * DEV-NOTE: minimal version written by the UDP branch (h4-udp) while the TCP branch's
 * {@code Bytes} was not yet committed; the TCP branch's file supersedes this one.
 */
public final class Bytes {
    private static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The UTF-8 encoding of a text: {@code Bytes.of("hi")} is {@code b'hi'}. */
    public static Bytes of(String text) {
        Objects.requireNonNull(text, "text");
        return text.isEmpty() ? EMPTY : new Bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of these bytes: later changes to the array do not show. */
    public static Bytes of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /** No bytes: {@code b''}. */
    public static Bytes empty() {
        return EMPTY;
    }

    /** How many bytes. */
    public int length() {
        return bytes.length;
    }

    /** True when there are no bytes. */
    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The bytes decoded as UTF-8 (malformed input becomes U+FFFD). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Two lower-case hex digits per byte, no separator: {@code "6869"}. */
    public String hex() {
        var out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Python's form: {@code b'hi'}, {@code b'\x00\n'}. */
    @Override
    public String toString() {
        var s = new StringBuilder(bytes.length + 3).append("b'");
        for (byte x : bytes) {
            int c = x & 0xFF;
            if (c == '\\' || c == '\'') {
                s.append('\\').append((char) c);
            } else if (c == '\n') {
                s.append("\\n");
            } else if (c == '\r') {
                s.append("\\r");
            } else if (c == '\t') {
                s.append("\\t");
            } else if (c >= 0x20 && c < 0x7F) {
                s.append((char) c);
            } else {
                s.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return s.append('\'').toString();
    }
}
