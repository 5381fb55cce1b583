package dev.sockets;

import java.time.Duration;

/**
 * A fault proxy running in the background, for testing a client against a bad network: it
 * relays every connection to its target and applies the faults set on it, each switchable
 * while it runs. What {@link ProxySpec#bind(String, int)} returns.
 *
 * <pre>{@code
 * var server = Sockets.tcp().bind("127.0.0.1", 0).onReceive((peer, data) -> peer.send(data));
 * var proxy = Sockets.proxy("127.0.0.1", server.port()).bind("127.0.0.1", 0);
 * proxy.delay(Duration.ofMillis(100));   // each direction: a round trip now takes 200 ms more
 * var c = Sockets.tcp().connect("127.0.0.1", proxy.port());
 * proxy.heal();                          // faults off: a plain relay again
 * }</pre>
 *
 * <h2>Faults</h2>
 * A fault set now applies to the connections open now and to the next ones:
 * {@link #delay(Duration)}, {@link #bandwidth(long)}, {@link #chunk(int)},
 * {@link #resetAfter(long)}, {@link #closeAfter(long)}, {@link #blackhole()}. Faults combine
 * (a delay and a chunk size, say); {@link #heal()} clears them all. {@link #refuse()} acts on
 * new connections only.
 *
 * <h2>How the relay works</h2>
 * Two threads per connection, one per direction ({@code sockets-proxy-N up} and {@code down}),
 * each reading up to 64 KiB and writing it on: what one read brought is the unit that a delay
 * holds and a chunk size cuts. No byte is lost or repeated unless a fault cuts the connection.
 * An end of stream on one side is passed on as an end of stream (a half close), a reset as a
 * reset. The target is connected when a client connects (within 10 s for TCP); if it cannot be,
 * the client's connection is reset and {@link #failed()} counts it.
 *
 * <p>The name {@code Proxy} is also {@code java.net.Proxy}: in JShell on Java 17 (which imports
 * {@code java.net.*}) write {@code var proxy = ...}, not {@code Proxy proxy = ...}.
 *
 * <p>It prints as
 * {@code Proxy[127.0.0.1:40000 -> 127.0.0.1:8080, delay=100 ms, 3 open, 12 accepted, 1200 bytes up, 5400 bytes down]},
 * listing only the faults in force and the bytes once there are any, with {@code , closed}
 * after close.
 */
public interface Proxy extends Server {

    /** Where it relays to: an {@link Endpoint}, or a {@link UnixAddress}. */
    Address target();

    /**
     * Holds what each direction reads for {@code delay} before writing it on: a request and its
     * answer each arrive {@code delay} later, so a round trip takes twice {@code delay} more.
     * Zero turns it off. A steady stream that brings more than one read per {@code delay} is held
     * longer (the next read waits for the one before), as behind a link with a small window.
     *
     * @return this proxy
     * @throws IllegalArgumentException for a negative delay
     */
    Proxy delay(Duration delay);

    /**
     * As {@link #delay(Duration)}, each direction its own: {@code up} for what the client sends
     * to the target, {@code down} for what comes back.
     *
     * @return this proxy
     */
    Proxy delay(Duration up, Duration down);

    /**
     * Limits each direction of each connection to {@code bytesPerSecond}: what it relays is cut
     * into pieces of at most a fiftieth of a second's worth, spaced to keep the rate.
     *
     * <pre>{@code
     * proxy.bandwidth(10_000);   // 10 kB/s: 100 kB take about 10 s to come through
     * }</pre>
     *
     * @return this proxy
     * @throws IllegalArgumentException unless {@code bytesPerSecond > 0}
     */
    Proxy bandwidth(long bytesPerSecond);

    /**
     * Splits every write into pieces of random sizes from 1 to {@code maxBytes}, each written on
     * its own with a pause of 0.1 ms between them, so a reader that reads promptly sees the stream
     * cut in odd places: the test for code that assumes one {@code recv} is one message. A reader
     * that reads late may still get several pieces at once, as TCP allows.
     *
     * @return this proxy
     * @throws IllegalArgumentException unless {@code maxBytes > 0}
     */
    Proxy chunk(int maxBytes);

    /**
     * Resets both sides of a connection (an RST: SO_LINGER 0 on TCP; a plain close on a Unix
     * socket, which has no reset) as soon as {@code bytes} from the client have reached the
     * target: the target reads exactly that many, the client's next call fails with
     * {@link ConnectionReset}. Bytes are counted from the connection's start, so a connection
     * that has already sent that many is reset at once; 0 resets every connection as soon as
     * it opens.
     *
     * @return this proxy
     * @throws IllegalArgumentException for a negative count
     */
    Proxy resetAfter(long bytes);

    /**
     * As {@link #resetAfter(long)}, with a clean close (FIN) instead of a reset: the target
     * sees the end of the stream after exactly {@code bytes}, the client sees the end of the
     * stream (what the target sent before that still arrives); what either sends after that is
     * read and dropped.
     *
     * @return this proxy
     * @throws IllegalArgumentException for a negative count
     */
    Proxy closeAfter(long bytes);

    /**
     * Stops relaying, in both directions, and closes nothing: a peer or a network that went
     * silent. Clients still connect (the OS accepts them) and hear nothing; what they send waits
     * in the proxy and the OS buffers, and once those fill their sends block. Nothing is
     * dropped: after {@link #heal()} it all flows on, in order.
     *
     * @return this proxy
     */
    Proxy blackhole();

    /**
     * Refuses new connections: the proxy stops listening, so a connect fails with
     * {@link ConnectionRefused}. Connections already open go on; one the OS had accepted that the
     * proxy had not yet taken (a connect that returned a moment before) is reset.
     * {@link #heal()} listens again on the same address and port.
     *
     * @return this proxy
     */
    Proxy refuse();

    /**
     * Clears every fault: a plain relay again. After {@link #refuse()} it listens again on the
     * same port.
     *
     * @return this proxy
     * @throws AddressInUse if, while refusing, another socket took the port (the other faults
     *     are cleared all the same, and it keeps refusing)
     */
    Proxy heal();

    // ---- wiretap: what the proxy relays, recorded as socat -v shows it ----

    /**
     * Records what this proxy relays on connections it accepts from now on, on standard error,
     * as {@link TcpSpec#wiretap()} does for a spec's connections: for each, its opening, what
     * the client sent ({@code >}, client to target) and what the target answered ({@code <}),
     * each end of stream, a cut, and the close. {@link #heal()} leaves it on. Returns this proxy.
     *
     * <pre>{@code
     * var proxy = Sockets.proxy("127.0.0.1", 8080).bind("127.0.0.1", 0).wiretap();
     * // * 2026/12/02 11:00:00.123456  open proxy 127.0.0.1:40000 -> 127.0.0.1:8080  127.0.0.1:51234 <> 127.0.0.1:8080
     * }</pre>
     */
    Proxy wiretap();

    /**
     * As {@link #wiretap()}, appending to {@code file} (created readable by its owner only).
     *
     * @throws IllegalArgumentException if {@code file} is a directory or its directory does not exist
     */
    Proxy wiretap(java.nio.file.Path file);

    /** As {@link #wiretap()}, to {@code out}; the tap never closes it. */
    Proxy wiretap(java.io.PrintStream out);

    /** Bytes relayed from clients to the target since the start. */
    long bytesUp();

    /** Bytes relayed from the target to clients since the start. */
    long bytesDown();

    /** Connections cut by {@link #resetAfter(long)} or {@link #closeAfter(long)} since the start. */
    long cut();

    /**
     * Connections whose target could not be reached since the start: their clients were reset.
     * The proxy runs no handler, so nothing else counts here.
     */
    @Override
    long failed();

    /**
     * Closes the proxy: stops listening at once, lets the connections open end by themselves
     * within {@code grace} (those held in a {@link #blackhole()} cannot, and are closed at once),
     * then closes the rest (both sides) and waits for its threads to end. Blocks until then;
     * returns at once the second time.
     *
     * @throws IllegalArgumentException for a negative grace
     */
    @Override
    void close(Duration grace);
}
