package dev.sockets.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * This process's open file descriptors, by what each points at ({@code "12 -> socket:[40213]"}),
 * read from {@code /proc/self/fd}, for the tests that check a server leaves none behind.
 *
 * <p>By target, not by count: a count also moves when an earlier test's abandoned socket is closed
 * by its Cleaner meanwhile (36 against 35, twice in many runs), and it hides a leak that a closed
 * descriptor of the baseline makes up for. The JDK also opens a few descriptors lazily, once per
 * JVM (the virtual threads' poller when a read first blocks, {@code /dev/random} for a temporary
 * file's name): such a descriptor is never a socket, and doing the same work a second time adds
 * nothing, where a leak per server or per connection adds more. {@link #assertNoLeak} tells the
 * two apart that way.
 *
 * <pre>{@code
 * var before = Descriptors.snapshot();
 * work();
 * Descriptors.assertNoLeak(before, Duration.ofSeconds(10), () -> work());
 * }</pre>
 */
public final class Descriptors {
    private static final Path FDS = Path.of("/proc/self/fd");
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private Descriptors() {
    }

    /** Work to do again, to tell the JDK's once-per-JVM descriptors from a leak. */
    @FunctionalInterface
    public interface Work {
        /** Does it. */
        void run() throws Exception;
    }

    /** The descriptors open at one moment, each as {@code "fd -> target"}. */
    public static final class Snapshot {
        private final Set<String> open;

        private Snapshot(Set<String> open) {
            this.open = Collections.unmodifiableSet(open);
        }

        /** Every descriptor, as {@code "fd -> target"}, sorted. */
        public Set<String> open() {
            return open;
        }

        /** Those open now that were not open in {@code before} (same number, same target), sorted. */
        public List<String> addedSince(Snapshot before) {
            var added = new ArrayList<String>();
            for (String fd : open) {
                if (!before.open.contains(fd)) {
                    added.add(fd);
                }
            }
            return added;
        }

        /** One descriptor a line. */
        @Override
        public String toString() {
            return String.join("\n", open);
        }
    }

    /** True where {@code /proc/self/fd} lists the descriptors (Linux). */
    public static boolean available() {
        return Files.isDirectory(FDS);
    }

    /** What is open now. */
    public static Snapshot snapshot() {
        var open = new TreeSet<String>();
        try (var fds = Files.list(FDS)) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    // The listing's own descriptor, whose number may change from one look to the next.
                    if (!target.matches("/proc/.*/fd")) {
                        open.add(fd.getFileName() + " -> " + target);
                    }
                } catch (IOException e) {
                    // Closed between the listing and the look: not open.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (open.isEmpty()) {
            throw new IllegalStateException("no descriptors read from " + FDS + ": cannot check for leaks");
        }
        return new Snapshot(open);
    }

    /** The number of descriptors open now; for a figure to print, not for a check. */
    public static int count() {
        return snapshot().open.size();
    }

    /**
     * Waits, at most {@code limit}, until nothing is open that {@code baseline} did not have, and
     * returns what is still added then (empty when back to it). Servers close descriptors
     * asynchronously (a loop finishing, the deadline thread's one-second keep-alive): the wait is for that.
     */
    public static List<String> awaitBaseline(Snapshot baseline, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        List<String> added = snapshot().addedSince(baseline);
        for (int polls = 0; !added.isEmpty() && System.nanoTime() - deadline < 0 && polls < 100_000; polls++) {
            LockSupport.parkNanos(POLL_NANOS);
            added = snapshot().addedSince(baseline);
        }
        return added;
    }

    /** The sockets among {@code added}: never one of the JDK's lazy descriptors. */
    public static List<String> sockets(List<String> added) {
        return added.stream().filter(fd -> fd.contains(" -> socket:")).toList();
    }

    /**
     * Fails unless every descriptor opened since {@code baseline} is closed within {@code limit}.
     * A socket still open fails at once. Anything else still open may be the JDK's once-per-JVM
     * descriptor, so {@code again} runs the same work a second time, which must then leave nothing
     * at all. The message lists what each left descriptor points at.
     */
    public static void assertNoLeak(Snapshot baseline, Duration limit, Work again) throws Exception {
        List<String> added = awaitBaseline(baseline, limit);
        List<String> sockets = sockets(added);
        if (!sockets.isEmpty()) {
            throw new AssertionError("sockets left behind: " + sockets + describe(baseline));
        }
        if (added.isEmpty()) {
            return;
        }
        Snapshot between = snapshot();
        again.run();
        List<String> second = awaitBaseline(between, limit);
        if (!second.isEmpty()) {
            throw new AssertionError("file descriptors left behind: " + second + " by a second run (the first left "
                    + added + ", which may be the JDK's lazy once-per-JVM ones)" + describe(between));
        }
    }

    private static String describe(Snapshot baseline) {
        return "\nbefore:\n" + baseline + "\nnow:\n" + snapshot();
    }
}
