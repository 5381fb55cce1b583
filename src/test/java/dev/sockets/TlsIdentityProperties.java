package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockets.testing.Gens;
import dev.sockets.testing.Pbt;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Properties of made identities: every host given is in the certificate, as the kind of name it is. */
class TlsIdentityProperties {

    /** IPv4 and IPv6 literals (no zone: a certificate has no place for one) and RFC 1123 names. */
    private static Gen<String> hosts() {
        Gen<String> v4 = Gens.anyInt().map(bits -> Host.of(bits).text());
        Gen<String> v6 = HostProperties.ipv6().map(h -> new Host.Ipv6(h.high(), h.low(), "").text());
        return Gens.oneOf(v4, v6, HostProperties.names());
    }

    @Test
    void every_host_given_is_in_the_subject_alt_name_as_a_dns_name_or_an_ip_address() {
        Pbt.qt(200).forAll(Gens.lists(hosts(), 1, 5)).checkAssert(names -> Pbt.unchecked(() -> {
            var id = TlsIdentity.selfSigned(names.toArray(String[]::new));
            X509Certificate c = id.certificate();
            var expected = new ArrayList<List<?>>();
            var printed = new ArrayList<String>();
            for (String n : names) {
                Host h = Host.of(n);
                if (h instanceof Host.Name) {
                    // An absolute name (a final dot) names the same host; a certificate holds it without the dot.
                    String dns = n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
                    expected.add(List.of(2, dns));
                    printed.add(dns);
                } else {
                    expected.add(List.of(7, InetAddress.getByName(n).getHostAddress()));
                    // A mapped IPv6 address is the IPv4 one to Java, and written as such.
                    printed.add(h instanceof Host.Ipv6 v6 && v6.isMapped() ? v6.ipv4().orElseThrow().text() : h.text());
                }
            }
            assertEquals(expected, new ArrayList<>(c.getSubjectAlternativeNames()));
            assertEquals(printed, id.names());
            assertEquals(("CN=" + printed.get(0)).toLowerCase(Locale.ROOT),
                    c.getSubjectX500Principal().getName().toLowerCase(Locale.ROOT));
            c.verify(c.getPublicKey());
        }));
    }
}
