package dev.sockets.internal.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The JDK's key manager, with a memory of the handshakes where the server asked for a client
 * certificate, and whether one was offered: the JDK offers one only if its issuer is among those
 * the server named, so a client whose certificate the server then misses learns that it was never
 * sent, not that it was refused; and a TLS 1.2 server's {@code handshake_failure} after it asked
 * is about the certificate, not about versions or cipher suites. Every client has one (with no
 * key when the spec has no certificate), so that the asking is seen.
 */
final class KeyRecorder extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager jdk;
    // Weak: an engine whose connection is gone takes its entry with it. TRUE: a certificate was
    // offered; FALSE: the server asked and there was none to offer.
    private final Map<SSLEngine, Boolean> asked = Collections.synchronizedMap(new WeakHashMap<>());

    KeyRecorder(X509ExtendedKeyManager jdk) {
        this.jdk = jdk;
    }

    /** True if the server asked {@code engine}'s side for a client certificate. */
    boolean asked(SSLEngine engine) {
        return asked.containsKey(engine);
    }

    /** True if the server asked and this manager had no certificate it would take. */
    boolean declined(SSLEngine engine) {
        return Boolean.FALSE.equals(asked.get(engine));
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        String alias = jdk.chooseEngineClientAlias(keyType, issuers, engine);
        asked.merge(engine, alias != null, Boolean::logicalOr);
        return alias;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return jdk.chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return jdk.getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return jdk.chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return jdk.getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return jdk.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return jdk.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return jdk.getPrivateKey(alias);
    }
}
