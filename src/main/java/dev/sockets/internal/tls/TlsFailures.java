package dev.sockets.internal.tls;

import dev.sockets.TlsError.Problem;
import dev.sockets.TlsInfo;
import dev.sockets.internal.errors.Errors;
import dev.sockets.internal.errors.TlsFailure;
import java.io.EOFException;
import java.io.IOException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

/**
 * Says why a TLS handshake or record failed, as a {@link TlsFailure} with the case, the reason
 * and the hint. DEV-NOTE, the order of evidence: first what the library saw itself (its
 * handshake deadline fired; the peer's first bytes cannot start a TLS record); then what its
 * {@link TrustRecorder} kept (the peer's chain and the JDK's exception, read by type: an
 * expired certificate by {@link CertificateExpiredException} or {@link CertPathValidatorException}'s
 * reason, a host name by the chain passing without it); then the alert the peer sent, which the
 * JDK reports as {@code Received fatal alert: <name>} with the name from its own table (the peer
 * sends one byte, never text); last the few local JDK failures that have no type of their own,
 * in {@link #NO_COMMON}, each row the JDK's own words. Nothing the peer wrote reaches a message.
 */
final class TlsFailures {
    private TlsFailures() {
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    // The JDK's prefix for an alert the peer sent (sun.security.ssl.Alert: "Received fatal alert: ").
    private static final String RECEIVED = "received fatal alert: ";

    /** The JDK's words for a local failure to agree on a version or a cipher suite (sun.security.ssl). */
    private static final List<String> NO_COMMON = List.of(
            // ServerHello.T12/T13 client: "The server selected protocol version TLS10 is not accepted by client preferences [TLS13, TLS12]"
            "is not accepted by client preferences",
            // ClientHello server side: "Client requested protocol TLSv1 is not enabled or supported in server context"
            "is not enabled or supported in server context",
            // HandshakeContext: "No appropriate protocol (protocol is disabled or cipher suites are inappropriate)"
            "no appropriate protocol",
            // ServerHello negotiation: "no cipher suites in common"
            "no cipher suites in common",
            "no negotiable cipher suite");

    /** Alerts that say the receiver did not accept a certificate (RFC 8446, 6.2). */
    private static final Set<String> CERTIFICATE_ALERTS = Set.of("bad_certificate", "unsupported_certificate",
            "certificate_revoked", "certificate_expired", "certificate_unknown", "unknown_ca", "access_denied",
            "certificate_required");

    /** Alerts that say the sides share no version or cipher suite. */
    private static final Set<String> NO_COMMON_ALERTS = Set.of("protocol_version", "handshake_failure",
            "insufficient_security");

    /** What the handshake agreed. */
    static TlsInfo info(SSLEngine engine) {
        SSLSession s = engine.getSession();
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (var c : s.getPeerCertificates()) {
                if (c instanceof X509Certificate x) {
                    chain.add(x);
                }
            }
        } catch (SSLPeerUnverifiedException e) {
            // A client that showed no certificate: an empty chain.
        }
        String alpn = engine.getApplicationProtocol();
        return new TlsInfo(s.getProtocol(), s.getCipherSuite(), chain, alpn == null ? "" : alpn);
    }

    /**
     * The failure {@code e} stands for.
     *
     * @param timedOut  the handshake deadline fired
     * @param handshake true while the handshake ran, false for a failure in a record after it
     */
    static IOException classify(Throwable e, TlsSide side, TlsSession session, boolean timedOut, boolean handshake) {
        if (e instanceof TlsFailure f) {
            return f;
        }
        String peer = side.client() ? "server" : "client";
        if (timedOut) {
            String what = session.received() == 0 ? "the " + peer + " said nothing"
                    : "the " + peer + " stopped answering mid-handshake";
            String hint = side.client()
                    ? "is it a TLS port? raise handshakeTimeout(...) if the server is only slow"
                    : "a client that connects and stalls is cut off after the spec's handshakeTimeout";
            return failure(Problem.HANDSHAKE_TIMEOUT, "the TLS handshake did not finish within "
                    + Errors.human(side.handshakeTimeout()) + ": " + what, hint, e);
        }
        if (e instanceof TlsSession.NotTlsException) {
            return side.client()
                    ? failure(Problem.NOT_TLS, "the server answered in plain text, not TLS",
                    "does it need STARTTLS, or is this the plain port?", e)
                    : failure(Problem.NOT_TLS, "the client sent something that is not a TLS handshake",
                    "is it a plain-text client on the TLS port? it should connect with TLS, or to the plain port", e);
        }
        if (side.trust() != null) {
            TrustRecorder.Rejection r = side.trust().rejection(side.engine());
            if (r != null) {
                return certificate(r, side, e);
            }
        }
        String alert = alert(e);
        if (alert != null) {
            return alerted(alert, side, e);
        }
        String low = messages(e);
        for (String words : NO_COMMON) {
            if (low.contains(words)) {
                return noCommon(side, e);
            }
        }
        if (e instanceof EOFException) {
            return side.client()
                    ? failure(Problem.OTHER, "the server closed the connection during the TLS handshake",
                    "is it a TLS port? the server may refuse this client's TLS version or certificate: its log says why", e)
                    : failure(Problem.OTHER, "the client closed the connection during the TLS handshake",
                    "the client gave up; its own error says why (often: it does not trust this server's certificate)", e);
        }
        if (!side.client() && side.clientAuth() && handshake && e instanceof SSLException) {
            // Required and never checked (the recorder kept nothing): the client sent no certificate.
            return failure(Problem.CLIENT_CERTIFICATE, "the client sent no certificate, and this server requires one"
                    + " (clientAuth(true))", "give the client a certificate issued by an authority this server trusts", e);
        }
        if (e instanceof IOException && !(e instanceof SSLException)) {
            // The socket failed under the handshake (a reset, a closed socket): not a TLS problem.
            return (IOException) e;
        }
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return failure(Problem.OTHER, (handshake ? "the TLS handshake failed: " : "TLS failed: ")
                + why.toLowerCase(Locale.ROOT), "", e);
    }

    private static TlsFailure noCommon(TlsSide side, Throwable e) {
        String peer = side.client() ? "server" : "client";
        return failure(Problem.NO_COMMON_PROTOCOL, "no TLS version or cipher suite in common with the " + peer
                        + " (this side accepts " + String.join(", ", side.protocols()) + ")",
                "the " + peer + " may speak only TLS 1.0 or 1.1, which are broken (RFC 8996) and refused: upgrade it", e);
    }

    private static TlsFailure alerted(String alert, TlsSide side, Throwable e) {
        boolean askedForCertificate = side.client() && side.keys() != null && side.keys().asked(side.engine());
        if (askedForCertificate && (CERTIFICATE_ALERTS.contains(alert) || alert.equals("handshake_failure"))) {
            // The server asked for a client certificate and then ended the handshake: about that
            // certificate (a TLS 1.2 server may say handshake_failure for a missing one).
            if (!side.hasCertificate()) {
                return failure(Problem.CLIENT_CERTIFICATE, "the server requires a client certificate (alert " + alert
                        + ")", "give this side one with certificate(...), issued by an authority the server trusts", e);
            }
            if (side.keys().declined(side.engine())) {
                // The JDK's key manager offers a certificate only if its issuer is one the server named.
                return failure(Problem.CLIENT_CERTIFICATE, "the server requires a client certificate issued by an"
                        + " authority it trusts, and this side's is not (alert " + alert + ")",
                        "use a certificate issued by an authority the server trusts", e);
            }
            return failure(Problem.CLIENT_CERTIFICATE, "the server refused this client's certificate (alert " + alert + ")",
                    "check its dates and its issuer against what the server trusts", e);
        }
        if (NO_COMMON_ALERTS.contains(alert)) {
            return noCommon(side, e);
        }
        if (CERTIFICATE_ALERTS.contains(alert)) {
            if (side.client()) {
                return failure(Problem.CLIENT_CERTIFICATE, "the server refused this side's TLS session for its"
                        + " certificate (alert " + alert + ")", "check what the server requires of its clients", e);
            }
            return failure(Problem.UNTRUSTED, "the client refused this server's certificate (alert " + alert + ")",
                    "the client does not trust it: give the client its issuer's certificate (trust(Path) here,"
                            + " --cacert for curl), or use a certificate from an authority it trusts", e);
        }
        if (alert.equals("no_application_protocol")) {
            return failure(Problem.OTHER, "no application protocol (ALPN) in common with the "
                    + (side.client() ? "server" : "client"), "check alpn(...) on both sides", e);
        }
        return failure(Problem.OTHER, "the " + (side.client() ? "server" : "client") + " ended the TLS handshake"
                + " with alert " + alert, "", e);
    }

    private static TlsFailure certificate(TrustRecorder.Rejection r, TlsSide side, Throwable e) {
        X509Certificate leaf = r.chain().length > 0 ? r.chain()[0] : null;
        String whose = side.client() ? "the server's certificate" : "the client's certificate";
        if (leaf == null) {
            return failure(Problem.UNTRUSTED, whose + " chain is empty", "", e);
        }
        Instant now = Instant.now();
        for (Throwable t = r.error(); t != null; t = t.getCause()) {
            boolean expired = t instanceof CertificateExpiredException || t instanceof CertPathValidatorException v
                    && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED;
            boolean early = t instanceof CertificateNotYetValidException || t instanceof CertPathValidatorException v
                    && v.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID;
            if (expired || early) {
                X509Certificate off = leaf;
                for (X509Certificate c : r.chain()) {
                    if (expired ? c.getNotAfter().toInstant().isBefore(now) : c.getNotBefore().toInstant().isAfter(now)) {
                        off = c;
                        break;
                    }
                }
                String clock = "; this machine's clock says " + WHEN.format(now);
                String who = (off == leaf ? whose : "the certificate of its issuer") + " " + name(off.getSubjectX500Principal());
                if (expired) {
                    return failure(Problem.EXPIRED, who + " expired on " + WHEN.format(off.getNotAfter().toInstant()) + clock,
                            "renew the certificate (if the clock is wrong, set it right)", e);
                }
                return failure(Problem.NOT_YET_VALID, who + " is valid only from "
                                + WHEN.format(off.getNotBefore().toInstant()) + clock,
                        "check this machine's clock, and the one that made the certificate", e);
            }
        }
        if (r.hostOnly()) {
            return failure(Problem.HOST_MISMATCH, whose + " is for " + names(leaf) + ", not for " + side.expectedName(),
                    "connect to one of those names, or give the name the server is known by to serverName(...)", e);
        }
        X509Certificate top = r.chain()[r.chain().length - 1];
        boolean selfSigned = top.getSubjectX500Principal().equals(top.getIssuerX500Principal());
        String issuer = name(leaf.getIssuerX500Principal());
        String reason = whose + " is not trusted: " + name(leaf.getSubjectX500Principal()) + ", issued by " + issuer
                + (leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal()) ? " (self-signed)"
                : selfSigned && top != leaf ? " (its root " + name(top.getSubjectX500Principal()) + " is not trusted here)"
                : " (not trusted here)");
        String anchor = selfSigned ? name(top.getSubjectX500Principal()) : name(top.getIssuerX500Principal());
        String hint = side.client()
                ? "if you trust it, pass a PEM file with the certificate of " + anchor + " to trust(Path),"
                + " as in Sockets.tls().trust(Path.of(\"ca.pem\"))"
                : "this server trusts only what trust(...) gave it: add the certificate of " + anchor
                + ", or issue the client's certificate from an authority it trusts";
        return failure(Problem.UNTRUSTED, reason, hint, e);
    }

    /** The names a certificate is for: its DNS and IP subject alternative names, else its CN. */
    static String names(X509Certificate c) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> alt = c.getSubjectAlternativeNames();
            if (alt != null) {
                for (List<?> n : alt) {
                    int type = (Integer) n.get(0);
                    if ((type == 2 || type == 7) && n.get(1) instanceof String s) {
                        out.add(s);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // Fall back to the subject.
        }
        if (out.isEmpty()) {
            out.add(name(c.getSubjectX500Principal()));
        }
        return out.toString();
    }

    private static String name(X500Principal p) {
        return p.getName(X500Principal.RFC2253);
    }

    /** The alert name the JDK reports for an alert the peer sent, or null. */
    private static String alert(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (t instanceof SSLException && m != null) {
                String low = m.toLowerCase(Locale.ROOT);
                int at = low.indexOf(RECEIVED);
                if (at >= 0) {
                    String rest = low.substring(at + RECEIVED.length());
                    int end = 0;
                    while (end < rest.length() && (Character.isLetterOrDigit(rest.charAt(end)) || rest.charAt(end) == '_')) {
                        end++;
                    }
                    return rest.substring(0, end);
                }
            }
        }
        return null;
    }

    private static String messages(Throwable e) {
        var s = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            s.append(t.getMessage()).append('\n');
        }
        return s.toString().toLowerCase(Locale.ROOT);
    }

    private static TlsFailure failure(Problem p, String reason, String hint, Throwable cause) {
        return new TlsFailure(p, reason, hint, cause);
    }

}
