package dev.sockets.internal.io;

import dev.sockets.Host;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The hosts file the JDK's resolver reads ({@code -Djdk.net.hosts.file}, else {@code /etc/hosts}),
 * read for what the JDK does not pass on: a name's official name and aliases, which C's
 * {@code gethostbyname} and {@code gethostbyaddr} give and Python prints.
 * DEV-NOTE: read on each call, as glibc does, so an edit is seen; it is a few lines.
 */
final class HostsFile {
    private HostsFile() {
    }

    /** One line: an address, the official name, the aliases. */
    record Line(Host address, String name, List<String> aliases) {
    }

    static Path path() {
        String p = System.getProperty("jdk.net.hosts.file");
        return Path.of(p != null && !p.isEmpty() ? p : "/etc/hosts");
    }

    static List<Line> lines() {
        List<String> text;
        try {
            text = Files.readAllLines(path(), StandardCharsets.ISO_8859_1);
        } catch (IOException | SecurityException | java.io.UncheckedIOException e) {
            return List.of();
        }
        var out = new ArrayList<Line>();
        for (String line : text) {
            int hash = line.indexOf('#');
            String[] w = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
            if (w.length < 2) {
                continue;
            }
            var address = Host.parse(w[0]);
            if (address.isRight() && address.get().isLiteral()) {
                out.add(new Line(address.get(), w[1], List.of(w).subList(2, w.length)));
            }
        }
        return out;
    }

    /** The first line naming {@code name} (official or alias, any case, as glibc) with an address of the family, IPv4 or not. */
    static Optional<Line> byName(String name, boolean ipv4) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Line l : lines()) {
            if ((l.address() instanceof Host.Ipv4) == ipv4 && (l.name().toLowerCase(Locale.ROOT).equals(n)
                    || l.aliases().stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(n)))) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** The first line of an address. */
    static Optional<Line> byAddress(Host address) {
        for (Line l : lines()) {
            if (sameAddress(l.address(), address)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    private static boolean sameAddress(Host a, Host b) {
        if (a instanceof Host.Ipv6 x && b instanceof Host.Ipv6 y) {
            return java.util.Arrays.equals(x.bytes(), y.bytes());
        }
        return a.equals(b);
    }
}
