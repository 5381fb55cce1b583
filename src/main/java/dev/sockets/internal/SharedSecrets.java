package dev.sockets.internal;

import java.lang.invoke.MethodHandles;

/**
 * The engine's access to what a public value keeps to itself: a {@code Bytes}' array without a
 * copy, and a {@code Bytes} made around an array without one.
 *
 * <p>DEV-NOTE: the JDK's SharedSecrets pattern. Reading and sending bulk data copies nothing
 * (BENCHMARKS.md), but a public {@code Bytes.wrap} or array getter would let a user change a
 * {@code Bytes} after the fact. So {@code Bytes} registers a private implementation here in its
 * static initializer, and {@link #bytes(Class)} forces that initializer to run before the first
 * use. The access is generic in the value's type so that this class names no public type: the
 * public package depends on the engine, never the other way round through here. It lives directly
 * in {@code dev.sockets.internal} because both the transports ({@code io}) and the event loops
 * ({@code server}) go through it. Callers keep the result in a {@code static final} field, so the
 * call on a hot path is one the JIT inlines.
 *
 * @param <B> the value type lending its bytes ({@code dev.sockets.Bytes})
 */
public final class SharedSecrets {

    /** What a bytes value lends the engine. */
    public interface BytesAccess<B> {
        /** The array itself; the engine only reads it. */
        byte[] array(B bytes);

        /** A value around an array the caller hands over and never touches again. */
        B wrap(byte[] array);
    }

    private static Class<?> bytesType;
    private static BytesAccess<?> bytes;

    private SharedSecrets() {
    }

    /** Called once, by {@code Bytes}' static initializer. */
    public static <B> void setBytesAccess(Class<B> type, BytesAccess<B> access) {
        synchronized (SharedSecrets.class) {
            if (bytes != null) {
                throw new IllegalStateException("expected one registration of Bytes' access but this is the second");
            }
            bytesType = type;
            bytes = access;
        }
    }

    /** The access {@code type} registered, initializing {@code type} first if needed. */
    @SuppressWarnings("unchecked")
    public static <B> BytesAccess<B> bytes(Class<B> type) {
        try {
            MethodHandles.lookup().ensureInitialized(type);
        } catch (IllegalAccessException e) {
            throw new AssertionError(type + " is public", e);
        }
        synchronized (SharedSecrets.class) {
            if (bytesType != type) {
                throw new IllegalStateException("expected the access of " + type + " but " + bytesType + " registered");
            }
            return (BytesAccess<B>) bytes;
        }
    }
}
