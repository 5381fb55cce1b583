package dev.sockets;

import dev.sockets.internal.words.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Sockets#open()} returns: the sockets the library opened in this JVM and has not
 * closed, oldest first, as of the call. It prints as a table in JShell:
 *
 * <pre>
 * 3 open sockets:
 * KIND            LOCAL            REMOTE           AGE    IN  OUT
 * tcp server      127.0.0.1:40123  -                3 min   -    -
 * tcp connection  127.0.0.1:41234  127.0.0.1:40123  12 s    2    5
 * udp socket      127.0.0.1:9999   -                4 s     0    0
 * </pre>
 *
 * @param sockets one entry each, oldest first
 */
public record OpenSockets(List<OpenSocket> sockets) {

    /** Copies the list. */
    public OpenSockets {
        sockets = List.copyOf(Objects.requireNonNull(sockets, "sockets"));
    }

    /** How many are open. */
    public int size() {
        return sockets.size();
    }

    /** The table above; {@code no open sockets} when there are none. */
    @Override
    public String toString() {
        if (sockets.isEmpty()) {
            return "no open sockets";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"KIND", "LOCAL", "REMOTE", "AGE", "IN", "OUT"});
        for (OpenSocket s : sockets) {
            rows.add(new String[] {s.kind(), OpenSocket.show(s.local()), s.remote().map(OpenSocket::show).orElse("-"),
                    Durations.coarse(s.age()), count(s.bytesReceived()), count(s.bytesSent())});
        }
        int[] width = new int[6];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        var out = new StringBuilder().append(sockets.size()).append(sockets.size() == 1 ? " open socket:" : " open sockets:");
        for (String[] r : rows) {
            var line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                // Text columns to the left, counts to the right, as ls and ss print them.
                String pad = " ".repeat(width[i] - r[i].length());
                line.append(i >= 4 ? pad + r[i] : r[i] + pad).append(i < r.length - 1 ? "  " : "");
            }
            out.append('\n').append(line.toString().stripTrailing());
        }
        return out.toString();
    }

    private static String count(long n) {
        return n < 0 ? "-" : Long.toString(n);
    }

    /**
     * What {@link Sockets#closeAll()} did: how many sockets it closed, and the ones whose close
     * failed, each with the reason (it goes on past a failure).
     *
     * @param closed   the sockets open when it began that are closed now
     * @param failures one line for each socket whose close failed: the socket, then why
     */
    public record Closed(int closed, List<String> failures) {

        /** Copies the list. */
        public Closed {
            failures = List.copyOf(Objects.requireNonNull(failures, "failures"));
        }

        /** {@code closed 3 sockets}, or {@code closed 2 sockets; 1 failed: ...} with one line each. */
        @Override
        public String toString() {
            String head = "closed " + closed + (closed == 1 ? " socket" : " sockets");
            if (failures.isEmpty()) {
                return head;
            }
            return head + "; " + failures.size() + " failed:\n" + String.join("\n", failures);
        }
    }
}
