package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Datagram: prints its bytes, its sender and, when cut short, that it was. */
@Timeout(60)
class DatagramTest {

    @Test
    void a_whole_datagram_prints_its_bytes_and_sender() {
        var d = new Datagram(Bytes.of("ping"), Endpoint.of("127.0.0.1", 41234), false);
        assertEquals("Datagram[b'ping' from 127.0.0.1:41234]", d.toString());
    }

    @Test
    void a_truncated_datagram_says_so_in_its_text() {
        var d = new Datagram(Bytes.of("0123"), Endpoint.of("127.0.0.1", 5000), true);
        assertEquals("Datagram[b'0123' from 127.0.0.1:5000, truncated to 4 bytes]", d.toString());
    }

    @Test
    void data_and_remote_are_required() {
        assertEquals("data", assertThrows(NullPointerException.class,
                () -> new Datagram(null, Endpoint.of("127.0.0.1", 1), false)).getMessage());
        assertEquals("remote", assertThrows(NullPointerException.class,
                () -> new Datagram(Bytes.empty(), null, false)).getMessage());
    }
}
