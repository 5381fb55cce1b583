package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TcpBinding: a value that opens nothing until listen or connect. */
@Timeout(60)
class TcpBindingTest {

    @Test
    void binding_opens_nothing_and_prints_the_address_and_settings() {
        // Two bindings of one busy port: no AddressInUse until listen.
        try (var l = Sockets.tcp().bind("127.0.0.1", 0).listen()) {
            TcpBinding b = Sockets.tcp().bind("127.0.0.1", l.port());
            assertEquals("TcpBinding[127.0.0.1:" + l.port() + "]", b.toString());
            assertEquals(Endpoint.of("127.0.0.1", l.port()), b.local());
        }
        TcpBinding withSettings = Sockets.tcp().timeout(Duration.ofSeconds(2)).bind("", 5000);
        assertEquals("TcpBinding[:5000, timeout=2 s]", withSettings.toString());
        assertEquals(withSettings, Sockets.tcp().timeout(Duration.ofSeconds(2)).bind("", 5000));
        assertNotEquals(withSettings, Sockets.tcp().timeout(Duration.ofSeconds(3)).bind("", 5000));
        assertNotEquals(withSettings, Sockets.tcp().timeout(Duration.ofSeconds(2)).bind("", 5001));
    }

    @Test
    void bad_arguments_are_refused_at_once() {
        // A port out of range is a SocketError (an AddressError), whichever verb gets it.
        assertEquals("`70000`: expected port in [0, 65535] but was 70000",
                assertThrows(AddressError.class, () -> Sockets.tcp().bind("", 70000)).getMessage());
        assertThrows(AddressError.class, () -> Sockets.tcp().connect("127.0.0.1", 70000));
        assertThrows(AddressError.class, () -> Sockets.udp().bind("127.0.0.1", -1));
        assertEquals("expected backlog >= 0 but was -1",
                assertThrows(IllegalArgumentException.class, () -> Sockets.tcp().bind("", 0).listen(-1)).getMessage());
        assertThrows(AddressError.class, () -> Sockets.tcp().bind("", "no such service"));
        assertEquals("host", assertThrows(NullPointerException.class,
                () -> Sockets.tcp().bind((Host) null, Port.any())).getMessage());
    }

    @Test
    void backlog_zero_means_the_default_and_listens() {
        try (var l = Sockets.tcp().bind("127.0.0.1", 0).listen(0);
             var c = Sockets.tcp().connect("127.0.0.1", l.port()); var a = l.accept()) {
            assertEquals(c.local(), a.remote());
        }
    }
}
