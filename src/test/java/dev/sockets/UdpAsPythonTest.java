package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.Python;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A UDP socket does what Python's does for the same steps: each test runs them in Python 3 on
 * this machine and in Java, and compares what both print.
 */
class UdpAsPythonTest {

    private static final String UDP = "import socket, time\n"
            + "def udp():\n"
            + "    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
            + "    s.bind(('127.0.0.1', 0))\n"
            + "    s.settimeout(10)\n"
            + "    return s\n";

    private final List<UdpSocket> open = new ArrayList<>();

    private UdpSocket udp() {
        var s = Sockets.udp().timeout(Duration.ofSeconds(10)).bind("127.0.0.1", 0);
        open.add(s);
        return s;
    }

    @AfterEach
    void close() {
        open.forEach(UdpSocket::close);
    }

    @Test
    void recv_on_a_bound_socket_receives_from_anyone() throws Exception {
        var python = Python.run(UDP
                + "r, s = udp(), udp()\n"
                + "s.sendto(b'hi', r.getsockname())\n"
                + "print(r.recv(10))\n");
        var r = udp();
        var s = udp();
        s.sendto("hi", r.local());
        assertEquals(python, List.of(r.recv(10).toString()));
    }

    @Test
    void a_bound_socket_that_connects_hears_only_its_peer_and_sends_to_it() throws Exception {
        var python = Python.run(UDP
                + "a, b, c = udp(), udp(), udp()\n"
                + "a.connect(b.getsockname())\n"
                + "c.sendto(b'from c', a.getsockname())\n"
                + "b.sendto(b'from b', a.getsockname())\n"
                + "print(a.recv(10))\n"
                + "a.send(b'to b')\n"
                + "print(b.recvfrom(10)[0])\n"
                + "print(a.getpeername() == b.getsockname())\n");
        var a = udp();
        var b = udp();
        var c = udp();
        assertSame(a, a.connect(b.local()));
        c.sendto("from c", a.local());
        b.sendto("from b", a.local());
        String first = a.recv(10).toString();
        a.send("to b");
        assertEquals(python, List.of(first, b.recvfrom(10).data().toString(),
                a.remote().equals(Optional.of(b.local())) ? "True" : "False"));
        assertEquals("UdpSocket[" + a.local().text() + " -> " + b.local().text() + "]", a.toString());
    }

    @Test
    void disconnect_makes_a_bound_socket_again_and_connect_again_changes_the_peer() {
        var a = udp();
        var b = udp();
        var c = udp();
        a.connect("127.0.0.1", b.local().port().number());
        a.connect(Host.of("127.0.0.1"), c.local().port());      // a new peer: c
        a.send("to c");
        assertEquals("to c", c.recv(10).text());
        assertSame(a, a.disconnect());
        assertEquals(Optional.empty(), a.remote());
        b.sendto("from b", a.local());
        Datagram d = a.recvfrom(10);
        assertEquals(b.local(), d.remote());
        var e = assertThrows(IllegalStateException.class, () -> a.send("x"));
        assertEquals("expected a connected socket for send but " + a.local().text()
                + " has no peer; use sendto(data, host, port), or connect(host, port) first", e.getMessage());
    }

    @Test
    void a_timeout_set_on_the_open_socket_ends_a_receive_as_settimeout_does() throws Exception {
        var python = Python.run(UDP
                + "s = udp()\n"
                + "s.settimeout(0.2)\n"
                + "t = time.monotonic()\n"
                + "try:\n"
                + "    s.recv(10)\n"
                + "    print('received')\n"
                + "except socket.timeout:\n"
                + "    print('timed out', time.monotonic() - t >= 0.2)\n"
                + "s.settimeout(None)\n"
                + "s.sendto(b'again', s.getsockname())\n"
                + "print(s.recv(10))\n");
        var s = Sockets.udp().bind("127.0.0.1", 0);   // no timeout from the spec: blocking receives
        open.add(s);
        assertSame(s, s.timeout(Duration.ofMillis(200)));
        long t = System.nanoTime();
        String first;
        try {
            s.recv(10);
            first = "received";
        } catch (Timeout e) {
            first = "timed out " + (System.nanoTime() - t >= Duration.ofMillis(200).toNanos() ? "True" : "False");
        }
        assertSame(s, s.noTimeout());
        s.sendto("again", s.local());
        assertEquals(python, List.of(first, s.recv(10).toString()));
    }

    @Test
    void a_zero_timeout_is_refused_because_it_means_the_opposite_in_python() {
        var s = udp();
        var e = assertThrows(IllegalArgumentException.class, () -> s.timeout(Duration.ZERO));
        assertEquals("expected timeout > 0 but was 0 s: 0 waits forever on a Java socket and never waits in Python;"
                + " noTimeout() waits forever (the default), and onReceive or onDatagram serve without blocking", e.getMessage());
        assertEquals("expected timeout > 0 but was -1 s",
                assertThrows(IllegalArgumentException.class, () -> s.timeout(Duration.ofSeconds(-1))).getMessage());
    }

    @Test
    void sends_keep_working_after_a_timeout_turns_the_socket_non_blocking() {
        var rx = udp();
        var tx = Sockets.udp().bind("127.0.0.1", 0);   // blocking until the timeout below
        open.add(tx);
        for (int i = 0; i < 200; i++) {
            if (i == 100) {
                tx.timeout(Duration.ofSeconds(5));
                assertThrows(Timeout.class, () -> tx.timeout(Duration.ofMillis(1)).recv(1));   // the switch happens here
                tx.timeout(Duration.ofSeconds(5));
            }
            tx.sendto("n" + i, rx.local());
            assertEquals("n" + i, rx.recv(10).text());
        }
    }
}
