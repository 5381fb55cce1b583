package dev.sockets.internal.io;

import dev.sockets.ThreadModel;
import dev.sockets.internal.settings.Setting;
import dev.sockets.internal.settings.Settings;
import dev.sockets.internal.tap.Wiretap;
import java.nio.charset.Charset;
import java.time.Duration;

/**
 * What a listener hands on to the connections it accepts, whatever the family (TCP, Unix):
 * settled from a spec when it opens.
 *
 * @param charset        for text sends and lines
 * @param maxLine        the longest line readLine accepts
 * @param timeout        the read timeout of each connection and of Listener.accept; ZERO for none
 * @param maxConnections the bound on a server's open connections
 * @param threads        which threads run a server's handlers
 * @param writeTimeout   how long a send may make no progress; ZERO for none; when the spec does not set it,
 *                       {@link Setting#DEFAULT_SERVED_WRITE_TIMEOUT}: every connection made here is one a
 *                       server accepted, from a client it did not choose
 * @param idleTimeout    how long a server's connection may be silent; ZERO for none
 * @param busyPoll       how long a read polls before it blocks
 * @param maxBuffered    the server's memory budget in bytes ({@link Setting#MAX_BUFFERED})
 * @param maxExpect      the most bytes one expect searches ({@link Setting#MAX_EXPECT_BUFFER})
 * @param wiretap        where each connection's traffic is recorded, or null for nowhere
 */
public record StreamConfig(Charset charset, int maxLine, Duration timeout, int maxConnections, ThreadModel threads,
                    Duration writeTimeout, Duration idleTimeout, Duration busyPoll, long maxBuffered, int maxExpect,
                    Wiretap wiretap) {

    /** Without an expect bound of its own ({@link Setting#DEFAULT_MAX_EXPECT_BUFFER}) or a wiretap. */
    public StreamConfig(Charset charset, int maxLine, Duration timeout, int maxConnections, ThreadModel threads,
                        Duration writeTimeout, Duration idleTimeout, Duration busyPoll, long maxBuffered) {
        this(charset, maxLine, timeout, maxConnections, threads, writeTimeout, idleTimeout, busyPoll, maxBuffered,
                Setting.DEFAULT_MAX_EXPECT_BUFFER, null);
    }

    /** Without a thread model ({@link ThreadModel#AUTO}), write or idle timeouts. */
    public StreamConfig(Charset charset, int maxLine, Duration timeout, int maxConnections) {
        this(charset, maxLine, timeout, maxConnections, ThreadModel.AUTO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Setting.DEFAULT_MAX_BUFFERED);
    }

    /** Without a thread model: {@link ThreadModel#AUTO} (Unix specs have none). */
    public StreamConfig(Charset charset, int maxLine, Duration timeout, int maxConnections,
                 Duration writeTimeout, Duration idleTimeout) {
        this(charset, maxLine, timeout, maxConnections, ThreadModel.AUTO, writeTimeout, idleTimeout, Duration.ZERO,
                Setting.DEFAULT_MAX_BUFFERED);
    }

    /**
     * The settings of a TCP or Unix spec, read from its holder, so that this class needs
     * neither spec. Unix specs never set a thread model or a busy poll: the holder's
     * fallbacks (AUTO, and a busy poll {@code Unix} never uses) stand in. A write timeout not set
     * is the served one, {@link Setting#DEFAULT_SERVED_WRITE_TIMEOUT}; set, even to ZERO, it is
     * the spec's.
     */
    public static StreamConfig of(Settings spec) {
        Duration writeTimeout = spec.isSet(Setting.WRITE_TIMEOUT) ? spec.writeTimeout() : Setting.DEFAULT_SERVED_WRITE_TIMEOUT;
        return new StreamConfig(spec.charset(), spec.maxLineLength(), spec.timeout(), spec.maxConnections(),
                spec.threads(), writeTimeout, spec.idleTimeout(), spec.busyPoll(), spec.maxBuffered(), spec.maxExpectBuffer(),
                spec.wiretap());
    }

    /** A connection over {@code t} with these settings (the write timeout applied, the wiretap on). */
    public RealConnection connection(Transport t) {
        var c = new RealConnection(t, charset, maxLine, timeout, busyPoll).tapped(wiretap, "accept");
        c.maxExpect(maxExpect);
        if (!writeTimeout.isZero()) {
            c.writeTimeout(writeTimeout);
        }
        return c;
    }
}
