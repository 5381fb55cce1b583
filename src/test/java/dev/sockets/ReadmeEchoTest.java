package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code ReadmeIT} takes off JShell's answers before comparing them with the README: the
 * echo JDK 25's line editor leaves under load, in the forms seen in CI runs, and nothing of a real answer.
 */
class ReadmeEchoTest {
    private static List<String> unecho(String code, String... printed) {
        var segment = new ArrayList<>(List.of(printed));
        ReadmeIT.unecho(segment, code);
        return segment;
    }

    @Test
    void a_redrawn_piece_of_the_input_line_before_the_answer_is_cut() {
        assertEquals(List.of("server ==> Server[tcp 127.0.0.1:40123, 0 open, 0 accepted]"),
                unecho("var server = Sockets.tcp().bind(\"127.0.0.1\", 0).onAccept(c -> {})",
                        "var server = Sockets.tcp().bind(\"127.0.0.1\", 0server ==> Server[tcp 127.0.0.1:40123, 0 open, 0 accepted]"));
    }

    @Test
    void an_echo_ending_in_the_declared_names_letters_is_cut_before_the_name() {
        assertEquals(List.of("c ==> Connection[tcp 127.0.0.1:51574 -> 127.0.0.1:41587]"),
                unecho("var c = Sockets.tcp().timeout(Duration.ofSeconds(5)).connect(\"127.0.0.1\", server.port())",
                        "coc ==> Connection[tcp 127.0.0.1:51574 -> 127.0.0.1:41587]"));
    }

    @Test
    void continuation_lines_echoed_before_the_answer_are_dropped() {
        String code = "var server = Sockets.tcp().bind(\"127.0.0.1\", 0).listen().onAccept(c -> {\n"
                + "    c.send(\"Welcome to box 7\\r\\nlogin: \");\n"
                + "});";
        assertEquals(List.of("server ==> Server[tcp 127.0.0.1:41587, 0 open, 0 accepted]"),
                unecho(code, "        c.send(\"Welcome to box 7\\r\\nlogin: \");", "    server ==> Server[tcp 127.0.0.1:41587, 0 open, 0 accepted]"));
    }

    @Test
    void a_piece_of_an_echoed_continuation_line_indented_by_the_editor_is_cut() {
        String code = "var server = Sockets.tcp().bind(\"127.0.0.1\", 0).listen().onAccept(c -> {\n"
                + "    c.send(\"Hello \" + c.readLine() + \"\\r\\n\");\n"
                + "});";
        assertEquals(List.of("server ==> Server[tcp 127.0.0.1:36361, 0 open, 0 accepted]"),
                unecho(code, "        c.send(\"Hello \" + c.readLinserver ==> Server[tcp 127.0.0.1:36361, 0 open, 0 accepted]"));
    }

    @Test
    void an_answer_without_echo_is_left_whole() {
        assertEquals(List.of("server ==> Server[tcp 127.0.0.1:1, 0 open, 0 accepted]"),
                unecho("var server = Sockets.tcp().bind(\"127.0.0.1\", 0).listen().onAccept(c -> {})",
                        "server ==> Server[tcp 127.0.0.1:1, 0 open, 0 accepted]"));
        assertEquals(List.of("$4 ==> \"hi\""), unecho("c.sendLine(\"hi\").readLine()", "$4 ==> \"hi\""));
        assertEquals(List.of("hello", "$2 ==> 5"), unecho("System.out.println(\"hello\"); 2 + 3", "hello", "$2 ==> 5"));
    }
}
