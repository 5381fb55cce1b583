package dev.sockets.internal.tls;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Reads certificates and keys from PEM and PKCS#12 files. Every failure is a library error that
 * names the file: a {@code TlsError} for content that is not what was expected, a
 * {@code SocketError} for a file that is missing or unreadable.
 */
public final class Pem {
    private Pem() {
    }

    /** The certificates of a PEM file, in file order; at least one. */
    public static List<X509Certificate> certificates(Path file) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The private key of a PEM file: PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted. */
    public static PrivateKey privateKey(Path file) {
        throw new UnsupportedOperationException("not yet");
    }

    /** A PKCS#12 file, opened with its password. */
    public static KeyStore pkcs12(Path file, char[] password) {
        throw new UnsupportedOperationException("not yet");
    }
}
