package dev.sockets.internal.tap;

import dev.sockets.Address;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a wiretap writes: standard error, a {@link PrintStream}, or a file. The value a spec's
 * {@code wiretap(...)} setting holds; each socket opened with it gets its own {@link Tap}.
 *
 * <p>Every record is written whole in one call, so records from two threads or two sockets never
 * mix: one {@code print} on a stream (a {@code PrintStream} writes each call under its lock),
 * one {@code write(2)} on a file opened to append. A file is shared by every socket of this JVM
 * that taps to it, opened by the first, closed when the last one closes; nothing is buffered, so
 * the file holds every record as soon as it is made. A file the tap creates is readable by its
 * owner only ({@code rw-------}): it holds what the peers sent.
 *
 * <p>A tap never fails a socket: a record that cannot be written is dropped, and the first such
 * failure of a file is logged on the {@code System.Logger} named {@code dev.sockets.Wiretap}.
 */
public final class Wiretap {

    private static final System.Logger LOG = System.getLogger("dev.sockets.Wiretap");

    /** The open files, by absolute path, each with the number of sockets using it. */
    private static final Map<Path, FileSink> FILES = new HashMap<>();

    private final Path path;
    private final PrintStream stream;

    private Wiretap(Path path, PrintStream stream) {
        this.path = path;
        this.stream = stream;
    }

    /** A tap to standard error: {@code System.err} as it is when each record is written. */
    public static Wiretap stderr() {
        return new Wiretap(null, null);
    }

    /**
     * A tap to {@code file}, appended to (created {@code rw-------} if missing).
     *
     * @throws IllegalArgumentException if it is a directory, or its directory does not exist
     */
    public static Wiretap to(Path file) {
        Objects.requireNonNull(file, "file");
        Path p = file.toAbsolutePath().normalize();
        if (Files.isDirectory(p)) {
            throw new IllegalArgumentException("expected a file for the wiretap but was the directory " + p);
        }
        Path dir = p.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("expected a file in an existing directory for the wiretap but " + dir
                    + " is not a directory; create it first");
        }
        return new Wiretap(p, null);
    }

    /** A tap to {@code out}; the caller keeps it, and closes it. */
    public static Wiretap to(PrintStream out) {
        return new Wiretap(null, Objects.requireNonNull(out, "out"));
    }

    /**
     * Starts tapping one socket and records its opening.
     *
     * @param how    the first record's words: {@code open tcp connect}, {@code open udp bind}, {@code wiretap on}
     * @param local  this end
     * @param remote the other end, or null (a bound UDP socket)
     */
    public Tap open(String how, Address local, Address remote) {
        var tap = new Tap(acquire(), local, remote);
        tap.opened(how);
        return tap;
    }

    private Sink acquire() {
        if (path == null) {
            return stream == null ? STDERR : new StreamSink(stream);
        }
        synchronized (FILES) {
            FileSink f = FILES.get(path);
            if (f == null) {
                f = new FileSink(path);
                FILES.put(path, f);
            }
            f.users++;
            return f;
        }
    }

    private static final Sink STDERR = new Sink() {
        @Override
        public void write(String record) {
            PrintStream err = System.err;
            err.print(record);
            err.flush();
        }

        @Override
        public void release() {
            // System.err is not ours to close.
        }
    };

    private static final class StreamSink implements Sink {
        private final PrintStream out;

        StreamSink(PrintStream out) {
            this.out = out;
        }

        @Override
        public void write(String record) {
            out.print(record);
            out.flush();
        }

        @Override
        public void release() {
            // The caller's stream: the caller closes it.
        }
    }

    private static final class FileSink implements Sink {
        private final Path path;
        private FileChannel channel;
        private boolean failed;
        private boolean released;
        int users; // under FILES

        FileSink(Path path) {
            this.path = path;
        }

        @Override
        public synchronized void write(String record) {
            if (failed || released) {
                return;
            }
            try {
                if (channel == null) {
                    channel = open(path);
                }
                ByteBuffer b = ByteBuffer.wrap(record.getBytes(StandardCharsets.UTF_8));
                while (b.hasRemaining()) {
                    channel.write(b);
                }
            } catch (IOException e) {
                failed = true;
                LOG.log(System.Logger.Level.WARNING, "wiretap: cannot write to " + path + ": " + e.getMessage()
                        + "; recording nothing more there", e);
            }
        }

        private static FileChannel open(Path path) throws IOException {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                return FileChannel.open(path, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }

        @Override
        public void release() {
            synchronized (FILES) {
                if (--users > 0) {
                    return;
                }
                FILES.remove(path);
            }
            synchronized (this) {
                released = true;
                try {
                    if (channel != null) {
                        channel.close();
                    }
                } catch (IOException e) {
                    // Every record was written already: nothing is lost.
                }
            }
        }
    }

    /** How a spec prints it: {@code stderr}, the file's path, or the stream's own text. */
    @Override
    public String toString() {
        return path != null ? path.toString() : stream != null ? "PrintStream" : "stderr";
    }

    /** Equal when they write to the same place: both standard error, the same file, the same stream. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Wiretap w && Objects.equals(path, w.path) && stream == w.stream;
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(path) * 31 + System.identityHashCode(stream);
    }
}
