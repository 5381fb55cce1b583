package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sockets.testing.Scale;
import dev.sockets.testing.Nobody;
import dev.sockets.testing.Subprocess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The attack on {@code bind} for real: a root server binds again and again in a directory any
 * user may write (0777, no sticky bit) while the user {@code nobody} renames each fresh socket
 * (and each private directory it is bound in) away, plants symlinks to a victim file of its own
 * in their place, and tries to connect. The server runs with umask 000, where a socket file has
 * mode 0777 until its mode is set: any connect by nobody that succeeds got in through that window.
 * The victim (nobody's, 0644) must keep its mode, nobody must never connect (the mode asked is the
 * default "rw-------"), and a lost race must not be reported as a missing directory.
 *
 * <p>Bounded: 300 binds or 20 s (with {@code -Dsockets.scale=full}, 2,000 binds or 120 s), the
 * attacker by the same time and its own round count.
 */
@Timeout(300)
class UnixBindRaceTest {

    @Test
    void another_user_cannot_redirect_the_chmod_nor_connect_before_the_mode_is_set() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        String why = "the attack needs a second user (nobody, through setpriv), which only root can start";
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(root, why + "; CI runs the tests as root");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(root, why);
        int rounds = Scale.of(300, 2_000);
        int seconds = Scale.of(20, 120);

        Path base = Files.createTempDirectory(Nobody.reachableTempRoot(), "sockets-race");
        try {
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
            // The shared directory: anyone may create, rename and delete entries in it.
            Path shared = Files.createDirectory(base.resolve("shared"));
            Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
            // nobody's own file, and nobody's directory whose "s" points to it.
            Path victim = base.resolve("victim");
            Files.writeString(victim, "nobody's\n");
            Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-r--r--"));
            Files.setAttribute(victim, "unix:uid", Nobody.UID, LinkOption.NOFOLLOW_LINKS);
            Path evil = Files.createDirectory(base.resolve("evil"));
            Files.createSymbolicLink(evil.resolve("s"), victim);
            Files.setAttribute(evil, "unix:uid", Nobody.UID, LinkOption.NOFOLLOW_LINKS);
            Path attacker = base.resolve("attacker.py");
            try (var in = UnixBindRaceTest.class.getResourceAsStream("unix_bind_attacker.py")) {
                Files.copy(in, attacker);
            }
            Files.setPosixFilePermissions(attacker, PosixFilePermissions.fromString("rw-r--r--"));

            var attack = new ArrayList<>(Nobody.setpriv());
            attack.addAll(List.of(python3(), attacker.toString(), shared.toString(), victim.toString(),
                    evil.toString(), String.valueOf(seconds), "50000000"));
            try (var evilUser = Subprocess.start(base, attack)) {
                evilUser.awaitPrefix("ready", Duration.ofSeconds(30));
                // The server in a process of its own, for umask 000 (a JVM cannot set its own).
                String cp = System.getProperty("java.class.path");
                var server = Subprocess.start(base, List.of("sh", "-c", "umask 000 && exec \"$@\"", "sh",
                        Subprocess.tool("java"), "-cp", cp, Server.class.getName(), shared.toString(), victim.toString(),
                        String.valueOf(rounds), String.valueOf(seconds)));
                List<String> served;
                try (server) {
                    served = server.finish(Duration.ofSeconds(seconds + 60L));
                    assertEquals(0, server.exitCode(), served + server.errors());
                }
                evilUser.input("");
                List<String> attacked = evilUser.finish(Duration.ofSeconds(seconds + 30L));
                String report = served + " " + attacked;
                System.out.println("UnixBindRaceTest: " + report);
                Map<String, Long> s = counts(served, "server ");
                Map<String, Long> a = counts(attacked, "attacker ");
                assertTrue(s.get("binds") > 0, "the server bound at least once: " + report);
                assertTrue(a.get("renamed") + a.get("dirs") > 0, "the attacker got at something: " + report);
                assertEquals(0L, s.get("victimChanged"), "times the victim's mode was changed through a symlink: " + report);
                assertEquals(0L, a.get("connects"), "connections nobody made to a root server's 0600 socket: " + report);
                assertEquals(0L, s.get("accepted"), "foreign connections the server accepted: " + report);
                assertEquals(0L, s.get("falseNoDirectory"), "lost races reported as a missing directory: " + report);
            }
        } finally {
            try (Stream<Path> all = Files.walk(base)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The system's python3: one in root's home (pyenv) is out of nobody's reach. */
    private static String python3() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    private static Map<String, Long> counts(List<String> lines, String prefix) {
        String line = lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseGet(() -> fail("no \"" + prefix + "\" line in " + lines));
        var m = new TreeMap<String, Long>();
        for (String kv : line.substring(prefix.length()).split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0 && kv.substring(eq + 1).matches("\\d+")) {
                m.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
            }
        }
        return m;
    }

    /**
     * The root server: binds {@code target.sock} in the shared directory for a number of rounds
     * (and seconds), takes every connection waiting (none of them is its own), and after each
     * round looks at the victim's mode, putting it back if it changed so that each change counts.
     * It clears what the attacker left at the path first (root may), so that every round binds.
     */
    public static final class Server {
        public static void main(String[] args) throws Exception {
            Path shared = Path.of(args[0]);
            Path victim = Path.of(args[1]);
            int rounds = Integer.parseInt(args[2]);
            long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[3])).toNanos();
            Path target = shared.resolve("target.sock");
            var original = PosixFilePermissions.fromString("rw-r--r--");
            long binds = 0;
            long accepted = 0;
            long victimChanged = 0;
            long falseNoDirectory = 0;
            var lost = new TreeMap<String, Integer>();
            var spec = Sockets.unix().timeout(Duration.ofMillis(1));
            int i = 0;
            for (; i < rounds && System.nanoTime() < deadline; i++) {
                Files.deleteIfExists(target);
                try (var l = spec.bind(target).listen(50)) {
                    binds++;
                    for (int k = 0; k < 1_000; k++) {
                        try (var c = l.accept()) {
                            accepted++;
                        } catch (dev.sockets.Timeout e) {
                            break;
                        }
                    }
                } catch (SocketError e) {
                    String m = e.getMessage().replace(shared.toString(), "$DIR").replaceAll("-[0-9]+", "-N");
                    lost.merge(m, 1, Integer::sum);
                    if (m.contains("does not exist")) {
                        falseNoDirectory++;
                    }
                }
                if (!Files.getPosixFilePermissions(victim, LinkOption.NOFOLLOW_LINKS).equals(original)) {
                    victimChanged++;
                    Files.setPosixFilePermissions(victim, original);
                }
                try (Stream<Path> left = Files.list(shared)) {
                    for (Path p : left.filter(p -> p.getFileName().toString().startsWith("moved-")).toList()) {
                        deleteTree(p);
                    }
                }
            }
            System.out.println("server rounds=" + i + " binds=" + binds + " lost=" + lost.values().stream().mapToInt(x -> x).sum()
                    + " accepted=" + accepted + " victimChanged=" + victimChanged + " falseNoDirectory=" + falseNoDirectory);
            lost.forEach((m, n) -> System.out.println("lost " + n + "x: " + m));
        }

        private static void deleteTree(Path p) throws IOException {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> in = Files.list(p)) {
                    for (Path q : in.toList()) {
                        Files.deleteIfExists(q);
                    }
                }
            }
            Files.deleteIfExists(p);
        }
    }
}
