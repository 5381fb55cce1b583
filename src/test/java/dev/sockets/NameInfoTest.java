package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NameInfoTest {

    @Test
    void prints_as_pythons_pair() {
        assertEquals("('localhost', 'http')", new NameInfo("localhost", "http").toString());
        assertEquals("('127.0.0.1', '8080')", new NameInfo("127.0.0.1", "8080").toString());
    }

    @Test
    void the_flags_have_linuxs_values() {
        assertEquals(1, NameInfo.NI_NUMERICHOST);
        assertEquals(2, NameInfo.NI_NUMERICSERV);
        assertEquals(4, NameInfo.NI_NOFQDN);
        assertEquals(8, NameInfo.NI_NAMEREQD);
        assertEquals(16, NameInfo.NI_DGRAM);
    }
}
