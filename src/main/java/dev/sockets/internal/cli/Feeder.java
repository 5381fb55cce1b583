package dev.sockets.internal.cli;

import dev.sockets.Connection;
import dev.sockets.SocketError;
import java.io.IOException;
import java.io.InputStream;

/**
 * Copies standard input to the connection open now, on a thread of its own: a read of standard
 * input blocks without end and cannot be interrupted, so no other thread waits on it. Each read
 * (at most {@link #CHUNK} bytes, whatever arrived) is sent at once, so typed lines go out as they
 * are typed. At the end of input it shuts the connection's output, and the output of every
 * connection attached later ({@code listen --keep}).
 */
final class Feeder implements Runnable {
    /** The most read from standard input and sent in one go: memory stays bounded whatever the input. */
    static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private Connection current;
    private boolean ended;
    private Connection failedOn;
    private RuntimeException failure;
    private volatile long lastSent = System.nanoTime();

    Feeder(InputStream in) {
        this.in = in;
    }

    /** Starts the copying thread; a daemon, so that it never keeps the tool alive. */
    Feeder start() {
        Thread t = new Thread(this, "stdin");
        t.setDaemon(true);
        t.start();
        return this;
    }

    /** From now on, standard input goes to {@code c}. */
    synchronized void attach(Connection c) {
        current = c;
        if (ended) {
            shut(c);
        }
        notifyAll();
    }

    /** {@code c} is gone: input read from now on waits for the next connection. */
    synchronized void detach(Connection c) {
        if (current == c) {
            current = null;
        }
    }

    /** When the last byte went out, as {@link System#nanoTime()}: activity, for the idle timeout. */
    long lastSent() {
        return lastSent;
    }

    /**
     * Blocks until standard input ended and its end reached {@code c} (its output shut), or a
     * send to {@code c} failed.
     *
     * @return the failure of a send to {@code c}, or null
     */
    synchronized RuntimeException awaitEnd(Connection c) throws InterruptedException {
        while (!ended && failedOn != c) {
            wait();
        }
        return failure(c);
    }

    /** Why a send to {@code c} failed, or null. */
    synchronized RuntimeException failure(Connection c) {
        return failedOn == c ? failure : null;
    }

    /** Reads standard input into {@code buf}; -1 at its end, and when it fails, which ends it as well. */
    static int readOrEnd(InputStream in, byte[] buf) {
        try {
            return in.read(buf);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void run() {
        byte[] buf = new byte[CHUNK];
        while (true) {
            int n = readOrEnd(in, buf);
            if (n < 0) {
                synchronized (this) {
                    ended = true;
                    if (current != null) {
                        shut(current);
                    }
                    notifyAll();
                }
                return;
            }
            if (n == 0) {
                continue;
            }
            Connection c;
            try {
                c = awaitCurrent();
            } catch (InterruptedException e) {
                return;
            }
            try {
                c.send(buf, 0, n);
                lastSent = System.nanoTime();
            } catch (RuntimeException e) {
                fail(c, e);
            }
        }
    }

    private synchronized Connection awaitCurrent() throws InterruptedException {
        while (current == null) {
            wait();
        }
        return current;
    }

    /**
     * A send failed (the peer reset, the connection closed): the connection is closed, so that
     * the thread printing from it stops too, and the failure kept for it to report.
     */
    private synchronized void fail(Connection c, RuntimeException e) {
        if (failedOn != c) {
            failedOn = c;
            failure = e;
        }
        if (current == c) {
            current = null;
        }
        notifyAll();
        c.close();
    }

    private void shut(Connection c) {
        try {
            c.shutdownOutput();
        } catch (SocketError | IllegalStateException e) {
            // Closed meanwhile: the peer is gone, and the printing side reports how.
        }
    }
}
