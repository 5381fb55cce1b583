package dev.sockets.internal.registry;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The bytes a handle received and sent, for its {@code bytesReceived()} and {@code bytesSent()}
 * and its row in {@code Sockets.open()}: the base of the handles whose receives come from one
 * thread and whose sends come from any ({@code RealPeer}, {@code RealUdpSocket}).
 *
 * <p>DEV-NOTE: a base class rather than a field holding a counter, so that the counts stay in the
 * handle's own object and a count costs what BENCHMARKS.md measured ("The registry of open sockets
 * and the byte counters: their cost"): per receive a plain read and an opaque store (one thread
 * receives, so no atomic instruction; opaque so that another thread's {@code Sockets.open()} sees a
 * whole value), per send one atomic add.
 */
public abstract class ByteCounts {
    private static final VarHandle RECEIVED;
    private static final VarHandle SENT;

    static {
        try {
            var l = MethodHandles.lookup();
            RECEIVED = l.findVarHandle(ByteCounts.class, "received", long.class);
            SENT = l.findVarHandle(ByteCounts.class, "sent", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long received;
    @SuppressWarnings("unused") // through SENT
    private long sent;

    /** Adds {@code n} to the bytes received; only the one thread that receives calls it. */
    protected final void countReceived(long n) {
        RECEIVED.setOpaque(this, received + n);
    }

    /** Adds {@code n} to the bytes sent; any thread may. */
    protected final void countSent(long n) {
        SENT.getAndAdd(this, n);
    }

    /** The bytes sent so far, as of a moment ago. */
    public long bytesSent() {
        return (long) SENT.getOpaque(this);
    }

    /** The bytes received so far, as of a moment ago. */
    public long bytesReceived() {
        return (long) RECEIVED.getOpaque(this);
    }
}
