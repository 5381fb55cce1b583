package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.Subprocess;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Sockets.help} from the built jar: the index the build writes into it, and the bare
 * {@code help(...)} that the JShell startup imports.
 */
@Timeout(240)
class HelpIT {
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final Path BASE = Path.of(System.getProperty("sockets.basedir", "."));
    private static final String JAR = System.getProperty("sockets.jar", "target/sockets.jar");

    private static Subprocess jshell() throws Exception {
        return Subprocess.start(BASE, List.of(Subprocess.tool("jshell"), "--class-path", JAR, "jshell-scripts/startup.jsh"));
    }

    @Test
    void help_on_the_tcp_spec_in_jshell_lists_timeout_with_the_first_sentence_of_its_javadoc() throws Exception {
        try (var s = jshell()) {
            s.input("help(Sockets.tcp())\n/exit\n");
            s.await(l -> l.contains("TcpSpec: How to open TCP sockets"), LIMIT);
            s.await(l -> l.trim().equals("TcpSpec timeout(Duration timeout)"), LIMIT);
            String sentence = s.await(l -> !l.isBlank(), LIMIT);
            assertEquals("How long a read (recv, readLine, ...) or a Listener.accept() waits before failing with Timeout.",
                    sentence.trim());
        }
    }

    @Test
    void help_on_an_open_connection_in_jshell_shows_the_connection_interface_not_the_engine_class() throws Exception {
        try (var s = jshell()) {
            s.input("var l = Sockets.tcp().bind(\"127.0.0.1\", 0).listen()\n"
                    + "var c = Sockets.tcp().connect(\"127.0.0.1\", l.port())\n"
                    + "help(c)\nc.close()\nl.close()\n/exit\n");
            s.await(l -> l.contains("Connection: One open stream connection"), LIMIT);
            s.await(l -> l.trim().equals("Bytes recv(int max)"), LIMIT);
            s.finish(LIMIT);
            assertTrue(!s.errors().contains("RealConnection"), s.errors());
        }
    }

    @Test
    void help_on_an_unknown_name_says_so_names_close_ones_and_what_to_try() throws Exception {
        try (var s = jshell()) {
            s.input("help(\"recvform\")\nhelp()\n/exit\n");
            String line = s.await(l -> l.contains("recvform"), LIMIT);
            // JShell 25 echoes the input before the answer on the same line; 17 does not.
            assertTrue(line.contains("No type or method named \"recvform\" in dev.sockets. Close names: "), line);
            assertTrue(line.contains("recvfrom."), line);
            assertTrue(line.contains("Try help() for the map"), line);
            s.await(l -> l.contains("sockets: Python's socket module"), LIMIT);
        }
    }

    /**
     * The property: every public method that reflection finds on a public type of the jar's
     * public package is in the jar's index, with a first sentence (the three methods every
     * object has, equals, hashCode and toString, only when the type documents them), and a
     * varargs method's signature shows {@code ...} as its source does ({@code selfSigned(String... names)}), and a
     * generic method's signature declares its type variables as javadoc does
     * ({@code <T> TcpSpec option(SocketOption<T> option, T value)}).
     */
    @Test
    void every_public_method_of_the_public_package_is_in_the_index_with_a_sentence() throws Exception {
        Map<String, String> index = new HashMap<>();
        Map<String, String> signatures = new HashMap<>();
        List<String> classes = new ArrayList<>();
        try (var jar = new JarFile(JAR)) {
            var entry = jar.getEntry("dev/sockets/help.index");
            assertNotNull(entry, "dev/sockets/help.index is in " + JAR);
            try (InputStream in = jar.getInputStream(entry)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String[] f = line.split("\t", -1);
                    if (f[0].equals("M")) {
                        index.put(f[1] + "." + f[2], f[4]);
                        signatures.put(f[1] + "." + f[2], f[3]);
                    }
                }
            }
            jar.stream().map(e -> e.getName())
                    .filter(n -> n.matches("dev/sockets/[^/]+\\.class") && !n.equals("dev/sockets/module-info.class"))
                    .forEach(n -> classes.add(n.substring(0, n.length() - ".class".length()).replace('/', '.')));
        }
        assertTrue(classes.size() > 40, classes.toString());
        Set<String> objectMethods = Set.of("equals(Object)", "hashCode()", "toString()");
        List<String> missing = new ArrayList<>();
        int checked = 0;
        int generic = 0;
        int varargs = 0;
        List<URL> path = new ArrayList<>(List.of(Path.of(JAR).toUri().toURL()));
        // vavr, as the jar's manifest finds it: lib/ beside the jar.
        try (var lib = java.nio.file.Files.list(Path.of(JAR).toAbsolutePath().getParent().resolve("lib"))) {
            for (Path p : (Iterable<Path>) lib::iterator) {
                path.add(p.toUri().toURL());
            }
        }
        try (var loader = new URLClassLoader(path.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            for (String name : classes) {
                Class<?> c = Class.forName(name, false, loader);
                if (!Modifier.isPublic(c.getModifiers()) || !isPublicAllTheWay(c)) {
                    continue;
                }
                String type = name.substring("dev.sockets.".length()).replace('$', '.');
                for (Method m : c.getDeclaredMethods()) {
                    if (!Modifier.isPublic(m.getModifiers()) || m.isSynthetic() || m.isBridge()) {
                        continue;
                    }
                    String key = m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                            .collect(Collectors.joining(",", "(", ")"));
                    String sentence = index.get(type + "." + key);
                    checked++;
                    if (sentence == null && !objectMethods.contains(key)) {
                        missing.add(type + "." + key + " (not in the index)");
                    } else if (sentence != null && sentence.isEmpty() && !objectMethods.contains(key)) {
                        missing.add(type + "." + key + " (no sentence)");
                    }
                    if (m.isVarArgs() && sentence != null) {
                        varargs++;
                        String shown = signatures.get(type + "." + key);
                        String last = m.getParameterTypes()[m.getParameterCount() - 1].getComponentType().getSimpleName();
                        if (!shown.matches(".*\\b" + last + "\\.\\.\\. \\w+\\)$")) {
                            missing.add(type + "." + key + " (shown as " + shown + ", not with " + last + "...)");
                        }
                    }
                    if (m.getTypeParameters().length > 0 && sentence != null) {
                        generic++;
                        String vars = Arrays.stream(m.getTypeParameters()).map(v -> v.getName())
                                .collect(Collectors.joining(", ", "<", "> "));
                        String shown = signatures.get(type + "." + key).replaceFirst("^static ", "");
                        if (!shown.startsWith(vars)) {
                            missing.add(type + "." + key + " (shown as " + shown + ", without " + vars.trim() + ")");
                        }
                    }
                }
            }
        }
        assertTrue(checked > 500, "checked " + checked);
        assertTrue(generic >= 5, "generic methods checked: " + generic);
        assertTrue(varargs >= 5, "varargs methods checked: " + varargs);
        assertEquals(List.of(), missing);
    }

    private static boolean isPublicAllTheWay(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return true;
    }
}
