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
