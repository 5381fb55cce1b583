package dev.sockets.internal.tls;

import dev.sockets.Address;
import dev.sockets.TlsInfo;
import dev.sockets.internal.io.Transport;
import dev.sockets.internal.time.Deadlines;
import dev.sockets.internal.time.WriteDeadline;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLException;

/**
 * TLS over another transport (a TCP socket, or a plain connection after STARTTLS), blocking:
 * every {@code Connection} method works on it as on the plain one. The handshake runs once,
 * in {@link #handshake()} (connect and accept call it; a read or write before it runs it too),
 * within the spec's handshake timeout, kept by {@link Deadlines}: when it passes, the deadline
 * closes the socket under the handshake.
 *
 * <p>One reader and one writer may work at once (a {@code Connection}'s rule): the reader holds
 * {@code readLock}, the writer {@code writeLock}; the handshake holds both. A reader that must
 * answer the peer (a TLS 1.2 close_notify, a TLS 1.3 key update) takes {@code writeLock} for it.
 */
public final class TlsTransport implements Transport {
    // How long close() waits to hand its close_notify to the OS: a peer that stopped reading
    // must not hold the closing thread.
    private static final long CLOSE_NOTIFY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Transport plain;
    private final TlsSession session;
    private final TlsSide side;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final TlsSession.Source source;
    private final TlsSession.Sink sink;
    private volatile boolean handshaken;
    private volatile boolean closed;
    private volatile boolean timedOut;
    private IOException failed;
    private volatile TlsInfo info;

    /**
     * A TLS transport over {@code plain}, handshake not yet run.
     *
     * @param unread bytes already read from {@code plain} past a STARTTLS line: the start of the peer's TLS
     */
    public TlsTransport(Transport plain, TlsSide side, byte[] unread) throws IOException {
        this.plain = plain;
        this.side = side;
        this.session = new TlsSession(side.engine());
        this.source = plain::read;
        this.sink = (b, off, len) -> {
            plain.write(b, off, len);
            return len;
        };
        if (unread.length > 0) {
            int[] at = {0};
            session.readFrom((b, off, len) -> {
                int n = Math.min(len, unread.length - at[0]);
                System.arraycopy(unread, at[0], b, off, n);
                at[0] += n;
                return n;
            });
        }
    }

    @Override
    public String kind() {
        return "tls";
    }

    /** Runs the handshake if it has not run; a failed one fails every later call the same way. */
    @Override
    public void handshake() throws IOException {
        if (handshaken) {
            return;
        }
        readLock.lock();
        writeLock.lock();
        try {
            if (handshaken) {
                return;
            }
            if (failed != null) {
                throw failed;
            }
            var deadline = Deadlines.after(side.handshakeTimeout().toNanos(), () -> {
                timedOut = true;
                closePlain();
            });
            try {
                runHandshake();
                if (!deadline.cancel()) {
                    throw new SocketTimeoutException("handshake timed out");
                }
            } catch (IOException | RuntimeException e) {
                deadline.cancel();
                sendAlert();
                failed = TlsFailures.classify(e, side, session, timedOut, true);
                closePlain();
                throw failed;
            }
            info = TlsFailures.info(session.engine());
            handshaken = true;
        } finally {
            writeLock.unlock();
            readLock.unlock();
        }
    }

    private void runHandshake() throws IOException {
        while (true) {
            switch (session.handshake()) {
                case FLUSH:
                    session.writeTo(sink);
                    break;
                case NEED_INPUT:
                    int n;
                    try {
                        n = session.readFrom(source);
                    } catch (SocketTimeoutException e) {
                        // The spec's read timeout: the handshake timeout rules the handshake.
                        continue;
                    }
                    if (n < 0) {
                        throw new EOFException("the peer closed during the handshake");
                    }
                    break;
                default:
                    return;
            }
        }
    }

    /** After a failed handshake, the alert the engine made (bad_certificate, ...), so the peer learns why. */
    private void sendAlert() {
        if (timedOut) {
            return;
        }
        try {
            session.wrap(ByteBuffer.allocate(0));
        } catch (IOException | RuntimeException e) {
            // Nothing to send, or the engine is past it.
        }
        try {
            session.writeTo(sink);
        } catch (IOException | RuntimeException e) {
            // The peer is gone: the alert is a courtesy.
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        handshake();
        if (len == 0) {
            return 0;
        }
        readLock.lock();
        try {
            while (true) {
                int n;
                try {
                    n = session.unwrap(b, off, len);
                } catch (SSLException e) {
                    throw TlsFailures.classify(e, side, session, false, false);
                }
                if (session.needsWrap()) {
                    answer();
                }
                if (n < 0 && closed) {
                    throw closedUnder();
                }
                if (n != 0) {
                    return n;
                }
                if (session.readFrom(source) < 0) {
                    if (closed) {
                        throw closedUnder();
                    }
                    // The end without a close_notify (a peer that closed its socket): the end of the
                    // stream all the same, as Python's suppress_ragged_eofs.
                    return -1;
                }
            }
        } finally {
            readLock.unlock();
        }
    }

    /**
     * Closed here (an idle timeout, a server's close) under a read that then met an end: the
     * socket's close does not stop a read already under way at once, and what it read after it
     * (the peer's close_notify, its end) is not the peer's doing. The connection reports it closed.
     */
    private static SocketException closedUnder() {
        return new SocketException("Socket closed");
    }

    /** Sends what the engine wants to say on its own, on the reader's behalf. */
    private void answer() throws IOException {
        writeLock.lock();
        try {
            session.wrap(ByteBuffer.allocate(0));
            session.writeTo(sink);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        handshake();
        writeLock.lock();
        try {
            ByteBuffer src = ByteBuffer.wrap(b, off, len);
            while (src.hasRemaining()) {
                int took = session.wrap(src);
                boolean sent = session.hasOutput();
                session.writeTo(sink);
                if (took == 0 && !sent) {
                    // The engine wants to handshake again (a TLS 1.2 renegotiation the peer began).
                    throw new SSLException("the peer asked for a TLS renegotiation, which this library does not do");
                }
            }
        } catch (TlsSession.OutboundClosedException e) {
            // The peer's close_notify closed both ways (TLS 1.2), or this side shut its output.
            throw new SocketException("Broken pipe: the TLS session is closed for sending");
        } catch (SSLException e) {
            throw TlsFailures.classify(e, side, session, false, false);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void timeout(int millis) throws IOException {
        plain.timeout(millis);
    }

    @Override
    public void writeTimeout(int millis) throws IOException {
        plain.writeTimeout(millis);
    }

    @Override
    public WriteDeadline writeDeadline() {
        return plain.writeDeadline();
    }

    /** Sends close_notify, then shuts the socket's output: the peer reads the end of the stream. */
    @Override
    public void shutdownOutput() throws IOException {
        handshake();
        writeLock.lock();
        try {
            session.closeOutbound();
            session.writeTo(sink);
            plain.shutdownOutput();
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Address local() {
        return plain.local();
    }

    @Override
    public Address remote() {
        return plain.remote();
    }

    @Override
    public void discardArrived() throws IOException {
        plain.discardArrived();
    }

    @Override
    public Optional<TlsInfo> tls() {
        return Optional.ofNullable(info);
    }

    /**
     * Sends close_notify if the session is up and no send is under way (and this is not the
     * deadline thread), then closes the socket.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        // Not on the deadline thread (an idle timeout closing a server's connection): a write there
        // could block the one timer every connection relies on, the 1 s bound below included.
        boolean mayBlock = !Thread.currentThread().getName().equals(Deadlines.THREAD_NAME);
        if (mayBlock && handshaken && !session.outboundDone() && writeLock.tryLock()) {
            try {
                var d = Deadlines.after(CLOSE_NOTIFY_NANOS, this::closePlain);
                try {
                    session.closeOutbound();
                    session.writeTo(sink);
                } catch (IOException | RuntimeException e) {
                    // The peer is gone or not reading: close all the same.
                } finally {
                    d.cancel();
                }
            } finally {
                writeLock.unlock();
            }
        }
        plain.close();
    }

    private void closePlain() {
        try {
            plain.close();
        } catch (IOException e) {
            // The descriptor is released either way.
        }
    }

    @Override
    public String toString() {
        return "tls over " + plain;
    }
}
