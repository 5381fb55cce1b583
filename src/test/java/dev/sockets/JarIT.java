package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.Subprocess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jars as a user gets them: copied somewhere else, alone. target/sockets.jar finds
 * vavr through its manifest's Class-Path (lib/ beside it), so it works only where lib/ travels
 * with it; target/sockets-all.jar carries vavr and its runtime dependencies and works alone.
 */
@Timeout(240)
class JarIT {
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final Path JAR = Path.of(required("sockets.jar"));
    private static final Path ALL = Path.of(required("sockets.all.jar"));

    /** A one-file program using the API that returns vavr's Either, and a loopback TCP echo. */
    private static final String SCRIPT = """
            import dev.sockets.*;
            import io.vavr.control.Either;
            import java.time.Duration;

            public class Script {
                public static void main(String[] args) {
                    Either<AddressError, Host> host = Host.parse("127.0.0.1");
                    System.out.println("parsed: " + host);
                    var tcp = Sockets.tcp().timeout(Duration.ofSeconds(30));
                    try (var server = tcp.bind("127.0.0.1", 0).listen().onAccept(c -> c.send(c.recv(1024)));
                         var c = tcp.connect("127.0.0.1", server.port())) {
                        System.out.println("echo: " + c.send("ping").recv(1024));
                    }
                }
            }
            """;

    /** The same echo without naming a vavr type, so that it compiles against sockets.jar alone. */
    private static final String NO_VAVR_SCRIPT = """
            import dev.sockets.*;
            import java.time.Duration;

            public class Echo {
                public static void main(String[] args) {
                    var tcp = Sockets.tcp().timeout(Duration.ofSeconds(30));
                    try (var server = tcp.bind("127.0.0.1", 0).listen().onAccept(c -> c.send(c.recv(1024)));
                         var c = tcp.connect("127.0.0.1", server.port())) {
                        System.out.println("echo: " + c.send("ping").recv(1024));
                    }
                }
            }
            """;

    private static final String SNIPPET = """
            import dev.sockets.*
            import java.time.Duration
            System.out.println("parsed: " + Host.parse("::1"))
            var tcp = Sockets.tcp().timeout(Duration.ofSeconds(30))
            var server = tcp.bind("127.0.0.1", 0).listen().onAccept(c -> c.send(c.recv(1024)))
            try (var c = tcp.connect("127.0.0.1", server.port())) { System.out.println("echo: " + c.send("ping").recv(1024)); }
            server.close()
            /exit
            """;

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set: run through Failsafe (mvn verify)");
        }
        return value;
    }

    /** A fresh directory with a space in its name, away from target/ and its lib/. */
    private static Path fresh(Path tmp, String name) throws Exception {
        return Files.createDirectories(tmp.resolve(name + " dir"));
    }

    private static Path copy(Path jar, Path dir) throws Exception {
        return Files.copy(jar, dir.resolve(jar.getFileName()));
    }

    private static Subprocess run(Path dir, String... command) throws Exception {
        return Subprocess.start(dir, List.of(command));
    }

    private static List<String> classPath(Path jar) throws Exception {
        try (var jf = new JarFile(jar.toFile())) {
            String cp = jf.getManifest().getMainAttributes().getValue("Class-Path");
            return cp == null ? List.of() : List.of(cp.split(" "));
        }
    }

    @Test
    void jar_manifest_puts_vavr_on_the_class_path_and_names_the_module() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "packaged jar at " + JAR);
        try (var jf = new JarFile(JAR.toFile())) {
            assertEquals("dev.sockets", java.lang.module.ModuleDescriptor.read(jf.getInputStream(jf.getEntry("module-info.class"))).name());
        }
        List<String> cp = classPath(JAR);
        assertTrue(cp.contains("lib/vavr-1.0.0.jar"), cp.toString());
        for (String entry : cp) {
            assertTrue(Files.isRegularFile(JAR.resolveSibling(entry)), "class path entry " + entry + " exists");
        }
    }

    @Test
    void all_jar_holds_the_library_and_its_runtime_dependencies_and_nothing_that_breaks_a_merge() throws Exception {
        assertTrue(Files.isRegularFile(ALL), "packaged jar at " + ALL);
        try (var jf = new JarFile(ALL.toFile())) {
            for (String cls : List.of("dev/sockets/Sockets.class", "io/vavr/control/Either.class",
                    "io/vavr/match/annotation/Patterns.class", "org/jspecify/annotations/Nullable.class")) {
                assertTrue(jf.getEntry(cls) != null, cls + " in " + ALL);
            }
            var attrs = jf.getManifest().getMainAttributes();
            assertNull(attrs.getValue("Class-Path"), "the copied jar must not look for lib/ beside it");
            assertNull(attrs.getValue("Multi-Release"), "no versioned classes are left in it");
            var names = jf.stream().map(ZipEntry::getName).toList();
            var unwanted = names.stream()
                    .filter(n -> n.endsWith("module-info.class") || n.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)"))
                    .toList();
            assertEquals(List.of(), unwanted, "module descriptors or signatures of the merged jars");
            assertEquals(names.size(), names.stream().distinct().count(), "duplicate entries");
            String license = new String(jf.getInputStream(jf.getEntry("META-INF/LICENSE")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(license.contains("Apache License") && license.contains("Version 2.0, January 2004"), license);
        }
    }

    @Test
    void all_jar_copied_alone_runs_a_one_file_program(@TempDir Path tmp) throws Exception {
        Path dir = fresh(tmp, "one jar");
        Path jar = copy(ALL, dir);
        Files.writeString(dir.resolve("Script.java"), SCRIPT);
        try (var p = run(dir, Subprocess.tool("java"), "-cp", jar.toString(), "Script.java")) {
            List<String> out = p.finish(LIMIT);
            assertEquals(List.of("parsed: Right(127.0.0.1)", "echo: b'ping'"), out, p.errors());
            assertEquals(0, p.exitCode(), p.errors());
        }
    }

    @Test
    void all_jar_copied_alone_serves_jshell(@TempDir Path tmp) throws Exception {
        Path dir = fresh(tmp, "one jar");
        Path jar = copy(ALL, dir);
        Files.writeString(dir.resolve("echo.jsh"), SNIPPET);
        try (var p = run(dir, Subprocess.tool("jshell"), "--class-path", jar.toString(), "echo.jsh")) {
            List<String> out = p.finish(LIMIT);
            assertEquals(List.of("parsed: Right(::1)", "echo: b'ping'"), out, p.errors());
            assertEquals(0, p.exitCode(), p.errors());
        }
    }

    @Test
    void jar_copied_alone_misses_vavr_and_runs_once_lib_is_beside_it(@TempDir Path tmp) throws Exception {
        Path dir = fresh(tmp, "thin jar");
        Path jar = copy(JAR, dir);
        Files.writeString(dir.resolve("Echo.java"), NO_VAVR_SCRIPT);
        var command = List.of(Subprocess.tool("java"), "-cp", jar.toString(), "Echo.java");
        try (var p = Subprocess.start(dir, command)) {
            List<String> out = p.finish(LIMIT);
            assertNotEquals(0, p.exitCode(), "ran without vavr: " + out);
            assertTrue(p.errors().contains("java.lang.NoClassDefFoundError: io/vavr/"), p.errors());
        }

        List<String> copied = new ArrayList<>();
        for (String entry : classPath(JAR)) {
            Path target = dir.resolve(entry);
            Files.createDirectories(target.getParent());
            Files.copy(JAR.resolveSibling(entry), target);
            copied.add(entry);
        }
        assertFalse(copied.isEmpty(), "the manifest names the jars of lib/");
        try (var p = Subprocess.start(dir, command)) {
            List<String> out = p.finish(LIMIT);
            assertEquals(List.of("echo: b'ping'"), out, p.errors());
            assertEquals(0, p.exitCode(), p.errors());
        }
    }
}
