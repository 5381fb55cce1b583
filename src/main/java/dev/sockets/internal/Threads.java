package dev.sockets.internal;

import dev.sockets.ThreadModel;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one place that decides which threads serve connections, after the spec's
 * {@link ThreadModel}: AUTO gives platform threads to the first {@link ThreadModel#PLATFORM_FIRST}
 * open connections and virtual threads (Java 21+) to the rest. The system property
 * {@code sockets.threads} ({@code virtual} or {@code platform}) turns AUTO into that model, for benchmarks.
 *
 * <p>DEV-NOTE (issue 5, BENCHMARKS.md): a platform thread answers a loopback ping-pong about twice
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
     * A server's pool of platform threads for its connections, each kept 30 s after its handler
     * returned, for the next one. DEV-NOTE (issue 5, setup rate): starting a platform thread
     * costs more than accepting a connection; a hand-off to a waiting one costs a few µs. One pool
     * per server, shut down when the server closes, so that no thread outlives its server.
     */
    public static ExecutorService platformPool() {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> platform("sockets-conn-" + PLATFORM_COUNT.getAndIncrement(), r));
    }

    /**
     * Runs one connection's work after {@code model}: on a new virtual thread, or on a platform
     * daemon thread of {@code pool} ({@link #platformPool()}). {@code openNow} (the connections
     * already open) decides AUTO's choice. A pooled thread runs one connection at a time.
     */
    public static void serveConnection(ThreadModel model, int openNow, ExecutorService pool, Runnable r) {
        ThreadModel m = model == ThreadModel.AUTO ? AUTO_MEANS : model;
        boolean virtual = VIRTUALS != null
                && (m == ThreadModel.VIRTUAL || (m == ThreadModel.AUTO && openNow >= ThreadModel.PLATFORM_FIRST));
        if (virtual) {
            VIRTUALS.newThread(r).start();
        } else {
            pool.execute(r);
        }
    }

    /** Starts a new thread for {@code r} after {@code model}, as {@link #serveConnection} chooses, but never pooled. */
    public static Thread startConnection(ThreadModel model, int openNow, Runnable r) {
        ThreadModel m = model == ThreadModel.AUTO ? AUTO_MEANS : model;
        boolean virtual = VIRTUALS != null
                && (m == ThreadModel.VIRTUAL || (m == ThreadModel.AUTO && openNow >= ThreadModel.PLATFORM_FIRST));
        Thread t = virtual ? VIRTUALS.newThread(r) : platform("sockets-conn-" + PLATFORM_COUNT.getAndIncrement(), r);
        t.start();
        return t;
    }

    /** Starts a virtual thread on Java 21+, a platform daemon thread before (tests start clients with it). */
    public static Thread startConnection(Runnable r) {
        return startConnection(VIRTUALS != null ? ThreadModel.VIRTUAL : ThreadModel.PLATFORM, 0, r);
    }

    /** Starts a platform daemon thread with this name, for accept and receive loops. */
    public static Thread startDaemon(String name, Runnable r) {
        Thread t = platform(name, r);
        t.start();
        return t;
    }
}
