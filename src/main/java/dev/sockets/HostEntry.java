package dev.sockets;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What {@link Sockets#gethostbyname_ex(String)} and {@link Sockets#gethostbyaddr(String)} answer:
 * the host's official name, its other names and its addresses (C's {@code struct hostent}).
 * Prints as Python's tuple:
 *
 * <pre>{@code
 * Sockets.gethostbyname_ex("localhost")   // ('localhost', [], ['127.0.0.1'])
 * Sockets.gethostbyaddr("127.0.0.1")      // ('localhost', [], ['127.0.0.1'])
 * }</pre>
 *
 * @param name      the official (canonical) name
 * @param aliases   the other names, as the hosts file lists them; often empty
 * @param addresses the addresses, in the resolver's order
 */
public record HostEntry(String name, List<String> aliases, List<Host> addresses) {
    /** Checks that every part is present, and copies the lists. */
    public HostEntry {
        Objects.requireNonNull(name, "name");
        aliases = List.copyOf(aliases);
        addresses = List.copyOf(addresses);
    }

    /** Python's tuple: {@code ('localhost', [], ['127.0.0.1'])}. */
    @Override
    public String toString() {
        return "('" + name + "', " + quoted(aliases) + ", "
                + quoted(addresses.stream().map(HostEntry::text).collect(Collectors.toList())) + ")";
    }

    private static String text(Host h) {
        if (h instanceof Host.Any) {
            return "0.0.0.0";
        }
        return h instanceof Host.Broadcast ? "255.255.255.255" : h.text();
    }

    private static String quoted(List<String> words) {
        return words.stream().map(w -> "'" + w + "'").collect(Collectors.joining(", ", "[", "]"));
    }
}
