package dev.sockets;

import dev.sockets.testing.JdkTls;
import dev.sockets.testing.TlsInterop;
import dev.sockets.testing.TlsPeers;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TLS interop harness proven with the JDK's own SSLSocket and SSLServerSocket against every
 * real peer of {@link TlsPeers} ({@code openssl s_server} and {@code s_client}, Python's
 * {@code ssl} and {@code smtplib}, {@code curl}): the same scenarios as {@code TlsInteropTest},
 * which runs them with the library's TLS. A scenario that fails here is the harness's or the
 * peer's; one that fails only there is the library's.
 */
// A thread of its own: a transfer that hangs fails the test instead of the run; the peers are killed after each.
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsPeersTest {
    @TempDir
    static Path dir;
    static TlsInterop.Ids ids;
    static final JdkTls JDK = new JdkTls();

    @BeforeAll
    static void tools() throws Exception {
        TlsPeers.requireTools();
        ids = new TlsInterop.Ids(dir);
    }

    @AfterEach
    void killPeers() throws InterruptedException {
        TlsPeers.killAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void jdk_client_and_openssl_s_server_carry_100_MiB_each_way(String protocol) throws Exception {
        TlsInterop.clientAgainstOpensslServer(JDK, protocol, dir, ids);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void jdk_client_and_python_ssl_echo_server_carry_100_MiB(String protocol) throws Exception {
        TlsInterop.clientAgainstPythonServer(JDK, protocol, dir, ids);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void openssl_s_client_and_jdk_server_carry_100_MiB(String protocol) throws Exception {
        TlsInterop.opensslClientAgainstServer(JDK, protocol, dir, ids);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void python_ssl_client_and_jdk_server_carry_100_MiB(String protocol) throws Exception {
        TlsInterop.pythonClientAgainstServer(JDK, protocol, dir, ids);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void curl_fetches_100_MiB_from_a_jdk_https_responder(String protocol) throws Exception {
        TlsInterop.curlAgainstServer(JDK, protocol, dir, ids);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void a_jdk_server_requiring_client_certificates_serves_s_client_with_one_the_ca_issued(String protocol) throws Exception {
        TlsInterop.clientCertificateToServer(JDK, protocol, dir, ids, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void a_jdk_server_requiring_client_certificates_refuses_s_client_with_a_rogue_one(String protocol) throws Exception {
        TlsInterop.clientCertificateToServer(JDK, protocol, dir, ids, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void openssl_s_server_requiring_client_certificates_accepts_the_jdk_client_with_one_the_ca_issued(String protocol)
            throws Exception {
        TlsInterop.clientCertificateAgainstOpensslServer(JDK, protocol, dir, ids, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void openssl_s_server_requiring_client_certificates_refuses_the_jdk_client_with_a_rogue_one(String protocol)
            throws Exception {
        TlsInterop.clientCertificateAgainstOpensslServer(JDK, protocol, dir, ids, false);
    }

    @Test
    void python_smtplib_starttls_against_a_jdk_smtp_like_server() throws Exception {
        TlsInterop.smtplibAgainstServer(JDK, dir, ids);
    }

    @Test
    void the_jdk_client_upgrades_after_a_plain_line_to_a_python_server() throws Exception {
        TlsInterop.clientStartTlsAgainstPython(JDK, dir, ids);
    }
}
