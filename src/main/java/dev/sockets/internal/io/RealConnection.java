package dev.sockets.internal.io;

import dev.sockets.Address;
import dev.sockets.Bytes;
import dev.sockets.Connection;
import dev.sockets.Expect;
import dev.sockets.Match;
import dev.sockets.Framing;
import dev.sockets.Shutdown;
import dev.sockets.SocketError;
import dev.sockets.SocketError.Kind;
import dev.sockets.SocketError.Op;
import dev.sockets.internal.SharedSecrets;
import dev.sockets.internal.errors.Errors;
import dev.sockets.internal.framing.FrameDecoder;
import dev.sockets.internal.framing.FrameException;
import dev.sockets.internal.framing.Frames;
import dev.sockets.internal.registry.Registry;
import dev.sockets.internal.settings.Check;
import dev.sockets.internal.server.MemoryBudget;
import dev.sockets.internal.tap.Tap;
import dev.sockets.internal.tap.Wiretap;
import dev.sockets.internal.time.Threads;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The {@link Connection} that {@code connect}, {@code accept} and {@code socketpair} return, over
 * a {@link Transport}. Apart from the handle's methods it is public only to the engine and its
 * tests: the server's idle clock ({@link #watchIdle}), the close after a handler
 * ({@link #closeAfterHandler()}), and the busy-poll state. It prints as {@code Connection[...]}.
 */
public final class RealConnection implements Connection, Registry.Entry {

    private static final SharedSecrets.BytesAccess<Bytes> BYTES = SharedSecrets.bytes(Bytes.class);

    /** What recvExactly allocates before bytes arrive: a huge n is not allocated up front, so a peer's claimed length cannot exhaust the heap. */
    private static final int EXACT_START = 64 * 1024;

    private static final int BUFFER = 8192;
    /** What a full read grows the buffer to at most: a bulk stream reads 64 KiB at a time. */
    private static final int MAX_BUFFER = 64 * 1024;
    /** The buffer a connection on a virtual thread waits with when nothing has arrived (memory per idle connection: BENCHMARKS.md, "The threading design, and why"). */
    private static final int IDLE_BUFFER = 512;
    private static final int FULL = Integer.MAX_VALUE;
    private static final byte UNDECIDED = 0;
    private static final byte LEAN = 1;
    private static final byte KEEP = 2;

    private static final VarHandle READER;
    private static final VarHandle WRITER;
    private static final VarHandle RECEIVED;
    private static final VarHandle SENT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            READER = l.findVarHandle(RealConnection.class, "reader", Thread.class);
            WRITER = l.findVarHandle(RealConnection.class, "writer", Thread.class);
            RECEIVED = l.findVarHandle(RealConnection.class, "received", long.class);
            SENT = l.findVarHandle(RealConnection.class, "sent", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Transport transport;
    private final Charset charset;
    private final int maxLine;
    // The most bytes one expect searches (the spec's maxExpectBuffer); set before the first read.
    private int maxExpect = dev.sockets.internal.settings.Setting.DEFAULT_MAX_EXPECT_BUFFER;
    private final AtomicBoolean closed = new AtomicBoolean();
    private Duration timeout;
    private volatile boolean outputShut;
    // shutdownInput(): every read returns the end from then on, and the bytes held are dropped by
    // the reader at its next read (another thread may be reading the buffer right now).
    private volatile boolean inputShut;
    // A read met the end of the stream: nothing can arrive after it, so closing need not ask
    // the OS for unread bytes to discard (an ioctl per short connection). Written and read by
    // the handler's thread; another thread seeing it late only asks once more.
    private boolean sawEnd;
    private Duration writeTimeout = Duration.ZERO;
    // The server's idle timeout (slowloris defence, SECURITY.md): set before the handler's thread starts.
    private IdleWatch idle;
    // The server's memory budget, which recvExactly and recvAll take their growth from; null on
    // connections that no server accepted. Set before the handler's thread starts.
    private MemoryBudget budget;

    // The one read buffer: bytes [pos, lim) are read from the peer and not yet handed out.
    private byte[] buf;
    private int pos;
    private int lim;
    // A frame a readFrame timed out inside, and its framing: the decoder holds the bytes that came
    // (they are out of the buffer), and the next readFrame of that framing goes on with it.
    private FrameDecoder timedOutFrame;
    private Framing timedOutFraming;
    // The size of the next buffer for a read into an empty one: doubles after a read fills it.
    private int grown = BUFFER;
    // LEAN (read on a virtual thread, where thousands wait at once): wait with a small buffer
    // and drop the big one when nothing has arrived. KEEP (platform threads): keep the big one.
    private byte buffers = UNDECIDED;
    // What the last read into an empty buffer returned, FULL when it filled the buffer.
    private int lastFill;
    // Polls for bytes before a read blocks, on platform threads only (BENCHMARKS.md, "The threading design, and why"); null until decided.
    private dev.sockets.internal.io.BusyPoll poll;
    private Thread pollReader;
    private final long busyPollNanos;
    // The thread inside a read (a send) right now, null between calls. Two readers on the one
    // buffer lose and duplicate bytes, two senders interleave their messages: a second caller
    // fails at once instead. Taken with one compare-and-set at each public entry point and
    // released with one release store; that pair also hands the buffer over between threads
    // reading one after the other.
    @SuppressWarnings("unused") // through READER
    private Thread reader;
    @SuppressWarnings("unused") // through WRITER
    private Thread writer;
    // The host connect was given (a name, for a TLS client's SNI and host name check after
    // startTls); null on a connection a listener accepted.
    private dev.sockets.Host peerName;
    // The connection startTls made over this one's transport: closing this one closes that one
    // (a server closes the connection it handed to the handler, whatever the handler did with it).
    private volatile RealConnection successor;
    // The wiretap, or null: the only cost of the feature when off is this null check, once a
    // read or a send (BENCHMARKS.md, "Wiretap").
    private volatile Tap tap;
    // When it opened, for Sockets.open().
    private final long opened = System.nanoTime();
    private boolean listed;
    // Bytes handed out by reads, and taken by the OS from sends. The reader (the writer) is the
    // only thread that adds (enterRead and enterWrite make it so, and their release store hands
    // the count over with the buffer), so an add is a plain read and an opaque store: no lock
    // prefix on the ping-pong path, yet never a torn long, and another thread (Sockets.open())
    // reads a value at most one call old.
    @SuppressWarnings("unused") // through RECEIVED
    private long received;
    @SuppressWarnings("unused") // through SENT
    private long sent;

    public RealConnection(Transport transport, Charset charset, int maxLine, Duration timeout) {
        this(transport, charset, maxLine, timeout, Duration.ZERO);
    }

    public RealConnection(Transport transport, Charset charset, int maxLine, Duration timeout, Duration busyPoll) {
        this.transport = transport;
        this.charset = charset;
        this.maxLine = maxLine;
        this.timeout = timeout;
        this.busyPollNanos = busyPoll.toNanos();
    }

    /**
     * Lists it in {@code Sockets.open()}: the engine's calls that open a socket do, a test's
     * connection over a stand-in transport does not (nothing would close it).
     */
    public RealConnection listed() {
        listed = true;
        Registry.openedStream(this);
        return this;
    }

    /**
     * The memory budget of the server that accepted this connection: {@code recvExactly} and
     * {@code recvAll} take what they grow past their first buffer from it, and fail with a
     * {@link SocketError} rather than run the JVM out of memory. Before the handler starts.
     */
    public void budget(MemoryBudget budget) {
        this.budget = budget;
    }

    /** The spec's {@code maxExpectBuffer}: the most bytes one {@code expect} searches. Before the first read. */
    public void maxExpect(int bytes) {
        this.maxExpect = bytes;
    }

    /**
     * A server's idle clock on this connection. The server's reaper implements it, so that this
     * layer does not depend on the server that watches it.
     */
    public interface IdleWatch {
        /** Bytes were read: the connection is not idle. */
        void active();

        /**
         * A send starts ({@code true}) or ends. A send that makes no progress counts as idle
         * (the watch reads the progress from {@link #writeDeadline()}).
         */
        void writing(boolean on);

        /** The idle timeout, for messages. */
        Duration timeout();

        /** True once the timeout closed the connection. */
        boolean fired();

        /** Stops watching: the connection closed. Returns false if the timeout closed it first. */
        boolean cancel();
    }

    /** Starts the server's idle clock, before the handler's thread starts. */
    public void watchIdle(IdleWatch watch) {
        idle = watch;
    }

    /**
     * The deadline that watches this connection's sends, or null without a write timeout: the
     * server's idle clock reads its progress stamps.
     */
    public dev.sockets.internal.time.WriteDeadline writeDeadline() {
        return transport.writeDeadline();
    }

    /** Marks a connection made by {@code connect} to {@code host}: the client side, for STARTTLS. */
    public RealConnection connectedTo(dev.sockets.Host host) {
        this.peerName = host;
        return this;
    }

    /** The host {@code connect} was given, or null for a connection a listener accepted. */
    public dev.sockets.Host peerName() {
        return peerName;
    }

    /** Builds the transport of an upgraded connection (TLS) over the plain one. */
    @FunctionalInterface
    public interface Upgrade {
        /**
         * The new transport over {@code plain}.
         *
         * @param unread the bytes this connection read from {@code plain} and did not hand out
         *               yet: they belong to the new transport (the start of the peer's handshake)
         */
        Transport over(Transport plain, byte[] unread) throws IOException;
    }

    /**
     * STARTTLS, and the handshake of a TLS connect: a new connection over what {@code upgrade}
     * makes of this one's transport, with the same settings, its handshake run; this one is spent
     * (its uses say so) but closing it closes the new one. On failure both are closed.
     */
    public RealConnection upgrade(Upgrade upgrade) {
        enterRead();
        try {
            enterWrite();
            try {
                ensureOpen(Op.HANDSHAKE);
                byte[] unread = buf == null ? new byte[0] : Arrays.copyOfRange(buf, pos, lim);
                pos = lim;
                Transport t;
                try {
                    t = upgrade.over(transport, unread);
                } catch (IOException e) {
                    SocketError err = fail(Op.HANDSHAKE, e);
                    close();
                    throw err;
                } catch (RuntimeException | Error e) {
                    // The bytes read ahead are gone with the attempt: the connection is of no use.
                    close();
                    throw e;
                }
                var next = new RealConnection(t, charset, maxLine, timeout, Duration.ofNanos(busyPollNanos));
                next.writeTimeout = writeTimeout;
                next.peerName = peerName;
                next.idle = idle;
                next.budget = budget;
                next.maxExpect = maxExpect;
                next.tap = tap;
                // The count goes on over TLS: a connection's bytes are what its user sent and read.
                next.received = received;
                next.sent = sent;
                successor = next;
                closed.set(true);
                if (listed) {
                    Registry.closed(this);
                    next.listed();
                }
                next.handshake();
                Tap tapped = tap;
                if (tapped != null) {
                    tapped.note(next.tls().map(i -> "tls " + i.protocol() + " " + i.cipherSuite() + ", plaintext from here")
                            .orElse("upgraded"));
                }
                return next;
            } finally {
                WRITER.setRelease(this, null);
            }
        } finally {
            leaveRead();
        }
    }

    /**
     * Finishes opening: runs a TLS transport's handshake (a plain one has none). On failure the
     * connection is closed and the {@code TlsError} (or {@link SocketError}) thrown.
     */
    public void handshake() {
        try {
            transport.handshake();
        } catch (IOException e) {
            SocketError err = fail(Op.HANDSHAKE, e);
            close();
            throw err;
        }
    }

    @Override
    public java.util.Optional<dev.sockets.TlsInfo> tls() {
        return transport.tls();
    }

    /** How long a read polls before it blocks (the spec's {@code busyPoll}); for tests. */
    public Duration busyPoll() {
        return Duration.ofNanos(busyPollNanos);
    }

    /** True if the last read was allowed to poll before blocking; for tests. */
    public boolean polls() {
        return poll != null && poll != dev.sockets.internal.io.BusyPoll.OFF;
    }

    @Override
    public Address remote() {
        return transport.remote();
    }

    @Override
    public Address local() {
        return transport.local();
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public <T> T option(SocketOption<T> option) {
        Objects.requireNonNull(option, "option");
        OptionAccess o = transport.options();
        o.check(option);
        ensureOpen(Op.OPTION);
        try {
            return o.get(option);
        } catch (IOException e) {
            throw fail(Op.OPTION, e);
        }
    }

    @Override
    public <T> Connection option(SocketOption<T> option, T value) {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(value, "value");
        OptionAccess o = transport.options();
        o.check(option);
        ensureOpen(Op.OPTION);
        try {
            o.set(option, value);
        } catch (IOException e) {
            throw fail(Op.OPTION, e);
        }
        return this;
    }

    // ---------------------------------------------------------------- sending

    @Override
    public Connection send(String text) {
        Objects.requireNonNull(text, "text");
        byte[] b = text.getBytes(charset);
        return write(b, 0, b.length);
    }

    @Override
    public Connection send(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return write(bytes, 0, bytes.length);
    }

    @Override
    public Connection send(byte[] bytes, int offset, int length) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return write(bytes, offset, length);
    }

    @Override
    public Connection send(Bytes bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return write(BYTES.array(bytes), 0, bytes.length());
    }

    @Override
    public Connection sendLine(String line) {
        Objects.requireNonNull(line, "line");
        byte[] b = (line + "\n").getBytes(charset);
        return write(b, 0, b.length);
    }

    @Override
    public long sendFile(Path file) {
        return sendFile(file, 0, Long.MAX_VALUE);
    }

    @Override
    public long sendFile(Path file, long offset, long count) {
        Objects.requireNonNull(file, "file");
        if (offset < 0 || count < 0) {
            throw new IllegalArgumentException("expected offset >= 0 and count >= 0 but was offset " + offset + ", count " + count);
        }
        enterWrite();
        try {
            ensureOpen(Op.SEND);
            FileChannel f = open(file);
            try {
                return sendFileOwned(f, file, offset, count);
            } finally {
                closeQuietly(f);
            }
        } finally {
            WRITER.setRelease(this, null);
        }
    }

    private long sendFileOwned(FileChannel f, Path file, long offset, long count) {
        long n = Math.min(count, Math.max(0, size(f, file) - offset));
        if (n == 0) {
            return 0;
        }
        IdleWatch w = idle;
        if (w != null) {
            w.writing(true);
        }
        try {
            long done = transport.sendFile(f, offset, n);
            SENT.setOpaque(this, sent + done);
            Tap t = tap;
            if (t != null) {
                tapFile(t, f, file, offset, done);
            }
            return done;
        } catch (IOException e) {
            throw writeFailed(e);
        } finally {
            if (w != null) {
                w.writing(false);
            }
        }
    }

    private static void tapFile(Tap t, FileChannel f, Path file, long offset, long sent) {
        var shown = ByteBuffer.allocate((int) Math.min(sent, Tap.FILE_SHOWN));
        try {
            while (shown.hasRemaining() && f.read(shown, offset + shown.position()) > 0) {
                // positional reads: the file's position is not ours
            }
        } catch (IOException e) {
            // The record shows what could be read again.
        }
        t.sentFile(file.toString(), Arrays.copyOf(shown.array(), shown.position()), sent);
    }

    private static void closeQuietly(FileChannel f) {
        try {
            f.close();
        } catch (IOException e) {
            // A file opened for reading: nothing is lost when its close fails.
        }
    }

    private FileChannel open(Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw fileError(file, e);
        }
    }

    private long size(FileChannel f, Path file) {
        try {
            return f.size();
        } catch (IOException e) {
            throw fileError(file, e);
        }
    }

    private SocketError fileError(Path file, IOException e) {
        String why = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : String.valueOf(e.getMessage());
        return Errors.of(Kind.OTHER, Op.SEND).local(local()).remote(remote()).cause(e)
                .because("cannot read the file " + file + ": " + why, "check the path and that this user may read it").error();
    }

    /** Every send form and the output stream come here: the one entry point for writes. */
    private Connection write(byte[] b, int off, int len) {
        enterWrite();
        try {
            writeOwned(b, off, len);
        } finally {
            WRITER.setRelease(this, null);
        }
        return this;
    }

    private void writeOwned(byte[] b, int off, int len) {
        ensureOpen(Op.SEND);
        IdleWatch w = idle;
        if (w != null) {
            w.writing(true);
        }
        try {
            transport.write(b, off, len);
            SENT.setOpaque(this, sent + len);
            Tap t = tap;
            if (t != null) {
                t.sent(b, off, len);
            }
        } catch (IOException e) {
            throw writeFailed(e);
        } finally {
            if (w != null) {
                w.writing(false);
            }
        }
    }

    /** The error of a failed write or file send; one cut short by its timeout closes this connection. */
    private SocketError writeFailed(IOException e) {
        SocketError err = fail(Op.SEND, e);
        if (e instanceof dev.sockets.internal.errors.WriteTimeoutException) {
            // The transport closed itself: a message cut short leaves the stream of no use.
            closed.set(true);
            Registry.closed(this);
        }
        return err;
    }

    private void enterWrite() {
        Thread owner = (Thread) WRITER.compareAndExchange(this, null, Thread.currentThread());
        if (owner != null) {
            throw busy(owner, "sending on", "sending", "sender", "sends");
        }
    }

    private void enterRead() {
        Thread owner = (Thread) READER.compareAndExchange(this, null, Thread.currentThread());
        if (owner != null) {
            throw busy(owner, "reading", "reading", "reader", "reads");
        }
    }

    private void leaveRead() {
        READER.setRelease(this, null);
    }

    private static IllegalStateException busy(Thread owner, String verb, String doing, String role, String calls) {
        // A virtual thread has no name unless given one; its toString tells it apart.
        String who = owner.getName().isEmpty() ? owner.toString() : owner.getName();
        return new IllegalStateException("expected one thread " + verb + " this connection at a time but " + who
                + " is " + doing + "; use one " + role + " thread, or a lock around " + calls);
    }

    // ---------------------------------------------------------------- receiving

    @Override
    public Bytes recv(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("expected max >= 0 but was " + max);
        }
        enterRead();
        try {
            return recvOwned(max);
        } finally {
            leaveRead();
        }
    }

    private Bytes recvOwned(int max) {
        ensureOpen(Op.RECV);
        if (max == 0) {
            return Bytes.empty();
        }
        if (pos == lim && fillEmpty() < 0) {
            return Bytes.empty();
        }
        int n = Math.min(max, lim - pos);
        if (n == buf.length) {
            // A full buffer asked for whole (a bulk stream): hand the array itself over instead of
            // a copy of it; the next read takes a new one.
            byte[] out = buf;
            buf = null;
            pos = 0;
            lim = 0;
            return BYTES.wrap(out);
        }
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return BYTES.wrap(out);
    }

    @Override
    public int recvInto(ByteBuffer buffer) {
        Objects.requireNonNull(buffer, "buffer");
        if (buffer.isReadOnly()) {
            throw new IllegalArgumentException("expected a buffer recvInto can write to but was read-only: " + buffer);
        }
        enterRead();
        try {
            ensureOpen(Op.RECV);
            int room = buffer.remaining();
            if (room == 0) {
                return 0;
            }
            if (pos == lim && buffer.hasArray()) {
                int r = readInto(buffer.array(), buffer.arrayOffset() + buffer.position(), room);
                if (r <= 0) {
                    return 0;
                }
                buffer.position(buffer.position() + r);
                return r;
            }
            // A direct buffer: the transport reads into arrays, so it goes through this one's.
            if (pos == lim && fillEmpty() < 0) {
                return 0;
            }
            int n = Math.min(room, lim - pos);
            buffer.put(buf, pos, n);
            pos += n;
            return n;
        } finally {
            leaveRead();
        }
    }

    @Override
    public int recvInto(byte[] buffer, int offset, int length) {
        Objects.requireNonNull(buffer, "buffer");
        Objects.checkFromIndexSize(offset, length, buffer.length);
        enterRead();
        try {
            ensureOpen(Op.RECV);
            if (length == 0) {
                return 0;
            }
            if (pos == lim) {
                int r = readInto(buffer, offset, length);
                return Math.max(r, 0);
            }
            int n = Math.min(length, lim - pos);
            System.arraycopy(buf, pos, buffer, offset, n);
            pos += n;
            return n;
        } finally {
            leaveRead();
        }
    }

    @Override
    public Bytes peek(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("expected max >= 0 but was " + max);
        }
        enterRead();
        try {
            ensureOpen(Op.RECV);
            if (max == 0) {
                return Bytes.empty();
            }
            if (pos == lim && fillEmpty() < 0) {
                return Bytes.empty();
            }
            return BYTES.wrap(Arrays.copyOfRange(buf, pos, pos + Math.min(max, lim - pos)));
        } finally {
            leaveRead();
        }
    }

    @Override
    public Bytes recvExactly(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("expected n >= 0 but was " + n);
        }
        if (n > MAX_RECV_EXACTLY) {
            throw new IllegalArgumentException("expected n <= " + MAX_RECV_EXACTLY + " (MAX_RECV_EXACTLY) but was " + n
                    + "; read longer messages in parts with input()");
        }
        enterRead();
        try {
            return recvExactlyOwned(n);
        } finally {
            leaveRead();
        }
    }

    private Bytes recvExactlyOwned(int n) {
        ensureOpen(Op.RECV);
        byte[] out = new byte[Math.min(n, Math.max(EXACT_START, lim - pos))];
        int got = Math.min(n, lim - pos);
        if (got > 0) {
            System.arraycopy(buf, pos, out, 0, got);
            pos += got;
        }
        // The first buffer is small and not counted: only growth takes from the server's budget,
        // so that reads of ordinary size never touch it.
        long reserved = 0;
        try {
            while (got < n) {
                if (got == out.length) {
                    int bigger = (int) Math.min(n, (long) out.length * 2);
                    reserved = grow(reserved, bigger, n);
                    out = Arrays.copyOf(out, bigger);
                }
                int r = readInto(out, got, out.length - got);
                if (r < 0) {
                    String ended = "the stream ended after " + got + " of " + n + " bytes";
                    throw Errors.of(Kind.OTHER, Op.RECV).local(local()).remote(remote()).cause(new EOFException(ended))
                            .because(ended, "the peer sent less than expected").error();
                }
                got += r;
            }
        } finally {
            release(reserved);
        }
        return BYTES.wrap(out);
    }

    /**
     * Takes a buffer of {@code size} bytes from the server's budget, in place of the
     * {@code reserved} bytes taken so far; returns what is now taken. Fails, taking nothing
     * more, when the budget cannot give it: a SocketError, not an OutOfMemoryError that would
     * kill whichever thread allocates next. {@code exactly} is recvExactly's n, -1 for recvAll.
     */
    private long grow(long reserved, int size, int exactly) {
        MemoryBudget b = budget;
        if (b == null) {
            return reserved;
        }
        if (!b.tryReserve(size - reserved)) {
            throw Errors.of(Kind.OTHER, Op.RECV).local(local()).remote(remote())
                    .because((exactly < 0 ? "recvAll()" : "recvExactly(" + exactly + ")") + " needs a buffer of " + MemoryBudget.mib(size) + " but the server's memory budget of "
                            + MemoryBudget.mib(b.limit()) + " is in use (" + MemoryBudget.mib(b.used()) + ")",
                            "read large messages in parts with recv(...) or input(), or raise the spec's maxBuffered")
                    .error();
        }
        return size;
    }

    private void release(long reserved) {
        if (reserved > 0) {
            budget.release(reserved);
        }
    }

    @Override
    public Bytes recvAll() {
        enterRead();
        try {
            return recvAllOwned();
        } finally {
            leaveRead();
        }
    }

    private Bytes recvAllOwned() {
        ensureOpen(Op.RECV);
        byte[] out = new byte[Math.max(BUFFER, lim - pos)];
        int got = lim - pos;
        if (got > 0) {
            System.arraycopy(buf, pos, out, 0, got);
            pos = lim;
        }
        long reserved = 0; // growth only, as in recvExactly
        try {
            while (true) {
                if (got == out.length) {
                    if (out.length >= MAX_RECV_ALL) {
                        // One more byte tells a stream of exactly 64 MiB from a longer one.
                        byte[] one = new byte[1];
                        if (readInto(one, 0, 1) < 0) {
                            break;
                        }
                        throw Errors.of(Kind.OTHER, Op.RECV).local(local()).remote(remote()).because("more than " + MAX_RECV_ALL
                                + " bytes before the end of the stream", "read it in parts with recv(...) or input()").error();
                    }
                    int bigger = (int) Math.min((long) out.length * 2, MAX_RECV_ALL);
                    reserved = grow(reserved, bigger, -1);
                    out = Arrays.copyOf(out, bigger);
                }
                int r = readInto(out, got, out.length - got);
                if (r < 0) {
                    break;
                }
                got += r;
            }
            return BYTES.wrap(got == out.length ? out : Arrays.copyOf(out, got));
        } finally {
            release(reserved);
        }
    }

    @Override
    public String readLine() {
        enterRead();
        try {
            return readLineOwned();
        } finally {
            leaveRead();
        }
    }

    private String readLineOwned() {
        ensureOpen(Op.RECV);
        if (pos == lim) {
            bufferForRead();
        }
        int scan = pos;
        while (true) {
            for (int i = scan; i < lim; i++) {
                if (buf[i] == '\n') {
                    int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    if (end - pos > maxLine) {
                        throw lineTooLong();
                    }
                    String line = new String(buf, pos, end - pos, charset);
                    pos = i + 1;
                    return line;
                }
            }
            scan = lim;
            if (lim - pos >= maxLine + 2L) {
                throw lineTooLong();
            }
            if (lim == buf.length) {
                if (pos > 0) {
                    System.arraycopy(buf, pos, buf, 0, lim - pos);
                    scan -= pos;
                    lim -= pos;
                    pos = 0;
                } else {
                    buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxLine + 2L));
                }
            }
            boolean wasEmpty = lim == 0;
            int r = readInto(buf, lim, buf.length - lim);
            if (wasEmpty) {
                lastFill = r == buf.length ? FULL : r;
            }
            if (r < 0) {
                if (pos == lim) {
                    return null;
                }
                String last = new String(buf, pos, lim - pos, charset);
                pos = lim;
                return last;
            }
            lim += r;
        }
    }

    private SocketError lineTooLong() {
        return Errors.of(Kind.OTHER, Op.RECV).local(local()).remote(remote()).because("line longer than " + maxLine
                + " bytes", "raise maxLineLength(...) on the spec, or read it with recv(...)").error();
    }

    // ---------------------------------------------------------------- expect

    @Override
    public Match expect(String... texts) {
        return expectWithin(null, texts(texts));
    }

    @Override
    public Match expect(Pattern... patterns) {
        return expectWithin(null, patterns(patterns));
    }

    @Override
    public Match expect(Expect... alternatives) {
        return expectWithin(null, alternatives);
    }

    @Override
    public Match expect(Duration timeout, String... texts) {
        return expectWithin(Check.positive("timeout", timeout), texts(texts));
    }

    @Override
    public Match expect(Duration timeout, Pattern... patterns) {
        return expectWithin(Check.positive("timeout", timeout), patterns(patterns));
    }

    @Override
    public Match expect(Duration timeout, Expect... alternatives) {
        return expectWithin(Check.positive("timeout", timeout), alternatives);
    }

    private static Expect[] texts(String[] texts) {
        Objects.requireNonNull(texts, "texts");
        var out = new Expect[texts.length];
        for (int i = 0; i < texts.length; i++) {
            out[i] = Expect.text(Objects.requireNonNull(texts[i], "texts[" + i + "]"));
        }
        return out;
    }

    private static Expect[] patterns(Pattern[] patterns) {
        Objects.requireNonNull(patterns, "patterns");
        var out = new Expect[patterns.length];
        for (int i = 0; i < patterns.length; i++) {
            out[i] = Expect.pattern(Objects.requireNonNull(patterns[i], "patterns[" + i + "]"));
        }
        return out;
    }

    /** {@code limit} null: the connection's read timeout, for the whole expect. */
    private Match expectWithin(Duration limit, Expect[] alternatives) {
        var search = new ExpectSearch(alternatives, charset);
        enterRead();
        try {
            return expectOwned(search, limit == null ? timeout : limit);
        } finally {
            leaveRead();
        }
    }

    /**
     * Reads into the one buffer until an alternative matches in its unread bytes, growing it up to
     * {@code maxExpect}. DEV-NOTE: the wait is one deadline for the whole expect, not a timeout per
     * read (a peer trickling a byte a second would otherwise hold it for ever): each read gets
     * the time left as the transport's read timeout, and the connection's own is put back after.
     */
    private Match expectOwned(ExpectSearch search, Duration wait) {
        ensureOpen(Op.RECV);
        if (pos == lim) {
            bufferForRead();
        }
        long deadline = wait.isZero() ? 0 : System.nanoTime() + wait.toNanos();
        boolean timed = false;
        int searched = 0;
        try {
            while (true) {
                int window = Math.min(lim - pos, maxExpect);
                ExpectSearch.Hit hit = search.find(buf, pos, window, searched);
                if (hit != null) {
                    return take(search, hit);
                }
                searched = window;
                if (window >= maxExpect) {
                    throw expectTooLong(search, window);
                }
                if (lim == buf.length) {
                    if (pos > 0) {
                        System.arraycopy(buf, pos, buf, 0, lim - pos);
                        lim -= pos;
                        pos = 0;
                    } else {
                        buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxExpect));
                    }
                }
                if (deadline != 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return expectTimedOut(search, wait, window, null);
                    }
                    timed = true;
                    setReadTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000)));
                }
                boolean wasEmpty = lim == 0;
                int r;
                try {
                    r = readInto(buf, lim, Math.min(buf.length - lim, maxExpect - window));
                } catch (dev.sockets.Timeout t) {
                    if (!(t.getCause() instanceof java.net.SocketTimeoutException)) {
                        throw t; // the OS gave up on a dead peer: not this wait's end
                    }
                    return expectTimedOut(search, wait, window, (IOException) t.getCause());
                }
                if (wasEmpty) {
                    lastFill = r == buf.length ? FULL : r;
                }
                if (r < 0) {
                    return expectEnded(search, window);
                }
                lim += r;
            }
        } finally {
            if (timed && !closed.get()) {
                setReadTimeout(Transport.millis(timeout));
            }
        }
    }

    private void setReadTimeout(int millis) {
        try {
            transport.timeout(millis);
        } catch (IOException e) {
            throw fail(Op.RECV, e);
        }
    }

    /** The match: the bytes up to its end are read, the rest stay. */
    private Match take(ExpectSearch search, ExpectSearch.Hit hit) {
        int base = pos;
        List<String> groups = new ArrayList<>();
        if (hit.groups() != null) {
            for (int g = 1; g <= hit.groups().groupCount(); g++) {
                int from = hit.groups().start(g);
                groups.add(from < 0 ? null : new String(buf, base + from, hit.groups().end(g) - from, charset));
            }
        }
        var m = new Match(hit.index(), search.alternative(hit.index()), new String(buf, base, hit.start(), charset),
                new String(buf, base + hit.start(), hit.end() - hit.start(), charset), groups);
        pos = base + hit.end();
        return m;
    }

    private Match expectTimedOut(ExpectSearch search, Duration wait, int window, IOException cause) {
        int i = search.timeout();
        if (i >= 0) {
            // As pexpect: what came is shown and stays unread.
            return new Match(i, Expect.TIMEOUT, new String(buf, pos, window, charset), "", List.of());
        }
        throw Errors.of(Kind.TIMED_OUT, Op.RECV).local(local()).remote(remote()).cause(cause)
                .because("timed out after " + Errors.human(wait) + " waiting for " + search.describe() + "; " + came(window),
                        "give expect a longer timeout, or pass Expect.TIMEOUT to take the timeout as an answer")
                .error();
    }

    private Match expectEnded(ExpectSearch search, int window) {
        int i = search.eof();
        if (i >= 0) {
            var m = new Match(i, Expect.EOF, new String(buf, pos, lim - pos, charset), "", List.of());
            pos = lim;
            return m;
        }
        throw Errors.of(Kind.CLOSED, Op.RECV).local(local()).remote(remote())
                .because("the stream ended while waiting for " + search.describe() + "; " + came(window),
                        "pass Expect.EOF to take the end as an answer")
                .error();
    }

    private SocketError expectTooLong(ExpectSearch search, int window) {
        return Errors.of(Kind.OTHER, Op.RECV).local(local()).remote(remote())
                .because("no match for " + search.describe() + " in " + window + " bytes (the spec's maxExpectBuffer), left unread",
                        "read past them with recv(...), or raise maxExpectBuffer(...) on the spec")
                .error();
    }

    private static String came(int window) {
        return window == 0 ? "nothing came" : (window == 1 ? "1 byte" : window + " bytes")
                + " came that did not match, left unread for recv(...)";
    }

    @Override
    public Stream<String> lines() {
        return untilNull(this::readLine);
    }

    /** What {@code next} returns, call after call, up to its first null: the lines, the frames. */
    private static <T> Stream<T> untilNull(Supplier<T> next) {
        var it = new Spliterators.AbstractSpliterator<T>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super T> action) {
                T t = next.get();
                if (t == null) {
                    return false;
                }
                action.accept(t);
                return true;
            }
        };
        return StreamSupport.stream(it, false);
    }

    // ---------------------------------------------------------------- frames

    @Override
    public Bytes readFrame(Framing framing) {
        Objects.requireNonNull(framing, "framing");
        enterRead();
        try {
            FrameDecoder d = framing.equals(timedOutFraming) ? timedOutFrame : FrameDecoder.of(framing);
            timedOutFrame = null;
            timedOutFraming = null;
            try {
                return readFrameOwned(d);
            } catch (dev.sockets.Timeout t) {
                if (d.partial()) {
                    // As readLine keeps a line's start: retried, the read returns the whole frame.
                    timedOutFrame = d;
                    timedOutFraming = framing;
                }
                throw t;
            }
        } finally {
            leaveRead();
        }
    }

    /** Feeds the decoder from the one buffer, leaving what follows the frame there for the next read. */
    private Bytes readFrameOwned(FrameDecoder d) {
        ensureOpen(Op.RECV);
        while (true) {
            if (pos == lim && fillEmpty() < 0) {
                if (!d.partial()) {
                    return null;
                }
                throw Frames.error(d.truncated(), Op.RECV, local(), remote());
            }
            int n;
            try {
                n = d.feed(buf, pos, lim - pos);
            } catch (FrameException e) {
                // The rest of the stream cannot be cut into frames any more: no use in keeping it open.
                SocketError err = Frames.error(e, Op.RECV, local(), remote());
                close();
                throw err;
            }
            pos += n;
            byte[] f = d.take();
            if (f != null) {
                return BYTES.wrap(f);
            }
        }
    }

    @Override
    public Stream<Bytes> frames(Framing framing) {
        Objects.requireNonNull(framing, "framing");
        return untilNull(() -> readFrame(framing));
    }

    @Override
    public Connection sendFrame(Framing framing, Bytes data) {
        Objects.requireNonNull(data, "data");
        byte[] b = BYTES.array(data);
        byte[] frame = Frames.encode(framing, b, 0, b.length, local(), remote());
        return write(frame, 0, frame.length);
    }

    @Override
    public Connection sendFrame(Framing framing, String text) {
        Objects.requireNonNull(text, "text");
        byte[] b = text.getBytes(charset);
        byte[] frame = Frames.encode(framing, b, 0, b.length, local(), remote());
        return write(frame, 0, frame.length);
    }

    @Override
    public InputStream input() {
        return new InputStream() {
            @Override
            public int read() {
                enterRead();
                try {
                    ensureOpen(Op.RECV);
                    if (pos == lim && fillEmpty() < 0) {
                        return -1;
                    }
                    return buf[pos++] & 0xFF;
                } finally {
                    leaveRead();
                }
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Objects.checkFromIndexSize(off, len, b.length);
                enterRead();
                try {
                    return readOwned(b, off, len);
                } finally {
                    leaveRead();
                }
            }

            private int readOwned(byte[] b, int off, int len) {
                ensureOpen(Op.RECV);
                if (len == 0) {
                    return 0;
                }
                if (pos == lim) {
                    if (len >= BUFFER) {
                        // Big reads go straight to the caller's array: no copy.
                        return readInto(b, off, len);
                    }
                    if (fillEmpty() < 0) {
                        return -1;
                    }
                }
                int n = Math.min(len, lim - pos);
                System.arraycopy(buf, pos, b, off, n);
                pos += n;
                return n;
            }

            @Override
            public int available() {
                return lim - pos;
            }

            @Override
            public String toString() {
                return "input of " + RealConnection.this;
            }
        };
    }

    @Override
    public OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                Objects.checkFromIndexSize(off, len, b.length);
                RealConnection.this.write(b, off, len);
            }

            @Override
            public String toString() {
                return "output of " + RealConnection.this;
            }
        };
    }

    /** Fills the empty buffer; -1 at the end of the stream. */
    private int fillEmpty() {
        bufferForRead();
        int r = readInto(buf, 0, buf.length);
        lastFill = r == buf.length ? FULL : r;
        if (r > 0) {
            lim = r;
            if (r == buf.length && buf.length >= grown) {
                // A full read: more is coming than this buffer holds, read bigger next time.
                grown = Math.min(grown * 2, MAX_BUFFER);
            }
        }
        return r;
    }

    /**
     * Makes {@code buf} ready for a read into it while it holds nothing ({@code pos == lim}).
     * DEV-NOTE (BENCHMARKS.md, "The threading design, and why"): ten thousand connections waiting on virtual threads
     * would hold ten thousand big buffers; so a read on a virtual thread that would block waits
     * with a 512-byte buffer, and takes a big one again only when bytes are waiting: after small
     * messages (a read of 512 bytes or fewer) it waits small without asking; after larger reads it
     * asks the OS ({@code available()}).
     */
    private void bufferForRead() {
        pos = 0;
        lim = 0;
        if (buffers == UNDECIDED) {
            buffers = transport.countsAvailable() && Threads.isVirtual(Thread.currentThread()) ? LEAN : KEEP;
        }
        // A read after small messages waits with the small buffer without asking the OS (an ioctl
        // a read, measured in the 1,000-connection load); after a larger or a full read, ask.
        if (buffers == LEAN && (lastFill <= IDLE_BUFFER || available() == 0)) {
            if (buf == null || buf.length != IDLE_BUFFER) {
                buf = new byte[IDLE_BUFFER];
            }
        } else if (buf == null || buf.length < grown) {
            buf = new byte[grown];
        }
    }

    private int available() {
        try {
            return transport.available();
        } catch (IOException e) {
            // The read that follows meets the same trouble and reports it.
            return 0;
        }
    }

    private int readInto(byte[] b, int off, int len) {
        Thread reader = Thread.currentThread();
        if (reader != pollReader) {
            // Decided by the thread that reads, again when another one does: a virtual thread must
            // not hold its carrier polling, and a transport that cannot count waiting bytes cannot poll.
            poll = dev.sockets.internal.io.BusyPoll.forReader(busyPollNanos, transport, reader);
            pollReader = reader;
        }
        poll.beforeRead(transport);
        try {
            int r = transport.read(b, off, len);
            if (r < 0) {
                sawEnd = true;
            } else {
                RECEIVED.setOpaque(this, received + r);
            }
            IdleWatch w = idle;
            if (w != null) {
                w.active();
            }
            Tap t = tap;
            if (t != null) {
                if (r > 0) {
                    t.received(b, off, r);
                } else if (r < 0) {
                    t.endOfStream();
                }
            }
            return r;
        } catch (IOException e) {
            throw fail(Op.RECV, e);
        }
    }

    // ---------------------------------------------------------------- control

    @Override
    public Connection shutdownOutput() {
        ensureOpen(Op.SHUTDOWN);
        try {
            transport.shutdownOutput();
            outputShut = true;
        } catch (IOException e) {
            throw fail(Op.SHUTDOWN, e);
        }
        return this;
    }

    @Override
    public Connection shutdownInput() {
        ensureOpen(Op.SHUTDOWN);
        try {
            transport.shutdownInput();
            inputShut = true;
        } catch (IOException e) {
            throw fail(Op.SHUTDOWN, e);
        }
        return this;
    }

    @Override
    public Connection shutdown(Shutdown how) {
        Objects.requireNonNull(how, "how");
        switch (how) {
            case READ:
                return shutdownInput();
            case WRITE:
                return shutdownOutput();
            default:
                shutdownInput();
                return shutdownOutput();
        }
    }

    @Override
    public Connection timeout(Duration timeout) {
        return readTimeout(Check.timeout("timeout", timeout));
    }

    @Override
    public Connection noTimeout() {
        return readTimeout(Duration.ZERO);
    }

    private Connection readTimeout(Duration timeout) {
        ensureOpen(Op.OPTION);
        try {
            transport.timeout(Transport.millis(timeout));
        } catch (IOException e) {
            throw fail(Op.OPTION, e);
        }
        this.timeout = timeout;
        return this;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public Connection writeTimeout(Duration writeTimeout) {
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        if (writeTimeout.isNegative()) {
            throw new IllegalArgumentException("expected writeTimeout >= 0 but was " + writeTimeout);
        }
        ensureOpen(Op.OPTION);
        try {
            transport.writeTimeout(Transport.millis(writeTimeout));
        } catch (IOException e) {
            throw fail(Op.OPTION, e);
        }
        this.writeTimeout = writeTimeout;
        return this;
    }

    @Override
    public Duration writeTimeout() {
        return writeTimeout;
    }

    @Override
    public void close() {
        RealConnection next = successor;
        if (next != null) {
            next.close();
            return;
        }
        IdleWatch w = idle;
        if (w != null) {
            w.cancel();
        }
        if (closed.compareAndSet(false, true)) {
            try {
                transport.close();
            } catch (IOException e) {
                // Nothing a caller could do: the descriptor is released either way.
            } finally {
                Registry.closed(this);
            }
            Tap t = tap;
            if (t != null) {
                t.close();
            }
        }
    }

    // ---------------------------------------------------------------- counters, Sockets.open()

    @Override
    public long bytesSent() {
        RealConnection next = successor;
        return next != null ? next.bytesSent() : (long) SENT.getOpaque(this);
    }

    @Override
    public long bytesReceived() {
        RealConnection next = successor;
        return next != null ? next.bytesReceived() : (long) RECEIVED.getOpaque(this);
    }

    @Override
    public int closeOrder() {
        return 2;
    }

    @Override
    public dev.sockets.OpenSocket describe(long now) {
        return new dev.sockets.OpenSocket(transport.kind() + " connection", this, local(), java.util.Optional.of(remote()),
                Duration.ofNanos(now - opened), bytesReceived(), bytesSent());
    }

    /**
     * Closes after a server's handler returned, on the handler's own thread (the only reader):
     * drops input that arrived unread first, so that the peer sees the end of the stream
     * rather than a reset.
     */
    public void closeAfterHandler() {
        RealConnection next = successor;
        if (next != null) {
            next.closeAfterHandler();
            return;
        }
        if (!closed.get() && !sawEnd) {
            try {
                transport.discardArrived();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
        close();
    }

    private void ensureOpen(Op op) {
        if (closed.get()) {
            throw closedError(op, null);
        }
        if (op == Op.RECV && inputShut) {
            // Called by the reader only: the bytes held go the way of those still to come.
            pos = lim;
        }
    }

    private SocketError closedError(Op op, IOException e) {
        if (successor != null) {
            return Errors.of(Kind.CLOSED, op).local(local()).remote(remote()).cause(e).because("this connection was"
                    + " upgraded by startTls", "use the Connection that startTls returned").error();
        }
        IdleWatch w = idle;
        if (w != null && w.fired()) {
            // Say why, so that a handler's log line explains itself.
            return Errors.of(Kind.CLOSED, op).local(local()).remote(remote()).cause(e).because("the server closed the"
                    + " connection: nothing was sent or received for " + Errors.human(w.timeout()) + " (the spec's idleTimeout)",
                    "raise idleTimeout(...) on the spec if the peer is only slow").error();
        }
        return Errors.closed(op, "connection", local(), remote(), e);
    }

    /** True when the server's idle timeout closed this connection. */
    public boolean closedForIdle() {
        IdleWatch w = idle;
        return w != null && w.fired();
    }

    private SocketError fail(Op op, IOException e) {
        SocketError err = closed.get() ? closedError(op, e)
                : op == Op.SEND && outputShut ? Errors.outputShut(op, local(), remote(), e)
                : Errors.map(op, local(), remote(), e, timeout);
        Tap t = tap;
        if (t != null) {
            t.error(err.getMessage());
        }
        return err;
    }

    // ---------------------------------------------------------------- wiretap

    /**
     * Taps this new connection if {@code wiretap} is not null, recording its opening
     * ({@code open tcp connect}): what connect and accept call, with the spec's setting.
     */
    public RealConnection tapped(Wiretap wiretap, String how) {
        if (wiretap != null) {
            tap = wiretap.open("open " + transport.kind() + " " + how, local(), remote());
        }
        return this;
    }

    @Override
    public Connection wiretap() {
        return wiretap(Wiretap.stderr());
    }

    @Override
    public Connection wiretap(Path file) {
        return wiretap(Wiretap.to(file));
    }

    @Override
    public Connection wiretap(java.io.PrintStream out) {
        return wiretap(Wiretap.to(out));
    }

    private Connection wiretap(Wiretap w) {
        RealConnection next = successor;
        if (next != null) {
            return next.wiretap(w);
        }
        ensureOpen(Op.OPTION);
        Tap old = tap;
        tap = w.open("wiretap on (" + transport.kind() + ")", local(), remote());
        if (old != null) {
            old.end("wiretap off");
        }
        if (closed.get()) {
            // Closed meanwhile by another thread, which may have missed the new tap.
            tap.close();
        }
        return this;
    }

    /**
     * {@code Connection[tcp 127.0.0.1:41234 -> 127.0.0.1:12345]}, {@code Connection[socketpair]},
     * with {@code , closed} after close.
     */
    @Override
    public String toString() {
        return "Connection[" + transport.describe() + (closed.get() ? ", closed]" : "]");
    }
}
