package dev.sockets.internal.registry;

import dev.sockets.Address;
import dev.sockets.Endpoint;
import dev.sockets.Host;
import dev.sockets.OpenSocket;
import dev.sockets.OpenSockets;
import dev.sockets.UnixAddress;
import dev.sockets.internal.words.Durations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sockets the library opened in this JVM and has not closed: what {@code Sockets.open()}
 * lists, {@code Sockets.closeAll()} closes, and a failed bind names as the holder of its address.
 * Every handle adds itself when it opens and takes itself out when it closes.
 *
 * <p>DEV-NOTE: strong references. A handle the program lost is still an open descriptor (the
 * JDK closes a forgotten socket only if a garbage collection happens to find it), and the
 * JShell user who lost it is the one who needs {@code open()} to show it and {@code closeAll()}
 * to close it; a weak reference would make it vanish from the list, not from the OS. So a
 * forgotten socket now stays open until closed, listed, rather than until a collection.
 *
 * <p>DEV-NOTE: the cost on the path that opens and closes a connection is one add to and one
 * remove from a concurrent set (BENCHMARKS.md, "The registry of open sockets and the byte
 * counters: their cost"). Connections and
 * peers are many and always take themselves out on close; servers, listeners and UDP sockets are
 * few, and a server may close itself from inside (its listener closed, its machinery died), so
 * that set also drops whatever says it is no longer open whenever it is read or added to.
 */
public final class Registry {
    private Registry() {
    }

    /** What a handle shows the registry; its implementation is the handle itself. */
    public interface Entry {
        /** {@code closeAll} closes servers (0), then listeners (1), then the rest (2). */
        int closeOrder();

        /** False once closed (a server: once its close began). */
        boolean isOpen();

        /** What {@code Sockets.open()} shows for it, now ({@link System#nanoTime()}). */
        OpenSocket describe(long now);

        /** Closes it as its own {@code close()} does. */
        void close();
    }

    // Connections and peers: many, short-lived, each takes itself out on close.
    private static final Set<Entry> STREAMS = ConcurrentHashMap.newKeySet();
    // Servers, listeners and UDP sockets: few.
    private static final Set<Entry> OTHERS = ConcurrentHashMap.newKeySet();

    /** A connection or peer opened. */
    public static void openedStream(Entry e) {
        STREAMS.add(e);
    }

    /** A server, listener or UDP socket opened. */
    public static void opened(Entry e) {
        OTHERS.removeIf(o -> !o.isOpen());
        OTHERS.add(e);
    }

    /** A handle closed, or was handed over to a server that stands for it. */
    public static void closed(Entry e) {
        if (!STREAMS.remove(e)) {
            OTHERS.remove(e);
        }
    }

    /** True while {@code e} is listed (for tests). */
    public static boolean listed(Entry e) {
        return STREAMS.contains(e) || OTHERS.contains(e);
    }

    private static List<Entry> entries() {
        OTHERS.removeIf(o -> !o.isOpen());
        var all = new ArrayList<Entry>(OTHERS.size() + STREAMS.size());
        all.addAll(OTHERS);
        all.addAll(STREAMS);
        return all;
    }

    /** Every open socket, oldest first. */
    public static OpenSockets snapshot() {
        List<Entry> all = entries();
        // After the copy: every entry in it opened before now, so no age is negative.
        long now = System.nanoTime();
        var out = new ArrayList<OpenSocket>();
        for (Entry e : all) {
            describe(e, now).ifPresent(out::add);
        }
        out.sort(Comparator.comparing(OpenSocket::age).reversed());
        return new OpenSockets(out);
    }

    private static Optional<OpenSocket> describe(Entry e, long now) {
        if (!e.isOpen()) {
            return Optional.empty(); // closed between the copy and now
        }
        try {
            return Optional.of(e.describe(now));
        } catch (RuntimeException x) {
            // A handle that closed meanwhile may no longer know its addresses: it is not open.
            return Optional.empty();
        }
    }

    /**
     * Closes every listed socket: servers first (each closes its own connections, with
     * {@code Server.DEFAULT_GRACE}), then listeners, then connections and UDP sockets. A close
     * that fails is reported, never thrown, and the rest are closed all the same.
     */
    public static OpenSockets.Closed closeAll() {
        List<Entry> all = entries();
        all.removeIf(e -> !e.isOpen());
        all.sort(Comparator.comparingInt(Entry::closeOrder));
        var failures = new ArrayList<String>();
        for (Entry e : all) {
            if (!e.isOpen()) {
                continue; // closed by its server, closed just before
            }
            String name = String.valueOf(e);
            try {
                e.close();
            } catch (RuntimeException | Error x) {
                failures.add(name + ": " + x);
            }
        }
        int closed = 0;
        for (Entry e : all) {
            if (!e.isOpen()) {
                closed++;
                closed(e);
            }
        }
        return new OpenSockets.Closed(closed, failures);
    }

    /**
     * The words a failed bind adds when a socket of this JVM holds the address: {@code held by
     * Server[tcp 127.0.0.1:12345, 0 open, 0 accepted] opened 3 min ago in this JVM: close it, or
     * Sockets.closeAll()}; empty when none does (another process holds it).
     *
     * @param datagram whether the bind was for UDP: a TCP socket does not hold a UDP port
     */
    public static Optional<String> holder(Address local, boolean datagram) {
        if (local == null) {
            return Optional.empty();
        }
        List<Entry> all = entries();
        long now = System.nanoTime();
        OpenSocket best = null;
        for (Entry e : all) {
            var d = describe(e, now);
            if (d.isEmpty() || !holds(d.get(), local, datagram)) {
                continue;
            }
            // A server or listener is the likely holder; a connection holds a port only while bound to it.
            if (best == null || rank(d.get()) < rank(best)) {
                best = d.get();
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        return Optional.of("held by " + best.handle() + " opened " + Durations.coarse(best.age())
                + " ago in this JVM: close it, or Sockets.closeAll()");
    }

    private static int rank(OpenSocket s) {
        return s.kind().endsWith("server") ? 0 : s.kind().endsWith("listener") ? 1 : 2;
    }

    private static boolean holds(OpenSocket s, Address wanted, boolean datagram) {
        Address have = s.local();
        if (wanted instanceof UnixAddress w) {
            return have instanceof UnixAddress h && !w.path().toString().isEmpty()
                    && h.path().toAbsolutePath().normalize().equals(w.path().toAbsolutePath().normalize());
        }
        if (!(wanted instanceof Endpoint w) || !(have instanceof Endpoint h)) {
            return false;
        }
        if (s.kind().startsWith("udp") != datagram || w.port().number() != h.port().number() || w.port().number() == 0) {
            return false;
        }
        // The any address overlaps every address of the port: 0.0.0.0:P keeps 127.0.0.1:P from binding.
        return h.host().equals(w.host()) || any(h.host()) || any(w.host());
    }

    private static boolean any(Host h) {
        return h instanceof Host.Any || h.text().equals("0.0.0.0") || h.text().equals("::");
    }
}
