package dev.sockets.internal.words;

/** Big-endian longs in byte arrays, for the 128 bits of an IPv6 address. */
public final class Bits {
    private Bits() {
    }

    /** The eight bytes at {@code at}, most significant first. */
    public static long longAt(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }

    /** Writes {@code v} as eight bytes at {@code at}, most significant first. */
    public static void putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }
}
