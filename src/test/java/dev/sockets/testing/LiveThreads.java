package dev.sockets.testing;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * The names of the live threads, virtual ones included. {@code Thread.getAllStackTraces()} leaves
 * virtual threads out, so on Java 21+ this reads a JSON thread dump (HotSpotDiagnosticMXBean),
 * which lists every thread the JDK tracks (jdk.trackAllThreads, on by default).
 */
public final class LiveThreads {
    private static final Pattern NAME = Pattern.compile("\"name\": \"([^\"]*)\"");

    private LiveThreads() {
    }

    /** Names of live threads that start with {@code prefix}. */
    public static List<String> named(String prefix) throws Exception {
        var out = new ArrayList<String>();
        if (Runtime.version().feature() < 21) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.isAlive() && t.getName().startsWith(prefix)) {
                    out.add(t.getName());
                }
            }
            return out;
        }
        Path dir = Files.createTempDirectory("threads");
        Path dump = dir.resolve("dump.json");
        try {
            dumpThreads(dump);
            var m = NAME.matcher(Files.readString(dump));
            while (m.find()) {
                if (m.group(1).startsWith(prefix)) {
                    out.add(m.group(1));
                }
            }
            return out;
        } finally {
            Files.deleteIfExists(dump);
            Files.delete(dir);
        }
    }

    /**
     * Waits, at most {@code seconds}, for the threads named {@code prefix...} to end, and returns
     * those still alive. Threads that a closed server has released may be on their last line.
     */
    public static List<String> awaitNone(String prefix, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<String> left = named(prefix);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            left = named(prefix);
        }
        return left;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void dumpThreads(Path to) throws Exception {
        Class bean = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
        Class format = Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
        Object mx = ManagementFactory.getPlatformMXBean(bean);
        bean.getMethod("dumpThreads", String.class, format).invoke(mx, to.toString(), Enum.valueOf(format, "JSON"));
    }
}
