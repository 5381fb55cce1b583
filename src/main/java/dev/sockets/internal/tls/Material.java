package dev.sockets.internal.tls;

import dev.sockets.TlsIdentity;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a TLS spec was given to trust, or to show as its certificate: the value of the
 * {@code trust} and {@code certificate} settings, printed as the spec prints it (a file by its
 * path, never a password).
 */
public sealed interface Material {

    /** How the spec prints it: {@code ca.pem}. */
    String print();

    /** The files it reads, for the cache of contexts to notice a changed file. */
    default Path[] files() {
        return new Path[0];
    }

    /** A PEM file of one or more certificates to trust. */
    record PemFile(Path file) implements Material {
        public PemFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String print() {
            return file.toString();
        }

        @Override
        public Path[] files() {
            return new Path[] {file};
        }
    }

    /** A key store: its trusted certificates (trust), or its key entries (certificate, with a password). */
    record Store(KeyStore store) implements Material {
        public Store {
            Objects.requireNonNull(store, "store");
        }

        @Override
        public String print() {
            return "KeyStore(" + store.getType() + ")";
        }
    }

    /** An identity made by {@link TlsIdentity}. */
    record Identity(TlsIdentity identity) implements Material {
        public Identity {
            Objects.requireNonNull(identity, "identity");
        }

        @Override
        public String print() {
            return identity.toString();
        }
    }

    /** A certificate chain and its private key, in two PEM files. */
    record PemPair(Path cert, Path key) implements Material {
        public PemPair {
            Objects.requireNonNull(cert, "cert");
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String print() {
            return cert.toString();
        }

        @Override
        public Path[] files() {
            return new Path[] {cert, key};
        }
    }

    /** A PKCS#12 file and its password (kept as a copy, never printed). */
    record Pkcs12(Path file, char[] password) implements Material {
        public Pkcs12 {
            Objects.requireNonNull(file, "file");
            password = Objects.requireNonNull(password, "password").clone();
        }

        @Override
        public char[] password() {
            return password.clone();
        }

        @Override
        public String print() {
            return file.toString();
        }

        @Override
        public Path[] files() {
            return new Path[] {file};
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Pkcs12 p && p.file.equals(file) && Arrays.equals(p.password, password);
        }

        @Override
        public int hashCode() {
            return file.hashCode() * 31 + Arrays.hashCode(password);
        }

        @Override
        public String toString() {
            return "Pkcs12[" + file + "]";
        }
    }
}
