package dev.sockets.internal.cli;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line, read: the command, its words, and the options it was given. Options may come
 * anywhere after the command (as {@code --opt value} or {@code --opt=value}); {@code --} ends them.
 * An option the command does not take is refused by name, never ignored.
 *
 * @param command    {@code connect}, {@code listen}, {@code udp send}, {@code udp listen},
 *                   {@code explain}, {@code getaddrinfo}; "" for none
 * @param words      the words after the command that are not options
 * @param help       {@code -h}/{@code --help} was given
 * @param verbose    {@code -v}/{@code --verbose}: what happens, on standard error
 * @param keep       {@code -k}/{@code --keep}: listen for another client after one leaves
 * @param timeout    {@code --timeout}: connect, accept and idle timeout
 * @param tls        {@code --tls}
 * @param selfSigned {@code --self-signed}: listen with a fresh self-signed certificate
 * @param insecure   {@code --insecure}: connect trusting any certificate
 * @param trust      {@code --trust FILE}: the certificates a TLS client trusts
 * @param cert       {@code --cert FILE}: a TLS server's certificate chain (PEM)
 * @param key        {@code --key FILE}: its private key (PEM)
 * @param unix       {@code --unix PATH}: a Unix domain socket instead of HOST PORT
 * @param wiretap    {@code --wiretap}: every byte and event on standard error, as {@code socat -v}
 */
record Options(String command, List<String> words, boolean help, boolean verbose, boolean keep,
               Optional<Duration> timeout, boolean tls, boolean selfSigned, boolean insecure, Optional<Path> trust,
               Optional<Path> cert, Optional<Path> key, Optional<Path> unix, boolean wiretap) {

    /** The commands, in the order the help lists them. */
    static final List<String> COMMANDS = List.of("connect", "listen", "udp send", "udp listen", "explain", "getaddrinfo");

    private static final Set<String> TCP = Set.of("connect", "listen");

    /** Each option and the commands that take it; the ones with a value end in "=". */
    private static final Map<String, Set<String>> TAKEN_BY = Map.ofEntries(
            Map.entry("--verbose", Set.of("connect", "listen", "udp send", "udp listen")),
            Map.entry("--keep", Set.of("listen")),
            Map.entry("--timeout=", Set.of("connect", "listen", "udp send", "udp listen")),
            Map.entry("--tls", TCP),
            Map.entry("--self-signed", Set.of("listen")),
            Map.entry("--insecure", Set.of("connect")),
            Map.entry("--trust=", Set.of("connect")),
            Map.entry("--cert=", Set.of("listen")),
            Map.entry("--key=", Set.of("listen")),
            Map.entry("--unix=", TCP),
            Map.entry("--wiretap", Set.of("connect", "listen", "udp send", "udp listen")));

    private static final Map<String, String> SHORT = Map.of("-v", "--verbose", "-k", "--keep", "-h", "--help",
            "-w", "--timeout", "-U", "--unix");

    /**
     * Reads {@code args}.
     *
     * @throws UsageError for an unknown command or option, an option the command does not take,
     *                    a missing or bad value
     */
    static Options parse(String[] args) {
        var rest = new ArrayList<String>();
        var given = new java.util.LinkedHashMap<String, String>();
        boolean help = false;
        boolean ended = false;
        String command = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (ended || !a.startsWith("-") || a.equals("-")) {
                if (command == null) {
                    command = command(a, i + 1 < args.length ? args[i + 1] : null);
                    if (command.startsWith("udp ")) {
                        i++;
                    }
                } else {
                    rest.add(a);
                }
                continue;
            }
            if (a.equals("--")) {
                ended = true;
                continue;
            }
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            name = SHORT.getOrDefault(name, name);
            if (name.equals("--help")) {
                help = true;
                continue;
            }
            String where = command == null ? "" : command;
            boolean takesValue = TAKEN_BY.containsKey(name + "=");
            if (!takesValue && !TAKEN_BY.containsKey(name)) {
                throw new UsageError(where, "unknown option " + a);
            }
            if (takesValue && value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageError(where, name + " needs a value: " + name + " " + metavar(name));
                }
                value = args[++i];
            } else if (!takesValue && value != null) {
                throw new UsageError(where, name + " takes no value, but was given " + a);
            }
            given.put(name, value);
        }
        if (command == null) {
            if (help) {
                return empty(true);
            }
            throw new UsageError("", "no command given");
        }
        if (!help) {
            for (String name : given.keySet()) {
                Set<String> takers = TAKEN_BY.getOrDefault(name, TAKEN_BY.get(name + "="));
                if (!takers.contains(command)) {
                    throw new UsageError(command, "option " + name + " is not for " + command
                            + "; it is for " + String.join(", ", COMMANDS.stream().filter(takers::contains).toList()));
                }
            }
        }
        String c = command;
        var o = new Options(command, List.copyOf(rest), help, given.containsKey("--verbose"),
                given.containsKey("--keep"), Optional.ofNullable(given.get("--timeout")).map(t -> duration(c, t)),
                given.containsKey("--tls"), given.containsKey("--self-signed"), given.containsKey("--insecure"),
                path(given, "--trust"), path(given, "--cert"), path(given, "--key"), path(given, "--unix"),
                given.containsKey("--wiretap"));
        return help ? o : o.checked();
    }

    private static Options empty(boolean help) {
        return new Options("", List.of(), help, false, false, Optional.empty(), false, false, false, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    private static String command(String word, String next) {
        if (word.equals("udp")) {
            if ("--help".equals(next) || "-h".equals(next)) {
                return "udp";
            }
            if (next == null || !(next.equals("send") || next.equals("listen"))) {
                throw new UsageError("", "udp takes send or listen: udp send HOST PORT, udp listen [HOST] PORT"
                        + (next == null ? "" : "; not " + next));
            }
            return "udp " + next;
        }
        if (!COMMANDS.contains(word)) {
            throw new UsageError("", "unknown command " + word + "; the commands are " + String.join(", ", COMMANDS));
        }
        return word;
    }

    private static Optional<Path> path(Map<String, String> given, String name) {
        return Optional.ofNullable(given.get(name)).map(Path::of);
    }

    static String metavar(String name) {
        return switch (name) {
            case "--timeout" -> "DURATION";
            case "--unix" -> "PATH";
            default -> "FILE";
        };
    }

    /** The rules between options, once the command is known. */
    private Options checked() {
        String c = command;
        if ((selfSigned || insecure || trust.isPresent() || cert.isPresent() || key.isPresent()) && !tls) {
            String which = selfSigned ? "--self-signed" : insecure ? "--insecure" : trust.isPresent() ? "--trust"
                    : cert.isPresent() ? "--cert" : "--key";
            throw new UsageError(c, which + " is a TLS option: add --tls");
        }
        if (tls && unix.isPresent()) {
            throw new UsageError(c, "--tls and --unix do not go together: TLS here runs over TCP");
        }
        if (insecure && trust.isPresent()) {
            throw new UsageError(c, "--insecure trusts any certificate, --trust FILE only those in FILE: give one");
        }
        if (selfSigned && (cert.isPresent() || key.isPresent())) {
            throw new UsageError(c, "--self-signed makes a certificate, --cert/--key load one: give one");
        }
        if (cert.isPresent() != key.isPresent()) {
            throw new UsageError(c, "--cert FILE and --key FILE go together");
        }
        if (c.equals("listen") && tls && !selfSigned && cert.isEmpty()) {
            throw new UsageError(c, "listen --tls needs a certificate: --self-signed, or --cert FILE --key FILE");
        }
        int min;
        int max;
        String shape;
        switch (c) {
            case "connect", "udp send" -> {
                min = unix.isPresent() ? 0 : 2;
                max = min;
                shape = unix.isPresent() ? c + " --unix PATH" : c + " HOST PORT";
            }
            case "listen", "udp listen" -> {
                min = unix.isPresent() ? 0 : 1;
                max = unix.isPresent() ? 0 : 2;
                shape = unix.isPresent() ? c + " --unix PATH" : c + " [HOST] PORT";
            }
            case "explain" -> {
                min = 1;
                max = 2;
                shape = "explain TEXT [PORT]";
            }
            default -> {
                min = 2;
                max = 2;
                shape = "getaddrinfo HOST SERVICE";
            }
        }
        if (words.size() < min) {
            throw new UsageError(c, "missing arguments: " + shape);
        }
        if (words.size() > max) {
            throw new UsageError(c, "too many arguments " + words.subList(max, words.size()) + ": " + shape);
        }
        return this;
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?");

    /**
     * A duration as people type it: {@code 5} (seconds, as {@code nc -w 5}), {@code 500ms},
     * {@code 1.5s}, {@code 2min} or {@code 2m}, {@code 1h}.
     */
    static Duration duration(String command, String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UsageError(command, "--timeout takes a duration such as 5 (seconds), 500ms, 1.5s, 2min, 1h; not " + text);
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        long perUnit = switch (unit) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m", "min" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(perUnit));
        if (nanos.signum() == 0 || nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new UsageError(command, "--timeout takes a duration above zero and below 292 years; not " + text);
        }
        return Duration.ofNanos(nanos.longValue());
    }
}
