package dev.sockets;

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
 * @param threads        which threads run a server's handlers (issue 5)
 */
record StreamConfig(Charset charset, int maxLine, Duration timeout, int maxConnections, ThreadModel threads) {

    /** Without a thread model: {@link ThreadModel#AUTO}. */
    StreamConfig(Charset charset, int maxLine, Duration timeout, int maxConnections) {
        this(charset, maxLine, timeout, maxConnections, ThreadModel.AUTO);
    }

    static StreamConfig of(TcpSpec spec) {
        return new StreamConfig(spec.charset(), spec.maxLineLength(), spec.timeout(), spec.maxConnections(),
                spec.threads());
    }
}
