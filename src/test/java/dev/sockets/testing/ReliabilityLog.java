package dev.sockets.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What the fault suite writes down for RELIABILITY.md: one JSON line per fault or input kind
 * tried, appended to {@code target/reliability/<area>.jsonl}. {@link ReliabilityReport} turns
 * the lines into the table. Tests record only after their assertions passed, so a line is a fact.
 */
public final class ReliabilityLog {
    private ReliabilityLog() {
    }

    /** The folder the lines go to: {@code -Dreliability.dir}, or target/reliability. */
    public static Path dir() {
        return Path.of(System.getProperty("reliability.dir", "target/reliability"));
    }

    /**
     * Appends one line.
     *
     * @param area   the table it belongs to: {@code faults}, {@code load}, {@code leaks}, {@code bad-input}
     * @param what   the fault or input, as the table shows it
     * @param tries  how many times it was provoked (connections, inputs, transfers)
     * @param held   how many of those ended as the library promises
     * @param bytesLost bytes sent and not delivered where delivery was promised (must be 0)
     * @param figures free text: times, counts
     */
    public static synchronized void record(String area, String what, long tries, long held, long bytesLost, String figures) {
        String line = "{\"area\":" + q(area) + ",\"what\":" + q(what) + ",\"tries\":" + tries + ",\"held\":" + held
                + ",\"bytesLost\":" + bytesLost + ",\"jdk\":" + q(Runtime.version().feature() + "")
                + ",\"figures\":" + q(figures) + "}\n";
        append(area, line);
    }

    /**
     * Appends how late a timer fired, each time it fired, to {@code timing.jsonl}: a measurement
     * for RELIABILITY.md's table of timers, not a pass/fail line (a busy machine wakes a thread
     * late; {@link Timers#late} asserts only what no scheduler delay can break). The machine's
     * 1-minute load average and core count go with it, so that a figure says how busy it was.
     *
     * @param what  the timer, as the table shows it
     * @param set   the time set
     * @param lateNanos for each firing, how long after the time set it came
     */
    public static synchronized void timing(String what, java.time.Duration set, long... lateNanos) {
        var late = new StringBuilder();
        for (long n : lateNanos) {
            late.append(late.length() == 0 ? "" : ",").append(java.util.concurrent.TimeUnit.NANOSECONDS.toMicros(n));
        }
        String line = "{\"area\":\"timing\",\"what\":" + q(what) + ",\"setMillis\":" + set.toMillis()
                + ",\"jdk\":" + q(Runtime.version().feature() + "") + ",\"load\":" + q(loadAverage())
                + ",\"cores\":" + Runtime.getRuntime().availableProcessors() + ",\"lateMicros\":" + q(late.toString()) + "}\n";
        append("timing", line);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static void append(String area, String line) {
        try {
            Files.createDirectories(dir());
            Files.writeString(dir().resolve(area + ".jsonl"), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String q(String s) {
        var b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
