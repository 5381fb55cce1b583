package dev.sockets;

import dev.sockets.internal.words.MessageText;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a host (and a port) text means, from {@link Sockets#explain(String)}: a short report that
 * prints well in JShell.
 *
 * <pre>{@code
 * Sockets.explain("192.0.2.010")
 * // explain("192.0.2.010"): an IPv4 address in a form read two ways
 * //   library    refuses it: leading zero in part 4; C reads it as octal, Java as decimal ...
 * //   C          inet_aton reads 192.0.2.8 (a part with a leading 0 is octal)
 * //   ...
 * }</pre>
 *
 * @param host      the host text explained, as given
 * @param port      the port text explained with it, if one was
 * @param kind      what the text is: {@code "an IPv4 address"}, {@code "a host name"}, ...
 * @param canonical the form the library writes it in ({@code Host.text()}), or {@code ""} when
 *                  it takes no such text (or the text is the any address)
 * @param ranges    the special ranges the address falls in ({@code "loopback (127.0.0.0/8)"}), in
 *                  the report's order; empty for a public address or a name
 * @param lines     the report's lines after the first, each a label and its text
 */
public record Explanation(String host, Optional<String> port, String kind, String canonical, List<String> ranges,
                          List<String> lines) {

    /** Copies the lists. */
    public Explanation {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(canonical, "canonical");
        ranges = List.copyOf(ranges);
        lines = List.copyOf(lines);
    }

    /**
     * The report: {@code explain("<host>"[, "<port>"]): <kind>}, then one indented line per fact.
     * The texts are quoted with control and bidi characters escaped, so a report is one screen of
     * plain lines whatever was explained.
     */
    @Override
    public String toString() {
        var b = new StringBuilder("explain(\"").append(MessageText.quote(host)).append('"');
        port.ifPresent(p -> b.append(", \"").append(MessageText.quote(p)).append('"'));
        b.append("): ").append(kind);
        for (String line : lines) {
            b.append("\n  ").append(MessageText.quote(line, 400));
        }
        return b.toString();
    }
}
