package dev.sockets.internal.tls;

import dev.sockets.Address;
import dev.sockets.Peer;
import dev.sockets.Receiver;
import dev.sockets.SocketError;
import dev.sockets.SocketError.Op;
import dev.sockets.internal.errors.Errors;
import dev.sockets.internal.errors.TlsFailure;
import dev.sockets.internal.server.RealPeer;
import dev.sockets.internal.server.ServerCore;
import dev.sockets.internal.settings.Settings;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import javax.net.ssl.SSLException;

/**
 * The peer of a TLS {@code onReceive} server: a {@link RealPeer} whose channel carries a
 * {@link TlsSession}. The loop hands it ciphertext as it hands a plain peer bytes; it runs the
 * handshake, gives the receiver plaintext only, and turns every send into ciphertext queued by
 * the plain peer's one path ({@link RealPeer#writeLocked}): back-pressure, the memory budget, the
 * write timeout and {@link #pending()} all count ciphertext (a record adds 22 to 29 bytes to 16 KiB
 * of plaintext, so the bounds read the same).
 *
 * <p>Who touches the session: the loop thread alone reads and unwraps ({@link #readable}); every
 * wrap (a send from any thread, the handshake's flights, close_notify, the answers the engine
 * makes on its own) holds the peer's lock, as the queue does. {@link TlsSession} lets one reader
 * and one writer work at once. The handshake runs on the loop thread under the lock, delegated
 * tasks inline: on the server they are the certificate's signature (EC P-256: well under a
 * millisecond) and, with clientAuth, a chain check; handing them to another thread would cost a
 * wake-up each for less than they take.
 *
 * <p>The receiver's {@code opened} runs once the handshake is done, so that a receiver only ever
 * meets a peer that speaks TLS; a connection whose handshake fails or times out (the loop's
 * sweep, after the spec's {@code handshakeTimeout}) is logged through {@link ServerCore#handshakeFailed}
 * and closed, and never reaches the receiver, neither {@code opened} nor {@code closed}.
 */
public final class TlsPeer extends RealPeer {
    // Room for one record of plaintext, to unwrap into without a copy. One per loop thread: only
    // the loop unwraps, and a peer needs it only while it hands data over.
    private static final ThreadLocal<byte[]> PLAIN = ThreadLocal.withInitial(() -> new byte[32 * 1024]);
    // The most records one readiness event reads: a client that streams cannot hold the loop.
    private static final int READS_PER_WAKEUP = 4;
    // A read this long may have left more behind (the session reads up to a record and a bit).
    private static final int MORE_AFTER = 8 * 1024;

    private final TlsSide side;
    private final TlsSession session;
    private final ServerCore core;
    private final long handshakeDeadline;
    private final TlsSession.Source source;
    // Ciphertext from the session to the plain queue: all of it taken (sent now, or queued).
    private final TlsSession.Sink queue;
    // Written by the loop thread under lock; read by the sweep and, for opened, by any thread that closes.
    private volatile boolean handshaking = true;
    private volatile boolean opened;

    private TlsPeer(Loop loop, SocketChannel channel, Address remote, Address local, Charset charset, ServerCore core,
                    TlsSide side) throws IOException {
        super(loop, channel, remote, local, charset, core.budget());
        this.core = core;
        this.side = side;
        this.session = new TlsSession(side.engine());
        this.handshakeDeadline = System.nanoTime() + side.handshakeTimeout().toNanos();
        this.source = (b, off, len) -> channel.read(ByteBuffer.wrap(b, off, len));
        this.queue = (b, off, len) -> {
            writeLocked(ByteBuffer.wrap(b, off, len), true);
            return len;
        };
    }

    /**
     * The maker of a TLS server's peers, for the spec's settings and the context built from them
     * (checked already: a certificate, and trust for clientAuth).
     */
    public static RealPeer.Maker maker(Settings settings, TlsContexts.Built built) {
        long handshakeNanos = settings.get(TlsSettings.HANDSHAKE_TIMEOUT).toNanos();
        return new RealPeer.Maker() {
            @Override
            public RealPeer make(Loop loop, SocketChannel channel, Address remote, Address local, Charset charset,
                                 ServerCore core) throws IOException {
                return new TlsPeer(loop, channel, remote, local, charset, core, TlsContexts.server(settings, built));
            }

            @Override
            public long beginNanos() {
                return handshakeNanos;
            }
        };
    }

    @Override
    public boolean opensItself() {
        return true;
    }

    @Override
    public boolean wasOpened() {
        return opened;
    }

    @Override
    public boolean beginOverdue(long now) {
        return handshaking && !closed && now - handshakeDeadline > 0;
    }

    @Override
    public void beginTimedOut() {
        failHandshake(new SocketTimeoutException("handshake timed out"), true);
    }

    /** Encrypts and queues; the plain form's rules otherwise (see {@link RealPeer}). */
    @Override
    protected Peer write(ByteBuffer b, boolean copyRest) {
        synchronized (lock) {
            checkSendable();
            try {
                while (b.hasRemaining()) {
                    int took = session.wrap(b);
                    boolean made = session.hasOutput();
                    session.writeTo(queue);
                    if (took == 0 && !made) {
                        // The engine wants to handshake again (a TLS 1.2 renegotiation the client began).
                        throw new SSLException("the client asked for a TLS renegotiation, which this library does not do");
                    }
                }
            } catch (IOException e) {
                abort();
                throw Errors.map(Op.SEND, local(), remote(), TlsFailures.classify(e, side, session, false, false), null);
            }
            return this;
        }
    }

    @Override
    protected String protocol() {
        return "tls";
    }

    /** Sends close_notify behind what waits, then closes as a plain peer does (gracefully, once all went out). */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed || closeWhenSent) {
                return;
            }
            if (!handshaking && !session.outboundDone()) {
                try {
                    session.closeOutbound();
                    session.writeTo(queue);
                } catch (IOException | SocketError e) {
                    // The client is gone (the send aborted) or the engine is past it: the close goes on.
                }
            }
            super.close();
        }
    }

    /** The loop thread: ciphertext arrived (or the end). */
    @Override
    public void readable(ByteBuffer in, Receiver receiver) {
        for (int i = 0; i < READS_PER_WAKEUP; i++) {
            if (closed || (i > 0 && (pending() > 0 || readingPaused()))) {
                // Sends wait, or a partial frame waits for the budget: the next read waits for
                // the queue (back-pressure), as the plain path's one read.
                return;
            }
            if (closeWhenSent) {
                discard(in); // closing: the receiver is not called again
                return;
            }
            int n;
            try {
                n = session.readFrom(source);
            } catch (IOException e) {
                if (handshaking) {
                    failHandshake(e, false);
                } else {
                    worker.log(Level.DEBUG, "read from " + remote().text() + " failed; closed it", e);
                    abort();
                }
                return;
            }
            if (n < 0) {
                ended();
                return;
            }
            if (n == 0) {
                return;
            }
            lastActive = System.nanoTime();
            if (handshaking && !handshake(receiver)) {
                return;
            }
            if (!unwrap(receiver) || n < MORE_AFTER) {
                return; // a short read: the channel is drained, a read more would find nothing
            }
        }
    }

    /** The client's end of the stream: during the handshake a failure, after it the end (close_notify or not). */
    private void ended() {
        if (handshaking) {
            failHandshake(new java.io.EOFException("the client closed during the handshake"), false);
            return;
        }
        synchronized (lock) {
            endOfInput = true;
            stopReading();
        }
        clientEnded();
        tapEnd();
        close();
    }

    /** Advances the handshake; true once it is done and the receiver's {@code opened} ran. */
    private boolean handshake(Receiver receiver) {
        synchronized (lock) {
            if (closed || closeWhenSent) {
                return false;
            }
            try {
                while (true) {
                    TlsSession.Step step = session.handshake();
                    if (step == TlsSession.Step.FLUSH) {
                        session.writeTo(queue);
                    } else if (step == TlsSession.Step.NEED_INPUT) {
                        return false;
                    } else {
                        break;
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    failHandshake(e, false);
                }
                return false;
            }
            handshaking = false;
            opened = true;
        }
        try {
            receiver.opened(this);
        } catch (Throwable e) {
            worker.failed(this, e);
            abort();
            return false;
        } finally {
            Thread.interrupted();
        }
        return !closed && !closeWhenSent;
    }

    /** Hands the receiver what the records received hold; false once the connection closes. */
    private boolean unwrap(Receiver receiver) {
        byte[] plain = PLAIN.get();
        while (!closed && !closeWhenSent) {
            int n;
            try {
                n = session.unwrap(plain, 0, plain.length);
                if (session.needsWrap()) {
                    answer();
                }
            } catch (IOException | SocketError e) {
                worker.log(Level.DEBUG, "TLS from " + remote().text() + " failed; closed it", e);
                abort();
                return false;
            }
            if (n == 0) {
                return true;
            }
            if (n < 0) {
                tapEnd();
                clientEnded();
                close(); // the client's close_notify: this side's answers it, behind what waits
                return false;
            }
            deliver(receiver, ByteBuffer.wrap(plain, 0, n));
        }
        return false;
    }

    /** What the engine says on its own (a TLS 1.2 close_notify's answer, a TLS 1.3 key update), queued. */
    private void answer() throws IOException {
        synchronized (lock) {
            if (closed || closeWhenSent) {
                return;
            }
            session.wrap(ByteBuffer.allocate(0));
            session.writeTo(queue);
        }
    }

    /**
     * A failed or timed-out handshake: the alert the engine made goes out if the OS takes it at
     * once (so the client's error says why), the server's log says what failed, the connection closes.
     */
    private void failHandshake(Throwable e, boolean timedOut) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (!timedOut && !(e instanceof TlsSession.NotTlsException)) {
                try {
                    session.wrap(ByteBuffer.allocate(0));
                    session.writeTo((b, off, len) -> channel.write(ByteBuffer.wrap(b, off, len)));
                } catch (IOException | RuntimeException ignored) {
                    // The alert is a courtesy: the client may be gone.
                }
            }
            IOException f = TlsFailures.classify(e, side, session, timedOut, true);
            String why = f instanceof TlsFailure t ? t.reason() : "the connection failed (" + f.getClass().getSimpleName() + ")";
            abort();
            core.handshakeFailed(remote(), why);
        }
    }
}
