package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.internal.words.ServiceTable;
import dev.sockets.internal.words.ServiceTable.Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assumptions;

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

    @Provide
    Arbitrary<Entry> builtIn() {
        return Arbitraries.of(ServiceTable.load(Path.of("/nonexistent/services")).builtInEntries());
    }

    @Property(generation = net.jqwik.api.GenerationMode.EXHAUSTIVE)
    void the_built_in_table_agrees_with_etc_services_wherever_the_file_lists_the_service(@ForAll("builtIn") Entry b) {
        Assumptions.assumeTrue(Files.isReadable(ETC_SERVICES), "this machine has no /etc/services to compare with");
        ServiceTable file = ServiceTable.load(ETC_SERVICES);
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

    private static List<String> names(Entry b) {
        var out = new ArrayList<String>();
        out.add(b.name());
        out.addAll(b.aliases());
        return out;
    }

    /** Counts the comparisons, so a run shows how much of the table the machine's file backs. */
    @Example
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

    @Provide
    Arbitrary<Entry> fileEntries() {
        return Arbitraries.of(ServiceTable.load(ETC_SERVICES).fileEntries());
    }

    /** getservbyname: the first line naming the service (officially or as an alias) answers. */
    @Property(generation = net.jqwik.api.GenerationMode.EXHAUSTIVE)
    void by_name_answers_the_first_line_of_etc_services_for_every_name_it_lists(@ForAll("fileEntries") Entry e) {
        ServiceTable file = ServiceTable.load(ETC_SERVICES);
        for (String name : names(e)) {
            Entry first = inFile(file, name, e.protocol()).orElseThrow();
            assertEquals(Optional.of(Port.of(first.port())), Services.byName(name, protocol(e)), name);
        }
    }

    /** getservbyport: the first line with that port answers its official name. */
    @Property(generation = net.jqwik.api.GenerationMode.EXHAUSTIVE)
    void by_port_answers_the_official_name_of_the_first_line_with_that_port(@ForAll("fileEntries") Entry e) {
        ServiceTable file = ServiceTable.load(ETC_SERVICES);
        Entry first = file.fileEntries().stream()
                .filter(f -> f.port() == e.port() && f.protocol().equals(e.protocol())).findFirst().orElseThrow();
        assertEquals(Optional.of(first.name()), Services.byPort(Port.of(e.port()), protocol(e)));
    }
}
