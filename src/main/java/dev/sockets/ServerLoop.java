package dev.sockets;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What a {@link Server} runs: an accept loop over a listener ({@link AcceptLoop}) or a
 * datagram loop. Implemented inside this package only.
 */
interface ServerLoop {

    /** {@code "tcp"}, {@code "udp"}, {@code "unix"}. */
    String kind();

    /** Where it serves. */
    Address address();

    /** Connections open now. */
    int open();

    /** Connections (or datagrams) taken in since the start. */
    long accepted();

    /** Handler runs that threw. */
    long failed();

    /** Connections the idle timeout closed; none for servers without one. */
    default long idleClosed() {
        return 0;
    }

    /** True until close begins. */
    boolean isOpen();

    /** Stops taking in, lets handlers finish within {@code grace}, then closes the rest; blocks until done. */
    void close(Duration grace);

    /** Blocks until closed, at most {@code limit} (null: no limit); true if closed. */
    boolean await(Duration limit) throws InterruptedException;

    /** Waits for {@code closed} to count down, up to {@code limit} (null: without end); true if it did. */
    static boolean await(CountDownLatch closed, Duration limit) throws InterruptedException {
        if (limit == null) {
            closed.await();
            return true;
        }
        return closed.await(limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Waits for {@code closed} to count down; an interrupt ends the wait and stays set. */
    static void awaitQuietly(CountDownLatch closed) {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    default String summary() {
        long f = failed();
        return open() + " open, " + accepted() + " accepted" + (f > 0 ? ", " + f + " failed" : "");
    }
}
