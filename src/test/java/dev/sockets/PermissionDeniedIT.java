package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockets.testing.Subprocess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link PermissionDenied} provoked for real: a program without privilege binds port 80. Tests
 * run as root on CI's machines, where that bind succeeds, so the program runs as the user
 * {@code nobody} there (setpriv); elsewhere it runs as the user running the tests.
 */
@Timeout(120)
class PermissionDeniedIT {
    private static final String JAR = System.getProperty("sockets.jar", "target/sockets.jar");

    @Test
    void binding_a_port_below_1024_without_privilege_is_permission_denied_with_a_hint() throws Exception {
        assumeTrue(Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_unprivileged_port_start")).get(0).strip()) > 80,
                "this machine lets anyone bind port 80 (net.ipv4.ip_unprivileged_port_start)");
        Path dir = Files.createTempDirectory("perm");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
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
            cmd.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        cmd.addAll(List.of(Subprocess.tool("java"), "-Duser.home=" + dir, "-cp", Path.of(JAR).toAbsolutePath().toString(),
                program.toString()));
        try (var p = Subprocess.start(dir, cmd)) {
            List<String> out = p.finish(Duration.ofSeconds(60));
            assertEquals(List.of("PERMISSION bind 127.0.0.1:80: permission denied; ports below 1024 need root"
                    + " (or CAP_NET_BIND_SERVICE): use a port from 1024 up, or port 0 for a free one"), out, p.errors());
        } finally {
            Files.deleteIfExists(program);
            Files.delete(dir);
        }
    }
}
