package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.Nobody;
import dev.sockets.testing.Subprocess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link PermissionDenied} provoked for real: a program without privilege binds port 80. Tests
 * run as root on CI's machines, where that bind succeeds, so the program runs as the user
 * {@code nobody} there (setpriv); elsewhere it runs as the user running the tests.
 *
 * <p>{@code nobody} may not be able to read the checkout (a clone in /root, or in a directory
 * made by {@code mktemp -d}, is 0700): the program, the jar and its lib/ are copied into a fresh
 * directory that anyone can read, under a parent that anyone can traverse.
 */
@Timeout(120)
class PermissionDeniedIT {
    private static final String JAR = System.getProperty("sockets.jar", "target/sockets.jar");

    @Test
    void binding_a_port_below_1024_without_privilege_is_permission_denied_with_a_hint() throws Exception {
        // A machine that lets anyone bind port 80 (a Docker container sets the start to 0) cannot
        // show the error. CI's machines can, and there it must be seen: a failure under CI=true; a
        // user's own `mvn verify` in a container reports the skip with its reason.
        int unprivilegedStart = Integer.parseInt(
                Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_unprivileged_port_start")).get(0).strip());
        String why = "this machine lets anyone bind port 80 (net.ipv4.ip_unprivileged_port_start="
                + unprivilegedStart + "): PermissionDenied cannot be provoked here";
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(unprivilegedStart > 80, why);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(unprivilegedStart > 80, why);
        Path dir = Files.createTempDirectory(Nobody.reachableTempRoot(), "sockets-perm");
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path jar = Path.of(JAR).toAbsolutePath();
            // The manifest's Class-Path names lib/vavr-*.jar next to the jar: copy both.
            Path lib = Files.createDirectory(dir.resolve("lib"));
            Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rwxr-xr-x"));
            readableCopy(jar, dir.resolve("sockets.jar"));
            try (Stream<Path> deps = Files.list(jar.resolveSibling("lib"))) {
                for (Path d : deps.toList()) {
                    readableCopy(d, lib.resolve(d.getFileName().toString()));
                }
            }
            Path program = dir.resolve("Bind80.java");
            Files.writeString(program, String.join("\n",
                    "import dev.sockets.*;",
                    "public class Bind80 {",
                    "    public static void main(String[] args) {",
                    "        try (var l = Sockets.tcp().bind(\"127.0.0.1\", 80).listen()) {",
                    "            System.out.println(\"bound \" + l);",
                    "        } catch (PermissionDenied e) {",
                    "            System.out.println(e.kind() + \" \" + e.getMessage());",
                    "        }",
                    "    }",
                    "}", ""));
            Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rw-r--r--"));
            var cmd = new ArrayList<String>();
            if ("root".equals(System.getProperty("user.name"))) {
                cmd.addAll(Nobody.setpriv());
            }
            cmd.addAll(List.of(Subprocess.tool("java"), "-Duser.home=" + dir, "-cp", "sockets.jar", "Bind80.java"));
            try (var p = Subprocess.start(dir, cmd)) {
                List<String> out = p.finish(Duration.ofSeconds(60));
                assertEquals(List.of("PERMISSION bind 127.0.0.1:80: [Errno 13] permission denied; ports below 1024 need root"
                        + " (or CAP_NET_BIND_SERVICE): use a port from 1024 up, or port 0 for a free one"), out, p.errors());
            }
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void readableCopy(Path from, Path to) throws IOException {
        Files.copy(from, to);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
    }
}
