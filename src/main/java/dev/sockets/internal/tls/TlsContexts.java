package dev.sockets.internal.tls;

import dev.sockets.Host;
import dev.sockets.SocketError;
import dev.sockets.TlsError;
import dev.sockets.internal.errors.Errors;
import dev.sockets.internal.settings.Setting;
import dev.sockets.internal.settings.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds the {@link SSLContext} of a spec's TLS settings, and the engine of each connection.
 * DEV-NOTE: a context is costly to build (the JDK's trust store is read and parsed, keys are
 * loaded), so contexts are kept per TLS settings, with each file's size and time of change in the
 * key: a certificate renewed on disk is read again at the next connect or listen.
 */
final class TlsContexts {
    private TlsContexts() {
    }

    /** A context and what checks peers' chains in it (null for insecure). */
    record Built(SSLContext context, TrustRecorder trust, KeyRecorder keys) {
    }

    private static final int KEEP = 32;
    private static final char[] IN_MEMORY = "sockets".toCharArray();
    private static final Map<List<Object>, Built> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, Built> eldest) {
            return size() > KEEP;
        }
    };

    static Built of(Settings s) {
        List<Object> key = new ArrayList<>();
        key.add(s.get(TlsSettings.TRUST));
        key.add(s.get(TlsSettings.CERTIFICATE));
        key.add(s.get(TlsSettings.INSECURE));
        for (Setting<Material> k : List.of(TlsSettings.TRUST, TlsSettings.CERTIFICATE)) {
            Material m = s.get(k);
            if (m != null) {
                for (Path p : m.files()) {
                    key.add(stamp(p));
                }
            }
        }
        synchronized (CACHE) {
            Built b = CACHE.get(key);
            if (b != null) {
                return b;
            }
        }
        Built b = build(s);
        synchronized (CACHE) {
            CACHE.put(key, b);
        }
        return b;
    }

    private static String stamp(Path p) {
        try {
            return p.toAbsolutePath() + "@" + Files.getLastModifiedTime(p).toMillis() + "/" + Files.size(p);
        } catch (IOException e) {
            // The reader reports the missing file with its own words.
            return p.toAbsolutePath() + "@?";
        }
    }

    private static Built build(Settings s) {
        try {
            TrustRecorder recorder = null;
            TrustManager[] tms;
            if (s.get(TlsSettings.INSECURE)) {
                tms = new TrustManager[] {new TrustAll()};
            } else {
                var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trustStore(s.get(TlsSettings.TRUST)));
                X509ExtendedTrustManager jdk = null;
                for (TrustManager t : tmf.getTrustManagers()) {
                    if (t instanceof X509ExtendedTrustManager x) {
                        jdk = x;
                    }
                }
                recorder = new TrustRecorder(jdk);
                tms = new TrustManager[] {recorder};
            }
            KeyManager[] kms = keyManagers(s.get(TlsSettings.CERTIFICATE));
            KeyRecorder keys = null;
            for (int i = 0; i < kms.length; i++) {
                if (kms[i] instanceof javax.net.ssl.X509ExtendedKeyManager x) {
                    keys = new KeyRecorder(x);
                    kms[i] = keys;
                }
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kms, tms, null);
            return new Built(ctx, recorder, keys);
        } catch (GeneralSecurityException e) {
            throw material("the TLS settings", "cannot be used: " + e.getMessage(), "", e);
        }
    }

    private static KeyStore trustStore(Material m) throws GeneralSecurityException {
        if (m == null) {
            return null; // the JDK's own trust store
        }
        if (m instanceof Material.Store st) {
            return st.store();
        }
        if (m instanceof Material.Identity id) {
            return id.identity().trustStore();
        }
        Path file = ((Material.PemFile) m).file();
        KeyStore ks = emptyStore();
        int i = 0;
        for (X509Certificate c : Pem.certificates(file)) {
            ks.setCertificateEntry("trusted-" + i++, c);
        }
        return ks;
    }

    private static KeyManager[] keyManagers(Material m) throws GeneralSecurityException {
        KeyStore ks;
        char[] password = IN_MEMORY;
        if (m == null) {
            ks = emptyStore(); // no key: the recorder still sees a server ask for one
        } else if (m instanceof Material.Pkcs12 p) {
            password = p.password();
            ks = Pem.pkcs12(p.file(), password);
        } else if (m instanceof Material.Identity id) {
            ks = keyStore(id.identity().privateKey(), id.identity().chain());
        } else if (m instanceof Material.PemPair pair) {
            List<X509Certificate> chain = Pem.certificates(pair.cert());
            PrivateKey key = Pem.privateKey(pair.key());
            ks = keyStore(key, chain);
        } else {
            throw new IllegalArgumentException("expected a certificate with its key but was " + m.print());
        }
        var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        return kmf.getKeyManagers();
    }

    private static KeyStore keyStore(PrivateKey key, List<X509Certificate> chain) throws GeneralSecurityException {
        KeyStore ks = emptyStore();
        ks.setKeyEntry("tls", key, IN_MEMORY, chain.toArray(new X509Certificate[0]));
        return ks;
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return ks;
    }

    private static SocketError material(String what, String reason, String hint, Exception cause) {
        return Errors.of(SocketError.Kind.TLS, SocketError.Op.PARSE).tls(TlsError.Problem.MATERIAL).at(what)
                .because(reason, hint).cause(new IOException(cause)).error();
    }

    /** The engine of a connecting side, for {@code host} (SNI and host name check). */
    static TlsSide client(Settings s, Built b, Host host, int port) {
        String serverName = s.get(TlsSettings.SERVER_NAME);
        String expected = serverName != null ? serverName : host.text();
        SSLEngine e = b.context().createSSLEngine(expected, port);
        e.setUseClientMode(true);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(s.get(TlsSettings.PROTOCOLS).toArray(new String[0]));
        boolean insecure = s.get(TlsSettings.INSECURE);
        if (!insecure) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (serverName != null || host instanceof Host.Name) {
            try {
                p.setServerNames(List.of(new SNIHostName(expected)));
            } catch (IllegalArgumentException notForSni) {
                // A name SNI cannot carry ("localhost." with its dot, say): sent without SNI.
            }
        }
        List<String> alpn = s.get(TlsSettings.ALPN);
        if (!alpn.isEmpty()) {
            p.setApplicationProtocols(alpn.toArray(new String[0]));
        }
        e.setSSLParameters(p);
        return new TlsSide(e, true, expected, s.get(TlsSettings.PROTOCOLS), false, s.isSet(TlsSettings.CERTIFICATE),
                s.get(TlsSettings.HANDSHAKE_TIMEOUT), b.trust(), b.keys());
    }

    /** Checks that a spec can serve: a certificate, and trust when it requires client certificates. */
    static Built checkServer(Settings s) {
        if (!s.isSet(TlsSettings.CERTIFICATE)) {
            throw new IllegalStateException("expected a certificate for a TLS server but the spec has none;"
                    + " give one with certificate(Path cert, Path key), certificate(Path pkcs12, char[] password)"
                    + " or certificate(TlsIdentity.selfSigned(\"localhost\"))");
        }
        if (s.get(TlsSettings.CLIENT_AUTH) && !s.isSet(TlsSettings.TRUST)) {
            throw new IllegalStateException("expected trust(...) with the authority that issues client certificates,"
                    + " since clientAuth(true) checks them against it, but the spec has none");
        }
        return of(s);
    }

    /** The engine of a serving side. */
    static TlsSide server(Settings s, Built b) {
        SSLEngine e = b.context().createSSLEngine();
        e.setUseClientMode(false);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(s.get(TlsSettings.PROTOCOLS).toArray(new String[0]));
        boolean clientAuth = s.get(TlsSettings.CLIENT_AUTH);
        p.setNeedClientAuth(clientAuth);
        List<String> alpn = s.get(TlsSettings.ALPN);
        if (!alpn.isEmpty()) {
            p.setApplicationProtocols(alpn.toArray(new String[0]));
        }
        e.setSSLParameters(p);
        return new TlsSide(e, false, null, s.get(TlsSettings.PROTOCOLS), clientAuth, true,
                s.get(TlsSettings.HANDSHAKE_TIMEOUT), clientAuth ? b.trust() : null, b.keys());
    }

    /** {@code insecure()}: every chain accepted, no host name checked. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
