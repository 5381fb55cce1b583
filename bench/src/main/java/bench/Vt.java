package bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** Virtual threads through method handles: the suite compiles for 17 and runs its 17 legs there. */
final class Vt {
    private static final MethodHandle START;
    private static final MethodHandle IS_VIRTUAL;

    static {
        MethodHandle start = null;
        MethodHandle isVirtual = null;
        if (Runtime.version().feature() >= 21) {
            try {
                var l = MethodHandles.publicLookup();
                start = l.findStatic(Thread.class, "startVirtualThread", MethodType.methodType(Thread.class, Runnable.class));
                isVirtual = l.findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
        START = start;
        IS_VIRTUAL = isVirtual;
    }

    private Vt() {
    }

    static boolean available() {
        return START != null;
    }

    static Thread start(Runnable r) {
        try {
            return (Thread) START.invoke(r);
        } catch (Throwable e) {
            throw new IllegalStateException("no virtual threads on " + Runtime.version(), e);
        }
    }

    static boolean isVirtual(Thread t) {
        try {
            return IS_VIRTUAL != null && (boolean) IS_VIRTUAL.invoke(t);
        } catch (Throwable e) {
            return false;
        }
    }
}
