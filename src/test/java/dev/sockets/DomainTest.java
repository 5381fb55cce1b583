package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vavr.control.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainTest {

    /** The tutorial's row 1 names AF_INET, PF_INET, PF_UNIX, PF_X25 "and so on". */
    @Test
    void the_tutorials_domain_row() {
        assertEquals(Either.right(Domain.INET), Domain.parse("AF_INET"));
        assertEquals(Either.right(Domain.INET), Domain.parse("PF_INET"));
        assertEquals(Either.right(Domain.UNIX), Domain.parse("PF_UNIX"));
        assertEquals(Either.right(Domain.UNIX), Domain.parse("AF_UNIX"));
        assertEquals("`PF_X25`: the X.25 family (9) is known, but the JVM cannot open it; use INET, INET6 or UNIX",
                Domain.parse("PF_X25").getLeft().getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "INET, INET", "inet, INET", "AF_INET, INET", "PF_INET, INET", "af_inet, INET", "2, INET", "02, INET",
        "INET6, INET6", "AF_INET6, INET6", "PF_INET6, INET6", "10, INET6",
        "UNIX, UNIX", "AF_UNIX, UNIX", "PF_UNIX, UNIX", "AF_LOCAL, UNIX", "PF_LOCAL, UNIX", "LOCAL, UNIX", "1, UNIX",
    })
    void finds_a_domain_by_every_name_and_number(String text, Domain expected) {
        assertEquals(Either.right(expected), Domain.parse(text));
        assertSame(expected, Domain.of(text));
    }

    @Test
    void finds_a_domain_by_int() {
        assertSame(Domain.INET, Domain.of(2));
        assertSame(Domain.INET6, Domain.of(10));
        assertSame(Domain.UNIX, Domain.of(1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "PF_X25       | the X.25 family (9)",
        "AF_X25       | the X.25 family (9)",
        "9            | the X.25 family (9)",
        "AF_PACKET    | the packet (raw link layer) family (17)",
        "AF_NETLINK   | the Netlink family (16)",
        "AF_ROUTE     | the Netlink family (16)",
        "AF_BLUETOOTH | the Bluetooth family (31)",
        "AF_APPLETALK | the AppleTalk family (5)",
        "AF_IPX       | the Novell IPX family (4)",
        "AF_CAN       | the CAN bus family (29)",
        "PF_VSOCK     | the VSOCK family (40)",
    })
    void refuses_a_family_the_jvm_cannot_open_and_says_so(String text, String what) {
        AddressError e = Domain.parse(text).getLeft();
        assertEquals("`" + text + "`: " + what + " is known, but the JVM cannot open it; use INET, INET6 or UNIX",
                e.getMessage());
        assertEquals(text, e.input());
        assertEquals(-1, e.position());
    }

    @Test
    void refuses_af_unspec_as_meaningful_only_for_getaddrinfo() {
        String reason = "AF_UNSPEC (0) means \"any family\" and is meaningful only for getaddrinfo; "
                + "pass null as getaddrinfo's family; a socket needs INET, INET6 or UNIX";
        assertEquals("`AF_UNSPEC`: " + reason, Domain.parse("AF_UNSPEC").getLeft().getMessage());
        assertEquals("`0`: " + reason, Domain.parse("0").getLeft().getMessage());
        assertEquals("`0`: " + reason, assertThrows(AddressError.class, () -> Domain.of(0)).getMessage());
    }

    @Test
    void refuses_an_unknown_word_with_the_names_it_expects() {
        assertEquals("`IPV4`: unknown domain; expected INET, INET6, UNIX or their AF_/PF_ names",
                Domain.parse("IPV4").getLeft().getMessage());
        assertEquals("`IPV4`: unknown domain; expected INET, INET6, UNIX or their AF_/PF_ names",
                assertThrows(AddressError.class, () -> Domain.of("IPV4")).getMessage());
    }

    @Test
    void refuses_an_unknown_number_with_the_numbers_it_expects() {
        assertEquals("`99`: unknown domain number 99; expected 2 (INET), 10 (INET6) or 1 (UNIX)",
                assertThrows(AddressError.class, () -> Domain.of(99)).getMessage());
        assertEquals("`-1`: unknown domain number -1; expected 2 (INET), 10 (INET6) or 1 (UNIX)",
                assertThrows(AddressError.class, () -> Domain.of(-1)).getMessage());
    }

    @Test
    void every_linux_family_number_up_to_45_is_known() {
        for (int n = 0; n <= 45; n++) {
            var r = Domain.parse(Integer.toString(n));
            if (n == 1 || n == 2 || n == 10) {
                assertEquals(n, r.get().number());
            } else {
                String m = r.getLeft().getMessage();
                assertEquals(true, m.contains("is known, but the JVM cannot open it") || m.contains("AF_UNSPEC (0)"), m);
            }
        }
    }

    @Test
    void prints_as_its_constant_with_c_name_and_number_on_request() {
        assertEquals("INET", Domain.AF_INET.toString());
        assertEquals("AF_INET6", Domain.INET6.cName());
        assertEquals(10, Domain.PF_INET6.number());
        assertSame(Domain.UNIX, Domain.AF_LOCAL);
    }

    @Test
    void null_is_an_error_not_an_exception() {
        assertEquals("`null`: no domain; expected INET, INET6 or UNIX", Domain.parse(null).getLeft().getMessage());
    }
}
