package dev.sockets.internal.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one server's connections may buffer at once, in bytes: the replies an {@code onReceive}
 * server queued for clients that do not read, the frames an {@code onReceive(framing, ...)}
 * server holds part of between reads, and the large buffers of {@code recvExactly} and
 * {@code recvAll} in {@code onAccept} handlers. Without it each connection was bounded but the
 * server was not: a thousand clients that never read, or a dozen handlers each reading 64 MiB,
 * ran the JVM out of heap and killed every loop. One per server, owned by {@link ServerCore};
 * a connection from {@code connect} has none.
 */
public final class MemoryBudget {

    private static final long MIB = 1 << 20;

    private final long limit;
    private final AtomicLong used = new AtomicLong();
    // Set while some connection waits for room (a partial frame's reading paused): the release
    // that brings the budget back under its limit runs onRoom, once.
    private volatile boolean wanted;
    private volatile Runnable onRoom = () -> { };

    /** A budget of {@code limit} bytes. */
    public MemoryBudget(long limit) {
        this.limit = limit;
    }

    /** Takes {@code n} bytes if they fit; false (nothing taken) if they do not. */
    public boolean tryReserve(long n) {
        long u;
        do {
            u = used.get();
            if (u + n > limit) {
                return false;
            }
        } while (!used.compareAndSet(u, u + n));
        return true;
    }

    /** Takes {@code n} bytes that are already in memory (queued replies), even past the limit. */
    public void reserve(long n) {
        used.addAndGet(n);
    }

    /** Gives {@code n} bytes back; runs {@link #onRoom} if this brings the budget under its limit for a waiter. */
    public void release(long n) {
        if (used.addAndGet(-n) <= limit && wanted) {
            wanted = false;
            onRoom.run();
        }
    }

    /**
     * Someone waits for room: the next {@link #release} that leaves the budget within its limit
     * runs {@link #onRoom}. Say it before looking at {@link #over()} once more, so that a release
     * between the two is not missed.
     */
    public void wantRoom() {
        wanted = true;
    }

    /** What runs (on the releasing thread; it must not block) when the budget has room for a waiter. */
    public void onRoom(Runnable r) {
        this.onRoom = r;
    }

    /** True while more than the limit is in use: an {@code onReceive} server stops reading from clients with queued replies. */
    public boolean over() {
        return used.get() > limit;
    }

    /** Bytes in use. */
    public long used() {
        return used.get();
    }

    /** The limit in bytes. */
    public long limit() {
        return limit;
    }

    /** {@code 64 MiB}, rounded up. */
    public static String mib(long bytes) {
        return ((bytes + MIB - 1) / MIB) + " MiB";
    }
}
