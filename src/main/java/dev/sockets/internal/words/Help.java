package dev.sockets.internal.words;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The words of {@code Sockets.help(...)}: the javadoc's first sentences, from the index the build
 * writes into the jar ({@code dev/sockets/help.index}, made by {@code src/build/HelpIndex.java}).
 *
 * <p>DEV-NOTE: reflection decides what a value offers (what completion would show), the index only
 * supplies the words. It names the public package's types by text, never by class literal, so the
 * public package and this class do not depend on each other both ways.
 */
public final class Help {
    /** Where the build writes the index, as a resource of this module. */
    public static final String RESOURCE = "/dev/sockets/help.index";
    private static final String PACKAGE = "dev.sockets";
    private static final Set<String> OBJECT_NOISE = Set.of("equals(Object)", "hashCode()", "getClass()",
            "notify()", "notifyAll()", "wait()", "wait(long)", "wait(long,int)", "compareTo(Object)",
            "describeConstable()", "getDeclaringClass()", "name()", "ordinal()", "compareTo(Enum)");

    private Help() {
    }

    /** One entry of the index: a method's key, how it is shown, and its first sentence. */
    record Entry(String type, String key, String signature, String sentence) {
        String name() {
            return key.substring(0, key.indexOf('('));
        }
    }

    /** The index as read from the jar: types with their sentence, methods by type and key. */
    static final class Index {
        final Map<String, String> types = new TreeMap<>();
        final Map<String, Map<String, Entry>> methods = new TreeMap<>();

        static Index load() {
            Index ix = new Index();
            InputStream in = Help.class.getResourceAsStream(RESOURCE);
            if (in == null) {
                return ix;
            }
            try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    String[] f = line.split("\t", -1);
                    if (f[0].equals("T") && f.length == 4) {
                        ix.types.put(f[1], f[3]);
                    } else if (f[0].equals("M") && f.length == 5) {
                        ix.methods.computeIfAbsent(f[1], k -> new TreeMap<>()).put(f[2], new Entry(f[1], f[2], f[3], f[4]));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading the help index " + RESOURCE, e);
            }
            return ix;
        }
    }

    private static final class Holder {
        static final Index INDEX = Index.load();
    }

    /** The method keys of the index, {@code Type.name(Param,...)}: for the test that it covers the API. */
    public static Set<String> indexedMethods() {
        Set<String> keys = new LinkedHashSet<>();
        Holder.INDEX.methods.forEach((type, m) -> m.keySet().forEach(k -> keys.add(type + "." + k)));
        return keys;
    }

    /** How reflection's method is keyed in the index: {@code recv(int)}. */
    public static String key(Method m) {
        return m.getName() + java.util.Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(",", "(", ")"));
    }

    /** The name a public type of the package has in the index: {@code Host.Ipv4}. */
    public static String typeName(Class<?> c) {
        return c.getName().substring(PACKAGE.length() + 1).replace('$', '.');
    }

    /** The one-screen map of the library: {@code help()}. */
    public static String map() {
        return String.join("\n",
                "sockets: Python's socket module in Java's words. help(x) shows what x offers: a spec, a",
                "connection, a server, a class (help(Bytes.class)) or a method name (help(\"recv\")).",
                "",
                "  Sockets.tcp() .tls() .udp() .unix()   a spec: settings give a new spec, verbs open",
                "    .timeout(Duration.ofSeconds(5))     reads give up after 5 s (friendly in JShell)",
                "  client    spec.connect(\"127.0.0.1\", 8080)                 -> Connection",
                "  server    spec.bind(8080).listen(5).accept()              -> Connection, one at a time",
                "            spec.bind(8080).onAccept(c -> ...)              -> Server, a thread per client",
                "            spec.bind(8080).onReceive((peer, data) -> ...)  -> Server, event loops",
                "  UDP       Sockets.udp().bind(\"127.0.0.1\", 9999)           -> UdpSocket: sendto, recvfrom",
                "            (bind(port) serves this machine only; bind(\"\", port) every interface)",
                "  Connection  send sendLine recv readLine recvExactly recvAll shutdownOutput close",
                "  values    Host Port Endpoint Bytes (as Python's bytes: b'...')",
                "  names     Sockets.gethostname() getaddrinfo(host, port) explain(\"010.0.0.1\")",
                "  errors    SocketError and its kinds (Timeout, ConnectionRefused, ...): message and hint()",
                "",
                "A call that waits (recv, readLine, accept, recvfrom): Ctrl-C in JShell gives the prompt back",
                "and leaves the socket open. The README has the tutorial; examples/ has one-file programs.",
                "");
    }

    /** What {@code help(what)} prints. */
    public static String of(Object what) {
        Index ix = Holder.INDEX;
        if (ix.types.isEmpty()) {
            return "The help index is not in this build (" + RESOURCE.substring(1)
                    + " is missing): use the jar `mvn package` builds.\n";
        }
        if (what == null) {
            return "help(null): nothing to describe. Try help() for the map, help(Sockets.tcp()) for a spec,"
                    + " or help(\"recv\") for a method.\n";
        }
        if (what instanceof String) {
            return named(ix, ((String) what).trim());
        }
        Class<?> c = what instanceof Class ? (Class<?>) what : what.getClass();
        List<Class<?>> types = publicTypes(c);
        if (types.isEmpty()) {
            return c.getName() + " is not a type of dev.sockets; help describes the library's specs, handles"
                    + " and values. Try help() for the map.\n";
        }
        StringBuilder b = new StringBuilder();
        for (Class<?> t : types) {
            b.append(describe(ix, t));
        }
        return b.toString();
    }

    /** The types of the public package a class is, or implements: a handle's interface for its engine class. */
    static List<Class<?>> publicTypes(Class<?> c) {
        if (isPublicApi(c)) {
            return List.of(c);
        }
        List<Class<?>> found = new ArrayList<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.add(c);
        Set<Class<?>> seen = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            Class<?> k = todo.poll();
            if (!seen.add(k)) {
                continue;
            }
            if (isPublicApi(k)) {
                found.add(k);
                continue; // its own supertypes are part of what it shows
            }
            if (k.getSuperclass() != null) {
                todo.add(k.getSuperclass());
            }
            todo.addAll(List.of(k.getInterfaces()));
        }
        return found;
    }

    private static boolean isPublicApi(Class<?> c) {
        return c.getPackageName().equals(PACKAGE) && Modifier.isPublic(c.getModifiers());
    }

    private static String describe(Index ix, Class<?> type) {
        String name = typeName(type);
        StringBuilder b = new StringBuilder();
        b.append(name).append(": ").append(ix.types.getOrDefault(name, "")).append('\n');
        Map<String, Method> methods = new TreeMap<>(Comparator.<String, String>comparing(k -> k.substring(0, k.indexOf('(')))
                .thenComparing(k -> k));
        for (Method m : type.getMethods()) {
            if (m.isSynthetic() || m.isBridge() || !m.getDeclaringClass().getPackageName().equals(PACKAGE)
                    && !m.getName().equals("toString") || OBJECT_NOISE.contains(key(m))) {
                continue;
            }
            methods.putIfAbsent(key(m), m);
        }
        for (Method m : methods.values()) {
            Entry e = find(ix, type, m);
            String sig = e != null ? e.signature() : m.getReturnType().getSimpleName() + " " + key(m);
            b.append("  ").append(sig).append('\n');
            String words = e == null || e.sentence().isEmpty() ? wordsOf(ix, m) : e.sentence();
            if (!words.isEmpty()) {
                b.append("      ").append(words).append('\n');
            }
        }
        return b.toString();
    }

    /** The entry of the type asked about, else of the type that declares the method, else of any supertype. */
    private static Entry find(Index ix, Class<?> type, Method m) {
        String key = key(m);
        for (Class<?> t : lineage(type, m.getDeclaringClass())) {
            Entry e = ix.methods.getOrDefault(typeName(t), Map.of()).get(key);
            if (e != null && !e.sentence().isEmpty()) {
                return e;
            }
        }
        Map<String, Entry> own = ix.methods.getOrDefault(typeName(type), Map.of());
        return own.get(key);
    }

    private static List<Class<?>> lineage(Class<?> type, Class<?> declaring) {
        List<Class<?>> order = new ArrayList<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(type, declaring));
        // Both may be the same class: List.of takes duplicates, the loop skips them.
        while (!todo.isEmpty()) {
            Class<?> k = todo.poll();
            if (order.contains(k) || !isPublicApi(k)) {
                continue;
            }
            order.add(k);
            if (k.getSuperclass() != null) {
                todo.add(k.getSuperclass());
            }
            todo.addAll(List.of(k.getInterfaces()));
        }
        return order;
    }

    private static String wordsOf(Index ix, Method m) {
        return m.getName().equals("toString") ? "How it prints (in JShell too)." : "";
    }

    private static String named(Index ix, String text) {
        if (text.startsWith("dev.sockets.")) {
            text = text.substring(PACKAGE.length() + 1);
        }
        if (ix.types.containsKey(text)) {
            try {
                return of(Class.forName(PACKAGE + "." + text.replace(".", "$"), false, Help.class.getClassLoader()));
            } catch (ClassNotFoundException e) {
                return text + ": " + ix.types.get(text) + "\n";
            }
        }
        String type = null;
        String method = text.replaceAll("\\(.*$", "");
        int dot = method.lastIndexOf('.');
        if (dot > 0) {
            type = method.substring(0, dot);
            method = method.substring(dot + 1);
        }
        Map<String, List<Entry>> byType = new LinkedHashMap<>();
        for (var t : ix.methods.entrySet()) {
            if (type != null && !t.getKey().equals(type)) {
                continue;
            }
            for (Entry e : t.getValue().values()) {
                if (e.name().equals(method)) {
                    byType.computeIfAbsent(t.getKey(), k -> new ArrayList<>()).add(e);
                }
            }
        }
        if (byType.isEmpty()) {
            return unknown(ix, text, method);
        }
        StringBuilder b = new StringBuilder();
        byType.forEach((t, entries) -> {
            b.append(t).append(":\n");
            for (Entry e : entries) {
                b.append("  ").append(e.signature()).append('\n');
                if (!e.sentence().isEmpty()) {
                    b.append("      ").append(e.sentence()).append('\n');
                }
            }
        });
        return b.toString();
    }

    private static String unknown(Index ix, String text, String method) {
        Set<String> names = new java.util.TreeSet<>();
        ix.types.keySet().forEach(names::add);
        ix.methods.values().forEach(m -> m.values().forEach(e -> names.add(e.name())));
        String lower = method.toLowerCase(java.util.Locale.ROOT);
        List<String> near = names.stream()
                .filter(n -> lower.length() >= 2 && (n.toLowerCase(java.util.Locale.ROOT).contains(lower)
                        || lower.contains(n.toLowerCase(java.util.Locale.ROOT)) && n.length() >= 3
                        || distance(n.toLowerCase(java.util.Locale.ROOT), lower) <= 2))
                .limit(8)
                .collect(Collectors.toList());
        return "No type or method named \"" + MessageText.quote(text) + "\" in dev.sockets."
                + (near.isEmpty() ? "" : " Close names: " + String.join(", ", near) + ".")
                + " Try help() for the map, help(Sockets.tcp()) for what a spec offers, help(Connection.class)"
                + " for a type, or help(\"recv\") for a method.\n";
    }

    /** Levenshtein distance, for the names close to a misspelt one. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

}
