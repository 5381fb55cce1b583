package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.internal.words.PortParser;
import dev.sockets.internal.words.ServiceTable;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicesTest {

    @Test
    void by_name_finds_official_names_and_aliases() {
        assertEquals(Optional.of(Port.of(80)), Services.byName("http", Protocol.TCP));
        assertEquals(Optional.of(Port.of(80)), Services.byName("www", Protocol.TCP));
        assertEquals(Optional.of(Port.of(5432)), Services.byName("postgres", Protocol.TCP));
        assertEquals(Optional.of(Port.of(123)), Services.byName("ntp", Protocol.UDP));
    }

    @Test
    void by_name_keeps_to_the_protocol_and_default_means_either() {
        assertEquals(Optional.empty(), Services.byName("ntp", Protocol.TCP));
        assertEquals(Optional.of(Port.of(123)), Services.byName("ntp", Protocol.DEFAULT));
        assertEquals(Optional.of(Port.of(22)), Services.byName("ssh", Protocol.DEFAULT));
    }

    @Test
    void by_name_is_case_sensitive_as_glibc() {
        assertEquals(Optional.empty(), Services.byName("WWW", Protocol.TCP));
        assertEquals(Optional.empty(), Services.byName("Http", Protocol.TCP));
    }

    @Test
    void by_port_answers_the_official_name() {
        assertEquals(Optional.of("http"), Services.byPort(Port.of(80), Protocol.TCP));
        assertEquals(Optional.of("ssh"), Services.byPort(Port.of(22), Protocol.TCP));
        assertEquals(Optional.of("ntp"), Services.byPort(Port.of(123), Protocol.UDP));
        assertEquals(Optional.empty(), Services.byPort(Port.of(123), Protocol.TCP));
        assertEquals(Optional.empty(), Services.byPort(Port.of(0), Protocol.TCP));
    }

    @Test
    void without_a_services_file_the_built_in_table_answers(@TempDir Path dir) {
        ServiceTable t = ServiceTable.load(dir.resolve("no-such-services"));
        assertFalse(t.fileRead());
        for (String[] row : new String[][] {{"echo", "7"}, {"discard", "9"}, {"daytime", "13"}, {"ftp-data", "20"},
                {"ftp", "21"}, {"ssh", "22"}, {"telnet", "23"}, {"smtp", "25"}, {"domain", "53"}, {"http", "80"},
                {"www", "80"}, {"pop3", "110"}, {"nntp", "119"}, {"imap", "143"}, {"imap2", "143"}, {"snmp", "161"},
                {"ldap", "389"}, {"https", "443"}, {"submission", "587"}, {"imaps", "993"}, {"pop3s", "995"},
                {"mysql", "3306"}, {"postgresql", "5432"}}) {
            assertEquals(Optional.of(Port.of(Integer.parseInt(row[1]))), t.portOf(row[0], Protocol.TCP), row[0]);
        }
        assertEquals(Optional.of(Port.of(123)), t.portOf("ntp", Protocol.UDP));
        assertEquals(Optional.of(Port.of(53)), t.portOf("domain", Protocol.UDP));
        assertEquals(Optional.empty(), t.portOf("ssh", Protocol.UDP));
        assertEquals(Optional.of("http"), t.nameOf(Port.of(80), Protocol.TCP));
        assertEquals(Either.right(Port.of(80)), PortParser.parse("www", Protocol.TCP, t));
    }

    @Test
    void a_services_file_is_read_with_comments_aliases_and_protocols(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("services");
        Files.write(f, List.of(
                "# a comment line",
                "",
                "myservice\t12345/tcp\tmine my-alias\t# trailing comment",
                "myservice\t12346/udp",
                "myservice\t22222/tcp\t\t# a later line for the same name loses",
                "http\t8080/tcp\twww",
                "sctponly\t999/sctp",
                "broken\tnotaport/tcp",
                "toolarge\t70000/tcp",
                "noslash 77"));
        ServiceTable t = ServiceTable.load(f);
        assertTrue(t.fileRead());
        assertEquals(4, t.fileEntries().size());
        assertEquals(Optional.of(Port.of(12345)), t.portOf("myservice", Protocol.TCP));
        assertEquals(Optional.of(Port.of(12345)), t.portOf("mine", Protocol.TCP));
        assertEquals(Optional.of(Port.of(12345)), t.portOf("my-alias", Protocol.TCP));
        assertEquals(Optional.of(Port.of(12346)), t.portOf("myservice", Protocol.UDP));
        assertEquals(Optional.of("myservice"), t.nameOf(Port.of(12345), Protocol.TCP));
        // The file wins over the built-in table where both have the name...
        assertEquals(Optional.of(Port.of(8080)), t.portOf("www", Protocol.TCP));
        // ...and the built-in table answers where the file lacks it.
        assertEquals(Optional.of(Port.of(22)), t.portOf("ssh", Protocol.TCP));
        assertEquals(Optional.empty(), t.portOf("sctponly", Protocol.DEFAULT));
        assertEquals(Optional.empty(), t.portOf("broken", Protocol.TCP));
        assertEquals(Optional.empty(), t.portOf("toolarge", Protocol.TCP));
        assertEquals(Either.right(Port.of(12345)), PortParser.parse("mine", Protocol.TCP, t));
    }

    @Test
    void the_library_reads_etc_services() {
        assertEquals(Path.of("/etc/services"), ServiceTable.system().file());
        assertEquals(Files.isReadable(Path.of("/etc/services")), ServiceTable.system().fileRead());
    }
}
