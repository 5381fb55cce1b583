package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.SafeMessages;
import org.junit.jupiter.api.Test;

/** The message of an AddressError: escaped and bounded whatever it quotes, while the accessors keep the text as given. */
class AddressErrorTest {

    @Test
    void each_kind_of_dangerous_character_shows_in_one_escaped_form() {
        String input = "\\ \t \n \r \u001b \u0000 \u007f \u0085 \u009b \u2028 \u2029";
        var e = new AddressError(input, -1, "bad", "");
        assertEquals("`\\\\ \\t \\n \\r \\u001b \\u0000 \\u007f \\u0085 \\u009b \\u2028 \\u2029`: bad", e.getMessage());
        String bidi = "\u202a \u202e \u2066 \u2069 \u200e \u061c \uD800 é ü 漢";
        assertEquals("`\\u202a \\u202e \\u2066 \\u2069 \\u200e \\u061c \\ud800 é ü 漢`: bad", new AddressError(bidi, -1, "bad", "").getMessage());
        assertEquals(input, e.input());
    }

    /** A reason or a hint built from the input, by a parser or by a caller of the public constructor, is escaped too. */
    @Test
    void reason_and_hint_are_escaped_in_the_message_and_kept_as_given_by_the_accessors() {
        var e = new AddressError("x", 0, "reason\nFAKE", "hint\r\nFAKE \u202e");
        assertEquals("`x`: reason\\nFAKE at position 0; hint\\r\\nFAKE \\u202e", e.getMessage());
        assertEquals("reason\nFAKE", e.reason());
        assertEquals("hint\r\nFAKE \u202e", e.hint());
        assertEquals("AddressError[`x`: reason\\nFAKE at position 0; hint\\r\\nFAKE \\u202e]", e.toString());
    }

    @Test
    void ten_megabytes_of_input_reason_and_hint_make_a_message_under_the_bound() {
        String huge = "\n".repeat(10_000_000);
        var e = new AddressError(huge, 5, huge, huge);
        SafeMessages.check(e.getMessage());
        assertEquals(huge, e.input());
        assertTrue(e.getMessage().startsWith("`" + "\\n".repeat(50) + "…(9999950 more chars)`: "), e.getMessage());
    }

    @Test
    void text_that_fits_is_quoted_whole() {
        String fits = "b".repeat(100);
        assertEquals("`" + fits + "`: r", new AddressError(fits, -1, "r", "").getMessage());
        assertEquals("`" + fits + "…(1 more chars)`: r", new AddressError(fits + "c", -1, "r", "").getMessage());
    }
}
