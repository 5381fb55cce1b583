package dev.sockets.internal.server;

import dev.sockets.Address;
import dev.sockets.Server;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What a {@link Server} runs: the accept loop ({@link AcceptLoop}, onAccept), the event loops
 * ({@link ReceiveLoop}, onReceive) or the datagram loop ({@link DatagramLoop}, onDatagram).
 * Each keeps its counters, log and bound in one {@link ServerCore}; what differs is how it
 * runs and how it closes. Implemented inside this package only.
 */
public interface ServerLoop {

    /** The counters, the log and the bound. */
    public ServerCore core();

    /** {@code "tcp"}, {@code "udp"}, {@code "unix"}. */
    default String kind() {
        return core().kind();
    }

    /** Where it serves. */
    default Address address() {
        return core().address();
    }

    /** Connections open now. */
    default int open() {
        return core().open();
    }

    /** Connections (or datagrams) taken in since the start. */
    default long accepted() {
        return core().accepted();
    }

    /** Callback runs that threw, and connections that could not be set up. */
    default long failed() {
        return core().failed();
    }

    /** Connections the idle timeout closed; none for servers without one. */
    default long idleClosed() {
        return core().idleClosed();
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

    /** Connections closed at the bound so that a client from another host could be served. */
    default long evicted() {
        return core().evicted();
    }

    /**
     * The bytes the server's own socket received, for {@code Sockets.open()}; -1 where it moves
     * none itself (a stream server's connections are listed, and counted, each on its own).
     */
    default long bytesReceived() {
        return -1;
    }

    /** The bytes the server's own socket sent; -1 as for {@link #bytesReceived()}. */
    default long bytesSent() {
        return -1;
    }

    /** {@code 2 open, 17 accepted}: the same words for every form. */
    default String summary() {
        return core().summary();
    }
}
