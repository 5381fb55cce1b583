package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The values the name services answer print as Python's tuples. */
class HostEntryTest {

    @Test
    void a_host_entry_prints_as_pythons_triple() {
        assertEquals("('localhost', [], ['127.0.0.1'])",
                new HostEntry("localhost", List.of(), List.of(Host.of("127.0.0.1"))).toString());
        assertEquals("('ip6-localhost', ['ip6-loopback'], ['::1'])",
                new HostEntry("ip6-localhost", List.of("ip6-loopback"), List.of(Host.of("::1"))).toString());
        assertEquals("('db.example.test', ['db', 'db1'], ['127.0.1.1', '127.0.1.2'])",
                new HostEntry("db.example.test", List.of("db", "db1"),
                        List.of(Host.of("127.0.1.1"), Host.of("127.0.1.2"))).toString());
    }

    @Test
    void a_host_entry_keeps_its_own_lists() {
        var aliases = new ArrayList<>(List.of("db"));
        var e = new HostEntry("db.test", aliases, List.of(Host.of("127.0.0.1")));
        aliases.add("other");
        assertEquals(List.of("db"), e.aliases());
        assertThrows(UnsupportedOperationException.class, () -> e.aliases().add("x"));
        assertThrows(NullPointerException.class, () -> new HostEntry(null, List.of(), List.of()));
    }

    @Test
    void an_interface_prints_as_pythons_pair() {
        assertEquals("(1, 'lo')", new Interface(1, "lo").toString());
        assertEquals("[(1, 'lo'), (2, 'eth0')]", List.of(new Interface(1, "lo"), new Interface(2, "eth0")).toString());
        assertEquals("expected index > 0 but was 0",
                assertThrows(IllegalArgumentException.class, () -> new Interface(0, "lo")).getMessage());
    }
}
