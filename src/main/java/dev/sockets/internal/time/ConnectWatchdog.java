package dev.sockets.internal.time;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A connect timeout without a timed connect: closes the socket if the connect has not finished
 * when the time is up (within {@link #TICK_MILLIS}).
 *
 * <p>DEV-NOTE (BENCHMARKS.md): {@code Socket.connect(address, timeout)} switches the
 * JDK's socket to non-blocking mode for good, so every later read on a platform thread costs a
 * {@code poll} more: 8% on a loopback ping-pong. An untimed connect watched by this keeps the
 * socket blocking. One daemon thread checks the armed watchdogs every 10 ms while there are
 * any, and ends a second after the last: arming costs a set insertion rather than a timer
 * thread's wake-up on every connect.
 */
public final class ConnectWatchdog {
    /** How often the armed watchdogs are checked: the timeout's precision. */
    static final long TICK_MILLIS = 10;
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final int ARMED = 0;
    private static final int DONE = 1;
    private static final int FIRED = 2;

    private static final Set<ConnectWatchdog> WATCHED = ConcurrentHashMap.newKeySet();
    private static final Object START = new Object();
    private static Thread ticker; // guarded by START
    private static volatile long lastArmed;

    private final AtomicInteger state = new AtomicInteger(ARMED);
    private final Closeable socket;
    private final long deadline;

    private ConnectWatchdog(Closeable socket, long deadline) {
        this.socket = socket;
        this.deadline = deadline;
    }

    /** Closes {@code socket} after {@code millis} unless {@link #finish()} comes first. */
    public static ConnectWatchdog arm(Closeable socket, long millis) {
        long now = System.nanoTime();
        var w = new ConnectWatchdog(socket, now + TimeUnit.MILLISECONDS.toNanos(millis));
        lastArmed = now;
        WATCHED.add(w);
        synchronized (START) {
            if (ticker == null) {
                Thread t = new Thread(ConnectWatchdog::tick, "sockets-connect-timeout");
                t.setDaemon(true);
                ticker = t;
                t.start();
            }
        }
        return w;
    }

    /**
     * Disarms it, once the connect returned or failed.
     *
     * @return false if the time was up first (the socket is closed: report a timeout)
     */
    public boolean finish() {
        boolean mine = state.compareAndSet(ARMED, DONE);
        WATCHED.remove(this);
        return mine;
    }

    private void fire() {
        if (state.compareAndSet(ARMED, FIRED)) {
            try {
                socket.close();
            } catch (IOException e) {
                // It is closed either way: the connect fails now.
            }
        }
        WATCHED.remove(this);
    }

    private static void tick() {
        while (true) {
            long now = System.nanoTime();
            for (ConnectWatchdog w : WATCHED) {
                if (now - w.deadline >= 0) {
                    w.fire();
                }
            }
            if (WATCHED.isEmpty() && now - lastArmed > LINGER_NANOS) {
                // A second with nothing to watch: end, so that no library thread outlives the
                // connects (the next connect starts another).
                synchronized (START) {
                    if (WATCHED.isEmpty()) {
                        ticker = null;
                        return;
                    }
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
        }
    }
}
