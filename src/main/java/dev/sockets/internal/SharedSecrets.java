package dev.sockets.internal;

import dev.sockets.Bytes;
import java.lang.invoke.MethodHandles;

/**
 * The engine's access to what a public value keeps to itself: a {@link Bytes}' array without a
 * copy, and a {@code Bytes} made around an array without one.
 *
 * <p>DEV-NOTE: the JDK's SharedSecrets pattern. Reading and sending bulk data copies nothing
 * (BENCHMARKS.md), but a public {@code Bytes.wrap} or array getter would let a user change a
 * {@code Bytes} after the fact. So {@code Bytes} registers a private implementation here in its
 * static initializer, and {@link #bytes()} forces that initializer to run before the first use.
 * It lives directly in {@code dev.sockets.internal} because both the transports ({@code io}) and
 * the event loops ({@code server}) go through it. Callers keep the result in a
 * {@code static final} field, so the call on a hot path is one the JIT inlines.
 */
public final class SharedSecrets {

    /** What {@link Bytes} lends the engine. */
    public interface BytesAccess {
        /** The array itself; the engine only reads it. */
        byte[] array(Bytes bytes);

        /** A {@code Bytes} around an array the caller hands over and never touches again. */
        Bytes wrap(byte[] array);
    }

    private static BytesAccess bytes;

    private SharedSecrets() {
    }

    /** Called once, by {@link Bytes}' static initializer. */
    public static void setBytesAccess(BytesAccess access) {
        synchronized (SharedSecrets.class) {
            if (bytes != null) {
                throw new IllegalStateException("expected one registration of Bytes' access but this is the second");
            }
            bytes = access;
        }
    }

    /** The access {@link Bytes} registered, initializing {@code Bytes} first if needed. */
    public static BytesAccess bytes() {
        BytesAccess a = bytes;
        if (a == null) {
            try {
                MethodHandles.lookup().ensureInitialized(Bytes.class);
            } catch (IllegalAccessException e) {
                throw new AssertionError("Bytes is public", e);
            }
            synchronized (SharedSecrets.class) {
                a = bytes;
            }
        }
        return a;
    }
}
