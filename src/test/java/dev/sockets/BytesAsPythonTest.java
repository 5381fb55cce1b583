package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockets.testing.Gens;
import dev.sockets.testing.Pbt;
import dev.sockets.testing.Python;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Each Bytes operation gives what the Python 3 operation of the same name gives on this machine,
 * on fixed inputs and on generated ones. Every case goes to Python as hex text in one argument
 * ({@code data,from,to}); each property runs Python once per try, on a batch of cases drawn from
 * the try's seed, and reports every case that differs.
 */
class BytesAsPythonTest {

    private static final HexFormat HEX = HexFormat.of();

    /** Runs {@code body} (Python, with the fields of each argument in {@code f}) for each case, as one script. */
    private static List<String> python(String body, List<String> cases) {
        String script = "import sys, codecs, warnings\n"
                + "warnings.simplefilter('error')\n"
                + "def h(x):\n"
                + "    return bytes.fromhex(x)\n"
                + "for a in sys.argv[1:]:\n"
                + "    f = a.split(',')\n"
                + "    try:\n"
                + "        print(" + body + ")\n"
                + "    except (ValueError, UnicodeError, DeprecationWarning) as e:\n"
                + "        print('error', e)\n";
        try {
            return Python.run(script, cases.toArray(String[]::new));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Compares Java's answer for each case with Python's, listing every difference. */
    private static void compare(String body, List<String> cases, Function<String[], String> java) {
        List<String> py = python(body, cases);
        assertEquals(cases.size(), py.size(), "one line per case from python");
        var differ = new ArrayList<String>();
        for (int i = 0; i < cases.size(); i++) {
            String j;
            try {
                j = java.apply(cases.get(i).split(",", -1));
            } catch (IllegalArgumentException e) {
                j = "error";
            }
            String p = py.get(i).startsWith("error") ? "error" : py.get(i);
            if (!j.equals(p)) {
                differ.add(cases.get(i) + ": python " + py.get(i) + ", java " + j);
            }
        }
        assertEquals(List.of(), differ);
    }

    private static Bytes h(String hex) {
        return Bytes.of(HEX.parseHex(hex));
    }

    /** Bytes drawn from a small alphabet, so that separators and prefixes occur often. */
    private static byte[] data(Random r, int max, byte... alphabet) {
        byte[] b = new byte[r.nextInt(max + 1)];
        for (int i = 0; i < b.length; i++) {
            b[i] = alphabet.length == 0 ? (byte) r.nextInt(256) : alphabet[r.nextInt(alphabet.length)];
        }
        return b;
    }

    /** An index around a value of length n: inside, past either end, or an extreme. */
    private static int index(Random r, int n) {
        return switch (r.nextInt(10)) {
            case 0 -> Integer.MIN_VALUE;
            case 1 -> Integer.MAX_VALUE;
            default -> r.nextInt(2 * n + 7) - n - 3;
        };
    }

    private static final byte[] FEW = {'a', 'b', ',', 0};

    @Test
    void slice_of_any_bytes_is_what_python_slices() {
        var fixed = List.of("616263,-1,2147483647", "616263,0,-1", "616263,-3,-2", "616263,5,1", "616263,-100,100", ",0,0",
                "616263,1,1", "616263,-2147483648,2");
        compare("h(f[0])[int(f[1]):int(f[2])].hex()", fixed, f -> h(f[0]).slice(Integer.parseInt(f[1]), Integer.parseInt(f[2])).hex());
        Pbt.qt(8).forAll(Gens.randoms()).checkAssert(r -> {
            var cases = new ArrayList<String>();
            for (int i = 0; i < 200; i++) {
                byte[] b = data(r, 12);
                cases.add(HEX.formatHex(b) + "," + index(r, b.length) + "," + index(r, b.length));
            }
            compare("h(f[0])[int(f[1]):int(f[2])].hex() + ' ' + h(f[0])[int(f[1]):].hex()", cases,
                    f -> h(f[0]).slice(Integer.parseInt(f[1]), Integer.parseInt(f[2])).hex() + " " + h(f[0]).slice(Integer.parseInt(f[1])).hex());
        });
    }

    @Test
    void indexOf_in_any_bytes_is_what_python_finds() {
        var fixed = List.of("616263,,3", "616263,,4", "616263,63,-1", "616263,,-10", ",,0", ",,1", "616263,6162,1", "616161,6161,1",
                "616263,64,0", "616263,,-2147483648", "616263,,2147483647");
        compare("h(f[0]).find(h(f[1]), int(f[2]))", fixed,
                f -> Integer.toString(h(f[0]).indexOf(h(f[1]), Integer.parseInt(f[2]))));
        Pbt.qt(8).forAll(Gens.randoms()).checkAssert(r -> {
            var cases = new ArrayList<String>();
            for (int i = 0; i < 200; i++) {
                byte[] b = data(r, 16, FEW);
                cases.add(HEX.formatHex(b) + "," + HEX.formatHex(data(r, 3, FEW)) + "," + index(r, b.length));
            }
            compare("str(h(f[0]).find(h(f[1]), int(f[2]))) + ' ' + str(h(f[0]).find(h(f[1])))", cases, f -> {
                Bytes b = h(f[0]);
                byte[] sub = HEX.parseHex(f[1]);
                int from = Integer.parseInt(f[2]);
                int viaArray = b.indexOf(sub, from);
                int viaBytes = b.indexOf(Bytes.of(sub), from);
                return (viaArray == viaBytes ? Integer.toString(viaBytes) : "array " + viaArray + " bytes " + viaBytes)
                        + " " + b.indexOf(Bytes.of(sub));
            });
        });
    }

    @Test
    void startsWith_and_endsWith_of_any_bytes_are_what_python_says() {
        Pbt.qt(5).forAll(Gens.randoms()).checkAssert(r -> {
            var cases = new ArrayList<String>();
            for (int i = 0; i < 200; i++) {
                cases.add(HEX.formatHex(data(r, 6, FEW)) + "," + HEX.formatHex(data(r, 3, FEW)));
            }
            compare("str(h(f[0]).startswith(h(f[1]))) + ' ' + str(h(f[0]).endswith(h(f[1])))", cases, f -> {
                Bytes b = h(f[0]);
                Bytes s = h(f[1]);
                return (b.startsWith(s) ? "True" : "False") + " " + (b.endsWith(s.toByteArray()) ? "True" : "False");
            });
        });
    }

    private static String pieces(List<Bytes> parts) {
        var out = new ArrayList<String>();
        parts.forEach(p -> out.add("'" + p.hex() + "'"));
        return out.toString();
    }

    @Test
    void split_of_any_bytes_is_what_python_splits() {
        var fixed = List.of(",2c,-1", "2c,2c,-1", "612c622c2c63,2c,-1", "612c622c2c63,2c,1", "612c622c2c63,2c,0", "6161616161,6161,-1",
                "616263,,-1", "612c62,2c,-2147483648");
        compare("[p.hex() for p in h(f[0]).split(h(f[1]), int(f[2]))]", fixed,
                f -> pieces(h(f[0]).split(h(f[1]), Integer.parseInt(f[2]))));
        Pbt.qt(8).forAll(Gens.randoms()).checkAssert(r -> {
            var cases = new ArrayList<String>();
            for (int i = 0; i < 200; i++) {
                cases.add(HEX.formatHex(data(r, 16, FEW)) + "," + HEX.formatHex(data(r, 2, FEW)) + "," + (r.nextInt(8) - 2));
            }
            compare("[p.hex() for p in h(f[0]).split(h(f[1]), int(f[2]))]", cases,
                    f -> pieces(h(f[0]).split(h(f[1]), Integer.parseInt(f[2]))));
            compare("[p.hex() for p in h(f[0]).split(h(f[1]))]", cases, f -> pieces(h(f[0]).split(h(f[1]))));
        });
    }

    @Test
    void split_of_any_bytes_on_white_space_is_what_python_splits() {
        byte[] spaces = {' ', '\t', '\n', '\r', 0x0b, 0x0c, 0x1c, 'a', 'b', 0, (byte) 0xa0, (byte) 0x85};
        Pbt.qt(5).forAll(Gens.randoms()).checkAssert(r -> {
            var cases = new ArrayList<String>();
            for (int i = 0; i < 200; i++) {
                cases.add(HEX.formatHex(data(r, 12, spaces)));
            }
            compare("[p.hex() for p in h(f[0]).split()]", cases, f -> pieces(h(f[0]).split()));
        });
    }

    @Test
    void concat_of_any_bytes_is_what_python_adds() {
        Pbt.qt(5).forAll(Gens.randoms()).checkAssert(r -> {
            var cases = new ArrayList<String>();
            for (int i = 0; i < 100; i++) {
                cases.add(HEX.formatHex(data(r, 8)) + "," + HEX.formatHex(data(r, 8)) + "," + HEX.formatHex(data(r, 8)));
            }
            compare("(h(f[0]) + h(f[1]) + h(f[2])).hex()", cases, f -> h(f[0]).concat(h(f[1]), h(f[2])).hex());
        });
    }

    @Test
    void hex_of_any_bytes_with_any_separator_and_group_is_what_python_prints() {
        var fixed = List.of("0102030405,3a,2", "0102030405,20,-2", "0102,3a,0", ",3a,1", "01,2d,1", "0102030405,20,-2147483648",
                "0102030405,20,2147483647", "0102,c3a9,1");
        compare("h(f[0]).hex(h(f[1]).decode('utf-8'), int(f[2]))", fixed,
                f -> h(f[0]).hex(new String(HEX.parseHex(f[1]), StandardCharsets.UTF_8).charAt(0), Integer.parseInt(f[2])));
        Pbt.qt(8).forAll(Gens.randoms()).checkAssert(r -> {
            var cases = new ArrayList<String>();
            for (int i = 0; i < 200; i++) {
                cases.add(HEX.formatHex(data(r, 12)) + "," + HEX.formatHex(new byte[] {(byte) (0x20 + r.nextInt(95))}) + "," + (r.nextInt(13) - 6));
            }
            compare("h(f[0]).hex(h(f[1]).decode('ascii'), int(f[2])) + ' ' + h(f[0]).hex(h(f[1]).decode('ascii')) + ' ' + h(f[0]).hex()",
                    cases, f -> {
                        Bytes b = h(f[0]);
                        char sep = (char) HEX.parseHex(f[1])[0];
                        return b.hex(sep, Integer.parseInt(f[2])) + " " + b.hex(sep) + " " + b.hex();
                    });
        });
    }

    /** The answer of fromHex as Python prints it: the bytes in hex, or the position of the error. */
    private static String fromHex(String text) {
        try {
            return Bytes.fromHex(text).hex();
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            int at = m.indexOf(" at position ") + " at position ".length();
            return "at position " + m.substring(at, m.indexOf(' ', at));
        }
    }

    private static List<String> fromHexPython(List<String> cases) {
        // Python's message ends with "at position N"; keep that part, as fromHex above does.
        String script = "import sys\n"
                + "for a in sys.argv[1:]:\n"
                + "    t = bytes.fromhex(a).decode('utf-8')\n"
                + "    try:\n"
                + "        print(bytes.fromhex(t).hex())\n"
                + "    except ValueError as e:\n"
                + "        print(str(e)[str(e).index('at position'):])\n";
        try {
            return Python.run(script, cases.toArray(String[]::new));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void compareFromHex(List<String> texts) {
        var cases = new ArrayList<String>();
        texts.forEach(t -> cases.add(HEX.formatHex(t.getBytes(StandardCharsets.UTF_8))));
        List<String> py = fromHexPython(cases);
        var differ = new ArrayList<String>();
        for (int i = 0; i < texts.size(); i++) {
            String j = fromHex(texts.get(i));
            if (!j.equals(py.get(i))) {
                differ.add("\"" + texts.get(i).replace("\n", "\\n") + "\": python " + py.get(i) + ", java " + j);
            }
        }
        assertEquals(List.of(), differ);
    }

    @Test
    void fromHex_of_any_text_is_what_python_reads_or_refuses_at_the_same_position() {
        compareFromHex(List.of("", "deadbeef", "DE AD\tbe\nef ", " 0a", "abc", "0 1", "0g", "é0", "01 é g", "\u001c01", "01\u000b02\u000c",
                "0x01", "  ", "١٢"));
        String alphabet = "0123456789abcdefABCDEF \t\n\r\u000b\u000c\u001cgx-é\u0660";
        Pbt.qt(8).forAll(Gens.randoms()).checkAssert(r -> {
            var texts = new ArrayList<String>();
            for (int i = 0; i < 200; i++) {
                var t = new StringBuilder();
                int n = r.nextInt(12);
                for (int k = 0; k < n; k++) {
                    // Mostly hex digits, so that many texts parse and the errors come late too.
                    t.append(r.nextInt(4) > 0 ? alphabet.charAt(r.nextInt(22)) : alphabet.charAt(r.nextInt(alphabet.length())));
                }
                texts.add(t.toString());
            }
            compareFromHex(texts);
        });
    }

    /** Python's bytes literal, through codecs.escape_decode with its warnings made errors; non-ASCII refused. */
    private static List<String> literalPython(List<String> cases) {
        String script = "import sys, codecs, warnings\n"
                + "warnings.simplefilter('error')\n"
                + "for a in sys.argv[1:]:\n"
                + "    t = bytes.fromhex(a).decode('utf-8')\n"
                + "    try:\n"
                + "        print(codecs.escape_decode(t.encode('ascii'))[0].hex())\n"
                + "    except (ValueError, UnicodeError, DeprecationWarning):\n"
                + "        print('refused')\n";
        try {
            return Python.run(script, cases.toArray(String[]::new));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void compareLiteral(List<String> texts) {
        var cases = new ArrayList<String>();
        texts.forEach(t -> cases.add(HEX.formatHex(t.getBytes(StandardCharsets.UTF_8))));
        List<String> py = literalPython(cases);
        var differ = new ArrayList<String>();
        for (int i = 0; i < texts.size(); i++) {
            String j;
            try {
                j = Bytes.b(texts.get(i)).hex();
            } catch (IllegalArgumentException e) {
                j = "refused";
            }
            if (!j.equals(py.get(i))) {
                differ.add("\"" + texts.get(i).replace("\n", "\\n") + "\": python " + py.get(i) + ", java " + j);
            }
        }
        assertEquals(List.of(), differ);
    }

    @Test
    void b_of_any_text_is_what_python_reads_in_a_bytes_literal() {
        compareLiteral(List.of("GET / HTTP/1.1\\r\\n", "\\x00\\xff", "\\xFf", "\\x4", "\\x", "ab\\", "\\q", "\\8", "\\0", "\\377", "\\400",
                "\\1234", "it's \\\"x\\\"", "\\\\", "\\\n", "a\tb", "hé", "\\a\\b\\f\\v", "\\x4g", "\\7\\77\\777"));
        String alphabet = "\\\\\\\\xnrtabfv'\"01234567aAfFgz \n\té";
        Pbt.qt(8).forAll(Gens.randoms()).checkAssert(r -> {
            var texts = new ArrayList<String>();
            for (int i = 0; i < 200; i++) {
                var t = new StringBuilder();
                int n = r.nextInt(10);
                for (int k = 0; k < n; k++) {
                    t.append(alphabet.charAt(r.nextInt(alphabet.length())));
                }
                texts.add(t.toString());
            }
            compareLiteral(texts);
        });
    }

    @Test
    void repr_of_any_bytes_is_python_repr_at_any_length() {
        Pbt.qt(5).forAll(Gens.randoms()).checkAssert(r -> {
            var cases = new ArrayList<String>();
            for (int i = 0; i < 40; i++) {
                cases.add(HEX.formatHex(data(r, 600, r.nextBoolean() ? new byte[0] : new byte[] {'\'', '"', '\\', 'a', 0, (byte) 0x80})));
            }
            compare("repr(h(f[0]))", cases, f -> h(f[0]).repr());
        });
    }

    @Test
    void text_of_any_bytes_is_what_python_decodes_with_replacement() {
        Pbt.qt(5).forAll(Gens.randoms()).checkAssert(r -> {
            var cases = new ArrayList<String>();
            for (int i = 0; i < 200; i++) {
                // Lead and continuation bytes mixed with ASCII, so that malformed sequences of every kind occur.
                cases.add(HEX.formatHex(data(r, 10, (byte) 'a', (byte) 0xC3, (byte) 0xA9, (byte) 0xE2, (byte) 0x82, (byte) 0xAC,
                        (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80, (byte) 0xED, (byte) 0xA0, (byte) 0xFF, (byte) 0xC0)));
            }
            compare("h(f[0]).decode('utf-8', 'replace').encode('utf-8').hex() + ' ' + h(f[0]).decode('latin-1').encode('utf-8').hex()",
                    cases, f -> Bytes.of(h(f[0]).text().getBytes(StandardCharsets.UTF_8)).hex() + " "
                            + Bytes.of(h(f[0]).text(StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8)).hex());
        });
    }
}
