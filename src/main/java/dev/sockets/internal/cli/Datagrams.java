package dev.sockets.internal.cli;

import dev.sockets.Bytes;
import dev.sockets.Datagram;
import dev.sockets.Port;
import dev.sockets.Sockets;
import dev.sockets.Timeout;
import dev.sockets.UdpSocket;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;

/** {@code udp send} and {@code udp listen}. */
final class Datagrams {
    /** The most data one IPv4 datagram carries (65,535 less the IP and UDP headers). */
    static final int MAX_DATAGRAM = 65_507;

    /** Room for any datagram, IPv6's 65,527 bytes too, so that none is cut. */
    private static final int RECEIVE = 65_535;

    private final Options o;
    private final InputStream in;
    private final OutputStream out;
    private final PrintStream err;
    private volatile long lastActivity = System.nanoTime();
    private volatile RuntimeException receiveFailure;

    Datagrams(Options o, InputStream in, OutputStream out, PrintStream err) {
        this.o = o;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    void run() throws InterruptedException {
        if (o.command().equals("udp send")) {
            send();
        } else {
            listen();
        }
    }

    /**
     * Each line of standard input as one datagram, its newline included; replies printed by a
     * second thread as they come.
     */
    private void send() throws InterruptedException {
        var spec = o.wiretap() ? Sockets.udp().wiretap(err) : Sockets.udp();
        try (UdpSocket s = spec.connect(o.words().get(0), o.words().get(1))) {
            verbose("sending from " + s.local() + " to " + s.remote().orElseThrow());
            Thread replies = new Thread(() -> printReplies(s), "replies");
            replies.setDaemon(true);
            replies.start();
            byte[] line = new byte[MAX_DATAGRAM];
            byte[] buf = new byte[Feeder.CHUNK];
            int used = 0;
            while (true) {
                int n = Feeder.readOrEnd(in, buf);
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    line[used++] = buf[i];
                    if (buf[i] == '\n' || used == line.length) {
                        sendLine(s, line, used);
                        used = 0;
                    }
                }
            }
            if (used > 0) {
                sendLine(s, line, used);
            }
            if (o.timeout().isPresent()) {
                long idle = o.timeout().get().toNanos();
                // The replies thread stamps each datagram; the last one decides when to stop.
                while (receiveFailure == null) {
                    long left = lastActivity + idle - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    Thread.sleep(Math.max(1, left / 1_000_000));
                }
            }
            if (receiveFailure != null) {
                throw receiveFailure;
            }
        }
    }

    private void sendLine(UdpSocket s, byte[] line, int length) {
        if (receiveFailure != null) {
            throw receiveFailure;
        }
        s.send(Bytes.of(line, 0, length));
        lastActivity = System.nanoTime();
    }

    private void printReplies(UdpSocket s) {
        try {
            while (true) {
                Bytes data = s.recv(RECEIVE);
                Stdout.write(out, data.toByteArray(), -1);
                lastActivity = System.nanoTime();
            }
        } catch (RuntimeException e) {
            if (s.isOpen()) {
                // A refused datagram (ICMP port unreachable) shows here, or on the next send.
                receiveFailure = e;
            }
        }
    }

    /** Prints each datagram's data as it comes, until stopped or, with a timeout, idle that long. */
    private void listen() {
        var spec = o.wiretap() ? Sockets.udp().wiretap(err) : Sockets.udp();
        if (o.timeout().isPresent()) {
            spec = spec.timeout(o.timeout().get());
        }
        try (UdpSocket s = o.words().size() == 1 ? spec.bind(Port.of(o.words().get(0)).number())
                : spec.bind(o.words().get(0), o.words().get(1))) {
            verbose("listening on " + s.local());
            while (true) {
                Datagram d;
                try {
                    d = s.recvfrom(RECEIVE);
                } catch (Timeout e) {
                    verbose("no datagram for " + Streams.human(o.timeout().orElse(Duration.ZERO)) + ": closing");
                    return;
                }
                verbose("datagram from " + d.remote() + ", " + d.data().length() + " bytes");
                Stdout.write(out, d.data().toByteArray(), -1);
            }
        }
    }

    private void verbose(String line) {
        if (o.verbose()) {
            err.println(line);
        }
    }
}
