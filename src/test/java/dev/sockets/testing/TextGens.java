package dev.sockets.testing;

import static dev.sockets.testing.Gens.frequency;
import static dev.sockets.testing.Gens.weight;

import org.quicktheories.core.Gen;

/** Strings for "never throws" properties: any text, and text made of the characters parsers care about. */
public final class TextGens {
    private TextGens() {
    }

    private static final String SYNTAX = "0123456789.:%[]<>_-+ /abcdefABCDEFxX\t\u0660\u0668\u0966\uff10\u00a0";

    /** Any strings, weighted toward digits, separators, hex letters, spaces and other scripts' digits. */
    public static Gen<String> weird() {
        return frequency(
                weight(3, Gens.strings(Gens.charsOf(SYNTAX), 0, 30)),
                weight(1, Gens.strings(30)),
                weight(1, Gens.strings(12)),
                weight(2, words()));
    }

    /** Words of the vocabulary, alone or with a character added. */
    private static Gen<String> words() {
        Gen<String> word = Gens.of("AF_INET", "PF_INET6", "AF_UNIX", "PF_X25", "AF_UNSPEC",
                "SOCK_STREAM", "SOCK_RAW", "IPPROTO_TCP", "tcp", "udp", "www", "http", "80", "65535", "65536",
                "localhost", "127.0.0.1", "::1", "[::1]", "<broadcast>", "fe80::1%lo", "");
        Gen<String> extra = Gens.strings(Gens.charsOf(SYNTAX), 0, 3);
        return word.zip(extra, word, (a, b, c) -> a + b + c);
    }
}
