package dev.sockets.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Runs openssl, python3 and other tools of the machine the way a user runs them, for interop tests. */
public final class Tools {
    private Tools() {
    }

    /** Runs a command in {@code dir} to its end (at most 60 s), fails unless it exits 0, and returns its stdout lines. */
    public static List<String> run(Path dir, String... command) throws IOException, InterruptedException {
        try (Subprocess p = Subprocess.start(dir, List.of(command))) {
            List<String> out = p.finish(Duration.ofSeconds(60));
            assertEquals(0, p.exitCode(), () -> String.join(" ", command) + " failed: " + out + "; stderr: " + p.errors());
            return out;
        }
    }
}
