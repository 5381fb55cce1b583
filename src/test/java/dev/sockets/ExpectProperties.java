package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.internal.io.RealConnection;
import dev.sockets.testing.ChunkedTransport;
import dev.sockets.testing.Gens;
import dev.sockets.testing.Pbt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code expect} against every way the stream can be cut into reads: the cuts never change what it finds. */
class ExpectProperties {

    /** Few letters, so that near misses and matches across the cuts are common; é is two bytes in UTF-8. */
    private static final String ALPHABET = "aabbcxyz=;0123\r\né";

    private static Connection over(String text, List<Integer> chunks, int bound) {
        var c = new RealConnection(new ChunkedTransport(text.getBytes(StandardCharsets.UTF_8), chunks),
                StandardCharsets.UTF_8, 1 << 16, Duration.ZERO);
        c.maxExpect(bound);
        return c;
    }

    private static String rest(Connection c) {
        return new String(c.recvAll().toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void a_text_is_found_where_indexOf_finds_it_in_the_whole_stream_and_exactly_the_rest_stays_whatever_the_cuts() {
        Pbt.qt(2000).forAll(Gens.strings(Gens.charsOf(ALPHABET), 0, 300), Gens.strings(Gens.charsOf(ALPHABET), 1, 4),
                Gens.lists(Gens.ints(1, 40), 1, 6)).checkAssert((text, needle, chunks) -> {
            Connection c = over(text, chunks, 1 << 16);
            Match m = c.expect(Expect.text(needle), Expect.EOF);
            int at = text.indexOf(needle);
            if (at < 0) {
                assertEquals(new Match(1, Expect.EOF, text, "", List.of()), m);
                assertEquals("", rest(c));
            } else {
                assertEquals(new Match(0, Expect.text(needle), text.substring(0, at), needle, List.of()), m);
                assertEquals(text.substring(at + needle.length()), rest(c));
            }
        });
    }

    /**
     * Patterns whose first match in a prefix of the stream is their first match in the whole
     * stream (each ends at a fixed char after its greedy part): for these the cuts cannot matter.
     */
    private static final List<String> DELIMITED = List.of("(\\w+)=(\\d+);", "a+b", "\\r\\n", "c(x|y)z", "(a|b)c", "é(\\d)",
            "^a+b", "(?<=;)(\\d)=", "(?<!a)b");

    @Test
    void a_delimited_pattern_is_found_where_Matcher_find_finds_it_in_the_whole_stream_with_its_groups_and_exactly_the_rest_stays_whatever_the_cuts() {
        Pbt.qt(2000).forAll(Gens.strings(Gens.charsOf(ALPHABET + "aab=1;"), 0, 300), Gens.of(DELIMITED.toArray(new String[0])),
                Gens.lists(Gens.ints(1, 40), 1, 6)).checkAssert((text, regex, chunks) -> {
            Connection c = over(text, chunks, 1 << 16);
            // The pattern runs over bytes as Latin-1: compare with Matcher.find over the same view.
            String latin1 = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            Pattern p = Pattern.compile(new String(regex.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
            Match m = c.expect(Expect.pattern(p), Expect.EOF);
            Matcher whole = p.matcher(latin1);
            if (!whole.find()) {
                assertEquals(1, m.index());
                assertEquals(text, m.before());
                assertEquals("", rest(c));
                return;
            }
            assertEquals(0, m.index());
            assertEquals(utf8(latin1.substring(0, whole.start())), m.before());
            assertEquals(utf8(whole.group()), m.matched());
            List<String> groups = new ArrayList<>();
            for (int g = 1; g <= whole.groupCount(); g++) {
                groups.add(whole.group(g) == null ? null : utf8(whole.group(g)));
            }
            assertEquals(groups, m.groups());
            assertEquals(utf8(latin1.substring(whole.end())), rest(c));
        });
    }

    private static String utf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    @Test
    void expect_fails_exactly_when_the_text_is_not_within_the_first_maxExpectBuffer_bytes_and_then_reads_no_further() {
        Pbt.qt(1000).forAll(Gens.strings(Gens.charsOf("abc"), 0, 120), Gens.strings(Gens.charsOf("abc"), 1, 3),
                Gens.lists(Gens.ints(1, 30), 1, 6), Gens.ints(1, 100)).checkAssert((text, needle, chunks, bound) -> {
            Connection c = over(text, chunks, bound);
            String window = text.substring(0, Math.min(bound, text.length()));
            int at = window.indexOf(needle);
            if (at >= 0) {
                assertEquals(window.substring(0, at), c.expect(Expect.text(needle), Expect.EOF).before());
                assertEquals(text.substring(at + needle.length()), rest(c));
            } else if (text.length() < bound) {
                assertEquals(Expect.EOF, c.expect(Expect.text(needle), Expect.EOF).alternative());
            } else {
                var e = org.junit.jupiter.api.Assertions.assertThrows(SocketError.class,
                        () -> c.expect(Expect.text(needle), Expect.EOF));
                assertTrue(e.getMessage().contains(" in " + bound + " bytes (the spec's maxExpectBuffer)"), e.getMessage());
                assertEquals(text, rest(c), "the bytes searched stay unread, none was lost");
            }
        });
    }
}
