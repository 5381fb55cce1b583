package dev.sockets.internal.tls;

import dev.sockets.internal.settings.Check;
import dev.sockets.internal.settings.Setting;
import dev.sockets.internal.words.Durations;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The settings only a TLS spec has, as {@link Setting} keys: checked, defaulted and printed as the others. */
public final class TlsSettings {
    private TlsSettings() {
    }

    /** The versions a spec offers unless set: TLS 1.3 and 1.2, nothing older (RFC 8996). */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** The versions a spec may offer. */
    public static final Set<String> PROTOCOLS_ALLOWED = Set.of("TLSv1.3", "TLSv1.2");

    /** What the peer's certificates are checked against; not set: the JDK's trust store. */
    public static final Setting<Material> TRUST = Setting.of("trust", Material.class, null, Objects::requireNonNull,
            Material::print);
    /** The certificate and key this side shows. */
    public static final Setting<Material> CERTIFICATE = Setting.of("certificate", Material.class, null,
            Objects::requireNonNull, Material::print);
    /** Whether a server requires client certificates. */
    public static final Setting<Boolean> CLIENT_AUTH = Setting.of("clientAuth", Boolean.class, false,
            Objects::requireNonNull, String::valueOf);
    /** The application protocols offered (ALPN), in order of preference. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final Setting<List<String>> ALPN = Setting.of("alpn", (Class<List<String>>) (Class) List.class,
            List.of(), TlsSettings::checkAlpn, String::valueOf);
    /** The TLS versions offered. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final Setting<List<String>> PROTOCOLS = Setting.of("protocols", (Class<List<String>>) (Class) List.class,
            DEFAULT_PROTOCOLS, TlsSettings::checkProtocols, String::valueOf);
    /** The name sent in SNI and checked against the server's certificate, in place of the host connected to. */
    public static final Setting<String> SERVER_NAME = Setting.of("serverName", String.class, null,
            TlsSettings::checkServerName, String::valueOf);
    /** How long a handshake may take. */
    public static final Setting<Duration> HANDSHAKE_TIMEOUT = Setting.of("handshakeTimeout", Duration.class,
            Duration.ofSeconds(10), d -> Check.positive("handshakeTimeout", d), Durations::human);
    /** Whether the peer's certificate goes unchecked. */
    public static final Setting<Boolean> INSECURE = Setting.of("insecure", Boolean.class, false, Objects::requireNonNull,
            String::valueOf);

    /** The TLS keys in the order a TLS spec prints them, before the TCP ones. */
    public static final List<Setting<?>> ORDER = List.of(TRUST, CERTIFICATE, CLIENT_AUTH, ALPN, PROTOCOLS, SERVER_NAME,
            HANDSHAKE_TIMEOUT, INSECURE);

    private static List<String> checkAlpn(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("expected at least one application protocol, as alpn(\"h2\", \"http/1.1\")");
        }
        for (String n : names) {
            Objects.requireNonNull(n, "protocol");
            int bytes = n.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes < 1 || bytes > 255) {
                throw new IllegalArgumentException("expected an application protocol of 1 to 255 bytes but was \"" + n + "\"");
            }
        }
        return List.copyOf(names);
    }

    private static List<String> checkProtocols(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("expected at least one TLS version, TLSv1.3 or TLSv1.2");
        }
        var seen = new HashSet<String>();
        for (String n : names) {
            Objects.requireNonNull(n, "protocol");
            if (!PROTOCOLS_ALLOWED.contains(n)) {
                throw new IllegalArgumentException("expected TLSv1.3 or TLSv1.2 but was \"" + n + "\""
                        + (n.startsWith("TLSv1") || n.startsWith("SSL") ? "; older versions are broken (RFC 8996) and not offered" : ""));
            }
            if (!seen.add(n)) {
                throw new IllegalArgumentException("expected each TLS version once but " + n + " came twice");
            }
        }
        return List.copyOf(names);
    }

    private static String checkServerName(String name) {
        Objects.requireNonNull(name, "serverName");
        if (name.isEmpty() || name.indexOf(':') >= 0 || name.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            throw new IllegalArgumentException("expected a host name for SNI but was \"" + name
                    + "\"; SNI carries names, not addresses");
        }
        try {
            new javax.net.ssl.SNIHostName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected a host name for SNI but was \"" + name + "\"");
        }
        return name;
    }
}
