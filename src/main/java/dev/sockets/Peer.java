package dev.sockets;

import java.net.SocketOption;
import java.time.Duration;

/**
 * One connection of an event-driven server, as its {@link Receiver} sees it: send to it, close
 * it. Sending never blocks: what the OS cannot take at once waits here, in order, and goes out
 * as the client reads.
 *
 * <pre>{@code
 * Sockets.tcp().bind("127.0.0.1", 0).onReceive((peer, data) -> {
 *     if (data.text().startsWith("quit")) {
 *         peer.send("bye\n").close();      // closes once "bye" has gone out
 *     } else {
 *         peer.send(data);
 *     }
 * });
 * }</pre>
 *
 * <p>It may be kept and sent to from any thread (to push to a client, say): such a send only
 * queues the bytes and wakes the connection's loop, which writes them. While more than
 * {@link #MAX_PENDING} bytes wait to go out, the server reads nothing more from this client, so
 * that a client that sends without reading cannot fill the server's memory. The same pause
 * comes sooner while the whole server buffers more than its spec's {@code maxBuffered} (a quarter
 * of the heap unless set). What other threads send is queued without a bound, so a thread that
 * pushes a lot looks at {@link #pending()}.
 *
 * <p>It prints as {@code Peer[127.0.0.1:43210]}, with {@code , 12 bytes to send}, {@code ,
 * closing} or {@code , closed}.
 */
public interface Peer {

    /** How many bytes may wait to be sent before the server stops reading from the client: 256 KiB. */
    int MAX_PENDING = 256 * 1024;

    /** The client's address: {@code 127.0.0.1:43210}. */
    Address remote();

    /** This end's address. */
    Address local();

    /** True until it is closed (or closing, once {@link #close()} was called), by either side or by the server. */
    boolean isOpen();

    /**
     * Bytes sent that wait to go out because the client has not read them yet. On a TLS
     * connection they are counted encrypted, as they wait: a few dozen bytes more per 16 KiB.
     */
    long pending();

    /**
     * The value the connection's socket has now for an option, as Python's {@code getsockopt}.
     * From any thread: it is read on the connection's loop, and the caller waits for the
     * answer, at most {@link #OPTION_WAIT} (a loop held by a receiver that blocks cannot answer).
     *
     * <pre>{@code
     * peer.option(StandardSocketOptions.SO_SNDBUF);   // 2626560, say
     * }</pre>
     *
     * @throws IllegalArgumentException for an option this kind of socket does not have (TCP or Unix)
     * @throws SocketClosed once it is closed or closing
     * @throws Timeout if the loop does not answer within {@link #OPTION_WAIT}
     */
    <T> T option(SocketOption<T> option);

    /**
     * Sets an option on the connection's socket, as Python's {@code setsockopt}; returns this peer.
     * From any thread: it is set on the connection's loop, and the caller waits until it is, as
     * {@link #option(SocketOption)} does.
     *
     * <pre>{@code
     * peer.option(StandardSocketOptions.TCP_NODELAY, true);
     * }</pre>
     *
     * @throws IllegalArgumentException for an option this kind of socket does not have, or a value it does not take
     * @throws SocketClosed once it is closed or closing
     * @throws Timeout if the loop does not answer within {@link #OPTION_WAIT}
     */
    <T> Peer option(SocketOption<T> option, T value);

    /** How long {@code option(...)} from another thread waits for the connection's loop: 5 seconds. */
    Duration OPTION_WAIT = Duration.ofSeconds(5);

    /**
     * Sends text, encoded in the spec's charset (UTF-8 unless set); never blocks.
     *
     * @throws SocketClosed if it is closed or closing
     * @throws SocketError if the connection failed (a reset, say): it is closed then
     */
    Peer send(String text);

    /** Sends bytes; never blocks. See {@link #send(String)}. */
    Peer send(Bytes bytes);

    /** Sends a copy of the array; never blocks. See {@link #send(String)}. */
    Peer send(byte[] bytes);

    /** Sends {@code length} bytes of the array from {@code offset}; never blocks. See {@link #send(String)}. */
    Peer send(byte[] bytes, int offset, int length);

    /**
     * Sends {@code data} as one frame (prefix and payload, or payload and delimiter, queued
     * together); never blocks. What a server made with {@code onReceive(framing, ...)} answers with.
     *
     * <pre>{@code
     * var f = Framing.lengthPrefixed(4, ByteOrder.BIG_ENDIAN, 1 << 20);
     * Sockets.tcp().bind("127.0.0.1", 0).onReceive(f, (peer, frame) -> peer.sendFrame(f, frame));
     * }</pre>
     *
     * @throws SocketError of kind {@code MESSAGE_TOO_LONG} if {@code data} is longer than the
     *                     framing's {@code maxFrame}: nothing is queued; and as {@link #send(String)}
     * @throws IllegalArgumentException if a delimited frame holds its delimiter
     */
    Peer sendFrame(Framing framing, Bytes data);

    /** Sends the text, encoded in the spec's charset, as one frame: see {@link #sendFrame(Framing, Bytes)}. */
    Peer sendFrame(Framing framing, String text);

    /**
     * Closes the connection once everything sent has gone out; the receiver is not called again
     * for it. If the client has not closed its side, the server then ends its own side and waits
     * for the client's end, reading and dropping what still comes, for 2 to 2.5 s at most (a close with
     * unread input would reset the connection, and the client could lose the answer still in
     * flight). Until then it counts in {@link Server#open()}. Does nothing the second time.
     */
    void close();
}
