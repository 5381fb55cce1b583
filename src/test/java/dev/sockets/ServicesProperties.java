package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.internal.words.ServiceTable;
import dev.sockets.internal.words.ServiceTable.Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ServicesProperties {

    private static final Path ETC_SERVICES = Path.of("/etc/services");

    private static Protocol protocol(Entry e) {
        return e.protocol().equals("tcp") ? Protocol.TCP : Protocol.UDP;
    }

    /** The file's line for this name and protocol, if it lists one (official name or alias). */
    private static Optional<Entry> inFile(ServiceTable file, String name, String protocol) {
        return file.fileEntries().stream()
                .filter(e -> e.protocol().equals(protocol) && (e.name().equals(name) || e.aliases().contains(name)))
                .findFirst();
    }

    /*
     * The tables are small and fixed, so these properties try every entry, in order, rather than a
     * random sample: a plain loop does that, and its messages name the entry.
     */

    @Test
    void the_built_in_table_agrees_with_etc_services_wherever_the_file_lists_the_service() {
        Assumptions.assumeTrue(Files.isReadable(ETC_SERVICES), "this machine has no /etc/services to compare with");
        ServiceTable file = ServiceTable.load(ETC_SERVICES);
        for (Entry b : ServiceTable.load(Path.of("/nonexistent/services")).builtInEntries()) {
            for (String name : names(b)) {
                inFile(file, name, b.protocol()).ifPresent(f -> {
                    assertEquals(b.port(), f.port(), name + "/" + b.protocol());
                    assertEquals(b.name(), f.name(), name + "/" + b.protocol() + ": official name");
                });
            }
            // Where the file lists the official name, it lists every built-in alias with it.
            inFile(file, b.name(), b.protocol()).ifPresent(f ->
                    assertTrue(f.aliases().containsAll(b.aliases()), b + " against " + f));
        }
    }

    private static List<String> names(Entry b) {
        var out = new ArrayList<String>();
        out.add(b.name());
        out.addAll(b.aliases());
        return out;
    }

    /** Counts the comparisons, so a run shows how much of the table the machine's file backs. */
    @Test
    void most_of_the_built_in_table_is_compared_with_etc_services() {
        Assumptions.assumeTrue(Files.isReadable(ETC_SERVICES), "this machine has no /etc/services to compare with");
        ServiceTable file = ServiceTable.load(ETC_SERVICES);
        List<Entry> all = file.builtInEntries();
        var absent = new ArrayList<String>();
        int compared = 0;
        for (Entry b : all) {
            if (inFile(file, b.name(), b.protocol()).isPresent()) {
                compared++;
            } else {
                absent.add(b.name() + "/" + b.protocol());
            }
        }
        System.out.println("built-in services compared with /etc/services: " + compared + " of " + all.size()
                + "; absent from the file: " + absent);
        assertTrue(compared * 10 >= all.size() * 8, "only " + compared + " of " + all.size() + " compared: " + absent);
    }

    /** getservbyname: the first line naming the service (officially or as an alias) answers. */
    @Test
    void by_name_answers_the_first_line_of_etc_services_for_every_name_it_lists() {
        Assumptions.assumeTrue(Files.isReadable(ETC_SERVICES), "this machine has no /etc/services to compare with");
        ServiceTable file = ServiceTable.load(ETC_SERVICES);
        assertFalse(file.fileEntries().isEmpty(), "/etc/services lists no service: nothing was compared");
        for (Entry e : file.fileEntries()) {
            for (String name : names(e)) {
                Entry first = inFile(file, name, e.protocol()).orElseThrow();
                assertEquals(Optional.of(Port.of(first.port())), Services.byName(name, protocol(e)), name + "/" + e.protocol());
            }
        }
    }

    /** getservbyport: the first line with that port answers its official name. */
    @Test
    void by_port_answers_the_official_name_of_the_first_line_with_that_port() {
        Assumptions.assumeTrue(Files.isReadable(ETC_SERVICES), "this machine has no /etc/services to compare with");
        ServiceTable file = ServiceTable.load(ETC_SERVICES);
        assertFalse(file.fileEntries().isEmpty(), "/etc/services lists no service: nothing was compared");
        for (Entry e : file.fileEntries()) {
            Entry first = file.fileEntries().stream()
                    .filter(f -> f.port() == e.port() && f.protocol().equals(e.protocol())).findFirst().orElseThrow();
            assertEquals(Optional.of(first.name()), Services.byPort(Port.of(e.port()), protocol(e)), e.toString());
        }
    }
}
