package dev.sockets.internal.io;

import dev.sockets.Endpoint;
import dev.sockets.SocketError;
import dev.sockets.SocketError.Op;
import dev.sockets.internal.errors.Errors;
import dev.sockets.internal.settings.Settings;
import dev.sockets.internal.time.Threads;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Happy Eyeballs (RFC 8305) for a TCP connect to a name with IPv6 and IPv4 addresses: the
 * addresses alternate by family, IPv6 first (section 4); each attempt starts the Connection
 * Attempt Delay after the one before, or at once when every started attempt has failed
 * (section 5); the first to connect wins and the others are closed; one connect timeout bounds
 * the whole.
 *
 * <p>DEV-NOTE: each attempt is a blocking {@link Socket} connect on a short-lived daemon thread
 * ({@code sockets-connect <address>}), not a non-blocking {@code SocketChannel} under one
 * selector: the winner must become a {@link TcpTransport} over a {@code java.net.Socket}, as
 * every other TCP connection (that class says why), and a channel's descriptor cannot be handed
 * to a {@code java.net.Socket}. Closing a socket whose connect is in progress ends that connect
 * at once, so a loser's thread ends as soon as the race closes its socket; the race does not wait
 * for it, which would add a scheduling delay to every winning connect.
 */
final class HappyEyeballs {
    private HappyEyeballs() {
    }

    /** Makes one attempt's socket, options applied and bound as asked; throws a {@code SocketError} when it cannot. */
    @FunctionalInterface
    interface Opener {
        Socket open(Endpoint target);
    }

    /** Whether {@code connect} races these addresses: a delay set (not off), no family set, and both families present. */
    static boolean applies(Settings spec, List<InetAddress> addresses) {
        if (spec.happyEyeballs().isZero() || spec.family().isPresent() || addresses.size() < 2) {
            return false;
        }
        boolean v6 = false;
        boolean v4 = false;
        for (InetAddress a : addresses) {
            if (a instanceof Inet6Address) {
                v6 = true;
            } else {
                v4 = true;
            }
        }
        return v6 && v4;
    }

    /**
     * The order of the attempts: IPv6 first, then the families take turns, each in the resolver's
     * order; when one family runs out, the rest of the other follows (RFC 8305, section 4, with a
     * First Address Family Count of 1).
     */
    static List<InetAddress> interleave(List<InetAddress> addresses) {
        var v6 = new ArrayList<InetAddress>();
        var v4 = new ArrayList<InetAddress>();
        for (InetAddress a : addresses) {
            (a instanceof Inet6Address ? v6 : v4).add(a);
        }
        var out = new ArrayList<InetAddress>(addresses.size());
        for (int i = 0; i < Math.max(v6.size(), v4.size()); i++) {
            if (i < v6.size()) {
                out.add(v6.get(i));
            }
            if (i < v4.size()) {
                out.add(v4.get(i));
            }
        }
        return out;
    }

    /** One address's attempt: its socket, and how its connect ended (null while running or when it connected). */
    private static final class Attempt {
        final Endpoint target;
        final Socket socket;
        IOException failure; // written by the attempt's thread before it joins the queue, read after
        boolean ended; // the race's own mark: taken from the queue (the rest were still connecting)

        Attempt(Endpoint target, Socket socket) {
            this.target = target;
            this.socket = socket;
        }
    }

    /**
     * Races the addresses in {@link #interleave} order and returns the connected socket of the
     * first to connect, every other one closed.
     *
     * @param start when the connect began ({@link System#nanoTime()}), before the look-up
     * @throws SocketError when every address failed or the connect timeout passed: one error whose
     *         reason names each address with why it failed (or that it was not tried in time)
     */
    static Socket race(Settings spec, Endpoint local, Endpoint remote, List<InetAddress> addresses, long start, Opener open) {
        List<InetAddress> ordered = interleave(addresses);
        Duration limit = spec.connectTimeout();
        long deadline = start + limit.toNanos();
        long delay = spec.happyEyeballs().toNanos();
        var ended = new LinkedBlockingQueue<Attempt>();
        var started = new ArrayList<Attempt>(ordered.size());
        Attempt winner = null;
        int running = 0;
        long nextAt = System.nanoTime();
        boolean timedOut = false;
        try {
            while (true) {
                long now = System.nanoTime();
                if (now - deadline >= 0) {
                    timedOut = true;
                    winner = connectedAmong(ended);
                    break;
                }
                if (started.size() < ordered.size() && (running == 0 || now - nextAt >= 0)) {
                    started.add(begin(ordered.get(started.size()), remote, open, ended));
                    running++;
                    nextAt = now + delay;
                    continue;
                }
                if (running == 0) {
                    break; // every address tried, every one failed
                }
                long wake = started.size() < ordered.size() && nextAt - deadline < 0 ? nextAt : deadline;
                Attempt a = ended.poll(wake - now, TimeUnit.NANOSECONDS);
                if (a == null) {
                    continue;
                }
                a.ended = true;
                running--;
                if (a.failure == null) {
                    winner = a;
                    break;
                }
                nextAt = System.nanoTime(); // a failed attempt lets the next one start at once
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errors.map(Op.CONNECT, local, remote, new InterruptedIOException("connect interrupted"), limit);
        } finally {
            for (Attempt a : started) {
                if (a != winner) {
                    close(a.socket);
                }
            }
        }
        if (winner != null) {
            return winner.socket;
        }
        throw allFailed(local, remote, ordered, started, timedOut, limit);
    }

    /** Starts one attempt on its own thread; the opener's failure (an option, a bind) ends the whole connect. */
    private static Attempt begin(InetAddress a, Endpoint remote, Opener open, LinkedBlockingQueue<Attempt> ended) {
        Endpoint target = new Endpoint(Inet.host(a), remote.port());
        var attempt = new Attempt(target, open.open(target));
        var to = new InetSocketAddress(a, remote.port().number());
        try {
            Threads.startDaemon("sockets-connect " + target.text(), () -> {
                try {
                    attempt.socket.connect(to);
                } catch (IOException e) {
                    attempt.failure = e;
                } finally {
                    ended.add(attempt);
                }
            });
        } catch (RuntimeException | Error e) {
            close(attempt.socket);
            throw e;
        }
        return attempt;
    }

    /** An attempt that connected just as the time ran out, if one did: it wins rather than being thrown away. */
    private static Attempt connectedAmong(LinkedBlockingQueue<Attempt> ended) {
        for (Attempt a; (a = ended.poll()) != null; ) {
            a.ended = true;
            if (a.failure == null) {
                return a;
            }
        }
        return null;
    }

    /** The one error: the first failure's kind (a timeout's if the time ran out), naming every address in the order tried. */
    private static SocketError allFailed(Endpoint local, Endpoint remote, List<InetAddress> ordered, List<Attempt> started,
                                         boolean timedOut, Duration limit) {
        var reasons = new ArrayList<String>();
        SocketError first = null;
        SocketError timeout = null;
        for (Attempt a : started) {
            SocketError e;
            if (a.ended) {
                e = Errors.map(Op.CONNECT, local, a.target, a.failure, limit);
            } else {
                // Still connecting when the time ran out (the race then closed it).
                e = Errors.map(Op.CONNECT, local, a.target, new SocketTimeoutException("connect timed out"), limit);
                if (timeout == null) {
                    timeout = e;
                }
            }
            reasons.add(a.target.text() + ": " + e.reason());
            if (first == null) {
                first = e;
            }
        }
        for (InetAddress a : ordered.subList(started.size(), ordered.size())) {
            reasons.add(new Endpoint(Inet.host(a), remote.port()).text() + ": not tried, the connect timeout had passed");
        }
        SocketError kind = timedOut && timeout != null ? timeout : first;
        if (kind == null) { // the time ran out before any attempt began (a slow look-up)
            kind = Errors.map(Op.CONNECT, local, remote, new SocketTimeoutException("connect timed out"), limit);
        }
        return Errors.about(kind, remote.text(), "every address failed (" + String.join(", ", reasons) + ")", kind.hint());
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // The descriptor is released either way.
        }
    }
}
