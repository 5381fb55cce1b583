package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The structure ARCHITECTURE.md promises, read off the compiled classes: the public package holds
 * only public types, and no classes depend on each other in a ring but a value and its own parser
 * (within a package too, where no import shows the dependency).
 */
class StructureTest {

    private static final Path CLASSES = Path.of("target/classes");

    /** The rings a value and the parser that builds it make; nothing else may depend in a circle. */
    private static final Set<Set<String>> VALUE_AND_PARSER = Set.of(
            Set.of("Domain", "Protocol", "Type", "internal.words.Vocabulary"),
            Set.of("Port", "Services", "internal.words.PortParser", "internal.words.ServiceTable"),
            Set.of("Endpoint", "internal.words.EndpointParser"),
            Set.of("Host", "internal.words.HostParser", "internal.words.HostNameParser",
                    "internal.words.Ipv4Parser", "internal.words.Ipv6Parser"));

    /**
     * The dependencies of the public API that point back on purpose, each with its reason (see
     * ARCHITECTURE.md, "Rings that remain"); they are left out before the rings are looked for.
     */
    private static final Set<String> BACK_EDGES = Set.of(
            // onDatagram is a verb of the bound socket, and the handler gets that socket back to reply.
            "UdpSocket -> DatagramHandler",
            // A plain connection upgrades itself with the spec that makes TLS connections (STARTTLS).
            "Connection -> TlsSpec");

    @Test
    void no_classes_depend_on_each_other_in_a_ring_but_a_value_and_its_parser() throws Exception {
        var outside = rings(dependencies()).stream().filter(r -> !VALUE_AND_PARSER.contains(r)).collect(Collectors.toList());
        assertEquals(List.of(), outside, "rings of dependencies outside a value and its parser");
    }

    @Test
    void the_public_package_holds_only_public_types() throws Exception {
        try (Stream<Path> files = Files.list(CLASSES.resolve("dev/sockets"))) {
            var hidden = files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> "dev.sockets." + f.getFileName().toString().replace(".class", ""))
                    .filter(n -> !n.contains("$"))
                    .filter(n -> {
                        try {
                            return !java.lang.reflect.Modifier.isPublic(Class.forName(n).getModifiers());
                        } catch (ClassNotFoundException e) {
                            throw new AssertionError(e);
                        }
                    })
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(Set.of(), hidden);
        }
    }

    /** Class to classes it names, top-level classes of this library only, as {@code jdeps -verbose:class} reads them. */
    private static Map<String, Set<String>> dependencies() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("this JDK has no jdeps"));
        String modulePath = Stream.of(io.vavr.control.Either.class, io.vavr.match.annotation.Patterns.class,
                        org.jspecify.annotations.NullMarked.class)
                .map(StructureTest::jarOf).collect(Collectors.joining(java.io.File.pathSeparator));
        var out = new StringWriter();
        var err = new StringWriter();
        // -filter:none: jdeps leaves out dependencies inside one package unless told to keep them.
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-filter:none", "--multi-release", "17", "-verbose:class",
                "--module-path", modulePath, CLASSES.toString());
        assertEquals(0, rc, "jdeps failed: " + err);
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[1].equals("->") && f[0].startsWith("dev.sockets.") && f[2].startsWith("dev.sockets.")) {
                String from = top(f[0]);
                String to = top(f[2]);
                if (!from.equals(to) && !permits(from, to) && !BACK_EDGES.contains(from + " -> " + to)) {
                    graph.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                }
            }
        }
        assertTrue(graph.size() > 50, "jdeps listed too few classes to trust: " + graph.keySet());
        return graph;
    }

    /**
     * True when {@code to} is a case of the sealed type {@code from}: a sealed type names its
     * cases and each case names it, which is one closed type, not a ring of dependencies.
     */
    private static boolean permits(String from, String to) {
        try {
            Class<?> sealed = Class.forName("dev.sockets." + from);
            Class<?>[] cases = sealed.getPermittedSubclasses();
            return cases != null && Arrays.stream(cases).anyMatch(c -> c.getName().equals("dev.sockets." + to));
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static String top(String className) {
        return className.replaceFirst("^dev\\.sockets\\.", "").replaceFirst("\\$.*", "");
    }

    private static String jarOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** The strongly connected components with more than one class (Tarjan's algorithm). */
    private static List<Set<String>> rings(Map<String, Set<String>> graph) {
        var index = new HashMap<String, Integer>();
        var low = new HashMap<String, Integer>();
        var stack = new ArrayList<String>();
        var onStack = new java.util.HashSet<String>();
        var rings = new ArrayList<Set<String>>();
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, graph, index, low, stack, onStack, rings);
            }
        }
        return rings;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index, Map<String, Integer> low,
                                List<String> stack, Set<String> onStack, List<Set<String>> rings) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.add(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, rings);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            var ring = new TreeSet<String>();
            String w;
            do {
                w = stack.remove(stack.size() - 1);
                onStack.remove(w);
                ring.add(w);
            } while (!w.equals(v));
            if (ring.size() > 1) {
                rings.add(ring);
            }
        }
    }
}
