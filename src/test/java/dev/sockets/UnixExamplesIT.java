package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.ExampleProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** examples/UnixEcho.java and jshell-scripts/unix.jsh, run as a user runs them, output checked. */
@Timeout(120)
class UnixExamplesIT {
    @TempDir
    Path dir;

    @RegisterExtension
    final ExampleProcesses processes = new ExampleProcesses();

    @Test
    void unix_echo_demo_echoes_and_removes_its_socket_file() throws Exception {
        var demo = processes.example("UnixEcho");
        assertEquals(0, demo.exit(), demo.printed().toString());
        String out = demo.output();
        assertTrue(out.matches("server: Server\\[unix:/\\S+/echo\\.sock, 0 open, 0 accepted\\]\n"
                + "echo: hello\n"
                + "echo: over a socket file\n"
                + "socket file removed: true\n"), out);
    }

    @Test
    void unix_echo_serves_a_client_in_another_process_then_removes_the_file() throws Exception {
        Path sock = dir.resolve("echo.sock");
        var server = processes.example("UnixEcho", "serve", sock.toString(), "1");
        server.await("UnixEcho listening on unix:" + java.util.regex.Pattern.quote(sock.toString()));
        var client = processes.example("UnixEcho", "send", sock.toString(), "one", "two");
        assertEquals(0, client.exit(), client.printed().toString());
        assertEquals("echo: one\necho: two\n", client.output());
        assertEquals(0, server.exit(), server.printed().toString());
        server.await("closed; socket file still there: false");
        assertFalse(Files.exists(sock));
    }

    @Test
    void unix_echo_replaces_the_stale_file_a_killed_server_left() throws Exception {
        Path sock = dir.resolve("crash.sock");
        var first = processes.example("UnixEcho", "serve", sock.toString());
        first.await("UnixEcho listening on unix:" + java.util.regex.Pattern.quote(sock.toString()));
        first.kill();
        assertTrue(Files.exists(sock), "a killed server leaves its socket file");
        var second = processes.example("UnixEcho", "serve", sock.toString(), "1");
        second.await("UnixEcho listening on unix:" + java.util.regex.Pattern.quote(sock.toString()));
        var client = processes.example("UnixEcho", "send", sock.toString(), "again");
        assertEquals("echo: again\n", client.output());
        assertEquals(0, second.exit());
    }

    @Test
    void unix_jshell_script_runs_and_prints_each_step() throws Exception {
        var js = processes.jshell("unix.jsh");
        assertEquals(0, js.exit(), js.printed().toString());
        String out = js.output();
        assertTrue(out.matches("server: Server\\[unix:/\\S+/app\\.sock, 0 open, 0 accepted\\]\n"
                + "file mode: rw-------\n"
                + "reply: hi, jshell\n"
                + "refused: bind unix:\\$DIR/app\\.sock: \\[Errno 98\\] a server is listening there; held by"
                + " Server\\[unix:\\$DIR/app\\.sock, \\d+ open, \\d+ accepted\\] opened \\d+ s ago in this JVM: close it, or Sockets\\.closeAll\\(\\)\n"
                + "pair: b'ping'\n"
                + "file removed: true\n"), out);
    }
}
