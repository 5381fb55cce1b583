package dev.sockets.internal.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Drives one {@link SSLEngine} over byte buffers and never blocks: the caller moves the bytes,
 * from the network into {@link #readFrom(Source)} and from {@link #writeTo(Sink)} to the network.
 * The blocking {@link TlsTransport} moves them with blocking reads and writes; an event loop can
 * move them when its selector says a channel is ready (a {@link Sink} that writes less than it
 * is given leaves the rest pending; {@link #hasOutput()} says so).
 *
 * <p>Three buffers, each kept ready to read from (position to limit is what it holds):
 * {@code netIn}, ciphertext received and not yet unwrapped; {@code appIn}, plaintext unwrapped
 * and not yet handed out; {@code netOut}, ciphertext made and not yet sent.
 *
 * <p>Threads: the side that reads ({@link #handshake()}, {@link #readFrom}, {@link #unwrap})
 * touches {@code netIn} and {@code appIn}; the side that writes ({@link #wrap}, {@link #writeTo},
 * {@link #closeOutbound()}, and {@link #handshake()}, which does both) touches {@code netOut}. Each
 * side is one thread at a time, the caller's to ensure; the engine lets wrap and unwrap run at
 * the same time.
 */
public final class TlsSession {

    /** Where received ciphertext comes from: reads up to {@code len} bytes, -1 at the end. */
    @FunctionalInterface
    public interface Source {
        /** As {@link java.io.InputStream#read(byte[], int, int)}; 0 when nothing is there (non-blocking). */
        int read(byte[] b, int off, int len) throws IOException;
    }

    /** Where ciphertext goes: writes up to {@code len} bytes, returns how many it took. */
    @FunctionalInterface
    public interface Sink {
        /** Writes some or all of the bytes; returns how many. */
        int write(byte[] b, int off, int len) throws IOException;
    }

    /** What {@link #handshake()} needs next. */
    public enum Step {
        /** Ciphertext is waiting in {@code netOut}: send it ({@link #writeTo(Sink)}), then call again. */
        FLUSH,
        /** The engine needs more from the peer: {@link #readFrom(Source)}, then call again. */
        NEED_INPUT,
        /** The handshake is over. */
        DONE
    }

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    // The most ciphertext a write gathers before it goes to the socket: four full records, so a
    // bulk send makes one system call per 64 KiB, as a plain connection does.
    private static final int GATHER_RECORDS = 4;

    private final SSLEngine engine;
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private ByteBuffer netOut;
    private boolean sawRecord;
    private long received;
    private boolean inboundDone;
    private boolean begun;

    public TlsSession(SSLEngine engine) {
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet).flip();
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
        this.netOut = ByteBuffer.allocate(packet).flip();
    }

    /** The engine, for what the handshake agreed (protocol, cipher suite, peer certificates). */
    public SSLEngine engine() {
        return engine;
    }

    /** How many bytes of ciphertext the peer sent so far: tells a silent peer from one that stopped. */
    public long received() {
        return received;
    }

    /** True once a byte arrived that cannot start a TLS record: the peer speaks something else. */
    public boolean notTls() {
        if (sawRecord || !netIn.hasRemaining()) {
            return false;
        }
        int type = netIn.get(netIn.position()) & 0xFF;
        // A record starts with its content type (change_cipher_spec 20 to heartbeat 24) and the
        // major version 3; whatever else comes first is not TLS (an SMTP greeting, an HTTP answer).
        if (type < 20 || type > 24) {
            return true;
        }
        return netIn.remaining() > 1 && netIn.get(netIn.position() + 1) != 3;
    }

    /** True while ciphertext waits to be sent. */
    public boolean hasOutput() {
        return netOut.hasRemaining();
    }

    /** True while plaintext waits to be handed out. */
    public boolean hasPlaintext() {
        return appIn.hasRemaining();
    }

    /** True once the peer's close_notify arrived. */
    public boolean inboundDone() {
        return inboundDone;
    }

    /**
     * Advances the handshake as far as it goes without I/O.
     *
     * @throws SSLException as the engine reports a failed handshake (the classifier reads it)
     * @throws NotTlsException if the peer's first bytes cannot start a TLS record
     */
    public Step handshake() throws IOException {
        if (!begun) {
            // A fresh engine says NOT_HANDSHAKING until asked to begin.
            engine.beginHandshake();
            begun = true;
        }
        while (true) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            switch (hs) {
                case NEED_TASK:
                    runTasks();
                    break;
                case NEED_WRAP:
                    if (!wrapInto(EMPTY)) {
                        return Step.FLUSH;
                    }
                    break;
                case NEED_UNWRAP:
                case NEED_UNWRAP_AGAIN:
                    if (netOut.hasRemaining()) {
                        return Step.FLUSH;
                    }
                    if (notTls()) {
                        throw new NotTlsException();
                    }
                    SSLEngineResult r = unwrapInto(appIn);
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                        return Step.NEED_INPUT;
                    }
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("the peer closed the TLS session during the handshake");
                    }
                    break;
                default:
                    // FINISHED or NOT_HANDSHAKING: done once the last flight is out.
                    return netOut.hasRemaining() ? Step.FLUSH : Step.DONE;
            }
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** Reads ciphertext from {@code source} into {@code netIn}; what the source returned. */
    public int readFrom(Source source) throws IOException {
        netIn.compact();
        try {
            if (!netIn.hasRemaining()) {
                // A record larger than the buffer (the peer's session grew it): grow.
                ByteBuffer bigger = ByteBuffer.allocate(netIn.capacity() * 2);
                netIn.flip();
                bigger.put(netIn);
                netIn = bigger;
            }
            int n = source.read(netIn.array(), netIn.arrayOffset() + netIn.position(), netIn.remaining());
            if (n > 0) {
                netIn.position(netIn.position() + n);
                received += n;
            }
            return n;
        } finally {
            netIn.flip();
        }
    }

    /**
     * Writes what waits in {@code netOut} to {@code sink}, as much as it takes; true when all of it went.
     */
    public boolean writeTo(Sink sink) throws IOException {
        while (netOut.hasRemaining()) {
            int n = sink.write(netOut.array(), netOut.arrayOffset() + netOut.position(), netOut.remaining());
            if (n <= 0) {
                return false;
            }
            netOut.position(netOut.position() + n);
        }
        return true;
    }

    /**
     * Hands out up to {@code len} bytes of plaintext into {@code b}, unwrapping what arrived.
     * Returns the count, 0 when more ciphertext must be read first, -1 after the peer's close_notify.
     * After it returns, {@link #needsWrap()} says whether the engine wants to answer (a TLS 1.2
     * close_notify, a TLS 1.3 key update): the writing side must then {@link #wrap} nothing and flush.
     */
    public int unwrap(byte[] b, int off, int len) throws IOException {
        while (true) {
            if (appIn.hasRemaining()) {
                int n = Math.min(len, appIn.remaining());
                appIn.get(b, off, n);
                return n;
            }
            if (inboundDone) {
                return -1;
            }
            if (!netIn.hasRemaining()) {
                return 0;
            }
            SSLEngineResult r = null;
            if (len >= appIn.capacity()) {
                // Room for a whole record in the caller's array: unwrap straight into it, no copy.
                r = engine.unwrap(netIn, ByteBuffer.wrap(b, off, len));
                if (r.getStatus() == SSLEngineResult.Status.OK && r.bytesProduced() > 0) {
                    sawRecord = true;
                    return r.bytesProduced();
                }
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    r = null;
                }
            }
            if (r == null) {
                r = unwrapInto(appIn);
            }
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW:
                    return 0;
                case CLOSED:
                    inboundDone = true;
                    break;
                default:
                    break;
            }
            if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                runTasks();
            }
            if (r.bytesConsumed() == 0 && r.bytesProduced() == 0 && !inboundDone) {
                // Nothing moved: the engine wants to send first (needsWrap), or needs more bytes.
                return 0;
            }
        }
    }

    /** True when the engine has something to send of its own (a close_notify answer, a key update). */
    public boolean needsWrap() {
        return engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP;
    }

    /**
     * Encrypts from {@code src} into {@code netOut} until {@code src} is empty or {@code netOut}
     * holds {@link #GATHER_RECORDS} records; flush, then call again while {@code src} has bytes.
     * Returns how many bytes of {@code src} it took.
     *
     * @throws OutboundClosedException once this side's close_notify is made
     */
    public int wrap(ByteBuffer src) throws IOException {
        int before = src.remaining();
        do {
            if (!wrapInto(src)) {
                break;
            }
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                runTasks();
            }
        } while (src.hasRemaining() && netOut.remaining() < GATHER_RECORDS * engine.getSession().getPacketBufferSize());
        return before - src.remaining();
    }

    /** Wraps once into {@code netOut}; false when {@code netOut} must be flushed first. */
    private boolean wrapInto(ByteBuffer src) throws IOException {
        int packet = engine.getSession().getPacketBufferSize();
        if (netOut.capacity() - netOut.remaining() < packet) {
            if (netOut.hasRemaining() && netOut.remaining() >= GATHER_RECORDS * packet) {
                return false;
            }
            // Room for one more record behind what waits.
            ByteBuffer bigger = ByteBuffer.allocate(netOut.remaining() + Math.max(packet, netOut.capacity()));
            bigger.put(netOut).flip();
            netOut = bigger;
        }
        netOut.compact();
        SSLEngineResult r;
        try {
            r = engine.wrap(src, netOut);
        } finally {
            netOut.flip();
        }
        switch (r.getStatus()) {
            case BUFFER_OVERFLOW:
                return false;
            case CLOSED:
                if (src != EMPTY && src.hasRemaining()) {
                    throw new OutboundClosedException();
                }
                return true;
            default:
                return true;
        }
    }

    private SSLEngineResult unwrapInto(ByteBuffer app) throws IOException {
        while (true) {
            if (netIn.hasRemaining()) {
                sawRecord |= !notTls();
            }
            app.compact();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, app);
            } finally {
                app.flip();
            }
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                // The session's record size grew (or plaintext waits): make room and try again.
                ByteBuffer bigger = ByteBuffer.allocate(app.remaining() + engine.getSession().getApplicationBufferSize());
                bigger.put(app).flip();
                appIn = bigger;
                app = bigger;
                continue;
            }
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
                    && netIn.capacity() < engine.getSession().getPacketBufferSize()) {
                ByteBuffer bigger = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
                bigger.put(netIn).flip();
                netIn = bigger;
            }
            return r;
        }
    }

    /** Queues this side's close_notify in {@code netOut}; flush it after. */
    public void closeOutbound() throws IOException {
        engine.closeOutbound();
        while (!engine.isOutboundDone()) {
            if (!wrapInto(EMPTY)) {
                return;
            }
        }
    }

    /** True once this side's close_notify is made (it may still wait in {@code netOut}). */
    public boolean outboundDone() {
        return engine.isOutboundDone();
    }

    /** The peer's first bytes cannot start a TLS record. */
    public static final class NotTlsException extends SSLException {
        NotTlsException() {
            super("the peer's bytes are not a TLS record");
        }
    }

    /** A send after this side's close_notify. */
    public static final class OutboundClosedException extends SSLException {
        OutboundClosedException() {
            super("this side sent its close_notify: nothing more can be sent");
        }
    }
}
