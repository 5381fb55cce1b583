package dev.sockets.testing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Strings for "never throws" properties: any text, and text made of the characters parsers care about. */
public final class TextArbitraries {
    private TextArbitraries() {
    }

    private static final String SYNTAX = "0123456789.:%[]<>_-+ /abcdefABCDEFxX\t\u0660\u0668\u0966\uff10\u00a0";

    /** Any strings, weighted toward digits, separators, hex letters, spaces and other scripts' digits. */
    public static Arbitrary<String> weird() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.strings().withChars(SYNTAX.toCharArray()).ofMaxLength(30)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(30)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(12)),
                net.jqwik.api.Tuple.of(2, words()));
    }

    /** Words of the vocabulary, alone or with a character added. */
    private static Arbitrary<String> words() {
        Arbitrary<String> word = Arbitraries.of("AF_INET", "PF_INET6", "AF_UNIX", "PF_X25", "AF_UNSPEC",
                "SOCK_STREAM", "SOCK_RAW", "IPPROTO_TCP", "tcp", "udp", "www", "http", "80", "65535", "65536",
                "localhost", "127.0.0.1", "::1", "[::1]", "<broadcast>", "fe80::1%lo", "");
        Arbitrary<String> extra = Arbitraries.strings().withChars(SYNTAX.toCharArray()).ofMaxLength(3);
        return net.jqwik.api.Combinators.combine(word, extra, word).as((a, b, c) -> a + b + c);
    }
}
