package dev.sockets;

import dev.sockets.testing.LibraryTls;
import dev.sockets.testing.TlsInterop;
import dev.sockets.testing.TlsPeers;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The library's TLS against real TLS stacks on 127.0.0.1 ({@code openssl s_server} and
 * {@code s_client}, Python's {@code ssl} and {@code smtplib}, {@code curl}): its client, its
 * {@code onAccept} and {@code onReceive} servers, TLS 1.2 and 1.3, 100 MiB through each pair
 * with SHA-256 at both ends, STARTTLS both ways, client certificates accepted and refused. The
 * same scenarios pass with the JDK's own SSLSocket in {@link TlsPeersTest}.
 */
// A thread of its own: a transfer that hangs fails the test instead of the run; the peers are killed after each.
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsInteropTest {
    @TempDir
    static Path dir;
    static TlsInterop.Ids ids;

    @BeforeAll
    static void tools() throws Exception {
        TlsPeers.requireTools();
        ids = new TlsInterop.Ids(dir);
    }

    @AfterEach
    void killPeers() throws InterruptedException {
        TlsPeers.killAll();
    }

    static Stream<Arguments> forms() {
        return Stream.of("TLSv1.2", "TLSv1.3").flatMap(p -> Stream.of(
                Arguments.of(LibraryTls.ON_ACCEPT, p), Arguments.of(LibraryTls.ON_RECEIVE, p)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void the_client_and_openssl_s_server_carry_100_MiB_each_way(String protocol) throws Exception {
        TlsInterop.clientAgainstOpensslServer(LibraryTls.ON_ACCEPT, protocol, dir, ids);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void the_client_and_python_ssl_echo_server_carry_100_MiB(String protocol) throws Exception {
        TlsInterop.clientAgainstPythonServer(LibraryTls.ON_ACCEPT, protocol, dir, ids);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("forms")
    void openssl_s_client_and_the_server_carry_100_MiB(LibraryTls form, String protocol) throws Exception {
        TlsInterop.opensslClientAgainstServer(form, protocol, dir, ids);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("forms")
    void python_ssl_client_and_the_server_carry_100_MiB(LibraryTls form, String protocol) throws Exception {
        TlsInterop.pythonClientAgainstServer(form, protocol, dir, ids);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("forms")
    void curl_fetches_100_MiB_from_the_server(LibraryTls form, String protocol) throws Exception {
        TlsInterop.curlAgainstServer(form, protocol, dir, ids);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("forms")
    void a_server_requiring_client_certificates_serves_s_client_with_one_the_ca_issued(LibraryTls form, String protocol)
            throws Exception {
        TlsInterop.clientCertificateToServer(form, protocol, dir, ids, true);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("forms")
    void a_server_requiring_client_certificates_refuses_s_client_with_a_rogue_one(LibraryTls form, String protocol)
            throws Exception {
        TlsInterop.clientCertificateToServer(form, protocol, dir, ids, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void openssl_s_server_requiring_client_certificates_accepts_the_client_with_one_the_ca_issued(String protocol)
            throws Exception {
        TlsInterop.clientCertificateAgainstOpensslServer(LibraryTls.ON_ACCEPT, protocol, dir, ids, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void openssl_s_server_requiring_client_certificates_refuses_the_client_with_a_rogue_one(String protocol)
            throws Exception {
        TlsInterop.clientCertificateAgainstOpensslServer(LibraryTls.ON_ACCEPT, protocol, dir, ids, false);
    }

    @Test
    void python_smtplib_starttls_against_the_library_smtp_like_server() throws Exception {
        TlsInterop.smtplibAgainstServer(LibraryTls.ON_ACCEPT, dir, ids);
    }

    @Test
    void the_client_upgrades_after_a_plain_line_to_a_python_server() throws Exception {
        TlsInterop.clientStartTlsAgainstPython(LibraryTls.ON_ACCEPT, dir, ids);
    }
}
