package dev.sockets;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One open stream connection (TCP or Unix domain): what {@code connect} and {@code accept} return.
 *
 * <pre>{@code
 * try (var c = Sockets.tcp().connect("127.0.0.1", 12345)) {
 *     c.sendLine("hello");          // writes all of it, like Python's sendall
 *     c.recv(1024);                 // b'hello\n': at most 1024 bytes, b'' at the end of stream
 *     c.readLine();                 // the next line without its \n or \r\n, null at the end
 * }
 * }</pre>
 *
 * <h2>One buffer for every read</h2>
 * {@link #recv(int)}, {@link #recvInto(ByteBuffer)}, {@link #peek(int)}, {@link #recvExactly(int)},
 * {@link #recvAll()}, {@link #readLine()}, {@link #lines()}, {@link #expect(String...)} and {@link #input()} read through one buffer, so they mix in any order
 * without losing a byte: read a header line with {@code readLine()}, then the body with
 * {@code recvExactly(n)}.
 *
 * <h2>Text</h2>
 * Strings are encoded and lines decoded in the spec's charset (UTF-8 unless
 * {@code charset(...)} was set). A line may be at most the spec's {@code maxLineLength}
 * bytes (64 KiB unless set); a longer one fails {@code readLine} with a {@link SocketError}
 * instead of filling memory.
 *
 * <h2>Threads</h2>
 * One reader and one writer at a time: one thread may read while another sends. A second thread
 * that calls a read method ({@code recv}, {@code recvInto}, {@code peek}, {@code recvExactly},
 * {@code recvAll}, {@code readLine}, {@code lines}, {@code expect}, {@link #input()}) while another is inside one
 * fails at once with an {@code IllegalStateException} naming the first, whose read goes on
 * untouched; the same for a second sender ({@code send}, {@code sendLine}, {@code sendFile},
 * {@link #output()}). Threads may take turns:
 * the check is only against calls that overlap. Use one reader thread, or a lock around reads.
 * {@link #close()} may be called from any thread, and fails a read or send blocked in another;
 * {@code option}, {@code shutdownInput} and {@code shutdownOutput} may too.
 *
 * <h2>Errors</h2>
 * Failures are {@link SocketError}s naming the operation and the peer: {@link Timeout} when a
 * read waits longer than the timeout, or a send makes no progress for the write timeout,
 * {@link ConnectionReset}, {@link BrokenPipe}, and {@link SocketClosed} for any use after
 * {@link #close()}. No message contains bytes read from the peer.
 *
 * <h2>Bounds</h2>
 * {@link #readLine()} reads lines up to the spec's {@code maxLineLength}, {@link #recvAll()} up
 * to {@link #MAX_RECV_ALL}, {@link #recvExactly(int)} up to {@link #MAX_RECV_EXACTLY}, growing
 * as bytes arrive: nothing a peer sends makes it allocate without bound.
 *
 * <p>It prints as {@code Connection[tcp 127.0.0.1:41234 -> 127.0.0.1:12345]}, with {@code ,
 * closed} after close.
 */
public interface Connection extends AutoCloseable {

    /** What {@link #recvAll()} reads at most: 64 MiB. */
    int MAX_RECV_ALL = 64 << 20;

    /**
     * The largest {@code n} that {@link #recvExactly(int)} takes: 64 MiB. A length read from the
     * peer cannot make it allocate more; read longer messages through {@link #input()}.
     */
    int MAX_RECV_EXACTLY = 64 << 20;

    /** The other end's address: {@code 127.0.0.1:41234}. */
    Address remote();

    /** This end's address. */
    Address local();

    /** True until {@link #close()}. A peer closing its side does not make this false. */
    boolean isOpen();

    /**
     * The value this socket has now for an option, as Python's {@code s.getsockopt(...)}: the
     * OS's answer, which may differ from what the spec asked for (Linux doubles
     * {@code SO_RCVBUF}).
     *
     * <pre>{@code
     * c.option(StandardSocketOptions.TCP_NODELAY);   // false, unless the spec said noDelay(true)
     * }</pre>
     *
     * @throws IllegalArgumentException for an option this kind of socket does not have (TCP or Unix)
     * @throws SocketClosed once the connection is closed
     */
    <T> T option(SocketOption<T> option);

    /**
     * Sets an option on this open socket, as Python's {@code s.setsockopt(...)}; returns this
     * connection. The spec it came from is unchanged.
     *
     * <pre>{@code
     * c.option(StandardSocketOptions.TCP_NODELAY, true).send("now");
     * }</pre>
     *
     * @throws IllegalArgumentException for an option this kind of socket does not have, or a value it does not take
     * @throws SocketClosed once the connection is closed
     */
    <T> Connection option(SocketOption<T> option, T value);

    /**
     * Sends all of {@code text}, encoded in the spec's charset (like Python's {@code sendall}).
     *
     * @return this connection, so that calls chain: {@code c.send("a").send("b").close()}
     */
    Connection send(String text);

    /** Sends every byte of {@code bytes}; the array is not kept. */
    Connection send(byte[] bytes);

    /** Sends {@code length} bytes of {@code bytes} from {@code offset}. */
    Connection send(byte[] bytes, int offset, int length);

    /** Sends every byte of {@code bytes}. */
    Connection send(Bytes bytes);

    /** Sends {@code line} and a {@code \n}, in one write. */
    Connection sendLine(String line);

    /**
     * Sends the whole file, as Python's {@code s.sendfile(f)}, and returns how many bytes went.
     * Over a Unix domain socket the OS copies the file to the socket itself ({@code sendfile(2)});
     * over TCP it goes through a buffer of 64 KiB. The write timeout holds as for {@link #send(byte[])}.
     *
     * <pre>{@code
     * long n = c.sendFile(Path.of("index.html"));
     * }</pre>
     *
     * @throws SocketError if the file cannot be read, or the send fails
     */
    long sendFile(Path file);

    /**
     * Sends {@code count} bytes of the file from {@code offset}, fewer if the file ends first, as
     * Python's {@code s.sendfile(f, offset, count)}; returns how many went. See {@link #sendFile(Path)}.
     *
     * @throws IllegalArgumentException if {@code offset} or {@code count} is negative
     */
    long sendFile(Path file, long offset, long count);

    /**
     * Blocks until at least one byte arrives, then returns up to {@code max} bytes; returns
     * {@code b''} at the end of the stream (the peer closed or shut down its output), as
     * Python's {@code recv}.
     *
     * @throws IllegalArgumentException if {@code max} is negative
     * @throws Timeout if nothing arrives within the timeout
     */
    Bytes recv(int max);

    /**
     * Reads into {@code buffer} from its position, as Python's {@code recv_into}: blocks until at
     * least one byte arrives, puts up to {@code buffer.remaining()} bytes and returns how many;
     * returns 0 at the end of the stream, as {@code recv_into} does (and 0 for a buffer with no
     * room). The buffer's position moves past the bytes. Bytes this connection already holds
     * (after a {@link #readLine()}, say) come first; otherwise a buffer with an array is read
     * into directly, without a copy through another buffer.
     *
     * <pre>{@code
     * var buf = ByteBuffer.allocate(4096);
     * int n = c.recvInto(buf);      // 0: the peer closed
     * }</pre>
     *
     * @throws Timeout if nothing arrives within the timeout
     */
    int recvInto(ByteBuffer buffer);

    /**
     * Reads up to {@code length} bytes into {@code buffer} from {@code offset}, as Python's
     * {@code recv_into(memoryview(b)[offset:], length)}; returns the count, 0 at the end of the
     * stream. See {@link #recvInto(ByteBuffer)}.
     *
     * @throws IndexOutOfBoundsException if the range is outside the array
     */
    int recvInto(byte[] buffer, int offset, int length);

    /**
     * Up to {@code max} bytes of what arrived, without consuming them, as Python's
     * {@code recv(max, MSG_PEEK)}: the next read returns them again. It looks at the bytes this
     * connection holds, and when it holds none it blocks like {@link #recv(int)} and reads once;
     * {@code b''} at the end of the stream.
     *
     * <pre>{@code
     * if (c.peek(4).equals(Bytes.of("GET "))) { ... }   // then c.readLine() reads the whole line
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code max} is negative
     * @throws Timeout if nothing arrives within the timeout
     */
    Bytes peek(int max);

    /**
     * Blocks until exactly {@code n} bytes have arrived and returns them. The array grows as
     * bytes arrive, so a huge {@code n} read from a hostile peer's length prefix allocates only
     * what the peer really sends.
     *
     * @throws IllegalArgumentException if {@code n} is negative or above {@link #MAX_RECV_EXACTLY} (64 MiB)
     * @throws SocketError if the stream ends first (the bytes read so far are lost)
     * @throws Timeout if a read waits longer than the timeout
     */
    Bytes recvExactly(int n);

    /**
     * Blocks until the end of the stream and returns everything that arrived, at most
     * {@link #MAX_RECV_ALL} bytes (64 MiB).
     *
     * @throws SocketError if more than 64 MiB arrive (read big streams with {@link #input()})
     */
    Bytes recvAll();

    /**
     * Blocks until a whole line has arrived and returns it without its {@code \n} or
     * {@code \r\n}; at the end of the stream returns the last unterminated text, then {@code null}.
     * The line is decoded in the spec's charset (UTF-8 unless set), and bytes that do not decode
     * become U+FFFD, where Python's {@code makefile().readline()} raises {@code UnicodeDecodeError}:
     * read binary data with {@link #recv(int)} or {@link #recvExactly(int)}.
     *
     * @throws SocketError if the line is longer than the spec's {@code maxLineLength} (64 KiB
     *                     unless set); its bytes stay unread, for {@link #recv(int)}
     */
    String readLine();

    /**
     * The lines still to come, read lazily with {@link #readLine()} until the end of the stream.
     *
     * <pre>{@code
     * c.lines().forEach(System.out::println);
     * }</pre>
     */
    Stream<String> lines();

    // ---- expect: wait for a text or a pattern, as Tcl expect and pexpect --------------------

    /**
     * Blocks until one of the texts arrives, and returns the {@link Match}: which one, and what
     * came before it. Each text is exact (not a pattern) and encoded in the spec's charset. The
     * bytes after the match stay unread, for the next {@code recv}, {@code readLine} or
     * {@code expect}.
     *
     * <pre>{@code
     * c.expect("login:");
     * c.sendLine("alice");
     * var m = c.expect("Password:", "Unknown user");   // m.index() is 0 or 1
     * }</pre>
     *
     * <p><b>Which one.</b> The bytes are searched after each read; the alternative whose match
     * starts first wins, the one listed first on a tie. A match found is taken at once, as in
     * pexpect: a pattern ending in {@code \d+} or {@code .*} matches what has arrived so far,
     * so end a pattern with the text that follows (a space, {@code \r\n}).
     *
     * <p><b>Bounds.</b> It waits at most the connection's {@link #timeout()} in all (without
     * end if none), then fails with {@link Timeout}; at the end of the stream it fails with
     * {@link SocketClosed}; after the spec's {@code maxExpectBuffer} bytes (64 KiB unless set)
     * without a match it fails with a {@link SocketError}. Each message names what was
     * expected and how many bytes came, and those bytes stay unread: {@code c.recv(4096)}
     * right after shows them. To take the end or the timeout as an answer instead, pass
     * {@link Expect#EOF} or {@link Expect#TIMEOUT} to {@link #expect(Expect...)}.
     *
     * @throws IllegalArgumentException if there is no text, or one is empty
     */
    Match expect(String... texts);

    /**
     * Blocks until one of the patterns is found, as {@link #expect(String...)} for texts.
     * Patterns run over the bytes read as Latin-1, one char a byte: ASCII patterns match as
     * written, binary data is safe, and {@code .} matches any byte but {@code \n}; a non-ASCII
     * char in a pattern matches that Latin-1 byte, so wait for UTF-8 text with
     * {@link #expect(String...)}. The match's text and groups are decoded in the spec's charset.
     *
     * <pre>{@code
     * var m = c.expect(Pattern.compile("(\\d{3}) (.*)\r\n"));
     * int code = Integer.parseInt(m.group(1));
     * }</pre>
     */
    Match expect(Pattern... patterns);

    /**
     * Blocks until one of the alternatives is met: texts and patterns mixed, and
     * {@link Expect#EOF} or {@link Expect#TIMEOUT} to take the end of the stream or the timeout
     * as an answer rather than an error.
     *
     * <pre>{@code
     * var m = c.expect(Expect.text("$ "), Expect.pattern("[Ee]rror.*\n"), Expect.EOF);
     * }</pre>
     */
    Match expect(Expect... alternatives);

    /**
     * {@link #expect(String...)} waiting at most {@code timeout} in all, whatever the
     * connection's read timeout.
     *
     * @throws IllegalArgumentException unless {@code timeout} is positive
     */
    Match expect(Duration timeout, String... texts);

    /** {@link #expect(Pattern...)} waiting at most {@code timeout} in all. */
    Match expect(Duration timeout, Pattern... patterns);

    /** {@link #expect(Expect...)} waiting at most {@code timeout} in all. */
    Match expect(Duration timeout, Expect... alternatives);
    // ---------------------------------------------------------------- frames

    /**
     * Blocks until a whole frame has arrived and returns it, without its prefix or delimiter;
     * returns {@code null} at the end of the stream when no byte of a next frame came, as
     * {@link #readLine()} does. Reads through the one buffer, so it mixes with the other reads.
     *
     * <pre>{@code
     * var f = Framing.lengthPrefixed(4, ByteOrder.BIG_ENDIAN, 1 << 20);
     * c.readFrame(f);            // b'hello' for b'\x00\x00\x00\x05hello'
     * }</pre>
     *
     * @throws SocketError of kind {@code MESSAGE_TOO_LONG} for a frame over the framing's
     *                     {@code maxFrame} (known from its prefix, before it is read; or no
     *                     delimiter within it): the connection is closed; of kind {@code OTHER}
     *                     when the stream ends inside a frame, saying how many of its bytes came
     * @throws Timeout     if the frame does not come within the timeout; what came of it is kept,
     *                     and the next {@code readFrame} with the same framing returns the whole frame
     */
    Bytes readFrame(Framing framing);

    /**
     * The frames still to come, read lazily with {@link #readFrame(Framing)} until the end of
     * the stream. Closing the stream does not close the connection.
     *
     * <pre>{@code
     * c.frames(Framing.varint(1 << 20)).map(Bytes::text).forEach(System.out::println);
     * }</pre>
     */
    Stream<Bytes> frames(Framing framing);

    /**
     * Sends {@code data} as one frame, prefix and payload (or payload and delimiter) in one
     * write, so that no other sender's bytes can come between them; returns this connection.
     * A frame the framing cannot carry fails before a byte is written.
     *
     * <pre>{@code
     * c.sendFrame(Framing.lengthPrefixed(2, ByteOrder.BIG_ENDIAN, 65535), Bytes.of("hi"));  // b'\x00\x02hi'
     * }</pre>
     *
     * @throws SocketError of kind {@code MESSAGE_TOO_LONG} if {@code data} is longer than the framing's {@code maxFrame}
     * @throws IllegalArgumentException if a delimited frame holds its delimiter (it would arrive as two)
     */
    Connection sendFrame(Framing framing, Bytes data);

    /** Sends the text, encoded in the spec's charset, as one frame: see {@link #sendFrame(Framing, Bytes)}. */
    Connection sendFrame(Framing framing, String text);

    /**
     * The incoming bytes as an {@link InputStream} (Python's {@code makefile('rb')}); it shares
     * the connection's buffer, so it mixes with {@code recv} and {@code readLine}. Closing the
     * stream does not close the connection. Failures are thrown as {@link SocketError}.
     */
    InputStream input();

    /**
     * The outgoing side as an {@link OutputStream} (Python's {@code makefile('wb')}). It does
     * not buffer: each write sends at once, and {@code flush()} does nothing. Wrap it in a
     * {@code BufferedOutputStream} for many small writes. Closing the stream does not close
     * the connection. Failures are thrown as {@link SocketError}.
     */
    OutputStream output();

    /**
     * Half close (Python's {@code shutdown(SHUT_WR)}): the peer reads the end of the stream,
     * while this side can still receive its answer.
     */
    Connection shutdownOutput();

    /**
     * Ends the reading side (Python's {@code shutdown(SHUT_RD)}): from now on every read returns
     * the end of the stream ({@code b''}, 0, {@code null}) at once, and what the peer sends is
     * dropped, bytes this connection held unread included; sending still works. (Linux's own
     * {@code recv} would still hand over bytes that arrive; the JDK, and so this library, does not.)
     */
    Connection shutdownInput();

    /**
     * Ends one side or both, as Python's {@code shutdown(how)}: {@link Shutdown#READ} is
     * {@link #shutdownInput()}, {@link Shutdown#WRITE} is {@link #shutdownOutput()},
     * {@link Shutdown#BOTH} both. The connection stays open until {@link #close()}.
     */
    Connection shutdown(Shutdown how);

    /**
     * Sets how long each read may wait before it fails with {@link Timeout}, as Python's
     * {@code settimeout(seconds)}. Starts as the spec's {@code timeout}.
     *
     * @throws IllegalArgumentException for zero or less: {@link #noTimeout()} waits without end
     */
    Connection timeout(Duration timeout);

    /** Makes reads wait without end, as Python's {@code settimeout(None)}. */
    Connection noTimeout();

    /** The read timeout in force; {@link Duration#ZERO} when reads wait without end. */
    Duration timeout();

    /**
     * Sets how long a send may make no progress (the peer not reading, every buffer full) before
     * it fails with {@link Timeout} and the connection closes; {@link Duration#ZERO} waits without
     * end. Starts as the spec's {@code writeTimeout}. The message of that {@code Timeout} says how
     * many bytes were handed to the OS before.
     *
     * <pre>{@code
     * c.writeTimeout(Duration.ofSeconds(2)).send(big);
     * // Timeout: send to 127.0.0.1:5000: no progress for 2 s; the peer is not reading (2621440 of 104857600 bytes ...
     * }</pre>
     *
     * @throws IllegalArgumentException for a negative duration
     */
    Connection writeTimeout(Duration writeTimeout);

    /** The write timeout in force; {@link Duration#ZERO} when sends wait without end. */
    Duration writeTimeout();

    /**
     * What the TLS handshake agreed, for a connection made by {@link Sockets#tls()} or
     * {@link #startTls(TlsSpec)}; empty for a plain connection.
     *
     * <pre>{@code
     * c.tls()    // Optional[TlsInfo[TLSv1.3 TLS_AES_128_GCM_SHA256, peer CN=localhost (expires 2027-01-01)]]
     * }</pre>
     */
    java.util.Optional<TlsInfo> tls();

    /**
     * STARTTLS: upgrades this open plain connection to TLS and returns the TLS connection, after
     * its handshake. A connection from {@code connect} takes the client's side (the host it was
     * given is the name checked and sent in SNI); one a listener accepted takes the server's, so
     * the spec then needs a {@code certificate(...)}. Bytes already read past the line that
     * agreed on STARTTLS belong to the handshake and are not lost. From then on use the returned
     * connection: this one's reads and sends fail, and closing either closes both.
     *
     * <pre>{@code
     * c.sendLine("STARTTLS"); c.readLine();                          // "220 go ahead"
     * var t = c.startTls(Sockets.tls().trust(Path.of("ca.pem")));    // the client's side
     * t.sendLine("EHLO me");
     * }</pre>
     *
     * @throws TlsError if the handshake fails (the connection is then closed)
     * @throws IllegalStateException for a server side whose spec has no certificate
     */
    default Connection startTls(TlsSpec spec) {
        java.util.Objects.requireNonNull(spec, "spec");
        return spec.upgrade(this);
    }

    // ---- wiretap: this connection's traffic recorded, as socat -v ---------------------------

    /**
     * Starts recording what goes through this connection on standard error, from now on, as
     * {@link TcpSpec#wiretap()} does for every connection of a spec (a tap it had is replaced).
     * Returns this connection.
     *
     * <pre>{@code
     * c.wiretap().sendLine("hi");
     * // * 2026/12/02 11:00:00.123456  wiretap  127.0.0.1:44720 <> 127.0.0.1:5000
     * // > 2026/12/02 11:00:00.123501  length=3 from=0 to=2  127.0.0.1:44720 > 127.0.0.1:5000
     * // hi\n
     * }</pre>
     *
     * The tap shows the peer's bytes (for TLS, the plaintext); closing the connection ends it.
     */
    Connection wiretap();

    /**
     * As {@link #wiretap()}, appending to {@code file} (created readable by its owner only).
     *
     * @throws IllegalArgumentException if {@code file} is a directory or its directory does not exist
     */
    Connection wiretap(Path file);

    /** As {@link #wiretap()}, to {@code out}; the tap never closes it. */
    Connection wiretap(java.io.PrintStream out);
    // ---- byte counters (also in Sockets.open()) ----

    /**
     * The bytes sent on this connection so far: what every send and {@code sendFile} handed to
     * the OS. Over TLS, the plaintext (what the program sent, not the records on the wire).
     * Any thread may read it; it is at most one call behind the sending thread.
     *
     * <pre>{@code
     * c.send("hello");
     * c.bytesSent()       // 5
     * }</pre>
     */
    long bytesSent();

    /**
     * The bytes received on this connection so far: what reads took from the OS, including
     * bytes read ahead and not yet handed out ({@code readLine} reads a buffer at a time). Over
     * TLS, the plaintext. Any thread may read it.
     */
    long bytesReceived();

    /**
     * Closes the connection; bytes already sent still reach the peer. Does nothing the second time.
     * A TLS connection sends its close_notify first.
     */
    void close();
}
