package dev.sockets.internal.tls;

import dev.sockets.SocketError;
import dev.sockets.SocketError.Kind;
import dev.sockets.SocketError.Op;
import dev.sockets.TlsError;
import dev.sockets.internal.errors.Errors;
import dev.sockets.internal.words.MessageText;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads certificates and keys from PEM and PKCS#12 files. Every failure is a library error that
 * names the file: a {@link TlsError} for content that is not what was expected (with the line of
 * the PEM block and the byte in it), a {@link SocketError} for a file that is missing or
 * unreadable.
 *
 * <p>DEV-NOTE: the input is untrusted and the JDK's parsers throw whatever they like on bad DER
 * (and some recurse), so every block is first walked by {@link Der#check} and the JDK's
 * exceptions, checked or not, are caught at the one call that reads the block. Only regular files
 * are read, at most {@link #MAX_BYTES}: a FIFO or {@code /dev/zero} would hang or fill memory.
 */
public final class Pem {
    private Pem() {
    }

    /** The largest file read: a system's whole CA bundle is a few hundred KiB. */
    public static final int MAX_BYTES = 16 << 20;

    /** DER nesting deeper than any certificate or key has (a certificate is about 6 levels). */
    static final int MAX_DEPTH = 32;

    /** The hint for an encrypted key: how to give it so the library can read it. */
    public static final String ENCRYPTED_HINT = "give it unencrypted (openssl pkcs8 -topk8 -nocrypt -in key.pem"
            + " -out key-plain.pem), or as a PKCS#12 file with its password";

    static final String RSA = "1.2.840.113549.1.1.1";
    static final String EC = "1.2.840.10045.2.1";

    /** The key algorithms a PKCS#8 key may name, by OID, as the JDK's {@code KeyFactory} calls them. */
    private static final Map<String, String> ALGORITHMS = Map.of(
            RSA, "RSA",
            "1.2.840.113549.1.1.10", "RSASSA-PSS",
            EC, "EC",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448",
            "1.2.840.10040.4.1", "DSA");

    /** The certificates of a PEM file, in file order; at least one. */
    public static List<X509Certificate> certificates(Path file) {
        return certificates(read(file), file.toString());
    }

    /** The private key of a PEM file: PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted. */
    public static PrivateKey privateKey(Path file) {
        return privateKey(read(file), file.toString());
    }

    /** A PKCS#12 file, opened with its password. */
    public static KeyStore pkcs12(Path file, char[] password) {
        Objects.requireNonNull(password, "password (an empty array for none)");
        return pkcs12(read(file), password, file.toString());
    }

    /**
     * The certificates of PEM text.
     *
     * @param source what the message names: the file
     */
    public static List<X509Certificate> certificates(byte[] content, String source) {
        List<Block> blocks = blocks(content, source);
        var certs = new ArrayList<X509Certificate>();
        CertificateFactory cf = certificateFactory();
        for (Block b : blocks) {
            if (!b.label.equals("CERTIFICATE") && !b.label.equals("X509 CERTIFICATE")) {
                continue;
            }
            byte[] der = b.decode(source);
            try {
                Der.check(der, MAX_DEPTH);
                // A Certificate is SEQUENCE { tbsCertificate SEQUENCE, signatureAlgorithm SEQUENCE, signature BIT STRING }.
                var outline = Der.whole(der, Der.SEQUENCE).children();
                outline.next(Der.SEQUENCE);
                outline.next(Der.SEQUENCE);
                outline.next(Der.BIT_STRING);
                outline.end();
            } catch (Der.Malformed m) {
                throw bad(source, "malformed DER in the " + b.label + " block at line " + b.line + ": " + m.getMessage(),
                        "", m);
            }
            try {
                certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            } catch (GeneralSecurityException | RuntimeException e) {
                throw bad(source, "the " + b.label + " block at line " + b.line + " is not an X.509 certificate the JDK can read",
                        "", new IOException(e));
            }
        }
        if (certs.isEmpty()) {
            throw bad(source, "no certificate: " + found(content, blocks),
                    "give a PEM file of certificates (-----BEGIN CERTIFICATE-----)"
                    + (looksDer(content, blocks) ? "; convert DER with openssl x509 -inform der -in cert.der -out cert.pem" : ""),
                    null);
        }
        return List.copyOf(certs);
    }

    /**
     * The private key of PEM text: the first key block.
     *
     * @param source what the message names: the file
     */
    public static PrivateKey privateKey(byte[] content, String source) {
        List<Block> blocks = blocks(content, source);
        for (Block b : blocks) {
            switch (b.label) {
                case "ENCRYPTED PRIVATE KEY":
                    throw bad(source, "the private key is encrypted", ENCRYPTED_HINT, null);
                case "PRIVATE KEY":
                    return pkcs8(b, b.decode(source), source);
                case "RSA PRIVATE KEY":
                    if (b.encrypted) {
                        throw bad(source, "the private key is encrypted", ENCRYPTED_HINT, null);
                    }
                    return pkcs8(b, fromPkcs1(b, b.decode(source), source), source);
                case "EC PRIVATE KEY":
                    if (b.encrypted) {
                        throw bad(source, "the private key is encrypted", ENCRYPTED_HINT, null);
                    }
                    return pkcs8(b, fromSec1(b, b.decode(source), source), source);
                default:
                    break;
            }
        }
        throw bad(source, "no private key: " + found(content, blocks), "give a PEM file of an unencrypted key"
                + " (-----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY)"
                + (looksDer(content, blocks) ? "; convert DER with openssl pkcs8 -topk8 -nocrypt -inform der -in key.der -out key.pem" : ""),
                null);
    }

    /**
     * A PKCS#12 key store from its bytes.
     *
     * @param source what the message names: the file
     */
    public static KeyStore pkcs12(byte[] content, char[] password, String source) {
        if (startsWith(content, "-----BEGIN")) {
            throw bad(source, "not a PKCS#12 file: it is PEM text", "give PEM files as a certificate file and a key file", null);
        }
        try {
            Der.check(content, MAX_DEPTH);
        } catch (Der.Malformed m) {
            throw bad(source, "not a PKCS#12 file: malformed DER: " + m.getMessage(), "", m);
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(new ByteArrayInputStream(content), password);
            return ks;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw bad(source, "wrong password for the PKCS#12 file", "check the password given with it", e);
            }
            throw bad(source, "not a PKCS#12 file the JDK can read", "", e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw bad(source, "not a PKCS#12 file the JDK can read", "", new IOException(e));
        }
    }

    // ---- keys ----

    private static PrivateKey pkcs8(Block b, byte[] der, String source) {
        String algorithm;
        try {
            Der.check(der, MAX_DEPTH);
            // PrivateKeyInfo ::= SEQUENCE { version INTEGER, algorithm SEQUENCE { OID, params }, key OCTET STRING, ... }
            var r = Der.whole(der, Der.SEQUENCE).children();
            r.next(Der.INTEGER).integer();
            String oid = r.next(Der.SEQUENCE).children().next(Der.OID).oid();
            r.next(Der.OCTET_STRING);
            algorithm = ALGORITHMS.get(oid);
            if (algorithm == null) {
                throw bad(source, "the key in the " + b.label + " block at line " + b.line + " is of algorithm " + oid
                        + ", which the library does not know", "use an RSA, EC or Ed25519 key", null);
            }
        } catch (Der.Malformed m) {
            throw bad(source, "malformed DER in the " + b.label + " block at line " + b.line + ": " + m.getMessage(), "", m);
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw bad(source, "the " + algorithm + " key in the " + b.label + " block at line " + b.line
                    + " is not one the JDK can use", algorithm.equals("EC") ? "use a named curve such as P-256" : "",
                    new IOException(e));
        }
    }

    /** PKCS#1 RSAPrivateKey to PKCS#8: the same key under an algorithm identifier. */
    private static byte[] fromPkcs1(Block b, byte[] der, String source) {
        try {
            Der.check(der, MAX_DEPTH);
            // RSAPrivateKey ::= SEQUENCE { version, n, e, d, p, q, dp, dq, qinv (, otherPrimeInfos) }
            var r = Der.whole(der, Der.SEQUENCE).children();
            for (int i = 0; i < 9; i++) {
                r.next(Der.INTEGER).integer();
            }
        } catch (Der.Malformed m) {
            throw bad(source, "malformed DER in the " + b.label + " block at line " + b.line + ": " + m.getMessage(), "", m);
        }
        return Der.sequence(Der.integer(0), Der.sequence(Der.oid(RSA), Der.nul()), Der.octetString(der));
    }

    /**
     * SEC1 ECPrivateKey to PKCS#8: the curve moves from the key's own parameters to the algorithm
     * identifier, which is where the JDK reads it.
     */
    private static byte[] fromSec1(Block b, byte[] der, String source) {
        try {
            Der.check(der, MAX_DEPTH);
            // ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] ECParameters OPTIONAL, [1] BIT STRING OPTIONAL }
            var r = Der.whole(der, Der.SEQUENCE).children();
            r.next(Der.INTEGER).integer();
            byte[] d = r.next(Der.OCTET_STRING).contents();
            String curve = null;
            byte[] publicKey = null;
            while (r.more()) {
                int at = r.position();
                Der.Element e = r.next();
                if (e.tag() == 0xa0) {
                    var p = e.children();
                    curve = p.next(Der.OID).oid();
                    p.end();
                } else if (e.tag() == 0xa1) {
                    publicKey = e.encoded();
                } else {
                    throw new Der.Malformed(String.format("unexpected tag 0x%02x in an EC key", e.tag()), at);
                }
            }
            if (curve == null) {
                throw bad(source, "the EC key in the block at line " + b.line + " names no curve",
                        "write it with its curve: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-plain.pem", null);
            }
            byte[] inner = publicKey == null ? Der.sequence(Der.integer(1), Der.octetString(d))
                    : Der.sequence(Der.integer(1), Der.octetString(d), publicKey);
            return Der.sequence(Der.integer(0), Der.sequence(Der.oid(EC), Der.oid(curve)), Der.octetString(inner));
        } catch (Der.Malformed m) {
            throw bad(source, "malformed DER in the " + b.label + " block at line " + b.line + ": " + m.getMessage(), "", m);
        }
    }

    // ---- PEM text ----

    /** One {@code -----BEGIN label-----} ... {@code -----END label-----} block. */
    private record Block(String label, int line, String base64, boolean encrypted, int firstBodyLine) {
        byte[] decode(String source) {
            try {
                return Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw bad(source, "bad base64 in the " + label + " block at line " + line
                        + " (its length or padding is wrong)", "", null);
            }
        }
    }

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    /** The PEM blocks, in order; lines outside blocks (openssl's "Bag Attributes", comments) are skipped. */
    static List<Block> blocks(byte[] content, String source) {
        // ISO-8859-1 maps every byte to a char: no decoding failure, and PEM is ASCII.
        String text = new String(content, StandardCharsets.ISO_8859_1);
        var blocks = new ArrayList<Block>();
        String label = null;
        int startLine = 0;
        int bodyLine = 0;
        boolean encrypted = false;
        boolean inHeaders = false;
        var body = new StringBuilder();
        int lineNo = 0;
        int from = 0;
        while (from <= text.length()) {
            int nl = text.indexOf('\n', from);
            int to = nl < 0 ? text.length() : nl;
            String line = text.substring(from, to).strip();
            from = to + 1;
            lineNo++;
            if (label == null) {
                if (line.startsWith(BEGIN) && line.endsWith(DASHES) && line.length() >= BEGIN.length() + DASHES.length()) {
                    label = line.substring(BEGIN.length(), line.length() - DASHES.length());
                    startLine = lineNo;
                    bodyLine = 0;
                    encrypted = false;
                    inHeaders = true;
                    body.setLength(0);
                }
            } else if (line.startsWith(END)) {
                if (!line.equals(END + label + DASHES)) {
                    throw bad(source, "the " + label + " block at line " + startLine + " ends at line " + lineNo
                            + " with another label", "", null);
                }
                blocks.add(new Block(label, startLine, body.toString(), encrypted, bodyLine));
                label = null;
            } else if (inHeaders && line.indexOf(':') > 0) {
                // RFC 1421 headers of a traditional key: Proc-Type: 4,ENCRYPTED and DEK-Info.
                if (line.startsWith("Proc-Type:") && line.contains("ENCRYPTED")) {
                    encrypted = true;
                }
            } else if (!line.isEmpty()) {
                inHeaders = false;
                if (bodyLine == 0) {
                    bodyLine = lineNo;
                }
                for (int i = 0; i < line.length(); i++) {
                    char c = line.charAt(i);
                    boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                            || c == '+' || c == '/' || c == '=' || c == ' ' || c == '\t';
                    if (!ok) {
                        throw bad(source, "bad base64 in the " + label + " block at line " + lineNo + ", column " + (i + 1)
                                + " (a character that is not base64)", "", null);
                    }
                    if (c != ' ' && c != '\t') {
                        body.append(c);
                    }
                }
            }
            if (nl < 0) {
                break;
            }
        }
        if (label != null) {
            throw bad(source, "the " + label + " block at line " + startLine + " has no END line (the file is cut short?)",
                    "", null);
        }
        return blocks;
    }

    /** What a file holds instead of what was asked, for the message. */
    private static String found(byte[] content, List<Block> blocks) {
        if (content.length == 0) {
            return "the file is empty";
        }
        if (blocks.isEmpty()) {
            return looksDer(content, blocks) ? "found no PEM block; the file looks like binary DER"
                    : "found no PEM block (no -----BEGIN line)";
        }
        var labels = new LinkedHashSet<String>();
        for (Block b : blocks) {
            labels.add(b.label);
        }
        return "found only " + String.join(", ", labels);
    }

    private static boolean looksDer(byte[] content, List<Block> blocks) {
        return blocks.isEmpty() && content.length > 1 && content[0] == Der.SEQUENCE;
    }

    private static boolean startsWith(byte[] content, String prefix) {
        if (content.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (content[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static CertificateFactory certificateFactory() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has an X.509 CertificateFactory", e);
        }
    }

    // ---- files and errors ----

    /** A regular file's bytes, at most {@link #MAX_BYTES}. */
    static byte[] read(Path file) {
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw fileError(Kind.OTHER, file, Files.isDirectory(file) ? "a directory, not a file" : "not a regular file",
                        "give the path of a file", null);
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw bad(file.toString(), "the file is larger than " + (MAX_BYTES >> 20)
                            + " MiB; certificates and keys are far smaller", "is it the right file?", null);
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            Path parent = file.toAbsolutePath().getParent();
            throw fileError(Kind.OTHER, file, "no such file", parent != null && !Files.isDirectory(parent)
                    ? "the directory " + parent + " does not exist" : "check the path", e);
        } catch (AccessDeniedException e) {
            throw fileError(Kind.PERMISSION, file, "permission denied", "this user may not read the file", e);
        } catch (IOException e) {
            throw fileError(Kind.OTHER, file, "cannot read the file: " + e.getMessage(), "", e);
        }
    }

    /**
     * Writes text to a file, replacing it: through a temporary file in the same directory, made
     * 0600 at creation when {@code secret} (where the file system has POSIX modes), then moved
     * over, so a key is never readable by others, not even for a moment.
     */
    public static void write(Path file, String text, boolean secret) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
            tmp = secret && posix
                    ? Files.createTempFile(dir, ".sockets-", ".tmp", java.nio.file.attribute.PosixFilePermissions
                            .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, ".sockets-", ".tmp");
            if (!secret && posix) {
                // createTempFile makes 0600; a certificate is public.
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (NoSuchFileException e) {
            throw writeError(Kind.OTHER, file, "the directory " + dir + " does not exist", "create it first", e);
        } catch (AccessDeniedException e) {
            throw writeError(Kind.PERMISSION, file, "permission denied", "this user may not write in " + dir, e);
        } catch (IOException e) {
            throw writeError(Kind.OTHER, file, "cannot write the file: " + e.getMessage(), "", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // The write already failed; that error says more than this one.
                }
            }
        }
    }

    /** {@code write <file>: <reason>}; {@code Op} has no file verb, so the message names it itself. */
    private static SocketError writeError(Kind kind, Path file, String reason, String hint, IOException cause) {
        String what = "write " + MessageText.quote(file.toString(), 300);
        return kind == Kind.PERMISSION
                ? new dev.sockets.PermissionDenied(Op.PARSE, what, reason, hint, 0, cause, null, null)
                : new SocketError(kind, Op.PARSE, what, reason, hint, 0, cause, null, null);
    }

    private static SocketError fileError(Kind kind, Path file, String reason, String hint, IOException cause) {
        return Errors.of(kind, Op.PARSE).at(file.toString()).because(reason, hint).cause(cause).error();
    }

    /** The library's error about what a file holds: {@code parse <file>: <reason>; <hint>}. */
    static TlsError bad(String source, String reason, String hint, IOException cause) {
        return new TlsError(Op.PARSE, "parse " + MessageText.quote(source, 300), reason, hint, cause, null, null);
    }
}
