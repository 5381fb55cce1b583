package dev.sockets.internal.words;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The protocols database: this machine's /etc/protocols, and the built-in table behind it. */
class ProtocolTableTest {

    @Test
    void each_built_in_protocol_is_as_this_machines_file_lists_it() {
        List<ProtocolTable.Entry> file = ProtocolTable.load(Path.of("/etc/protocols"));
        assertTrue(file.size() > ProtocolTable.BUILT_IN.size(), "the file was read: " + file.size());
        for (ProtocolTable.Entry e : ProtocolTable.BUILT_IN) {
            assertTrue(file.contains(e), e + " is not in /etc/protocols");
        }
    }

    @Test
    void a_missing_file_gives_the_built_in_table() {
        assertEquals(ProtocolTable.BUILT_IN, ProtocolTable.load(Path.of("/nonexistent/protocols")));
    }

    @Test
    void lines_parse_as_the_c_library_reads_them() {
        assertEquals(List.of(new ProtocolTable.Entry("tcp", 6, List.of("TCP")),
                        new ProtocolTable.Entry("manet", 138, List.of())),
                ProtocolTable.parse(List.of("# comment", "tcp\t6\tTCP\t\t# transmission control protocol", "",
                        "manet\t138\t\t\t# MANET", "broken x", "lonely")));
    }
}
