package dev.sockets.internal.words;

import dev.sockets.Port;
import dev.sockets.Protocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The services database: {@code /etc/services} read once, on first use, with a built-in table of
 * the common services behind it for a machine that has no such file or a file that lacks a name.
 *
 * <p>Look-ups match as glibc's files backend does: names (official and aliases) are
 * case-sensitive, the first line that matches wins, and a protocol other than tcp or udp is ignored.
 * {@link Protocol#DEFAULT} means "either", as a null protocol does in C: tcp first, then udp.
 */
public final class ServiceTable {

    /** One line of a services file: {@code http 80/tcp www}. */
    public record Entry(String name, int port, String protocol, List<String> aliases) {
        /** Copies the aliases. */
        public Entry {
            aliases = List.copyOf(aliases);
        }
    }

    /**
     * The common services, as Debian's netbase /etc/services lists them (name, port, protocols,
     * aliases). A property test checks each against this machine's file.
     */
    static final List<Entry> BUILT_IN = builtIn(
            "echo 7 tcp,udp",
            "discard 9 tcp,udp sink null",
            "daytime 13 tcp,udp",
            "ftp-data 20 tcp",
            "ftp 21 tcp",
            "ssh 22 tcp",
            "telnet 23 tcp",
            "smtp 25 tcp mail",
            "time 37 tcp,udp timserver",
            "whois 43 tcp nicname",
            "domain 53 tcp,udp",
            "bootps 67 udp",
            "bootpc 68 udp",
            "tftp 69 udp",
            "gopher 70 tcp",
            "finger 79 tcp",
            "http 80 tcp www",
            "kerberos 88 tcp,udp kerberos5 krb5 kerberos-sec",
            "pop3 110 tcp pop-3",
            "sunrpc 111 tcp,udp portmapper",
            "auth 113 tcp authentication tap ident",
            "nntp 119 tcp readnews untp",
            "ntp 123 udp",
            "netbios-ns 137 udp",
            "netbios-dgm 138 udp",
            "netbios-ssn 139 tcp",
            "imap2 143 tcp imap",
            "snmp 161 tcp,udp",
            "snmp-trap 162 tcp,udp snmptrap",
            "bgp 179 tcp",
            "irc 194 tcp",
            "ldap 389 tcp,udp",
            "https 443 tcp,udp",
            "microsoft-ds 445 tcp",
            "submissions 465 tcp ssmtp smtps urd",
            "syslog 514 udp",
            "submission 587 tcp",
            "ipp 631 tcp",
            "ldaps 636 tcp,udp",
            "rsync 873 tcp",
            "ftps 990 tcp",
            "imaps 993 tcp",
            "pop3s 995 tcp",
            "socks 1080 tcp",
            "openvpn 1194 tcp,udp",
            "ms-sql-s 1433 tcp",
            "mqtt 1883 tcp",
            "nfs 2049 tcp,udp",
            "mysql 3306 tcp",
            "svn 3690 tcp subversion",
            "sip 5060 tcp,udp",
            "xmpp-client 5222 tcp jabber-client",
            "postgresql 5432 tcp postgres",
            "amqp 5672 tcp",
            "x11 6000 tcp x11-0",
            "redis 6379 tcp",
            "http-alt 8080 tcp webcache",
            "git 9418 tcp");

    private static List<Entry> builtIn(String... rows) {
        var out = new ArrayList<Entry>();
        for (String row : rows) {
            String[] f = row.split(" ");
            List<String> aliases = List.of(f).subList(3, f.length);
            for (String proto : f[2].split(",")) {
                out.add(new Entry(f[0], Integer.parseInt(f[1]), proto, aliases));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The table the library uses: this machine's file, read on first use. */
    private static final class Default {
        static final ServiceTable TABLE = load(Path.of("/etc/services"));
    }

    private final Path file;
    private final boolean fileRead;
    private final List<Entry> fileEntries;
    private final Map<String, Integer> fileByName;
    private final Map<String, String> fileByPort;
    private final Map<String, Integer> builtInByName;
    private final Map<String, String> builtInByPort;

    private ServiceTable(Path file, boolean fileRead, List<Entry> fileEntries) {
        this.file = file;
        this.fileRead = fileRead;
        this.fileEntries = List.copyOf(fileEntries);
        this.fileByName = new HashMap<>();
        this.fileByPort = new HashMap<>();
        index(this.fileEntries, fileByName, fileByPort);
        this.builtInByName = new HashMap<>();
        this.builtInByPort = new HashMap<>();
        index(BUILT_IN, builtInByName, builtInByPort);
    }

    private static void index(List<Entry> entries, Map<String, Integer> byName, Map<String, String> byPort) {
        for (Entry e : entries) {
            // putIfAbsent: the first line that matches wins, as in getservbyname.
            byName.putIfAbsent(e.name() + "/" + e.protocol(), e.port());
            for (String a : e.aliases()) {
                byName.putIfAbsent(a + "/" + e.protocol(), e.port());
            }
            byPort.putIfAbsent(e.port() + "/" + e.protocol(), e.name());
        }
    }

    /** The library's table: /etc/services, then the built-in table. */
    public static ServiceTable system() {
        return Default.TABLE;
    }

    /**
     * A table over the given services file (for tests: a missing file, or one of their own).
     * A missing or unreadable file counts as empty; lines that do not parse are skipped, as C does.
     */
    public static ServiceTable load(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            return new ServiceTable(file, true, parse(Files.readAllLines(file, StandardCharsets.ISO_8859_1)));
        } catch (NoSuchFileException e) {
            return new ServiceTable(file, false, List.of());
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return new ServiceTable(file, false, List.of());
        }
    }

    /** The lines of a services file, comments and malformed lines dropped, tcp and udp only. */
    public static List<Entry> parse(List<String> lines) {
        var out = new ArrayList<Entry>();
        for (String line : lines) {
            int hash = line.indexOf('#');
            String[] f = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
            if (f.length < 2 || f[0].isEmpty()) {
                continue;
            }
            int slash = f[1].indexOf('/');
            if (slash <= 0) {
                continue;
            }
            String proto = f[1].substring(slash + 1);
            if (!proto.equals("tcp") && !proto.equals("udp")) {
                continue;
            }
            int port;
            try {
                port = Integer.parseInt(f[1].substring(0, slash));
            } catch (NumberFormatException e) {
                continue;
            }
            if (port < 0 || port > 65535 || !f[1].substring(0, slash).chars().allMatch(c -> c >= '0' && c <= '9')) {
                continue;
            }
            out.add(new Entry(f[0], port, proto, List.of(f).subList(2, f.length)));
        }
        return out;
    }

    /** The file this table read, or tried to. */
    public Path file() {
        return file;
    }

    /** Whether the file existed and was read. */
    public boolean fileRead() {
        return fileRead;
    }

    /** The file's tcp and udp entries, in file order. */
    public List<Entry> fileEntries() {
        return fileEntries;
    }

    /** The built-in table's entries, one per protocol, in table order. */
    public List<Entry> builtInEntries() {
        return BUILT_IN;
    }

    /** The port of a service name: the file first, then the built-in table. */
    public Optional<Port> portOf(String name, Protocol protocol) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        for (String p : protocols(protocol)) {
            Integer n = fileByName.get(name + "/" + p);
            if (n != null) {
                return Optional.of(Port.of(n));
            }
        }
        for (String p : protocols(protocol)) {
            Integer n = builtInByName.get(name + "/" + p);
            if (n != null) {
                return Optional.of(Port.of(n));
            }
        }
        return Optional.empty();
    }

    /** The official name of the service on a port: the file first, then the built-in table. */
    public Optional<String> nameOf(Port port, Protocol protocol) {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(protocol, "protocol");
        for (String p : protocols(protocol)) {
            String n = fileByPort.get(port.number() + "/" + p);
            if (n != null) {
                return Optional.of(n);
            }
        }
        for (String p : protocols(protocol)) {
            String n = builtInByPort.get(port.number() + "/" + p);
            if (n != null) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    private static List<String> protocols(Protocol protocol) {
        switch (protocol) {
            case TCP:
                return List.of("tcp");
            case UDP:
                return List.of("udp");
            default:
                return List.of("tcp", "udp");
        }
    }

    /** {@link #portOf} on the library's table. */
    public static Optional<Port> byName(String name, Protocol protocol) {
        return system().portOf(name, protocol);
    }

    /** {@link #nameOf} on the library's table. */
    public static Optional<String> byPort(Port port, Protocol protocol) {
        return system().nameOf(port, protocol);
    }

    @Override
    public String toString() {
        return "ServiceTable[" + file + (fileRead ? ", " + fileEntries.size() + " entries" : ", missing")
                + ", " + BUILT_IN.size() + " built in]";
    }
}
