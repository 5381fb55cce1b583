package dev.sockets.internal.server;

import dev.sockets.Address;
import dev.sockets.Bytes;
import dev.sockets.Framing;
import dev.sockets.Peer;
import dev.sockets.Receiver;
import dev.sockets.SocketClosed;
import dev.sockets.internal.SharedSecrets;
import dev.sockets.internal.errors.Errors;
import dev.sockets.SocketError.Op;
import dev.sockets.internal.framing.FrameDecoder;
import dev.sockets.internal.framing.FrameException;
import dev.sockets.internal.framing.Frames;
import dev.sockets.internal.io.OptionAccess;
import dev.sockets.internal.tap.Tap;
import java.io.IOException;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * The {@link Peer} a {@code ReceiveLoop} worker makes for each connection it accepts: the
 * selector state of one channel and its write queue. The loop drives it through the public
 * methods below the handle's ({@code readable}, {@code writable}, {@code stalled} and the rest);
 * the peer sees its loop only as a {@link Loop}. It prints as {@code Peer[...]}.
 *
 * <p>A TLS server's peers are a subclass ({@code internal.tls.TlsPeer}), made by the loop's
 * {@link Maker}: the plain path below has no TLS branch to pay for. The subclass reaches the
 * queue through the protected members: it queues ciphertext with {@link #writeLocked}, so that
 * back-pressure, the memory budget, the write timeout and {@link #pending()} work as here.
 */
public class RealPeer extends dev.sockets.internal.registry.ByteCounts implements Peer, dev.sockets.internal.registry.Registry.Entry, Frames.DecoderSlot {

    private static final SharedSecrets.BytesAccess<Bytes> BYTES = SharedSecrets.bytes(Bytes.class);

    /**
     * What one read takes while the server is over its memory budget: each client may add one
     * read's worth to its queue before it is paused, so a small read keeps that overshoot at
     * 4 KiB a connection rather than the loop's 64 KiB buffer.
     */
    private static final int OVER_BUDGET_READ = 4096;

    /** How long a closed connection waits for the client to close its side too. */
    public static final long LINGER_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(2);

    protected final Loop worker;
    protected final SocketChannel channel;
    protected final SelectionKey key;
    private final Address remote;
    private final Address local;
    private final Charset charset;
    // The server's: what every peer's queue holds is taken from it, so that clients which never
    // read stop being read from once the server as a whole buffers too much.
    private final MemoryBudget budget;
    // Not `this`: a user's synchronized (peer) must not stall the loop.
    protected final Object lock = new Object();
    // Guarded by lock: what the OS could not take at once, oldest first.
    private ArrayDeque<ByteBuffer> pending;
    private long pendingBytes;
    // Written under lock; volatile so that the loop's read path checks it without the lock.
    protected volatile boolean closeWhenSent;
    // Who called close(): a receiver's send after its own close is its bug, one after another
    // thread's close is a race it could not see.
    private volatile Thread closedBy;
    private boolean readingPaused;
    protected boolean endOfInput;
    // Closing after all went out, with the client's side still open: output shut, the client's
    // last bytes read and dropped until it closes too (or LINGER passes), so that the close does
    // not reset the connection and lose the answer in flight (a close with unread input sends RST).
    private boolean lingering;
    private long lingerUntil;
    protected volatile boolean closed;
    // The wiretap, or null: one null check a read or a send when off.
    private volatile Tap tap;
    // Plain fields: written by the loop thread (and by sends), read by its idle sweep; a stale
    // value only moves an idle close by one sweep.
    public long lastActive;
    public long lastProgress;
    // When it opened, for Sockets.open().
    private final long opened = System.nanoTime();
    // The counts (ByteCounts): what the receiver was handed, counted by the loop thread, and what
    // the sends accepted.
    // Under onReceive(framing, ...): the frame this connection's reads are cutting. Loop thread only.
    private FrameDecoder frameDecoder;
    // What that decoder held after the last read, taken from the budget; given back when a frame
    // is handed over, or by closeNow. Under lock (only the loop thread sets it but closeNow to 0).
    private long frameHeld;
    // True once the client ended its stream (its end, or a TLS close_notify) before any close of
    // the server's: a frame left partial is then the client's doing. Loop thread only.
    private boolean clientEnded;
    // True while reading is paused for a partial frame until the budget has room, and the peer is
    // in its loop's list of those (Loop.waitForRoom). Under lock.
    private boolean waitingForRoom;

    /** Makes the peer of each connection a loop accepts: {@code RealPeer::new} for plain TCP and Unix. */
    @FunctionalInterface
    public interface Maker {
        /** The peer of {@code channel}, registered with {@code loop}'s selector. */
        RealPeer make(Loop loop, SocketChannel channel, Address remote, Address local, Charset charset, ServerCore core)
                throws IOException;

        /** How long a new connection may take to begin (a TLS handshake), in nanoseconds; 0 for no limit. */
        default long beginNanos() {
            return 0;
        }
    }

    /**
     * The event loop that owns a peer's channel. {@code ReceiveLoop}'s workers implement it; the
     * peer sees only this, so that it does not depend on the loop that drives it.
     */
    public interface Loop {
        /** The loop's selector, which the peer's channel is registered with. */
        Selector selector();

        /** True on the loop's own thread. */
        boolean onLoop();

        /** Logs for the server. */
        void log(System.Logger.Level level, String message, Throwable e);

        /** A receiver threw for this peer: count it and log it. */
        void failed(RealPeer peer, Throwable e);

        /** This peer's client broke the framing ({@code framing}, as it prints): log it as the client's fault. */
        void brokeFraming(RealPeer peer, String framing, String reason, String hint);

        /**
         * The loop thread: true if {@code peer} reads on although the server's memory budget is
         * over, the one peer the loop lets finish its frame past it, so that frames complete and
         * give back what they hold.
         */
        boolean finishing(RealPeer peer);

        /**
         * The loop thread: {@code peer} stopped reading until the server's memory budget has room
         * (or its turn to finish its frame comes); the loop calls its {@link RealPeer#roomAgain()} then.
         */
        void waitForRoom(RealPeer peer);

        /** The loop thread: {@code peer} handed a frame over, giving back what it held. */
        void frameDone(RealPeer peer);

        /** The peer closed: its receiver's {@code closed} runs on the loop. */
        void closed(RealPeer peer);

        /** Closes the channel once the selector has let go of its key. */
        void close(SelectionKey key, SocketChannel channel);

        /**
         * Runs {@code task} on the loop's thread soon (waking its selector), or on the caller's
         * once the loop has ended, so that a task handed over is always run.
         */
        void execute(Runnable task);
    }

    /** A plain peer: {@link Maker}'s form. */
    public RealPeer(Loop worker, SocketChannel channel, Address remote, Address local, Charset charset,
                    ServerCore core) throws IOException {
        this(worker, channel, remote, local, charset, core.budget());
    }

    public RealPeer(Loop worker, SocketChannel channel, Address remote, Address local, Charset charset,
                    MemoryBudget budget) throws IOException {
        this.budget = budget;
        this.worker = worker;
        this.channel = channel;
        this.remote = remote;
        this.local = local;
        this.charset = charset;
        this.lastActive = System.nanoTime();
        this.lastProgress = lastActive;
        this.key = channel.register(worker.selector(), SelectionKey.OP_READ, this);
        dev.sockets.internal.registry.Registry.openedStream(this);
    }

    @Override
    public Address remote() {
        return remote;
    }

    @Override
    public Address local() {
        return local;
    }

    @Override
    public boolean isOpen() {
        return !closed && !closeWhenSent;
    }

    @Override
    public long pending() {
        synchronized (lock) {
            return pendingBytes;
        }
    }

    @Override
    public Peer send(String text) {
        Objects.requireNonNull(text, "text");
        return send(ByteBuffer.wrap(text.getBytes(charset)), false);
    }

    @Override
    public Peer send(Bytes bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return send(ByteBuffer.wrap(BYTES.array(bytes)), false);
    }

    @Override
    public Peer send(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return send(ByteBuffer.wrap(bytes), true);
    }

    @Override
    public Peer send(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return send(ByteBuffer.wrap(bytes, offset, length), true);
    }

    private Peer send(ByteBuffer b, boolean copyRest) {
        int n = b.remaining();
        Tap t = tap;
        if (t == null) {
            return counted(write(b, copyRest), n);
        }
        // Recorded under the lock that orders the sends, so the records are in the order the
        // bytes go out; before the write, which moves the buffer on.
        synchronized (lock) {
            checkSendable();
            t.sent(b);
            return counted(write(b, copyRest), n);
        }
    }

    // ---- wiretap ---------------------------------------------------------------------------

    /** Taps this peer: the loop calls it once it made the peer, with the server's wiretap. */
    public void tap(Tap tap) {
        this.tap = tap;
    }

    @Override
    public Peer sendFrame(Framing framing, Bytes data) {
        Objects.requireNonNull(data, "data");
        byte[] b = BYTES.array(data);
        return send(ByteBuffer.wrap(Frames.encode(framing, b, 0, b.length, local, remote)), false);
    }

    @Override
    public Peer sendFrame(Framing framing, String text) {
        Objects.requireNonNull(text, "text");
        byte[] b = text.getBytes(charset);
        return send(ByteBuffer.wrap(Frames.encode(framing, b, 0, b.length, local, remote)), false);
    }

    @Override
    public FrameDecoder frameDecoder() {
        return frameDecoder;
    }

    @Override
    public void frameDecoder(FrameDecoder decoder) {
        frameDecoder = decoder;
    }

    /**
     * Closes the connection, if open, and has the loop log the client's fault: not a failure of
     * the receiver. A frame left partial is the client's only if it ended its stream first
     * ({@link #clientEnded()}): one the server closed (idle, evicted, the server closing, a reset)
     * is not logged.
     */
    @Override
    public void brokeFraming(Framing framing, FrameException e) {
        if (!e.tooLong() && !clientEnded) {
            return;
        }
        abort();
        worker.brokeFraming(this, framing.toString(), e.reason(), e.hint());
    }

    /**
     * The loop thread, after a framed read: the decoder now holds {@code held} bytes of a partial
     * frame (0 once it handed the frame over), which the budget is told. A read that takes more
     * of it while the budget is over pauses reading from this client, as a queue that grows does,
     * until the budget has room again ({@link #roomAgain}): only what a client makes the server
     * hold from one read to the next counts, so a frame whole in one read costs no step here.
     */
    private void holding(long held) {
        synchronized (lock) {
            if (closed) {
                return; // closeNow gave back what was held
            }
            long was = frameHeld;
            frameHeld = held;
            if (held < was) {
                budget.release(was - held);
                worker.frameDone(this);
                return;
            }
            budget.reserve(held - was);
            if (budget.over() && !readingPaused && !closeWhenSent && !worker.finishing(this)) {
                readingPaused = true;
                stopReading();
                if (!waitingForRoom) {
                    waitingForRoom = true;
                    worker.waitForRoom(this);
                }
            }
        }
    }

    /**
     * The loop thread: the budget has room again since this peer paused for its partial frame, or
     * the loop lets it finish its frame past the budget. Reads again, unless its queue holds it
     * paused (then the queue's drain resumes it), or it closes.
     */
    public void roomAgain() {
        synchronized (lock) {
            waitingForRoom = false;
            if (readingPaused && !closed && !closeWhenSent && !endOfInput && pendingBytes <= MAX_PENDING / 2) {
                readingPaused = false;
                try {
                    key.interestOpsOr(SelectionKey.OP_READ);
                } catch (CancelledKeyException e) {
                    // closed meanwhile
                }
            }
        }
    }

    /** The loop thread: the client ended its stream (its end, or a TLS close_notify) while the connection was open. */
    protected final void clientEnded() {
        clientEnded = true;
    }

    /** The loop thread: true while it holds part of a frame, taken from the budget, and is open. */
    public boolean holdsPartialFrame() {
        synchronized (lock) {
            return !closed && frameHeld > 0;
        }
    }

    /** True while reading from this client is paused (its queue, or the budget): a TLS peer reads no more records then. */
    protected final boolean readingPaused() {
        synchronized (lock) {
            return readingPaused;
        }
    }

    // ---------------------------------------------------------------- counters, Sockets.open()

    private Peer counted(Peer p, int n) {
        countSent(n);
        return p;
    }

    /** {@code "tcp"} or {@code "unix"}; a TLS peer says {@code "tls"}. For {@code Sockets.open()}. */
    protected String protocol() {
        return local instanceof dev.sockets.UnixAddress ? "unix" : "tcp";
    }

    @Override
    public int closeOrder() {
        return 2;
    }

    @Override
    public dev.sockets.OpenSocket describe(long now) {
        return new dev.sockets.OpenSocket(protocol() + " peer", this, local, java.util.Optional.of(remote),
                java.time.Duration.ofNanos(now - opened), bytesReceived(), bytesSent());
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed || closeWhenSent) {
                return;
            }
            closedBy = Thread.currentThread();
            closeWhenSent = true;
            if (pendingBytes == 0) {
                closeGracefully();
            } else {
                stopReading();
            }
        }
    }

    @Override
    public <T> T option(SocketOption<T> option) {
        Objects.requireNonNull(option, "option");
        OptionAccess o = options();
        o.check(option);
        return onLoop(Op.OPTION, () -> o.get(option));
    }

    @Override
    public <T> Peer option(SocketOption<T> option, T value) {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(value, "value");
        OptionAccess o = options();
        o.check(option);
        onLoop(Op.OPTION, () -> {
            o.set(option, value);
            return null;
        });
        return this;
    }

    private OptionAccess options() {
        return OptionAccess.of(local instanceof dev.sockets.UnixAddress ? "Unix sockets" : "TCP sockets", channel);
    }

    /** What runs on the loop for another thread; may throw the JDK's exception. */
    @FunctionalInterface
    private interface OnLoop<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code what} on this peer's loop thread, where everything else touches the channel,
     * and hands its result or its failure to the caller, who waits at most {@link #OPTION_WAIT}.
     */
    private <T> T onLoop(Op op, OnLoop<T> what) {
        if (!isOpen()) { // closed or closing, as for a send
            throw Errors.closed(op, "connection", local, remote, null);
        }
        if (worker.onLoop()) {
            try {
                return what.run();
            } catch (IOException e) {
                throw failed(op, e);
            }
        }
        var answer = new java.util.concurrent.CompletableFuture<T>();
        worker.execute(() -> {
            try {
                answer.complete(what.run());
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get(OPTION_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw failed(op, io);
            }
            if (c instanceof RuntimeException r) {
                throw r; // a value the option does not take: the JDK's IllegalArgumentException
            }
            throw new IllegalStateException(c);
        } catch (java.util.concurrent.TimeoutException e) {
            throw Errors.of(dev.sockets.SocketError.Kind.TIMED_OUT, op).local(local).remote(remote)
                    .because("the server's loop did not answer within " + Errors.human(OPTION_WAIT),
                            "a receiver that blocks holds the loop: keep receivers short, or set options from the receiver")
                    .error();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errors.of(dev.sockets.SocketError.Kind.OTHER, op).local(local).remote(remote)
                    .because("interrupted while waiting for the server's loop", "").error();
        }
    }

    private RuntimeException failed(Op op, IOException e) {
        return closed || !channel.isOpen() ? Errors.closed(op, "connection", local, remote, e) : Errors.map(op, local, remote, e, null);
    }

    /** Every send: {@code b} holds what the user sent; {@code copyRest} when it is the user's array (to copy what waits). */
    protected Peer write(ByteBuffer b, boolean copyRest) {
        synchronized (lock) {
            return writeLocked(b, copyRest);
        }
    }

    /** Throws the error of a send on a closed connection, if it is closed. Under lock. */
    protected final void checkSendable() {
        if (closed || closeWhenSent) {
            throw Errors.closed(Op.SEND, "connection", local, remote, null);
        }
    }

    /**
     * Sends {@code b} now if the OS takes it, queues the rest (copied if {@code copyRest}): the
     * one path of bytes to the channel. Under lock.
     */
    protected final Peer writeLocked(ByteBuffer b, boolean copyRest) {
        checkSendable();
        // Only the loop thread writes to the channel: an interrupted thread's write would close
        // it (an interruptible channel), and its errors belong to the loop.
        boolean onLoop = worker.onLoop();
        if (pendingBytes == 0 && onLoop) {
            try {
                while (b.hasRemaining() && channel.write(b) > 0) {
                    // the OS took some; offer the rest
                }
            } catch (IOException e) {
                tapError(Op.SEND, e);
                abort();
                throw Errors.map(Op.SEND, local, remote, e, null);
            }
            lastActive = System.nanoTime();
            lastProgress = lastActive;
            if (!b.hasRemaining()) {
                return this;
            }
        }
        ByteBuffer rest = b;
        if (copyRest) {
            rest = ByteBuffer.allocate(b.remaining());
            rest.put(b).flip();
        }
        if (pending == null) {
            pending = new ArrayDeque<>(4);
        }
        boolean first = pendingBytes == 0;
        pending.add(rest);
        pendingBytes += rest.remaining();
        // Only when a send is queued (the client is not keeping up): a send the OS takes at once
        // costs nothing here.
        budget.reserve(rest.remaining());
        try {
            if (first) {
                lastProgress = System.nanoTime();
                key.interestOpsOr(SelectionKey.OP_WRITE);
                if (!onLoop) {
                    worker.selector().wakeup();
                }
            }
            // Back-pressure: this client's queue is too long, or the server's queues together
            // are; either way it is not read from (nor answered) until its queue drains.
            if ((pendingBytes > MAX_PENDING || budget.over()) && !readingPaused) {
                readingPaused = true;
                key.interestOpsAnd(~SelectionKey.OP_READ);
            }
        } catch (CancelledKeyException e) {
            // Closed under us by the server's close: the data goes nowhere, as on any close.
        }
        return this;
    }

    /**
     * The loop thread, right after {@code opened()}: reads what the client may have sent already,
     * as a readiness event would, but not if {@code opened()} queued more than {@link #MAX_PENDING}
     * (reading then waits for the client to take it, as for any connection).
     */
    public void readAfterOpened(ByteBuffer in, Receiver receiver) {
        synchronized (lock) {
            if (readingPaused) {
                return;
            }
        }
        readable(in, receiver);
    }

    /**
     * True if the loop must not call the receiver's {@code opened} at accept: the peer calls it
     * itself once the connection is ready (a TLS peer, after its handshake).
     */
    public boolean opensItself() {
        return false;
    }

    /** True once the receiver's {@code opened} ran (or was about to), so that {@code closed} may follow it. */
    public boolean wasOpened() {
        return true;
    }

    /** True if its handshake ran past its time ({@link Maker#beginNanos()}); the loop's sweep asks. */
    public boolean beginOverdue(long now) {
        return false;
    }

    /** The sweep found {@link #beginOverdue}: says so in the server's log and closes the connection. */
    public void beginTimedOut() {
        abort();
    }

    /**
     * The receiver's data, what remains in {@code got} (the loop's buffer, which it reads to the
     * end), handed over: the receiver runs; what it throws closes the connection. A plain
     * receiver gets the bytes in an array of their own; a framed one each frame copied out of
     * {@code got}, so it takes the buffer itself.
     */
    protected final void deliver(Receiver receiver, ByteBuffer got) {
        int n = got.remaining();
        countReceived(n);
        Tap t = tap;
        try {
            if (receiver instanceof Frames.FrameReceiver framed) {
                if (t != null) {
                    byte[] b = new byte[n];
                    got.duplicate().get(b);
                    t.received(b, 0, n);
                }
                framed.receive(this, got);
                FrameDecoder d = frameDecoder;
                long held = d == null ? 0 : d.held();
                if (held != frameHeld) { // a racy look: closeNow may have zeroed it, which holding() sees
                    holding(held);
                }
                return;
            }
            byte[] b = new byte[n];
            got.get(b);
            if (t != null) {
                t.received(b, 0, n);
            }
            receiver.receive(this, BYTES.wrap(b));
        } catch (Throwable e) {
            if (e instanceof SocketClosed && closeWhenSent && closedBy != Thread.currentThread()) {
                return; // another thread closed it meanwhile: its close goes on, gracefully
            }
            if (!closed) {
                worker.failed(this, e);
            }
            abort();
        } finally {
            // An interrupt the receiver left behind would close the next channel this thread reads.
            Thread.interrupted();
        }
    }

    /** The loop thread: data arrived (or the end); false once the connection is done with. */
    public void readable(ByteBuffer in, Receiver receiver) {
        if (closed) {
            return;
        }
        if (closeWhenSent) {
            discard(in); // closing: the receiver is not called again
            return;
        }
        in.clear();
        if (budget.over()) {
            in.limit(Math.min(in.capacity(), OVER_BUDGET_READ));
        }
        int n;
        try {
            n = channel.read(in);
        } catch (IOException e) {
            worker.log(System.Logger.Level.DEBUG, "read from " + remote.text() + " failed; closed it", e);
            tapError(Op.RECV, e);
            abort();
            return;
        }
        synchronized (lock) {
            if (closeWhenSent) {
                // Closed by another thread since the check above: what came is dropped, the end closes.
                if (n < 0) {
                    endOfInput = true;
                    closeNow();
                }
                return;
            }
            if (n < 0) {
                endOfInput = true; // before close(): a close from another thread now closes at once too
                clientEnded = true;
                stopReading();
            }
        }
        if (n < 0) {
            tapEnd();
            close();
            return;
        }
        if (n == 0) {
            return;
        }
        lastActive = System.nanoTime();
        in.flip();
        deliver(receiver, in);
    }

    /** The loop thread: the OS can take more of what waits. */
    public void writable() {
        synchronized (lock) {
            writableLocked();
        }
    }

    private void writableLocked() {
        if (closed) {
            return;
        }
        try {
            while (pendingBytes > 0) {
                ByteBuffer b = pending.peek();
                int n = channel.write(b);
                if (n > 0) {
                    pendingBytes -= n;
                    budget.release(n);
                    lastActive = System.nanoTime();
                    lastProgress = lastActive;
                }
                if (b.hasRemaining()) {
                    break;
                }
                pending.poll();
            }
        } catch (IOException e) {
            worker.log(System.Logger.Level.DEBUG, "send to " + remote.text() + " failed; closed it", e);
            tapError(Op.SEND, e);
            abort();
            return;
        }
        try {
            if (pendingBytes == 0) {
                pending = null;
                if (closeWhenSent) {
                    closeGracefully();
                    return;
                }
                key.interestOpsAnd(~SelectionKey.OP_WRITE);
            }
            if (readingPaused && !endOfInput && !closeWhenSent && pendingBytes <= MAX_PENDING / 2
                    && (pendingBytes == 0 || !budget.over())) {
                readingPaused = false;
                key.interestOpsOr(SelectionKey.OP_READ);
            }
        } catch (CancelledKeyException e) {
            // closed meanwhile
        }
    }

    /** True if something waits to go out and none of it went for longer than {@code nanos}. */
    public boolean stalled(long now, long nanos) {
        synchronized (lock) {
            return pendingBytes > 0 && now - lastProgress > nanos;
        }
    }

    /** Closes once the client has closed its side; at once if it has (the end was read). Under lock. */
    private void closeGracefully() {
        if (closed || lingering) {
            return;
        }
        if (endOfInput) {
            closeNow();
            return;
        }
        try {
            channel.shutdownOutput();
            lingering = true;
            lingerUntil = System.nanoTime() + LINGER_NANOS;
            key.interestOps(SelectionKey.OP_READ);
            if (!worker.onLoop()) {
                worker.selector().wakeup();
            }
        } catch (IOException | CancelledKeyException e) {
            closeNow();
        }
    }

    /** The loop thread, closing: reads and drops what the client still sends, closes at its end. */
    protected final void discard(ByteBuffer in) {
        synchronized (lock) {
            if (!lingering) {
                return; // still sending what was queued; reading waits
            }
            try {
                // A few buffers a wake-up, as reading does: a client that streams on cannot hold the loop.
                int n = 0;
                for (int i = 0; i < 4; i++) {
                    in.clear();
                    n = channel.read(in);
                    if (n <= 0) {
                        break;
                    }
                }
                if (n < 0) {
                    endOfInput = true;
                    closeNow();
                }
            } catch (IOException e) {
                closeNow();
            }
        }
    }

    /** True once {@link #close()} was called (or the server closes it): neither idle nor stalled then. */
    public boolean closing() {
        return closeWhenSent;
    }

    /** True if it waits for the client's end for longer than it lingers. */
    public boolean lingeredOut(long now) {
        synchronized (lock) {
            return lingering && now - lingerUntil > 0;
        }
    }

    /** The wiretap records the end of the client's stream, if there is one. */
    protected final void tapEnd() {
        Tap t = tap;
        if (t != null) {
            t.endOfStream();
        }
    }

    /** The wiretap records a failed read or send, if there is one. */
    protected final void tapError(Op op, IOException e) {
        Tap t = tap;
        if (t != null) {
            t.error(Errors.map(op, local, remote, e, null).getMessage());
        }
    }

    protected final void stopReading() {
        try {
            key.interestOpsAnd(~SelectionKey.OP_READ);
        } catch (CancelledKeyException e) {
            // closed already
        }
    }

    /** Closes at once, dropping what waits (a failure, or the server's close running out of grace). */
    public void abort() {
        synchronized (lock) {
            closeNow();
        }
    }

    protected final void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        Tap t = tap;
        if (t != null) {
            t.close();
        }
        dev.sockets.internal.registry.Registry.closed(this);
        pending = null;
        budget.release(pendingBytes + frameHeld);
        pendingBytes = 0;
        frameHeld = 0;
        // Counted out before the close(2), so that a client that saw the end of a connection the
        // client closed first finds it no longer counted. (One the server closed first counts
        // until the client's end came, or the linger ran out: see close().)
        worker.closed(this);
        worker.close(key, channel);
    }

    /** {@code Peer[127.0.0.1:43210]}, with {@code , 12 bytes to send}, {@code , closing} or {@code , closed}. */
    @Override
    public String toString() {
        synchronized (lock) {
            return "Peer[" + remote.text() + (pendingBytes > 0 ? ", " + pendingBytes + " bytes to send" : "")
                    + (closed ? ", closed" : closeWhenSent ? ", closing" : "") + "]";
        }
    }
}
