package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.ExampleProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The UDP examples and script, run as a user runs them: {@code java -cp sockets.jar examples/X.java}
 * and {@code jshell --class-path sockets.jar jshell-scripts/udp.jsh}, in subprocesses, output checked.
 */
@Timeout(120)
class UdpExamplesIT {
    @RegisterExtension
    final ExampleProcesses processes = new ExampleProcesses();

    @Test
    void udp_echo_sends_back_what_udp_client_sent() throws Exception {
        var echo = processes.example("UdpEcho", "127.0.0.1", "0", "1");
        String port = echo.await("UdpEcho listening on 127\\.0\\.0\\.1:(\\d+)").group(1);
        var client = processes.example("UdpClient", "127.0.0.1", port, "hi there");
        assertEquals(0, client.exit(), client.printed().toString());
        assertEquals("sent b'hi there' to 127.0.0.1:" + port + "\ngot b'hi there'\n", client.output());
        echo.await("echo Datagram\\[b'hi there' from 127\\.0\\.0\\.1:\\d+\\]");
        assertEquals(0, echo.exit(), "UdpEcho stops after the count it was given");
    }

    @Test
    void udp_client_without_a_server_says_it_was_refused() throws Exception {
        int port;
        try (var gone = Sockets.udp().bind("127.0.0.1", 0)) {
            port = gone.local().port().number();
        }
        var client = processes.example("UdpClient", "127.0.0.1", Integer.toString(port));
        assertEquals(1, client.exit());
        assertEquals("sent b'hello' to 127.0.0.1:" + port + "\nrefused: recv from 127.0.0.1:" + port
                + ": [Errno 111] connection refused; is a server listening on port " + port + "?\n", client.output());
    }

    @Test
    void discovery_demo_hears_its_three_responders_over_127_255_255_255() throws Exception {
        var demo = processes.example("Discovery");
        assertEquals(0, demo.exit(), demo.printed().toString());
        String out = demo.output();
        assertTrue(out.matches("(?s)asked 127\\.255\\.255\\.255:\\d+ \"who is there\\?\"\n.*"), out);
        for (int i = 1; i <= 3; i++) {
            assertTrue(out.matches("(?s).*answer from 127\\.0\\.0\\.1:\\d+: responder-" + i + " here\n.*"), out);
        }
        assertTrue(out.endsWith("3 answered within 1000 ms\n"), out);
    }

    @Test
    void discovery_across_processes_lists_every_responder_that_answers() throws Exception {
        var alpha = processes.example("Discovery", "respond", "alpha", "0", "1");
        String port = alpha.await("responder alpha on 0\\.0\\.0\\.0:(\\d+)").group(1);
        var beta = processes.example("Discovery", "respond", "beta", port, "1");
        beta.await("responder beta on 0\\.0\\.0\\.0:" + port);
        var ask = processes.example("Discovery", "ask", port, "127.255.255.255", "2000");
        assertEquals(0, ask.exit(), ask.printed().toString());
        String out = ask.output();
        assertTrue(out.startsWith("asked 127.255.255.255:" + port + " \"who is there?\"\n"), out);
        assertTrue(out.contains(": alpha here\n"), out);
        assertTrue(out.contains(": beta here\n"), out);
        assertTrue(out.endsWith("2 answered within 2000 ms\n"), out);
        assertEquals(0, alpha.exit());
        assertEquals(0, beta.exit());
    }

    @Test
    void multicast_example_reaches_both_members_on_lo() throws Exception {
        var mc = processes.example("Multicast");
        assertEquals(0, mc.exit(), mc.printed().toString());
        String out = mc.output();
        assertTrue(out.matches("members: UdpSocket\\[0\\.0\\.0\\.0:(\\d+), joined 239\\.255\\.0\\.1 on lo\\]"
                + " and UdpSocket\\[0\\.0\\.0\\.0:\\1, joined 239\\.255\\.0\\.1 on lo\\]\n"
                + "sent to 239\\.255\\.0\\.1:\\1 with UdpSpec\\[multicastInterface=lo, multicastTtl=0, multicastLoop=true\\]\n"
                + "member 1 got b'hello, group'\n"
                + "member 2 got b'hello, group'\n"), out);
    }

    @Test
    void udp_jshell_script_runs_and_prints_each_step() throws Exception {
        var js = processes.jshell("udp.jsh");
        assertEquals(0, js.exit(), js.printed().toString());
        String out = js.output();
        assertTrue(out.matches("(?s)receiver: UdpSocket\\[127\\.0\\.0\\.1:(\\d+)\\]\n"
                + "got: Datagram\\[b'hello' from 127\\.0\\.0\\.1:\\d+\\]\n"
                + "reply: Datagram\\[b'pong' from 127\\.0\\.0\\.1:\\1\\]\n"
                + "short read: Datagram\\[b'a long' from 127\\.0\\.0\\.1:\\d+, truncated to 6 bytes\\]\n"
                + "refused: sendto <broadcast>:9999: \\[Errno 13\\] permission denied; sending to a broadcast address needs"
                + " broadcast\\(true\\) on the spec, as in Sockets\\.udp\\(\\)\\.broadcast\\(true\\)\n"
                + "closed: UdpSocket\\[closed, was 127\\.0\\.0\\.1:\\1\\]\n"), out);
    }
}
