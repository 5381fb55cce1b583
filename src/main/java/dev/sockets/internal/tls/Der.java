package dev.sockets.internal.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The library's own ASN.1 DER: a writer of the pieces an X.509 certificate needs, and a reader
 * enough for private keys (PKCS#8, PKCS#1, SEC1) and a certificate's outline.
 *
 * <p>DEV-NOTE: the JDK has no public API to build a certificate ({@code sun.security.x509} is
 * internal), so {@code Certificates} writes the TBSCertificate here, signs it with
 * {@code java.security.Signature} and reads the result back with {@code CertificateFactory}, which
 * is the check that this DER is right. The reader takes untrusted bytes: it never recurses, reads
 * only definite lengths of at most 4 bytes, and every failure is a {@link Malformed} with the
 * offset where it was found.
 */
public final class Der {
    private Der() {
    }

    /** Universal tags, and the context-specific forms the library writes. */
    public static final int BOOLEAN = 0x01, INTEGER = 0x02, BIT_STRING = 0x03, OCTET_STRING = 0x04, NULL = 0x05,
            OID = 0x06, UTF8_STRING = 0x0c, PRINTABLE_STRING = 0x13, IA5_STRING = 0x16, UTC_TIME = 0x17,
            GENERALIZED_TIME = 0x18, SEQUENCE = 0x30, SET = 0x31;

    /** Bytes that are not the DER expected, and where. */
    public static final class Malformed extends IOException {
        private final int position;

        /** @param position the byte offset in the input where the problem is */
        public Malformed(String what, int position) {
            super(what + " at byte " + position);
            this.position = position;
        }

        /** The byte offset in the input where the problem is. */
        public int position() {
            return position;
        }
    }

    // ---- writing ----

    /** One element: tag, length, contents (the parts, joined). */
    public static byte[] tlv(int tag, byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        var out = new ByteArrayOutputStream(n + 6);
        out.write(tag);
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1000000 ? 3 : 4;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    public static byte[] sequence(byte[]... parts) {
        return tlv(SEQUENCE, parts);
    }

    public static byte[] set(byte[]... parts) {
        return tlv(SET, parts);
    }

    public static byte[] integer(BigInteger v) {
        return tlv(INTEGER, v.toByteArray());
    }

    public static byte[] integer(long v) {
        return integer(BigInteger.valueOf(v));
    }

    public static byte[] bool(boolean v) {
        return tlv(BOOLEAN, new byte[] {(byte) (v ? 0xff : 0)});
    }

    public static byte[] nul() {
        return tlv(NULL);
    }

    /** An object identifier from its dotted form ({@code "2.5.29.17"}). */
    public static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        if (arcs.length < 2) {
            throw new IllegalArgumentException("an OID has two arcs or more: " + dotted);
        }
        var out = new ByteArrayOutputStream();
        base128(out, new BigInteger(arcs[0]).multiply(BigInteger.valueOf(40)).add(new BigInteger(arcs[1])));
        for (int i = 2; i < arcs.length; i++) {
            base128(out, new BigInteger(arcs[i]));
        }
        return tlv(OID, out.toByteArray());
    }

    private static void base128(ByteArrayOutputStream out, BigInteger v) {
        int groups = Math.max(1, (v.bitLength() + 6) / 7);
        for (int g = groups - 1; g >= 0; g--) {
            int b = v.shiftRight(7 * g).intValue() & 0x7f;
            out.write(g > 0 ? b | 0x80 : b);
        }
    }

    /** A BIT STRING of whole bytes (a key, a signature). */
    public static byte[] bitString(byte[] bytes) {
        return tlv(BIT_STRING, new byte[] {0}, bytes);
    }

    /**
     * A BIT STRING of named bits (key usage), bit 0 first: DER drops trailing zero bits and counts
     * the unused ones.
     */
    public static byte[] namedBits(int... bits) {
        int max = -1;
        for (int b : bits) {
            max = Math.max(max, b);
        }
        byte[] v = new byte[max / 8 + 1];
        for (int b : bits) {
            v[b / 8] |= (byte) (0x80 >>> (b % 8));
        }
        int unused = 7 - max % 8;
        return tlv(BIT_STRING, new byte[] {(byte) unused}, v);
    }

    public static byte[] octetString(byte[] bytes) {
        return tlv(OCTET_STRING, bytes);
    }

    public static byte[] utf8(String s) {
        return tlv(UTF8_STRING, s.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] printable(String s) {
        return tlv(PRINTABLE_STRING, s.getBytes(StandardCharsets.US_ASCII));
    }

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    private static final DateTimeFormatter GENERALIZED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    /** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050 (and before 1950); whole seconds. */
    public static byte[] time(Instant t) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC).withNano(0);
        int year = z.getYear();
        if (year >= 1950 && year < 2050) {
            return tlv(UTC_TIME, UTC.format(z).getBytes(StandardCharsets.US_ASCII));
        }
        return tlv(GENERALIZED_TIME, GENERALIZED.format(z).getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code [n] EXPLICIT}: a constructed context tag around one element. */
    public static byte[] explicit(int n, byte[] inner) {
        return tlv(0xa0 | n, inner);
    }

    /** {@code [n] IMPLICIT} of a primitive type: the contents under a context tag. */
    public static byte[] implicit(int n, byte[] contents) {
        return tlv(0x80 | n, contents);
    }

    // ---- reading ----

    /** A cursor over the elements of one level: the top of a buffer, or a constructed element's contents. */
    public static final class Reader {
        private final byte[] b;
        private int pos;
        private final int end;

        /** Reads the whole array. */
        public Reader(byte[] b) {
            this(b, 0, b.length);
        }

        private Reader(byte[] b, int from, int to) {
            this.b = b;
            this.pos = from;
            this.end = to;
        }

        /** Whether an element is left at this level. */
        public boolean more() {
            return pos < end;
        }

        /** The offset of the next element. */
        public int position() {
            return pos;
        }

        /** The next element's tag, without reading it; -1 at the end. */
        public int peek() {
            return pos < end ? b[pos] & 0xff : -1;
        }

        /** The next element, whatever its tag. */
        public Element next() throws Malformed {
            int start = pos;
            if (pos >= end) {
                throw new Malformed("expected an element, found the end", pos);
            }
            int tag = b[pos++] & 0xff;
            if ((tag & 0x1f) == 0x1f) {
                throw new Malformed("a multi-byte tag, which no key or certificate field uses", start);
            }
            if (pos >= end) {
                throw new Malformed("truncated: a tag without a length", pos);
            }
            int first = b[pos++] & 0xff;
            int len;
            if (first < 0x80) {
                len = first;
            } else if (first == 0x80) {
                throw new Malformed("an indefinite length, which DER does not allow", pos - 1);
            } else {
                int count = first & 0x7f;
                if (count > 4) {
                    throw new Malformed("a length of " + count + " bytes, more than any key or certificate needs", pos - 1);
                }
                if (end - pos < count) {
                    throw new Malformed("truncated: the length runs past the end", pos);
                }
                long l = 0;
                for (int i = 0; i < count; i++) {
                    l = (l << 8) | (b[pos++] & 0xff);
                }
                if (l > Integer.MAX_VALUE) {
                    throw new Malformed("a length of " + l + " bytes", start);
                }
                len = (int) l;
            }
            if (len > end - pos) {
                throw new Malformed("truncated: an element of " + len + " bytes with " + (end - pos) + " left", start);
            }
            var e = new Element(b, tag, start, pos, pos + len);
            pos += len;
            return e;
        }

        /** The next element, which must have this tag. */
        public Element next(int tag) throws Malformed {
            int at = pos;
            Element e = next();
            if (e.tag() != tag) {
                throw new Malformed(String.format("expected tag 0x%02x, found 0x%02x", tag, e.tag()), at);
            }
            return e;
        }

        /** Fails unless this level is fully read. */
        public void end() throws Malformed {
            if (pos != end) {
                throw new Malformed((end - pos) + " bytes left over", pos);
            }
        }
    }

    /** One element read: its tag and where its header and contents are in the input. */
    public record Element(byte[] input, int tag, int start, int contentStart, int end) {

        /** The contents. */
        public byte[] contents() {
            return java.util.Arrays.copyOfRange(input, contentStart, end);
        }

        /** The whole element, header included. */
        public byte[] encoded() {
            return java.util.Arrays.copyOfRange(input, start, end);
        }

        /** A reader of the elements inside a constructed element. */
        public Reader children() throws Malformed {
            if ((tag & 0x20) == 0) {
                throw new Malformed(String.format("tag 0x%02x is not constructed", tag), start);
            }
            return new Reader(input, contentStart, end);
        }

        /** An INTEGER's value. */
        public BigInteger integer() throws Malformed {
            if (end == contentStart) {
                throw new Malformed("an INTEGER with no bytes", start);
            }
            return new BigInteger(input, contentStart, end - contentStart);
        }

        /** An OBJECT IDENTIFIER in dotted form. */
        public String oid() throws Malformed {
            if (end == contentStart) {
                throw new Malformed("an OID with no bytes", start);
            }
            if (end - contentStart > 255) {
                throw new Malformed("an OID of " + (end - contentStart) + " bytes, longer than any OID in use", start);
            }
            var s = new StringBuilder();
            long v = 0;
            boolean first = true;
            for (int i = contentStart; i < end; i++) {
                int x = input[i] & 0xff;
                if (v == 0 && x == 0x80) {
                    throw new Malformed("an OID arc with a leading 0x80", i);
                }
                if (v > (Long.MAX_VALUE >>> 7)) {
                    throw new Malformed("an OID arc too large", i);
                }
                v = (v << 7) | (x & 0x7f);
                if ((x & 0x80) == 0) {
                    if (first) {
                        long a = Math.min(v / 40, 2);
                        s.append(a).append('.').append(v - 40 * a);
                        first = false;
                    } else {
                        s.append('.').append(v);
                    }
                    v = 0;
                } else if (i == end - 1) {
                    throw new Malformed("truncated: an OID ends inside an arc", i);
                }
            }
            return s.toString();
        }

        /** A BIT STRING's bits, which must be whole bytes. */
        public byte[] bits() throws Malformed {
            if (end == contentStart || input[contentStart] != 0) {
                throw new Malformed("a BIT STRING that is not whole bytes", start);
            }
            return java.util.Arrays.copyOfRange(input, contentStart + 1, end);
        }
    }

    /** The one element that is the whole input, which must have this tag. */
    public static Element whole(byte[] input, int tag) throws Malformed {
        var r = new Reader(input);
        Element e = r.next(tag);
        r.end();
        return e;
    }

    /**
     * Walks every element of the input to this depth, without recursion: a check that bytes are
     * well-formed DER before the JDK's parser sees them.
     */
    public static void check(byte[] input, int maxDepth) throws Malformed {
        var stack = new java.util.ArrayDeque<Reader>();
        stack.push(new Reader(input));
        Element top = stack.peek().next();
        stack.peek().end();
        stack.clear();
        if ((top.tag() & 0x20) != 0) {
            stack.push(top.children());
        }
        while (!stack.isEmpty()) {
            Reader r = stack.peek();
            if (!r.more()) {
                stack.pop();
                continue;
            }
            Element e = r.next();
            if ((e.tag() & 0x20) != 0) {
                if (stack.size() >= maxDepth) {
                    throw new Malformed("nested deeper than " + maxDepth + " levels", e.start());
                }
                stack.push(e.children());
            }
        }
    }
}
