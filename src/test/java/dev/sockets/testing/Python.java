package dev.sockets.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Python 3 run on this machine, to compare the library with the module it follows: a test runs
 * the same steps in both and compares what they print. Python is required (`.ci/run` installs
 * it where it is missing): a test that needs it fails without it rather than skipping.
 */
public final class Python {
    private Python() {
    }

    /** How long one script may run: scripts here do a few loopback calls. */
    private static final Duration LIMIT = Duration.ofSeconds(60);

    /**
     * Runs {@code script} with {@code python3 -c}, the arguments after it in {@code sys.argv[1:]},
     * and returns the lines it printed; fails with its stderr if it exits with another code than 0.
     */
    public static List<String> run(String script, String... args) throws Exception {
        var command = new ArrayList<>(List.of("python3", "-c", script));
        command.addAll(List.of(args));
        try (var p = Subprocess.start(Path.of("."), command)) {
            List<String> out = p.finish(LIMIT);
            assertEquals(0, p.exitCode(), "python3 failed: " + p.errors());
            return out;
        }
    }
}
