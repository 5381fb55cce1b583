package dev.sockets.testing;

import dev.sockets.Sockets;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * {@link EchoServerMain} deployed as a program is: the library's compiled classes and the server in
 * one jar, vavr beside it. From a jar, not a directory of classes: under a descriptor limit every
 * class loaded for the first time from a directory opens a file, which would fail the test for a
 * reason of its own.
 */
public final class DeployedEchoServer {
    private DeployedEchoServer() {
    }

    /** Writes {@code echo-server.jar} into {@code dir} and returns the class path to run it with. */
    public static String classPath(Path dir) throws Exception {
        Path classes = Path.of(Sockets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path testClasses = Path.of(EchoServerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = dir.resolve("echo-server.jar");
        try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
            addTree(out, classes, p -> !p.endsWith("module-info.class"));
            addTree(out, testClasses, p -> p.startsWith("dev/sockets/testing/EchoServerMain"));
        }
        Set<String> entries = new LinkedHashSet<>();
        entries.add(jar.toString());
        entries.add(Path.of(io.vavr.control.Either.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (Path.of(e).getFileName().toString().startsWith("vavr") && e.endsWith(".jar")) {
                entries.add(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void addTree(JarOutputStream out, Path root, Predicate<String> keep) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String name = root.relativize(f).toString().replace(File.separatorChar, '/');
                if (keep.test(name)) {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
        }
    }
}
