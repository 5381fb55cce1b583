package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.Python;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Unicode name is resolved by the same ASCII form Python 3 gives it ({@code 'bücher.example'.encode('idna')},
 * what {@code socket.getaddrinfo} sends to the resolver), compared on this machine.
 *
 * <p>Python's {@code idna} codec is IDNA 2003, as the JDK's {@code java.net.IDN} that the library
 * uses. The names here are ones where IDNA 2003 and UTS #46 (transitional and not) agree too:
 * {@code ß} and the final {@code ς} are left out, since UTS #46 non-transitional keeps them
 * ({@code straße.de} → {@code xn--strae-oqa.de}) where IDNA 2003 maps them ({@code strasse.de}).
 * ASCII labels are written in lower case: Python keeps the case of an ASCII label, the library
 * lower-cases the whole ASCII form of a Unicode name (DNS ignores ASCII case either way).
 */
class HostIdnaAsPythonTest {

    private static final List<String> NAMES = List.of(
            "bücher.example", "münchen.de", "пример.рф", "例え.テスト", "ελληνικά.gr", "café.example",
            "Bücher.example", "ÄÖÜ.example", "ｌｏｃａｌｈｏｓｔ", "a\u3002b\uff0ec\uff61d", "my_hôst.example",
            "my_host", "_sip._tcp.example.com", "bücher.example.", "日本語.jp");

    @Test
    void the_ascii_form_of_a_unicode_name_is_the_one_python_resolves() throws Exception {
        // The names go as hex of their UTF-8 bytes: a command line's encoding depends on the locale.
        var args = new ArrayList<String>();
        for (String n : NAMES) {
            args.add(HexFormat.of().formatHex(n.getBytes(StandardCharsets.UTF_8)));
        }
        List<String> python = Python.run("import sys\n"
                + "for h in sys.argv[1:]:\n"
                + "    print(bytes.fromhex(h).decode('utf-8').encode('idna').decode('ascii'))\n", args.toArray(String[]::new));
        assertEquals(NAMES.size(), python.size(), python.toString());
        for (int i = 0; i < NAMES.size(); i++) {
            String name = NAMES.get(i);
            Host h = Host.of(name);
            assertEquals(python.get(i), h.text(), name);
            if (!h.text().equals(name)) {
                assertEquals(name + " (" + python.get(i) + ")", h.toString());
            }
        }
    }

    /** Python's idna codec, which getaddrinfo applies before it asks the resolver, takes `_`; so does the library. */
    @Test
    void pythons_idna_codec_takes_underscores_as_the_library_does() throws Exception {
        List<String> python = Python.run("import sys\n"
                + "for h in sys.argv[1:]:\n"
                + "    print(h.encode('idna').decode('ascii'))\n", "my_host", "_sip._tcp.example.com", "a_.b_");
        assertEquals(List.of("my_host", "_sip._tcp.example.com", "a_.b_"), python);
        for (String name : python) {
            assertTrue(Host.parse(name).isRight(), name);
        }
    }
}
