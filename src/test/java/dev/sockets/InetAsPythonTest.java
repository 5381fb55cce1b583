package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sockets.testing.Python;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sockets.inet_aton, inet_ntoa, inet_pton and inet_ntop give what Python 3 gives on this machine. */
class InetAsPythonTest {

    private static final String EACH_ARG = "import socket, sys\n"
            + "for a in sys.argv[1:]:\n"
            + "    try:\n"
            + "        print(%s)\n"
            + "    except OSError:\n"
            + "        print('error')\n";

    @Test
    void inet_aton_takes_every_form_c_takes_and_refuses_the_rest() throws Exception {
        // Not compared: trailing text after a space ("1.2.3.4 x"), which glibc ignores and the library refuses.
        var inputs = List.of("127.0.0.1", "127.1", "0x7f.1", "10.0.258", "0177.0.0.1", "1", "4294967295", "0xffffffff",
                "255.255.255.255", "0.0.0.0", "256.0.0.1", "", "0x100000000", "1.2.3.4.5", " 1.2.3.4", "1..2", "08.0.0.1",
                "a.b.c.d", "1.2.3.-4");
        var python = Python.run(String.format(EACH_ARG, "socket.inet_aton(a)"), inputs.toArray(String[]::new));
        var java = new ArrayList<String>();
        for (String a : inputs) {
            try {
                java.add(Sockets.inet_aton(a).toString());
            } catch (AddressError e) {
                java.add("error");
            }
        }
        assertEquals(python, java);
        assertEquals("127.0.0.1", Sockets.inet_ntoa(Sockets.inet_aton("127.1")));
    }

    @Test
    void inet_ntop_prints_every_ipv6_address_as_the_c_library_does() throws Exception {
        var hex = new ArrayList<>(List.of("00000000000000000000000000000000", "00000000000000000000000000000001",
                "00000000000000000000ffff01020304", "20010db8000000000001000000000001", "20010db8000000010000000000000001",
                "ffff0000000000000000000000000000", "0064ff9b000000000000000001020304", "fe800000000000000000000000000001",
                "00010000000000000000000000000000", "00000000000000000000000000010000",
                "00000000000000000000000001020304", "000000000000000000000000ffffffff"));
        var random = new Random(20261202);
        for (int i = 0; i < 300; i++) {
            byte[] b = new byte[16];
            random.nextBytes(b);
            for (int j = 0; j < 16; j += 2) {
                if (random.nextInt(3) == 0) {
                    b[j] = 0;
                    b[j + 1] = 0;   // runs of zero groups, where the shortening rules matter
                }
            }
            hex.add(HexFormat.of().formatHex(b));
        }
        var python = Python.run(String.format(EACH_ARG, "socket.inet_ntop(socket.AF_INET6, bytes.fromhex(a))"),
                hex.toArray(String[]::new));
        var differ = new ArrayList<String>();
        for (int i = 0; i < hex.size(); i++) {
            String java = Sockets.inet_ntop(Domain.INET6, Bytes.of(HexFormat.of().parseHex(hex.get(i))));
            if (!java.equals(python.get(i))) {
                differ.add(hex.get(i) + ": python " + python.get(i) + ", java " + java);
            }
        }
        assertEquals(List.of(), differ);
    }

    @Test
    void inet_pton_and_inet_ntop_round_trip_and_refuse_what_python_refuses() throws Exception {
        var inputs = List.of("::1", "::ffff:1.2.3.4", "2001:db8::1", "1:2:3:4:5:6:7:8", "fe80::1%lo", "::1::", "12345::",
                "1.2.3.4", "[::1]");
        var python = Python.run(String.format(EACH_ARG, "socket.inet_pton(socket.AF_INET6, a)"), inputs.toArray(String[]::new));
        var java = new ArrayList<String>();
        for (String a : inputs) {
            try {
                java.add(Sockets.inet_pton(Domain.INET6, a).toString());
            } catch (AddressError e) {
                java.add("error");
            }
        }
        assertEquals(python, java);
        assertEquals("2001:db8::1", Sockets.inet_ntop(Domain.INET6, Sockets.inet_pton(Domain.INET6, "2001:0db8:0::1")));
        assertEquals("127.0.0.1", Sockets.inet_ntop(Domain.INET, Sockets.inet_pton(Domain.INET, "127.0.0.1")));
        assertThrows(AddressError.class, () -> Sockets.inet_pton(Domain.INET, "127.1"));   // strict, as inet_pton
        var e = assertThrows(AddressError.class, () -> Sockets.inet_ntoa(Bytes.of(new byte[] {1, 2, 3})));
        assertEquals("`010203`: 3 bytes, but an IPv4 address is 4; give the four bytes of an IPv4 address",
                e.getMessage());
    }
}
