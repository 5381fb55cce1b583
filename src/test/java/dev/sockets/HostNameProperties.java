package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.sockets.testing.Gens.frequency;
import static dev.sockets.testing.Gens.weight;

import dev.sockets.testing.Gens;
import dev.sockets.testing.Pbt;
import dev.sockets.testing.Tally;
import dev.sockets.testing.TextGens;
import io.vavr.control.Either;
import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Properties of host names as a resolver takes them: the two forms of an internationalized name,
 * underscores, and the suggestions that error hints make.
 */
class HostNameProperties {

    // ---------------------------------------------------------------- Unicode names and their ASCII form

    /** Letters of several scripts, capitals to fold, full-width letters that map to ASCII, and ASCII. */
    private static final String POOL = "abcdefghijklmnopqrstuvwxyz0123456789-_"
            + "àáâãäåæçèéêëìíîïñòóôõöøùúûüýþÿßÄÖÜÉ"
            + "αβγδεζηθικλμνξοπρσςτυφχψωΩ"
            + "абвгдежзийклмнопрстуфхцчшщыэюяЖ"
            + "あいうえおかきくけこさしすせそ日本語中文字漢"
            + "ＡＢＣａｂｃ１２３";

    /** The full stops IDNA reads as dots. */
    private static final String DOTS = ".\u3002\uff0e\uff61";

    /** A label that the JDK's IDNA takes and maps to a label of letters, digits, `_` and inner `-`, at most 63. */
    private static boolean idnaTakes(String label) {
        try {
            String a = IDN.toASCII(label, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            return a.matches("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static Gen<String> unicodeLabels() {
        return Gens.strings(Gens.charsOf(POOL), 1, 20)
                .assuming(l -> l.chars().anyMatch(c -> c >= 0x80))
                .assuming(HostNameProperties::idnaTakes);
    }

    /** 1 to 3 Unicode labels, a top label with a letter, any of the four full stops between, maybe a trailing one. */
    static Gen<String> unicodeNames() {
        Gen<String> top = Gens.of("example", "de", "рф", "テスト", "ελ", "com", "bücher");
        return Gens.lists(unicodeLabels(), 1, 3).zip(top, Gens.charsOf(DOTS), Gens.of("", ".", "\u3002"), (labels, t, dot, end) -> {
            var all = new ArrayList<>(labels);
            all.add(t);
            return String.join(String.valueOf(dot), all) + end;
        });
    }

    @Test
    void a_unicode_name_maps_to_its_idna_ascii_form_which_parses_to_the_same_host_and_prints_stably() {
        var tally = new Tally();
        Pbt.qt(3000).forAll(unicodeNames()).checkAssert(name -> {
            // The oracle: the JDK's IDNA on the whole name at once (the parser maps label by label), in lower case.
            String ascii = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            Either<AddressError, Host> parsed = Host.parse(name);
            assertTrue(parsed.isRight(), () -> name + ": " + parsed.getLeft().getMessage());
            Host h = parsed.get();
            assertInstanceOf(Host.Name.class, h);
            assertEquals(name, ((Host.Name) h).name(), "the name as written is kept");
            assertEquals(ascii, h.text(), "the Unicode form maps to the ASCII form");
            assertEquals(name + " (" + ascii + ")", h.toString(), "both forms print");

            Host fromAscii = Host.parse(ascii).get();
            assertEquals(h, fromAscii, "the ASCII form parses to the same host");
            assertEquals(h.hashCode(), fromAscii.hashCode());
            assertEquals(ascii, fromAscii.text(), "printing the ASCII form is stable");
            assertEquals(ascii, fromAscii.toString());
            assertEquals(Either.right(fromAscii), Host.parse(fromAscii.toString()));
            assertEquals(Either.right(h), Host.parse(h.text()));

            Endpoint e = new Endpoint(h, Port.of(443));
            assertEquals(Either.right(e), Endpoint.parse(e.text()));
            tally.add("ASCII form", ascii.contains("xn--") ? "has xn-- labels" : "plain ASCII (full-width letters only)");
            tally.add("full stops", name.chars().anyMatch(c -> c != '.' && DOTS.indexOf(c) >= 0) ? "some not ASCII" : "ASCII only");
        });
        tally.print("a_unicode_name_maps_to_its_idna_ascii_form_which_parses_to_the_same_host_and_prints_stably");
    }

    // ---------------------------------------------------------------- underscores

    /** An RFC 1123 name with `_` put in or over a char of some labels, at any place in the label. */
    static Gen<String> namesWithUnderscores() {
        return HostProperties.names().zip(Gens.randoms(), (name, random) -> underscores(name, random))
                .assuming(n -> n.indexOf('_') >= 0)
                .assuming(n -> n.length() - (n.endsWith(".") ? 1 : 0) <= 253)
                .assuming(n -> java.util.Arrays.stream(n.split("\\.")).allMatch(l -> l.length() <= 63));
    }

    private static String underscores(String name, Random random) {
        boolean dot = name.endsWith(".");
        String[] labels = (dot ? name.substring(0, name.length() - 1) : name).split("\\.");
        int forced = random.nextInt(labels.length);
        for (int i = 0; i < labels.length; i++) {
            if (i != forced && random.nextBoolean()) {
                continue;
            }
            var b = new StringBuilder(labels[i]);
            int at = random.nextInt(b.length() + 1);
            if (random.nextBoolean() || at == b.length()) {
                b.insert(at, '_');
            } else {
                b.setCharAt(at, '_');
            }
            labels[i] = b.toString();
        }
        return String.join(".", labels) + (dot ? "." : "");
    }

    @Test
    void an_underscore_anywhere_a_letter_may_be_in_a_label_is_accepted_and_round_trips() {
        var tally = new Tally();
        Pbt.qt(5000).forAll(namesWithUnderscores()).checkAssert(name -> {
            Either<AddressError, Host> parsed = Host.parse(name);
            assertTrue(parsed.isRight(), () -> name + ": " + parsed.getLeft().getMessage());
            Host h = parsed.get();
            assertEquals(new Host.Name(name), h);
            assertEquals(name, h.text());
            assertEquals(name, h.toString());
            assertEquals(h, Host.parse(name.toUpperCase(Locale.ROOT)).get());
            Endpoint e = new Endpoint(h, Port.of(80));
            assertEquals(Either.right(e), Endpoint.parse(e.text()));
            boolean edge = java.util.Arrays.stream(name.split("\\.")).anyMatch(l -> l.startsWith("_") || l.endsWith("_"));
            tally.add("`_` at a label's start or end", edge ? "yes" : "no");
        });
        tally.print("an_underscore_anywhere_a_letter_may_be_in_a_label_is_accepted_and_round_trips");
    }

    // ---------------------------------------------------------------- every suggestion parses

    /** What a new user pastes: URLs, user parts, paths, spaces, brackets, ports, near-miss literals, Unicode. */
    static Gen<String> pasted() {
        Gen<String> prefix = Gens.of("", "", "", "http://", "https://", "ssh://user@", "user@", " ", "\t", "[", "ftp://", "HTTP://a@", "//", "'", "\"", "*");
        Gen<String> host = Gens.of("localhost", "127.0.0.1", "::1", "fe80::1", "fe80::1%eth0", "010.0.0.1", "1.2.3", "1.2.3.4.5",
                "2130706433", "bücher.example", "my_host", "example.com", "[::1]", "::ffff:1.2.3.4", "local\u200bhost",
                "ｌｏｃａｌｈｏｓｔ", "0x7f000001", "-bad", "a..b", "<broadcast>", "", "::", "1::2::3", "[fe80::1%lo]", "256.1.1.1",
                "::ffff:010.0.0.1", "host name", "a".repeat(70), "xn--bücher", "１.2.3.4");
        Gen<String> middle = Gens.of("", "", ":", ":80", ":8080", ":99999", ":www", ":WWW", ":port", "]", "]:80", "]80", "%eth0", ":-1", "]%eth0:80", "]%lo", ":80:");
        Gen<String> suffix = Gens.of("", "", "", "/", "/x", "/index.html?q=1", " ", "\n", ".", "..", "@host", "#top", "  ", "'", "\"");
        Gen<String> built = prefix.zip(host, middle, suffix, (p, h, m, s) -> p + h + m + s);
        return frequency(weight(6, built), weight(2, HostProperties.junk()), weight(2, TextGens.weird()));
    }

    /** Every {@code try `X`} in a hint: the suggestions a test can read. */
    private static final Pattern TRY = Pattern.compile("try `([^`]*)`");

    private static List<String> suggestions(String hint) {
        var m = TRY.matcher(hint);
        var out = new ArrayList<String>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void every_suggestion_a_host_or_endpoint_error_makes_parses_with_the_same_parser() {
        var tally = new Tally();
        var made = new AtomicInteger();
        Pbt.qt(6000).forAll(pasted()).checkAssert(text -> {
            check("Host.parse", Host::parse, text, tally, made);
            check("Endpoint.parse", Endpoint::parse, text, tally, made);
        });
        tally.print("every_suggestion_a_host_or_endpoint_error_makes_parses_with_the_same_parser");
        // Not vacuous: the pasted forms above make hundreds of suggestions.
        assertTrue(made.get() >= 500, "only " + made.get() + " suggestions were made");
    }

    private static void check(String parser, Function<String, Either<AddressError, ?>> parse, String text, Tally tally,
                              AtomicInteger made) {
        Either<AddressError, ?> r = parse.apply(text);
        if (r.isRight()) {
            tally.add(parser, "parsed");
            return;
        }
        List<String> found = suggestions(r.getLeft().hint());
        assertEquals(found.isEmpty() ? null : found.get(0), dev.sockets.internal.words.Hints.suggestion(r.getLeft().hint()),
                "the library reads the same first suggestion");
        for (String s : found) {
            Either<AddressError, ?> again = parse.apply(s);
            assertTrue(again.isRight(), () -> parser + " of `" + text + "` suggests `" + s + "`, which does not parse: "
                    + again.getLeft().getMessage());
            assertTrue(!s.equals(text));
            made.incrementAndGet();
        }
        tally.add(parser, found.isEmpty() ? "refused, no suggestion" : "refused, suggestion parses");
    }
}
