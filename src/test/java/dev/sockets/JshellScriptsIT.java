package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.Subprocess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each JShell script run as a user runs it: {@code jshell --class-path target/sockets.jar jshell-scripts/x.jsh}. */
@Timeout(240)
class JshellScriptsIT {
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final Path BASE = Path.of(System.getProperty("sockets.basedir", "."));
    private static final String JAR = System.getProperty("sockets.jar", "target/sockets.jar");

    private static Subprocess jshell(String script, String... remoteProperties) throws Exception {
        var cmd = new ArrayList<>(List.of(Subprocess.tool("jshell")));
        for (String p : remoteProperties) {
            cmd.add("-R-D" + p);
        }
        cmd.addAll(List.of("--class-path", JAR, "jshell-scripts/" + script));
        return Subprocess.start(BASE, cmd);
    }

    @Test
    void server_and_client_scripts_print_what_the_tutorial_prints() throws Exception {
        try (var server = jshell("server.jsh", "host=127.0.0.1", "port=0", "count=1")) {
            String listening = server.awaitPrefix("Listening on 127.0.0.1:", LIMIT);
            String port = listening.substring(listening.lastIndexOf(':') + 1);
            try (var client = jshell("client.jsh", "host=127.0.0.1", "port=" + port)) {
                assertEquals(List.of("Thank you for connecting"), client.finish(LIMIT), client.errors());
            }
            server.await(l -> l.matches("Got connection from 127\\.0\\.0\\.1:\\d+"), LIMIT);
            server.finish(LIMIT);
            assertEquals(0, server.exitCode(), server.errors());
        }
    }

    @Test
    void echo_script_serves_in_the_background_and_talks_to_itself() throws Exception {
        try (var echo = jshell("echo.jsh")) {
            List<String> out = echo.finish(LIMIT);
            assertEquals(5, out.size(), out + echo.errors());
            assertTrue(out.get(0).matches("Server\\[tcp 127\\.0\\.0\\.1:\\d+, 0 open, 0 accepted\\]"), out.get(0));
            assertEquals(List.of("echo: hello", "echo: ciao", "echo: hallo"), out.subList(1, 4));
            assertTrue(out.get(4).matches("Server\\[tcp 127\\.0\\.0\\.1:\\d+, 0 open, 1 accepted, closed\\]"), out.get(4));
        }
    }

    @Test
    void tls_script_serves_and_talks_with_a_throwaway_identity_and_shows_the_untrusted_error() throws Exception {
        try (var tls = jshell("tls.jsh")) {
            List<String> out = tls.finish(LIMIT);
            assertEquals(7, out.size(), out + tls.errors());
            assertTrue(out.get(0).matches("TlsIdentity\\[CN=localhost, names \\[localhost, 127\\.0\\.0\\.1\\], EC P-256, expires"
                    + " \\d{4}-\\d\\d-\\d\\d, self-signed\\]"), out.get(0));
            assertEquals("TLSv1.3", out.get(1));
            assertEquals(List.of("echo: hello", "echo: ciao", "echo: hallo"), out.subList(2, 5));
            assertTrue(out.get(5).startsWith("TlsError: "), out.get(5));
            assertTrue(out.get(6).matches("Server\\[tls 127\\.0\\.0\\.1:\\d+, 0 open, 2 accepted, closed\\]"), out.get(6));
        }
    }

    @Test
    void expect_script_logs_in_waits_for_prompts_and_takes_the_timeout_and_the_end_as_answers() throws Exception {
        try (var expect = jshell("expect.jsh")) {
            List<String> out = expect.finish(LIMIT);
            assertEquals(List.of(
                    "Match[1 \"Login incorrect\" matched \"Login incorrect\", before \"\"]",
                    "Match[0 /(\\w+)@(\\w+):~\\$ / matched \"alice@box7:~$ \", before \"Last login: today\\r\\n\", groups [\"alice\", \"box7\"]]",
                    "uid 1000 is alice",
                    "the rest of the line:  gid=100(users)",
                    "Match[1 TIMEOUT, before \"\"]",
                    "Match[1 EOF, before \"logout\\r\\n\"]",
                    "SocketClosed: the stream ended while waiting for \"login: \"; nothing came"), out, expect.errors());
            assertEquals(0, expect.exitCode(), expect.errors());
        }
    }

    @Test
    void wiretap_script_records_text_as_text_and_bytes_as_a_hexdump_between_open_and_close() throws Exception {
        try (var tap = jshell("wiretap.jsh")) {
            String time = "\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}";
            String ends = "127\\.0\\.0\\.1:\\d+ %s 127\\.0\\.0\\.1:\\d+";
            List<String> out = tap.finish(LIMIT).stream().map(l -> l.replaceAll(time, "TS")
                    .replaceAll(String.format(ends, "(<>|<|>)"), "ENDS $1")).toList();
            assertEquals(List.of(
                    "* TS  open tcp connect  ENDS <>",
                    "> TS  length=6 from=0 to=5  ENDS >",
                    "hello\\n",
                    "< TS  length=6 from=0 to=5  ENDS <",
                    "hello\\n",
                    "read: hello",
                    "> TS  length=4 from=6 to=9  ENDS >",
                    "00000000  00 01 02 ff                                       |....|",
                    "00000004",
                    "< TS  length=4 from=6 to=9  ENDS <",
                    "00000000  00 01 02 ff                                       |....|",
                    "00000004",
                    "read: 000102ff",
                    "* TS  close  ENDS <>"), out, tap.errors());
        }
    }

    @Test
    void scripting_script_drives_a_service_with_expect_taps_it_lists_and_closes_its_sockets_and_explains_an_address()
            throws Exception {
        try (var session = jshell("scripting.jsh")) {
            List<String> all = session.finish(LIMIT);
            // The tap's records (a header line, then the data as text) may cut the bytes where the
            // reads fell: they are checked apart from what the script itself prints.
            var record = java.util.regex.Pattern.compile("^[*<>!] \\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}  .*");
            List<String> records = new ArrayList<>();
            List<String> printed = new ArrayList<>();
            StringBuilder received = new StringBuilder();
            StringBuilder sent = new StringBuilder();
            StringBuilder into = null;
            for (String l : all) {
                if (record.matcher(l).matches()) {
                    records.add(l.substring(0, 1) + " " + l.substring(30).replaceAll("127\\.0\\.0\\.1:\\d+", "A"));
                    into = l.startsWith("<") ? received : l.startsWith(">") ? sent : null;
                } else if (into != null) {
                    into.append(l); // a text record's data: one line, its CR and LF written out
                    into = null;
                } else {
                    printed.add(l);
                }
            }
            assertEquals(List.of(
                    "banner: 220 from box7",
                    "reply 0: hello alice",
                    "[tcp connection, tcp connection, tcp server]",
                    "sent 11, received 33",
                    "explain(\"010.0.0.1\"): an IPv4 address in an inet_aton form",
                    "  library    refuses it: leading zero in part 1; C reads it as octal, Java as decimal \u2014 try `10.0.0.1`,"
                            + " or use the lenient parser",
                    "  C          inet_aton reads 8.0.0.1 (a part with a leading 0 is octal)",
                    "  Python     ipaddress refuses it; socket.inet_aton reads 8.0.0.1",
                    "  Java       InetAddress.getByName reads 10.0.0.1",
                    "  8.0.0.1    in no special range",
                    "  10.0.0.1   private (RFC 1918)",
                    "closed 3 sockets"), printed, session.errors());
            assertEquals("220 box7 ready\\r\\n250 hello alice\\r\\n", received.toString());
            assertEquals("HELO alice\\n", sent.toString());
            assertEquals("* open tcp connect  A <> A", records.get(0));
            assertEquals("* close  A <> A", records.get(records.size() - 1));
            assertEquals(0, session.exitCode(), session.errors());
        }
    }

    @Test
    void startup_script_imports_the_library() throws Exception {
        try (var s = jshell("startup.jsh")) {
            s.input("System.out.println(\"spec: \" + Sockets.tcp().timeout(Duration.ofSeconds(2)))\n/exit\n");
            s.await(l -> l.contains("spec: TcpSpec[timeout=2 s]"), LIMIT);
        }
    }

    @Test
    void launcher_lands_in_jshell_with_the_import_done() throws Exception {
        String launcher = BASE.resolve("jshell-scripts/sockets").toString();
        var env = Map.of("JAVA_HOME", System.getProperty("java.home"));
        try (var s = Subprocess.start(BASE, env, List.of("bash", launcher))) {
            s.input("System.out.println(\"bytes: \" + Bytes.of(\"Thank you\"))\n"
                    + "System.out.println(\"fine: \" + Duration.ofSeconds(1))\n/exit\n");
            s.await(l -> l.contains("bytes: b'Thank you'"), LIMIT);
            s.await(l -> l.contains("fine: PT1S"), LIMIT);
            s.finish(LIMIT);
            assertEquals(0, s.exitCode(), s.errors());
        }
    }
}
