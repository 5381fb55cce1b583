package dev.sockets.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * Real TLS stacks as peers of the interop tests, each a process on 127.0.0.1 only, each bounded
 * in time and always killed when closed: {@code openssl s_server} and {@code s_client}, Python's
 * {@code ssl} (scripts in {@code src/test/resources/tls}, copied into the test's folder), and
 * {@code curl}. Bulk data is checksummed on both ends with SHA-256.
 *
 * <p>{@link #requireTools()} fails under {@code CI=true} when a tool is missing (.ci/run
 * installs them) and skips with the reason elsewhere.
 */
public final class TlsPeers {
    /** The bulk the issue asks of each pair: 100 MiB. */
    public static final long BULK = 100L << 20;
    /** How long any peer may run. */
    public static final Duration LIMIT = Duration.ofSeconds(120);

    private TlsPeers() {
    }

    private static final java.util.Set<Peer> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Kills every peer still running: for an {@code @AfterEach}, since a test that timed out on a
     * thread of its own never reaches its try-with-resources.
     */
    public static void killAll() throws InterruptedException {
        for (Peer p : List.copyOf(LIVE)) {
            p.close();
        }
    }

    /** openssl, python3 and curl, or a failure (CI) or a skip (elsewhere) that names what is missing. */
    public static void requireTools() {
        var missing = new ArrayList<String>();
        for (List<String> probe : List.of(List.of("openssl", "version"), List.of("python3", "--version"),
                List.of("curl", "--version"))) {
            try {
                Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    missing.add(probe.get(0) + " (exit " + (p.isAlive() ? "none" : p.exitValue()) + ")");
                }
            } catch (IOException e) {
                missing.add(probe.get(0) + " (" + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                missing.add(probe.get(0) + " (interrupted)");
            }
        }
        if (!missing.isEmpty()) {
            String why = "TLS interop needs openssl, python3 and curl; missing: " + missing;
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true and " + why + " (.ci/run installs them)");
            }
            Assumptions.abort(why);
        }
    }

    /** Copies the Python script {@code name} of {@code src/test/resources/tls} into {@code dir}. */
    public static Path script(Path dir, String name) throws IOException {
        Path to = dir.resolve(name);
        try (InputStream in = TlsPeers.class.getResourceAsStream("/tls/" + name)) {
            if (in == null) {
                throw new IOException("no test resource tls/" + name);
            }
            Files.copy(in, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return to;
    }

    /**
     * A loopback port that was free a moment ago: bound and closed. {@code openssl s_server}
     * cannot bind port 0 and print it in its quiet mode, so it gets such a port, and
     * {@link #opensslServer} starts again on another one should it have been taken meanwhile.
     */
    public static int freePort() throws IOException {
        try (var s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    // ---- the peers ----------------------------------------------------------------------------

    /**
     * {@code openssl s_server} on 127.0.0.1 in quiet mode: what it receives goes to its stdout
     * (checksummed by the returned peer), what is written to its {@link Peer#stdin()} goes to the
     * client. {@code protocol} is {@code -tls1_2} or {@code -tls1_3}; {@code extra} adds options
     * ({@code -Verify 1 -CAfile ca.pem} for client certificates). Returns once it accepts
     * connections (a probe connection was accepted, which s_server drops and goes on).
     */
    public static Peer opensslServer(Path dir, String protocol, Path cert, Path key, String... extra)
            throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePort();
            var cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port,
                    "-cert", cert.toString(), "-key", key.toString(), protocol, "-quiet"));
            cmd.addAll(List.of(extra));
            Peer p = Peer.start(dir, cmd, true);
            p.port = port;
            if (p.awaitListening(port, Duration.ofSeconds(20))) {
                return p;
            }
            last = new IOException("openssl s_server did not listen on " + port + ": " + p.stderr());
            p.close();
        }
        throw last;
    }

    /**
     * {@code openssl s_client} to 127.0.0.1:{@code port}, verifying the server against {@code ca}
     * for the name localhost, in quiet mode with commands off (its stdin is data, not commands):
     * stdin goes to the server, what the server sends to stdout (checksummed). It reads until the
     * server closes.
     */
    public static Peer opensslClient(Path dir, int port, String protocol, Path ca, String... extra) throws IOException {
        var cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, protocol,
                "-CAfile", ca.toString(), "-verify_return_error", "-verify_hostname", "localhost",
                "-servername", "localhost", "-quiet", "-nocommands"));
        cmd.addAll(List.of(extra));
        return Peer.start(dir, cmd, true);
    }

    /** {@code python3 script args...}: line-oriented output. */
    public static Peer python(Path dir, String script, String... args) throws IOException {
        var cmd = new ArrayList<>(List.of("python3", script(dir, script).toString()));
        cmd.addAll(List.of(args));
        return Peer.start(dir, cmd, false);
    }

    /** {@code curl --cacert ca https://localhost:port/path}: the body to stdout, checksummed. */
    public static Peer curl(Path dir, int port, String path, Path ca, String... extra) throws IOException {
        var cmd = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--fail", "--max-time", "120",
                "--cacert", ca.toString(), "--resolve", "localhost:" + port + ":127.0.0.1", "--noproxy", "*",
                "https://localhost:" + port + path));
        cmd.addAll(List.of(extra));
        return Peer.start(dir, cmd, true);
    }

    // ---- bulk data ----------------------------------------------------------------------------

    /** SHA-256 and a count of what went through one end. */
    public static final class Sha {
        private final MessageDigest md;
        private long count;

        public Sha() {
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        public void update(byte[] b, int off, int len) {
            md.update(b, off, len);
            count += len;
        }

        public long count() {
            return count;
        }

        private String hex;

        /** The hex digest: the digest ends at the first call. */
        public synchronized String hex() {
            if (hex == null) {
                hex = HexFormat.of().formatHex(md.digest());
            }
            return hex;
        }
    }

    /** Writes {@code n} pseudo-random bytes to {@code out} in 64 KiB writes; returns their SHA-256. */
    public static String send(OutputStream out, long n) throws IOException {
        var rnd = new Random(n);
        byte[] b = new byte[64 * 1024];
        var sha = new Sha();
        for (long left = n; left > 0; ) {
            rnd.nextBytes(b);
            int k = (int) Math.min(b.length, left);
            out.write(b, 0, k);
            sha.update(b, 0, k);
            left -= k;
        }
        out.flush();
        return sha.hex();
    }

    /** Reads exactly {@code n} bytes (fewer if the stream ends first) and returns count and SHA-256. */
    public static Sha receive(InputStream in, long n) throws IOException {
        var sha = new Sha();
        byte[] b = new byte[64 * 1024];
        while (sha.count() < n) {
            int k = in.read(b, 0, (int) Math.min(b.length, n - sha.count()));
            if (k < 0) {
                break;
            }
            sha.update(b, 0, k);
        }
        return sha;
    }

    /** Runs {@code task} on its own thread: the other direction of a full-duplex transfer. */
    public static <T> CompletableFuture<T> async(java.util.concurrent.Callable<T> task) {
        var f = new CompletableFuture<T>();
        Thread t = new Thread(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "tls-interop-async");
        t.setDaemon(true);
        t.start();
        return f;
    }

    // ---- a peer process -----------------------------------------------------------------------

    /**
     * A peer process. In data mode its stdout is checksummed as it comes ({@link #stdoutSha});
     * otherwise read as lines ({@link #awaitLine}). Its stderr is kept (the first 64 KiB) for
     * failure messages. Closing kills it and its children.
     */
    public static final class Peer implements AutoCloseable {
        private static final String EOF = "\u0000EOF";
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final CompletableFuture<Sha> stdoutSha = new CompletableFuture<>();
        /** The port it listens on, for servers. */
        public int port;
        private long stdoutCount;
        private boolean stdoutEnded;

        private Peer(Process process, boolean data) {
            this.process = process;
            Thread out = new Thread(() -> {
                if (data) {
                    var sha = new Sha();
                    byte[] b = new byte[64 * 1024];
                    try (InputStream in = process.getInputStream()) {
                        for (int k; (k = in.read(b)) >= 0; ) {
                            sha.update(b, 0, k);
                            synchronized (this) {
                                stdoutCount = sha.count();
                                notifyAll();
                            }
                        }
                        stdoutSha.complete(sha);
                    } catch (IOException e) {
                        stdoutSha.completeExceptionally(e);
                    } finally {
                        synchronized (this) {
                            stdoutEnded = true;
                            notifyAll();
                        }
                    }
                } else {
                    pumpLines();
                }
            }, "tls-peer-stdout");
            Thread errs = new Thread(this::pumpErrors, "tls-peer-stderr");
            out.setDaemon(true);
            errs.setDaemon(true);
            out.start();
            errs.start();
        }

        static Peer start(Path dir, List<String> cmd, boolean data) throws IOException {
            var pb = new ProcessBuilder(cmd).directory(dir.toFile());
            // Never a proxy: every peer talks to 127.0.0.1 only.
            pb.environment().keySet().removeIf(k -> k.toLowerCase(java.util.Locale.ROOT).endsWith("_proxy"));
            Peer p = new Peer(pb.start(), data);
            LIVE.add(p);
            return p;
        }

        private void pumpLines() {
            try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.add(l);
                }
            } catch (IOException e) {
                // the process went away
            } finally {
                lines.add(EOF);
            }
        }

        private void pumpErrors() {
            byte[] b = new byte[4096];
            try (InputStream in = process.getErrorStream()) {
                for (int n; (n = in.read(b)) > 0; ) {
                    synchronized (err) {
                        if (err.size() < 65536) {
                            err.write(b, 0, n);
                        }
                    }
                }
            } catch (IOException e) {
                // the process went away
            }
        }

        /** The process's standard input: data for the peer to send. */
        public OutputStream stdin() {
            return process.getOutputStream();
        }

        /** What it wrote to stderr so far. */
        public String stderr() {
            synchronized (err) {
                return err.toString(StandardCharsets.UTF_8);
            }
        }

        /** The next output line that matches, or an AssertionError with all output so far. */
        public String awaitLine(Predicate<String> wanted, Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                String l = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
                if (l == null) {
                    throw new AssertionError("no such line within " + limit + "; output: " + seen + "; stderr: " + stderr());
                }
                if (l.equals(EOF)) {
                    lines.add(EOF);
                    throw new AssertionError("output ended without such a line; output: " + seen + "; stderr: " + stderr());
                }
                seen.add(l);
                if (wanted.test(l)) {
                    return l;
                }
            }
        }

        /** The next line starting with {@code prefix}. */
        public String awaitPrefix(String prefix) throws InterruptedException {
            return awaitLine(l -> l.startsWith(prefix), LIMIT);
        }

        /** For servers that print {@code PORT n}: waits for it and keeps it. */
        public int awaitPort() throws InterruptedException {
            port = Integer.parseInt(awaitPrefix("PORT ").substring(5).trim());
            return port;
        }

        /**
         * Waits until its stdout brought {@code n} bytes, or ended, or {@code limit} passed; returns
         * how many came.
         */
        public synchronized long awaitStdout(long n, Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (stdoutCount < n && !stdoutEnded) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return stdoutCount;
        }

        /** The checksum of all of its stdout, once it ended (data mode). */
        public Sha stdoutSha(Duration limit) throws Exception {
            try {
                return stdoutSha.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("stdout did not end within " + limit + "; stderr: " + stderr());
            }
        }

        /** Waits for its end and returns its exit code. */
        public int waitFor(Duration limit) throws InterruptedException {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("still running after " + limit + "; output: " + seen + "; stderr: " + stderr());
            }
            return process.exitValue();
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** Whether it accepts connections on 127.0.0.1:port: a probe connects, bounded in count and time. */
        boolean awaitListening(int port, Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            for (int i = 0; i < 2000 && System.nanoTime() < deadline; i++) {
                if (!process.isAlive()) {
                    return false;
                }
                try (var s = new Socket()) {
                    s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 1000);
                    return true;
                } catch (IOException e) {
                    // Not listening yet: the process is still starting. Its exit ends the wait above.
                    process.waitFor(10, TimeUnit.MILLISECONDS);
                }
            }
            return false;
        }

        @Override
        public void close() throws InterruptedException {
            LIVE.remove(this);
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
