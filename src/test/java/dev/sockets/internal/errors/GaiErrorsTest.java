package dev.sockets.internal.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.HostNotFound;
import dev.sockets.SocketError;
import dev.sockets.SocketError.Op;
import dev.sockets.internal.io.Inet;
import dev.sockets.testing.Python;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A failed look-up's reason in the C library's numbers ({@code EAI_NONAME}, {@code EAI_AGAIN}, ...),
 * read from the JDK's message, which on Linux is {@code "<name>: " + gai_strerror(code)} on JDK 17
 * and 25 alike. The words come from this machine's C library (gai_strerror through Python's
 * ctypes, no look-up at all), so the table is checked against the resolver that writes them.
 */
class GaiErrorsTest {

    private static HostNotFound lookupFailed(String message) {
        SocketError e = Errors.map(Op.GETADDRINFO, "db.test", new UnknownHostException(message));
        assertTrue(e instanceof HostNotFound, e.toString());
        return (HostNotFound) e;
    }

    /** gai_strerror(code) of this machine's C library. */
    private static String gaiStrerror(int code) throws Exception {
        return Python.run("import ctypes, sys\n"
                + "f = ctypes.CDLL(None).gai_strerror\n"
                + "f.restype = ctypes.c_char_p\n"
                + "print(f(int(sys.argv[1])).decode())\n", Integer.toString(code)).get(0);
    }

    @Test
    void each_code_the_c_library_words_is_told_apart() throws Exception {
        for (int code : new int[] {HostNotFound.EAI_NONAME, HostNotFound.EAI_AGAIN, HostNotFound.EAI_FAIL,
                HostNotFound.EAI_NODATA, HostNotFound.EAI_ADDRFAMILY, HostNotFound.EAI_SYSTEM}) {
            String words = gaiStrerror(code);
            HostNotFound e = lookupFailed("db.test: " + words);
            assertEquals(code, e.gaiCode(), words);
        }
    }

    @Test
    void no_such_name_says_check_the_spelling() {
        HostNotFound e = lookupFailed("db.test: Name or service not known");
        assertEquals(-2, e.gaiCode());
        assertEquals("EAI_NONAME", e.gaiName());
        assertEquals("getaddrinfo db.test: host not found; check the spelling, or use an address such as 127.0.0.1",
                e.getMessage());
        // Python's gaierror.errno is gaiCode(): errno() is the OS's, and the OS said nothing.
        assertEquals(0, e.errno());
        assertEquals("", e.errnoName());
    }

    @Test
    void no_dns_answer_asks_for_a_network_not_the_spelling() {
        HostNotFound e = lookupFailed("db.test: Temporary failure in name resolution");
        assertEquals(-3, e.gaiCode());
        assertEquals("EAI_AGAIN", e.gaiName());
        assertEquals("getaddrinfo db.test: temporary failure in name resolution; no DNS answer: is there a network?"
                + " or use an address such as 127.0.0.1", e.getMessage());
        assertFalse(e.hint().contains("spelling"));
    }

    @Test
    void every_other_reason_has_its_own_words_and_never_the_spelling() {
        assertEquals(List.of(
                "-4 EAI_FAIL getaddrinfo db.test: non-recoverable failure in name resolution; no DNS answer: the name"
                        + " server failed; is it the one /etc/resolv.conf should name? or use an address such as 127.0.0.1",
                "-5 EAI_NODATA getaddrinfo db.test: no address associated with hostname; the name is known but has no"
                        + " address; or use an address such as 127.0.0.1",
                "-9 EAI_ADDRFAMILY getaddrinfo db.test: address family for hostname not supported; the name has no"
                        + " address of that family; ask for family null",
                "-11 EAI_SYSTEM getaddrinfo db.test: system error in name resolution; the resolver failed on this"
                        + " machine (out of descriptors or memory?)"),
                List.of(line("db.test: Non-recoverable failure in name resolution"),
                        line("db.test: No address associated with hostname"),
                        line("db.test: Address family for hostname not supported"),
                        line("db.test: System error")));
    }

    private static String line(String message) {
        HostNotFound e = lookupFailed(message);
        assertFalse(e.hint().contains("spelling"), e.getMessage());
        return e.gaiCode() + " " + e.gaiName() + " " + e.getMessage();
    }

    @Test
    void macos_words_and_the_jdks_hosts_file_are_no_such_name() {
        assertEquals(-2, lookupFailed("db.test: nodename nor servname provided, or not known").gaiCode());
        assertEquals(-2, lookupFailed("Unable to resolve host db.test in hosts file /tmp/hosts").gaiCode());
    }

    @Test
    void a_bare_name_from_the_jdks_cache_tells_no_reason() {
        HostNotFound e = lookupFailed("db.test");
        assertEquals(0, e.gaiCode());
        assertEquals("", e.gaiName());
        assertEquals("getaddrinfo db.test: host not found; the JDK gave no reason (it repeats a failed look-up from"
                + " its cache for 10 s): check the name and the network, or use an address such as 127.0.0.1",
                e.getMessage());
    }

    @Test
    void a_name_never_matches_a_row_only_the_words_after_it_do() {
        assertEquals(-3, lookupFailed("system-error.test: Temporary failure in name resolution").gaiCode());
        assertEquals(0, lookupFailed("system-error.test").gaiCode());
        assertEquals(SocketError.Kind.OTHER, Errors.map(Op.RECV, null, null,
                new java.io.IOException("System error"), null).kind(), "the look-up rows are for look-ups only");
    }

    @Test
    void a_failure_the_jdk_repeats_from_its_cache_keeps_the_words_seen_first() {
        UnknownHostException first = new UnknownHostException("again.test: Temporary failure in name resolution");
        assertSame(first, Inet.FailedLookups.explained("again.test", first));
        UnknownHostException cached = new UnknownHostException("again.test");
        UnknownHostException told = Inet.FailedLookups.explained("again.test", cached);
        assertEquals("again.test: Temporary failure in name resolution", told.getMessage());
        assertSame(cached, told.getCause());
        assertEquals(-3, lookupFailed(told.getMessage()).gaiCode());
        UnknownHostException never = new UnknownHostException("never.test");
        assertSame(never, Inet.FailedLookups.explained("never.test", never));
    }

    @Test
    void about_keeps_the_code() {
        HostNotFound e = lookupFailed("db.test: Temporary failure in name resolution");
        SocketError all = Errors.about(e, "db.test:80", "every address failed", e.hint());
        assertEquals(-3, ((HostNotFound) all).gaiCode());
    }
}
