package dev.sockets.internal.time;

import dev.sockets.ThreadModel;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one place that decides which threads serve connections, after the spec's
 * {@link ThreadModel}: AUTO gives platform threads to the first {@link ThreadModel#PLATFORM_FIRST}
 * open connections and virtual threads (Java 21+) to the rest. The system property
 * {@code sockets.threads} ({@code virtual} or {@code platform}) turns AUTO into that model, for benchmarks.
 *
 * <p>DEV-NOTE (BENCHMARKS.md, "The threading design, and why"): a platform thread answers a loopback ping-pong about twice
 * as fast as a virtual one (no poller, no carrier hand-off), a virtual thread costs far less memory
 * while it waits and starts faster; AUTO keeps the few busy connections fast and the many cheap.
 *
 * <p>DEV-NOTE: virtual threads are reached through method handles because the code is compiled
 * for Java 17. Every thread made here is a daemon: serving never keeps the JVM alive on its own
 * (scripts call {@code Server.join()}).
 */
public final class Threads {
    private static final ThreadFactory VIRTUALS;
    private static final MethodHandle IS_VIRTUAL;
    private static final ThreadModel AUTO_MEANS;
    private static final AtomicLong PLATFORM_COUNT = new AtomicLong();

    static {
        VIRTUALS = Runtime.version().feature() >= 21 ? virtualFactory("sockets-conn-v") : null;
        MethodHandle isVirtual = null;
        if (VIRTUALS != null) {
            try {
                isVirtual = MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                        MethodType.methodType(boolean.class));
            } catch (ReflectiveOperationException e) {
                isVirtual = null;
            }
        }
        IS_VIRTUAL = isVirtual;
        String wanted = System.getProperty("sockets.threads", "");
        AUTO_MEANS = wanted.equals("platform") ? ThreadModel.PLATFORM
                : wanted.equals("virtual") && VIRTUALS != null ? ThreadModel.VIRTUAL : ThreadModel.AUTO;
    }

    private Threads() {
    }

    private static ThreadFactory virtualFactory(String prefix) {
        try {
            var lookup = MethodHandles.publicLookup();
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            MethodHandle make = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual));
            MethodHandle name = lookup.findVirtual(ofVirtual, "name",
                    MethodType.methodType(ofVirtual, String.class, long.class));
            MethodHandle factory = lookup.findVirtual(ofVirtual, "factory", MethodType.methodType(ThreadFactory.class));
            Object builder = make.invoke();
            builder = name.invoke(builder, prefix, 0L);
            return (ThreadFactory) factory.invoke(builder);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        } catch (Error e) {
            // Not a missing API: JShell's stop (Ctrl-C) thrown into this thread, or out of memory.
            throw e;
        } catch (Throwable e) {
            return null;
        }
    }

    private static Thread platform(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** True when this JVM has virtual threads (Java 21+). */
    public static boolean virtual() {
        return VIRTUALS != null;
    }

    /**
     * Fails unless this JVM can run {@code model}: VIRTUAL needs Java 21+.
     *
     * @throws IllegalStateException for VIRTUAL on Java 17 to 20
     */
    public static void check(ThreadModel model) {
        if (model == ThreadModel.VIRTUAL && VIRTUALS == null) {
            throw new IllegalStateException("expected Java 21+ for ThreadModel.VIRTUAL but this is Java "
                    + Runtime.version().feature() + "; use ThreadModel.AUTO or PLATFORM");
        }
    }

    /** True if {@code t} is a virtual thread. */
    public static boolean isVirtual(Thread t) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invoke(t);
        } catch (Throwable e) {
            return false;
        }
    }

    /**
     * True if a connection opened when {@code openNow} others were open runs on a virtual thread
     * under {@code model}: VIRTUAL always, AUTO from the {@link ThreadModel#PLATFORM_FIRST}th on
     * (both on Java 21+ only), PLATFORM never.
     */
    public static boolean virtualFor(ThreadModel model, int openNow) {
        ThreadModel m = model == ThreadModel.AUTO ? AUTO_MEANS : model;
        return VIRTUALS != null
                && (m == ThreadModel.VIRTUAL || (m == ThreadModel.AUTO && openNow >= ThreadModel.PLATFORM_FIRST));
    }

    /**
     * Starts a platform daemon thread named {@code sockets-conn-N where}, for the connections of
     * the server at {@code where} (a thread dump then tells which server an idle one waits for),
     * with {@code contextLoader}. It inherits nothing from the thread that starts it (a handler's,
     * often): no inheritable thread-locals, normal priority.
     */
    public static Thread startPlatform(Runnable r, String where, ClassLoader contextLoader) {
        Thread t = new Thread(null, r, "sockets-conn-" + PLATFORM_COUNT.getAndIncrement() + " " + where, 0, false);
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY);
        t.setContextClassLoader(contextLoader);
        t.start();
        return t;
    }

    /** A new, unstarted virtual thread for one connection, where {@link #virtualFor} said so (Java 21+). */
    public static Thread newVirtualThread(Runnable r) {
        return VIRTUALS.newThread(r);
    }

    /** Starts a new thread for {@code r} after {@code model}, as {@link #virtualFor} chooses. */
    public static Thread startConnection(ThreadModel model, int openNow, Runnable r) {
        Thread t = virtualFor(model, openNow) ? VIRTUALS.newThread(r)
                : platform("sockets-conn-" + PLATFORM_COUNT.getAndIncrement(), r);
        t.start();
        return t;
    }

    /** Starts a virtual thread on Java 21+, a platform daemon thread before (tests start clients with it). */
    public static Thread startConnection(Runnable r) {
        return startConnection(VIRTUALS != null ? ThreadModel.VIRTUAL : ThreadModel.PLATFORM, 0, r);
    }

    /** Starts a platform daemon thread with this name, for receive loops and watchers. */
    public static Thread startDaemon(String name, Runnable r) {
        Thread t = platform(name, r);
        t.start();
        return t;
    }
}
