package dev.sockets.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The netcat's command line as {@code Options.parse} reads it, and the statuses {@code Main.run} returns. */
class OptionsTest {

    private static String refused(String... args) {
        return assertThrows(UsageError.class, () -> Options.parse(args)).getMessage();
    }

    @Test
    void options_may_come_before_or_after_the_words_and_in_either_spelling() {
        var o = Options.parse(new String[] {"listen", "-k", "0.0.0.0", "--timeout=1.5s", "5000", "-v"});
        assertEquals("listen", o.command());
        assertEquals(List.of("0.0.0.0", "5000"), o.words());
        assertTrue(o.keep() && o.verbose());
        assertEquals(Optional.of(Duration.ofMillis(1500)), o.timeout());
        var u = Options.parse(new String[] {"udp", "send", "-w", "2", "::1", "9"});
        assertEquals("udp send", u.command());
        assertEquals(Optional.of(Duration.ofSeconds(2)), u.timeout());
        var x = Options.parse(new String[] {"connect", "--unix", "/tmp/a.sock"});
        assertEquals(Optional.of(Path.of("/tmp/a.sock")), x.unix());
        assertEquals(List.of("-1"), Options.parse(new String[] {"explain", "--", "-1"}).words());
    }

    @Test
    void durations_read_as_people_type_them() {
        assertEquals(Duration.ofSeconds(5), Options.duration("connect", "5"));
        assertEquals(Duration.ofMillis(500), Options.duration("connect", "500ms"));
        assertEquals(Duration.ofMinutes(2), Options.duration("connect", "2min"));
        assertEquals(Duration.ofMinutes(2), Options.duration("connect", "2m"));
        assertEquals(Duration.ofHours(1), Options.duration("connect", "1h"));
        assertEquals("--timeout takes a duration such as 5 (seconds), 500ms, 1.5s, 2min, 1h; not 5 sec",
                refused("connect", "--timeout", "5 sec", "h", "1"));
        assertEquals("--timeout takes a duration above zero and below 292 years; not 0",
                refused("connect", "--timeout", "0", "h", "1"));
    }

    @Test
    void a_command_line_that_does_not_fit_is_refused_with_what_to_write_instead() {
        assertEquals("unknown option --frob", refused("connect", "--frob", "h", "1"));
        assertEquals("option --keep is not for connect; it is for listen", refused("connect", "-k", "h", "1"));
        assertEquals("--timeout needs a value: --timeout DURATION", refused("connect", "h", "1", "--timeout"));
        assertEquals("missing arguments: connect HOST PORT", refused("connect", "h"));
        assertEquals("too many arguments [x]: listen [HOST] PORT", refused("listen", "h", "1", "x"));
        assertEquals("--trust is a TLS option: add --tls", refused("connect", "--trust", "ca.pem", "h", "1"));
        assertEquals("listen --tls needs a certificate: --self-signed, or --cert FILE --key FILE",
                refused("listen", "--tls", "1"));
        assertEquals("udp takes send or listen: udp send HOST PORT, udp listen [HOST] PORT; not sned",
                refused("udp", "sned", "h", "1"));
        assertEquals("no command given", refused());
    }

    @Test
    void run_returns_2_for_a_bad_command_line_1_for_a_bad_value_and_0_for_help() {
        assertEquals(Main.USAGE, run("connect", "--nope", "h", "1").status);
        var bad = run("connect", "127.0.0.1", "70000");
        assertEquals(Main.FAILED, bad.status);
        assertEquals("sockets: `70000`: expected port in [0, 65535] but was 70000\n", bad.err);
        var help = run("listen", "--help");
        assertEquals(Main.OK, help.status);
        assertEquals(Help.LISTEN, help.out);
    }

    private record Ran(int status, String out, String err) {
    }

    private static Ran run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(new byte[0]), out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Ran(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
