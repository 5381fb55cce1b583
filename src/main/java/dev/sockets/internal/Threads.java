package dev.sockets.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one place that decides which threads serve connections: virtual threads on Java 21+,
 * platform daemon threads on Java 17. The system property {@code sockets.threads}
 * ({@code virtual} or {@code platform}) overrides the choice, for benchmarks.
 *
 * <p>DEV-NOTE: virtual threads are reached through method handles because the code is compiled
 * for Java 17. Every thread made here is a daemon: serving never keeps the JVM alive on its own
 * (scripts call {@code Server.join()}).
 */
public final class Threads {
    private static final ThreadFactory CONNECTIONS;
    private static final boolean VIRTUAL;
    private static final AtomicLong PLATFORM_COUNT = new AtomicLong();

    static {
        String wanted = System.getProperty("sockets.threads", "");
        ThreadFactory virtual = null;
        if (!wanted.equals("platform") && Runtime.version().feature() >= 21) {
            virtual = virtualFactory("sockets-conn-");
        }
        VIRTUAL = virtual != null;
        CONNECTIONS = virtual != null ? virtual : r -> platform("sockets-conn-" + PLATFORM_COUNT.getAndIncrement(), r);
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

    /** True when connections run on virtual threads. */
    public static boolean virtual() {
        return VIRTUAL;
    }

    /** Starts a thread for one connection (virtual on 21+). */
    public static Thread startConnection(Runnable r) {
        Thread t = CONNECTIONS.newThread(r);
        t.start();
        return t;
    }

    /** Starts a platform daemon thread with this name, for accept and receive loops. */
    public static Thread startDaemon(String name, Runnable r) {
        Thread t = platform(name, r);
        t.start();
        return t;
    }
}
