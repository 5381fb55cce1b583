package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.Subprocess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a named module: a modular program that {@code requires dev.sockets} sees
 * the public package and vavr's {@code Either} (read transitively), and cannot see the engine.
 */
@Timeout(180)
class ModuleIT {
    private static final Path JAR = Path.of(System.getProperty("sockets.jar", "target/sockets.jar")).toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void a_modular_program_requiring_dev_sockets_runs_from_the_module_path() throws Exception {
        writeModule("""
                package app;

                import dev.sockets.*;

                public class Main {
                    public static void main(String[] args) throws Exception {
                        System.out.println(Main.class.getModule().getName() + " reads " + Sockets.class.getModule().getName());
                        // Either comes from io.vavr: readable here only through requires transitive.
                        io.vavr.control.Either<AddressError, Host> host = Host.parse("127.0.0.1");
                        System.out.println(host.get());
                        try (var server = Sockets.tcp().bind("127.0.0.1", 0).listen().onAccept(c -> c.send(c.recv(1024)))) {
                            try (var c = Sockets.tcp().connect("127.0.0.1", server.port())) {
                                c.send("ping");
                                System.out.println(c.recvExactly(4));
                            }
                        }
                    }
                }
                """);
        var javac = compile();
        assertEquals(0, javac.exit, javac.output);

        var cmd = List.of(Subprocess.tool("java"), "--module-path", modulePath(dir.resolve("out").toString()), "-m", "app/app.Main");
        try (var p = Subprocess.start(dir, cmd)) {
            List<String> out = p.finish(Duration.ofSeconds(60));
            assertEquals(List.of("app reads dev.sockets", "127.0.0.1", "b'ping'"), out, p.errors());
            assertEquals(0, p.exitCode(), p.errors());
        }
    }

    @Test
    void the_engine_is_not_exported() throws Exception {
        writeModule("""
                package app;

                public class Main {
                    public static void main(String[] args) {
                        System.out.println(dev.sockets.internal.io.Inet.class);
                    }
                }
                """);
        var javac = compile();
        assertNotEquals(0, javac.exit, javac.output);
        assertTrue(javac.output.contains("package dev.sockets.internal.io is not visible"), javac.output);
    }

    private void writeModule(String main) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/app/app"));
        Files.writeString(dir.resolve("src/app/module-info.java"), "module app { requires dev.sockets; }\n");
        Files.writeString(src.resolve("Main.java"), main);
    }

    private record Result(int exit, String output) {
    }

    private Result compile() throws Exception {
        var cmd = new ArrayList<>(List.of(Subprocess.tool("javac"), "-d", dir.resolve("out").toString(),
                "--module-path", modulePath(), "--module-source-path", dir.resolve("src").toString(), "-m", "app"));
        var pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        return new Result(p.waitFor(), output);
    }

    /** The jar and the vavr jars that the build copied beside it, in lib/. */
    private static String modulePath(String... more) throws Exception {
        var entries = new ArrayList<String>(List.of(more));
        entries.add(JAR.toString());
        try (Stream<Path> lib = Files.list(JAR.resolveSibling("lib"))) {
            lib.map(Path::toString).sorted().forEach(entries::add);
        }
        return String.join(File.pathSeparator, entries);
    }
}
