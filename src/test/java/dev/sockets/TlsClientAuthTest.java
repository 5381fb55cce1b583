package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Client certificates (clientAuth(true)): accepted when the trusted authority issued them,
 * refused when missing or issued by another, on both blocking server forms and both versions;
 * both sides' messages exact.
 */
@org.junit.jupiter.api.Timeout(60)
class TlsClientAuthTest {
    static final TlsIdentity CA = TlsIdentity.authority("Test CA");
    static final TlsIdentity SERVER = CA.issue("localhost", "127.0.0.1");
    static final TlsIdentity CLIENT = CA.issue("client");
    static final TlsIdentity STRANGER = TlsIdentity.authority("Other CA").issue("client");

    static final String NO_CERTIFICATE = "the client sent no certificate, and this server requires one"
            + " \\(clientAuth\\(true\\)\\); give the client a certificate issued by an authority this server trusts";

    static TlsSpec server(String version) {
        return Sockets.tls().certificate(SERVER).trust(CA).clientAuth(true).protocols(version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void a_client_certificate_from_the_trusted_authority_is_accepted_by_onAccept(String version) {
        try (var server = server(version).bind("127.0.0.1", 0).onAccept(c ->
                c.sendLine(c.tls().orElseThrow().peerCertificate().orElseThrow().getSubjectX500Principal().getName()))) {
            try (var c = Sockets.tls().trust(CA).certificate(CLIENT).protocols(version)
                    .connect("127.0.0.1", server.address().endpoint().port().number())) {
                assertEquals("CN=client", c.readLine());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void a_client_certificate_from_the_trusted_authority_is_accepted_by_accept(String version) throws Exception {
        try (var listener = server(version).bind("127.0.0.1", 0).listen()) {
            var served = CompletableFuture.supplyAsync(() -> {
                try (var c = listener.accept()) {
                    return c.tls().orElseThrow().toString();
                }
            });
            try (var c = Sockets.tls().trust(CA).certificate(CLIENT).protocols(version).connect("127.0.0.1", listener.port())) {
                String info = served.get(30, TimeUnit.SECONDS);
                assertEquals(true, info.contains(", peer CN=client (expires "), info);
            }
        }
    }

    /** Where the client learns of it: TLS 1.3 clients finish their handshake before the server checks. */
    static String clientOp(String version, int port) {
        return (version.equals("TLSv1.3") ? "recv from" : "handshake with") + " 127.0.0.1:" + port + ": ";
    }

    /**
     * What a JDK server sends a client that shows no certificate: bad_certificate (TLS 1.2 and 1.3 on
     * 17), certificate_required (TLS 1.3 on 25), handshake_failure (TLS 1.2 on 25).
     */
    static final String MISSING_ALERT = "(bad_certificate|certificate_required|handshake_failure)";

    static String quote(String s) {
        return java.util.regex.Pattern.quote(s);
    }

    static final String SERVER_OP = "handshake with 127\\.0\\.0\\.1:\\d+: ";

    static void assertMatches(String regex, String actual) {
        org.junit.jupiter.api.Assertions.assertTrue(actual.matches(regex), actual);
    }

    /** The client's error: at connect (TLS 1.2), or at the first read (TLS 1.3, whose client finishes first). */
    static TlsError clientFails(TlsSpec spec, int port) {
        return assertThrows(TlsError.class, () -> {
            try (var c = spec.connect("127.0.0.1", port)) {
                c.sendLine("hello");
                c.readLine();
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void a_client_without_a_certificate_is_refused_and_both_sides_say_so(String version) throws Exception {
        try (var listener = server(version).bind("127.0.0.1", 0).listen()) {
            var served = CompletableFuture.supplyAsync(() -> assertThrows(TlsError.class, listener::accept));
            var e = clientFails(Sockets.tls().trust(CA).protocols(version), listener.port());
            assertEquals(TlsError.Problem.CLIENT_CERTIFICATE, e.problem());
            assertMatches(quote(clientOp(version, listener.port())) + "the server requires a client certificate \\(alert "
                    + MISSING_ALERT + "\\); give this side one with certificate\\(\\.\\.\\.\\), issued by an authority the server"
                    + " trusts", e.getMessage());
            var s = served.get(30, TimeUnit.SECONDS);
            assertEquals(TlsError.Problem.CLIENT_CERTIFICATE, s.problem());
            assertMatches(SERVER_OP + NO_CERTIFICATE, s.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void a_client_certificate_from_another_authority_is_refused_and_both_sides_say_so(String version) throws Exception {
        try (var listener = server(version).bind("127.0.0.1", 0).listen()) {
            var served = CompletableFuture.supplyAsync(() -> assertThrows(TlsError.class, listener::accept));
            var e = clientFails(Sockets.tls().trust(CA).certificate(STRANGER).protocols(version), listener.port());
            assertEquals(TlsError.Problem.CLIENT_CERTIFICATE, e.problem());
            // The JDK offers a client certificate only if the server named its issuer: this one is never sent.
            assertMatches(quote(clientOp(version, listener.port())) + "the server requires a client certificate issued by an"
                    + " authority it trusts, and this side's is not \\(alert " + MISSING_ALERT + "\\); use a certificate issued by"
                    + " an authority the server trusts", e.getMessage());
            var s = served.get(30, TimeUnit.SECONDS);
            assertEquals(TlsError.Problem.CLIENT_CERTIFICATE, s.problem());
            assertMatches(SERVER_OP + NO_CERTIFICATE, s.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void an_expired_client_certificate_is_refused_and_both_sides_say_so(String version) throws Exception {
        var expired = CA.issue(java.time.Instant.now().minusSeconds(86400 * 30), java.time.Instant.now().minusSeconds(86400 * 2),
                "client");
        try (var listener = server(version).bind("127.0.0.1", 0).listen()) {
            var served = CompletableFuture.supplyAsync(() -> assertThrows(TlsError.class, listener::accept));
            var e = clientFails(Sockets.tls().trust(CA).certificate(expired).protocols(version), listener.port());
            assertEquals(TlsError.Problem.CLIENT_CERTIFICATE, e.problem());
            assertEquals(clientOp(version, listener.port()) + "the server refused this client's certificate (alert"
                    + " certificate_unknown); check its dates and its issuer against what the server trusts", e.getMessage());
            var s = served.get(30, TimeUnit.SECONDS);
            assertEquals(TlsError.Problem.EXPIRED, s.problem());
            assertMatches(SERVER_OP + "the client's certificate CN=client expired on \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC;"
                    + " this machine's clock says .* UTC; renew the certificate \\(if the clock is wrong, set it right\\)",
                    s.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void an_onAccept_server_refuses_a_client_without_a_certificate_and_serves_on(String version) {
        try (var server = server(version).bind("127.0.0.1", 0).onAccept(c -> c.sendLine("hi"))) {
            int port = server.address().endpoint().port().number();
            var e = clientFails(Sockets.tls().trust(CA).protocols(version), port);
            assertEquals(TlsError.Problem.CLIENT_CERTIFICATE, e.problem());
            try (var c = Sockets.tls().trust(CA).certificate(CLIENT).protocols(version).connect("127.0.0.1", port)) {
                assertEquals("hi", c.readLine());
            }
        }
    }
}
