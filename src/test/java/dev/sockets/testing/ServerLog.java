package dev.sockets.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The records the library's servers log (the {@code java.util.logging} logger
 * {@code dev.sockets.Server}), kept for a test to read. Around every test of a class:
 *
 * <pre>{@code
 * @RegisterExtension
 * final ServerLog serverLog = new ServerLog();
 * }</pre>
 *
 * Around one block: {@code try (var serverLog = ServerLog.capture()) { ... }}.
 */
public final class ServerLog implements BeforeEachCallback, AfterEachCallback, AutoCloseable {
    // Held: the JDK keeps a logger only weakly, and a collected one would take the handler with it.
    private static final Logger SERVER = Logger.getLogger("dev.sockets.Server");

    private final LinkedBlockingQueue<LogRecord> records = new LinkedBlockingQueue<>();
    private volatile String broken;
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            String why = broken;
            if (why != null) {
                throw new Error(why);
            }
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** A capture that starts before each test and stops after it, as an extension. */
    public ServerLog() {
    }

    /** Starts capturing now, until {@link #close()}. */
    public static ServerLog capture() {
        var log = new ServerLog();
        SERVER.addHandler(log.handler);
        return log;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        SERVER.addHandler(handler);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** Stops capturing; what was captured stays readable. */
    @Override
    public void close() {
        SERVER.removeHandler(handler);
    }

    /** The records logged so far, oldest first, less those {@link #next} took. */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The records at {@code level} or above, as {@link #records()}. */
    public List<LogRecord> atLeast(Level level) {
        return records().stream().filter(r -> r.getLevel().intValue() >= level.intValue()).toList();
    }

    /** Takes the oldest record, waiting for one at most {@code within}; fails the test if none comes. */
    public LogRecord next(Duration within) throws InterruptedException {
        LogRecord r = records.poll(within.toNanos(), TimeUnit.NANOSECONDS);
        if (r == null) {
            throw new AssertionError("nothing logged within " + within.toSeconds() + " s");
        }
        return r;
    }

    /** Takes the oldest record, waiting for one at most {@code within}; null if none comes. */
    public LogRecord poll(Duration within) throws InterruptedException {
        return records.poll(within.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * From now on the logger throws an {@code Error} with this message instead of keeping the
     * record, as a formatter does with no descriptor left; {@code null} keeps records again.
     */
    public void breakWith(String message) {
        broken = message;
    }

    /** Each record on a line: its level, its message and what it carries, for a failure's message. */
    @Override
    public String toString() {
        return toString(records());
    }

    /** {@code some} on lines as {@link #toString()} writes them. */
    public static String toString(List<LogRecord> some) {
        return some.stream().map(r -> r.getLevel() + " " + r.getMessage() + (r.getThrown() == null ? "" : " " + r.getThrown()))
                .collect(Collectors.joining("\n", "[", "]"));
    }
}
