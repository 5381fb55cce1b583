package dev.sockets.internal.server;

import dev.sockets.Address;
import dev.sockets.Datagram;
import dev.sockets.DatagramHandler;
import dev.sockets.SocketClosed;
import dev.sockets.ThreadModel;
import dev.sockets.Timeout;
import dev.sockets.internal.io.RealUdpSocket;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A datagram server: one platform thread receives and runs the handler for each datagram in
 * turn, in arrival order. DEV-NOTE: no thread per datagram, as Python's {@code UDPServer}: a
 * datagram is small and usually answered at once, so a hand-off would cost more than the work;
 * a handler with slow work hands it to an executor of its own.
 */
public final class DatagramLoop implements ServerLoop {
    private static final System.Logger LOG = System.getLogger("dev.sockets.Server");
    private static final long BACKOFF_MILLIS = 100;

    private final RealUdpSocket socket;
    private final DatagramHandler handler;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final Object change = new Object();
    private volatile boolean open = true;
    private volatile boolean handling;
    private Thread thread;

    public DatagramLoop(RealUdpSocket socket, DatagramHandler handler) {
        this.socket = socket;
        this.handler = handler;
        dev.sockets.internal.time.Threads.check(socket.spec().threads());
    }

    public void start() {
        // The spec's thread model: a virtual receive thread only when asked for.
        ThreadModel model = socket.spec().threads();
        thread = model == ThreadModel.VIRTUAL
                ? dev.sockets.internal.time.Threads.startConnection(ThreadModel.VIRTUAL, 0, this::run)
                : dev.sockets.internal.time.Threads.startDaemon("sockets-udp-" + socket.local().text(), this::run);
    }

    private void run() {
        while (open) {
            Datagram d;
            try {
                d = socket.receiveForServer();
            } catch (Timeout e) {
                continue;
            } catch (SocketClosed e) {
                break;
            } catch (RuntimeException e) {
                if (!open) {
                    break;
                }
                // An ICMP error from an earlier reply, say: nothing to do with the next datagram. The
                // pause keeps an error that repeats from spinning a core, as AcceptLoop's back-off.
                LOG.log(Level.DEBUG, "receive on " + socket.local().text() + " failed; receiving on in "
                        + BACKOFF_MILLIS + " ms", e);
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(BACKOFF_MILLIS));
                continue;
            }
            // One writer: a plain increment, published with release (no locked instruction).
            received.setRelease(received.getPlain() + 1);
            handling = true;
            try {
                handler.handle(socket, d);
            } catch (Throwable e) {
                if (open || !(e instanceof SocketClosed)) {
                    failed.setRelease(failed.getPlain() + 1);
                    LOG.log(Level.WARNING, "handler failed for the datagram from " + d.remote().text() + "; receiving on", e);
                }
            } finally {
                handling = false;
                // DEV-NOTE: no monitor per datagram (UDP within 5% of a raw channel: BENCHMARKS.md, "UDP"). Both
                // flags are volatile: either close() sees handling == false, or this sees open == false
                // and wakes it.
                if (!open) {
                    synchronized (change) {
                        change.notifyAll();
                    }
                }
            }
        }
        socket.close();
    }

    @Override
    public String kind() {
        return "udp";
    }

    @Override
    public Address address() {
        return socket.local();
    }

    @Override
    public int open() {
        return handling ? 1 : 0;
    }

    @Override
    public long accepted() {
        return received.get();
    }

    @Override
    public long failed() {
        return failed.get();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close(Duration grace) {
        synchronized (this) {
            if (!open) {
                ServerLoop.awaitQuietly(closedLatch);
                return;
            }
            open = false;
        }
        boolean self = Thread.currentThread() == thread;
        if (!self) {
            // Let the datagram in hand be answered, within the grace period.
            long deadline = System.nanoTime() + grace.toNanos();
            synchronized (change) {
                while (handling) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(change, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        socket.close();
        if (!self && thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closedLatch.countDown();
    }

    @Override
    public boolean await(Duration limit) throws InterruptedException {
        return ServerLoop.await(closedLatch, limit);
    }

    /** {@code 0 open, 17 accepted} reads oddly for datagrams: say received. */
    @Override
    public String summary() {
        long f = failed();
        return received.get() + " received" + (f > 0 ? ", " + f + " failed" : "");
    }
}
