package dev.sockets.internal.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's trust manager, with a memory of what it refused: when a handshake fails, the
 * classifier asks {@link #rejection(SSLEngine)} for the peer's chain and the JDK's exception, so
 * that the message can name the certificate and tell an untrusted chain from a host name that
 * does not match (the chain checked again without the host name) and from an expired one (the
 * exception's causes), by types, never by the peer's text.
 */
public final class TrustRecorder extends X509ExtendedTrustManager {

    /** What was refused: the peer's chain, the JDK's reason, and whether only the host name failed. */
    public record Rejection(X509Certificate[] chain, CertificateException error, boolean hostOnly) {
    }

    private final X509ExtendedTrustManager jdk;
    // Weak: an engine whose connection is gone takes its entry with it. Only refusals are kept.
    private final Map<SSLEngine, Rejection> refused = Collections.synchronizedMap(new WeakHashMap<>());

    public TrustRecorder(X509ExtendedTrustManager jdk) {
        this.jdk = jdk;
    }

    /** What this manager refused during {@code engine}'s handshake, or null; forgets it. */
    public Rejection rejection(SSLEngine engine) {
        return refused.remove(engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            jdk.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            boolean hostOnly;
            try {
                // The same chain without the engine: no host name check.
                jdk.checkServerTrusted(chain, authType);
                hostOnly = true;
            } catch (CertificateException | RuntimeException again) {
                hostOnly = false;
            }
            refused.put(engine, new Rejection(chain.clone(), e, hostOnly));
            throw e;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            jdk.checkClientTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            refused.put(engine, new Rejection(chain.clone(), e, false));
            throw e;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        jdk.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        jdk.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        jdk.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        jdk.checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return jdk.getAcceptedIssuers();
    }
}
