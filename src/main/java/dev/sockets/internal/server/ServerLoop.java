package dev.sockets.internal.server;

import dev.sockets.Address;
import dev.sockets.Server;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What a {@link Server} runs: an accept loop over a listener ({@link AcceptLoop}) or a
 * datagram loop. Implemented inside this package only.
 */
public interface ServerLoop {

    /** {@code "tcp"}, {@code "udp"}, {@code "unix"}. */
    public String kind();

    /** Where it serves. */
    public Address address();

    /** Connections open now. */
    public int open();

    /** Connections (or datagrams) taken in since the start. */
    public long accepted();

    /** Handler runs that threw. */
    public long failed();

    /** Connections the idle timeout closed; none for servers without one. */
    default long idleClosed() {
        return 0;
    }

    /** True until close begins. */
    public boolean isOpen();

    /** Stops taking in, lets handlers finish within {@code grace}, then closes the rest; blocks until done. */
    public void close(Duration grace);

    /** Blocks until closed, at most {@code limit} (null: no limit); true if closed. */
    public boolean await(Duration limit) throws InterruptedException;

    /** Waits for {@code closed} to count down, up to {@code limit} (null: without end); true if it did. */
    public static boolean await(CountDownLatch closed, Duration limit) throws InterruptedException {
        if (limit == null) {
            closed.await();
            return true;
        }
        return closed.await(limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Waits for {@code closed} to count down; an interrupt ends the wait and stays set. */
    public static void awaitQuietly(CountDownLatch closed) {
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
