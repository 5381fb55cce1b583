package bench;

import dev.sockets.Sockets;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One file sent over one loopback connection to a reader in this process that drains it to the
 * end: {@code Connection.sendFile} against a raw {@code FileChannel.transferTo} to a
 * {@code SocketChannel} (sendfile(2)) and a read-and-send loop, over TCP and over a Unix socket.
 * The figure is the file's size over the time from connect to the reader's end of stream.
 */
final class SendFileLoad {
    static final String LIB = "lib-sendFile";
    static final String TRANSFER = "raw-transferTo";
    static final String LOOP = "raw-loop";
    /** TCP only: transferTo to the socket's OutputStream through Channels.newChannel (no channel under a java.net.Socket). */
    static final String STREAM = "transferTo-stream";

    private SendFileLoad() {
    }

    /** A listening socket whose accepted connections are read to the end on a thread each. */
    static final class Drain implements AutoCloseable {
        final ServerSocketChannel server;
        final SocketAddress address;
        final boolean unix;
        final Path path;

        Drain(boolean unix, Path dir) throws IOException {
            this.unix = unix;
            if (unix) {
                path = dir.resolve("drain.sock");
                Files.deleteIfExists(path);
                server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                server.bind(UnixDomainSocketAddress.of(path));
            } else {
                path = null;
                server = ServerSocketChannel.open();
                server.bind(new InetSocketAddress(Loads.HOST, 0));
            }
            address = server.getLocalAddress();
        }

        /** Accepts the next connection and reads it to the end; the future gives the bytes read. */
        CompletableFuture<Long> next() {
            var done = new CompletableFuture<Long>();
            var t = new Thread(() -> {
                try (SocketChannel ch = server.accept()) {
                    ByteBuffer b = ByteBuffer.allocateDirect(256 * 1024);
                    long got = 0;
                    for (int n; (n = ch.read(b.clear())) >= 0; ) {
                        got += n;
                    }
                    done.complete(got);
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            }, "sendfile-drain");
            t.setDaemon(true);
            t.start();
            return done;
        }

        @Override
        public void close() throws IOException {
            server.close();
            if (path != null) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Makes a file of {@code size} bytes of varied content (not sparse: the page cache holds real pages). */
    static Path file(Path dir, long size) throws IOException {
        Path f = dir.resolve("sendfile.bin");
        byte[] chunk = new byte[1 << 20];
        new java.util.Random(42).nextBytes(chunk);
        try (FileChannel fc = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long w = 0; w < size; w += chunk.length) {
                ByteBuffer b = ByteBuffer.wrap(chunk, 0, (int) Math.min(chunk.length, size - w));
                while (b.hasRemaining()) {
                    fc.write(b);
                }
            }
        }
        return f;
    }

    /** Sends the file once with {@code who}'s way; returns MiB/s from connect to the reader's end. */
    static double run(String who, Drain drain, Path file, long deadline) throws Exception {
        long size = Files.size(file);
        CompletableFuture<Long> got = drain.next();
        long t0 = System.nanoTime();
        try (FileChannel fc = FileChannel.open(file, StandardOpenOption.READ)) {
            switch (who) {
                case LIB -> {
                    var c = drain.unix ? Sockets.unix().connect(drain.path) : Sockets.tcp().connect(Loads.HOST, port(drain));
                    try (c) {
                        long n = c.sendFile(file);
                        check(n, size);
                    }
                }
                case TRANSFER -> {
                    try (SocketChannel ch = SocketChannel.open(drain.address)) {
                        for (long pos = 0; pos < size; ) {
                            pos += fc.transferTo(pos, size - pos, ch);
                        }
                    }
                }
                case LOOP -> {
                    // What a program without sendFile writes: read a buffer's worth, send it, again.
                    byte[] a = new byte[64 * 1024];
                    ByteBuffer b = ByteBuffer.wrap(a);
                    if (drain.unix) {
                        try (SocketChannel ch = SocketChannel.open(drain.address)) {
                            for (int n; (n = fc.read(b.clear())) > 0; ) {
                                b.flip();
                                while (b.hasRemaining()) {
                                    ch.write(b);
                                }
                            }
                        }
                    } else {
                        try (Socket s = new Socket(Loads.HOST, port(drain))) {
                            OutputStream out = s.getOutputStream();
                            for (int n; (n = fc.read(b.clear())) > 0; ) {
                                out.write(a, 0, n);
                            }
                        }
                    }
                }
                case STREAM -> {
                    try (Socket s = new Socket(Loads.HOST, port(drain))) {
                        var ch = Channels.newChannel(s.getOutputStream());
                        for (long pos = 0; pos < size; ) {
                            pos += fc.transferTo(pos, size - pos, ch);
                        }
                    }
                }
                default -> throw new IllegalArgumentException("expected a sender of " + java.util.List.of(LIB, TRANSFER, LOOP, STREAM) + " but was " + who);
            }
            long n = got.get(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            check(n, size);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        return size / secs / (1 << 20);
    }

    private static int port(Drain d) {
        return ((InetSocketAddress) d.address).getPort();
    }

    private static void check(long n, long size) {
        if (n != size) {
            throw new IllegalStateException("expected " + size + " bytes sent but was " + n);
        }
    }
}
