package dev.sockets.internal.server;

import dev.sockets.Address;
import dev.sockets.Datagram;
import dev.sockets.DatagramHandler;
import dev.sockets.SocketClosed;
import dev.sockets.ThreadModel;
import dev.sockets.Timeout;
import dev.sockets.UdpSocket;
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
    private final Source socket;
    private final DatagramHandler handler;
    private final ServerCore core;
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final Object change = new Object();
    private final ThreadModel threads;
    private volatile boolean open = true;
    private volatile boolean handling;
    private Thread thread;

    /**
     * The socket a datagram server receives from: the loop needs one receive the user's socket
     * does not offer, and owns the lower layer's interface so that the socket's class depends on
     * the loop and not the other way round.
     */
    public interface Source extends UdpSocket {
        /** The next datagram, for the serving loop (which runs the handler outside the socket's lock). */
        Datagram receiveForServer();
    }

    public DatagramLoop(Source socket, ThreadModel threads, DatagramHandler handler) {
        this.socket = socket;
        this.threads = threads;
        this.handler = handler;
        this.core = ServerCore.datagram(socket.local());
        dev.sockets.internal.time.Threads.check(threads);
    }

    public void start() {
        // The spec's thread model: a virtual receive thread only when asked for.
        ThreadModel model = threads;
        thread = model == ThreadModel.VIRTUAL
                ? dev.sockets.internal.time.Threads.startConnection(ThreadModel.VIRTUAL, 0, this::run)
                : dev.sockets.internal.time.Threads.startDaemon("sockets-udp-" + socket.local().text(), this::run);
    }

    /**
     * Receives and handles until closed. A throwable that escapes (the handler's and the receive's
     * are caught inside) is a failure of the loop itself: the server closes itself, says so once,
     * and {@code join()} throws it.
     */
    private void run() {
        try {
            receiveAndHandle();
        } catch (Throwable e) {
            core.died("the datagram loop of " + socket.local().text() + " failed; closing the server", e);
            try {
                close(dev.sockets.Server.DEFAULT_GRACE);
            } catch (Throwable ignored) {
                // Closing as far as it goes: the failure is logged and kept for join().
            }
        }
    }

    private void receiveAndHandle() {
        while (open) {
            Datagram d;
            try {
                d = socket.receiveForServer();
            } catch (Timeout e) {
                continue;
            } catch (RuntimeException e) {
                // An ICMP error from an earlier reply, say: nothing to do with the next datagram, so
                // back off and go on. A socket closed under the server (SocketClosed) ends it.
                var after = core.acceptFailed(e, !open, socket.isOpen(), e instanceof SocketClosed);
                if (after == ServerCore.AfterFailure.BACK_OFF) {
                    java.util.concurrent.locks.LockSupport.parkNanos(ServerCore.BACKOFF_NANOS);
                    continue;
                }
                if (after == ServerCore.AfterFailure.END) {
                    close(dev.sockets.Server.DEFAULT_GRACE);
                }
                break;
            }
            // One writer: no locked instruction per datagram.
            core.countAcceptedByOneThread();
            handling = true;
            try {
                handler.handle(socket, d);
            } catch (Throwable e) {
                if (open || !(e instanceof SocketClosed)) {
                    core.callbackFailed("handler", d.remote(), e);
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
    public ServerCore core() {
        return core;
    }

    /** The datagrams' bytes: this server's socket receives and (through the handler) sends them itself. */
    @Override
    public long bytesReceived() {
        return socket.bytesReceived();
    }

    @Override
    public long bytesSent() {
        return socket.bytesSent();
    }

    /** {@code 0 open, 17 accepted} reads oddly for datagrams: a datagram server says received. */
    @Override
    public String summary() {
        long f = failed();
        return accepted() + " received" + (f > 0 ? ", " + f + " failed" : "");
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
}
