package dev.sockets.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.Domain;
import dev.sockets.internal.settings.Setting;
import dev.sockets.internal.settings.Settings;
import dev.sockets.testing.Pbt;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/** The order of Happy Eyeballs' attempts (RFC 8305, section 4) and when it races at all. */
class HappyEyeballsOrderTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no look-up
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static List<InetAddress> ips(String... literals) {
        var out = new ArrayList<InetAddress>();
        for (String l : literals) {
            out.add(ip(l));
        }
        return out;
    }

    @Test
    void ipv6_goes_first_then_the_families_alternate_and_the_longer_family_s_rest_follows() {
        assertEquals(ips("::1", "127.0.0.1"), HappyEyeballs.interleave(ips("127.0.0.1", "::1")));
        assertEquals(ips("::2", "127.0.0.1", "::3", "127.0.0.2", "::4"),
                HappyEyeballs.interleave(ips("127.0.0.1", "127.0.0.2", "::2", "::3", "::4")));
        assertEquals(ips("::2", "127.0.0.1", "127.0.0.2", "127.0.0.3"),
                HappyEyeballs.interleave(ips("127.0.0.1", "::2", "127.0.0.2", "127.0.0.3")));
    }

    @Test
    void interleaving_keeps_every_address_once_each_family_in_the_resolver_s_order_and_alternates_while_both_have_some() {
        Pbt.qt(500).forAll(SourceDSL.lists().of(SourceDSL.booleans().all()).ofSizeBetween(0, 12)).checkAssert(families -> {
            var in = new ArrayList<InetAddress>();
            for (int i = 0; i < families.size(); i++) {
                in.add(ip(families.get(i) ? "::" + (i + 1) : "127.0.0." + (i + 1)));
            }
            var out = HappyEyeballs.interleave(in);
            assertEquals(in.size(), out.size());
            assertEquals(new java.util.HashSet<>(in), new java.util.HashSet<>(out));
            assertEquals(in.stream().filter(a -> a instanceof Inet6Address).toList(),
                    out.stream().filter(a -> a instanceof Inet6Address).toList());
            assertEquals(in.stream().filter(a -> !(a instanceof Inet6Address)).toList(),
                    out.stream().filter(a -> !(a instanceof Inet6Address)).toList());
            long v6 = in.stream().filter(a -> a instanceof Inet6Address).count();
            long v4 = in.size() - v6;
            int alternating = (int) (2 * Math.min(v6, v4));
            for (int i = 0; i < alternating; i++) {
                assertEquals(i % 2 == 0, out.get(i) instanceof Inet6Address, "position " + i + " of " + out);
            }
        });
    }

    @Test
    void it_races_only_both_families_with_no_family_set_and_the_delay_not_off() {
        var both = ips("127.0.0.1", "::1");
        assertTrue(HappyEyeballs.applies(Settings.NONE, both));
        assertFalse(HappyEyeballs.applies(Settings.NONE, ips("127.0.0.1", "127.0.0.2")));
        assertFalse(HappyEyeballs.applies(Settings.NONE, ips("::1", "::2")));
        assertFalse(HappyEyeballs.applies(Settings.NONE, ips("::1")));
        assertFalse(HappyEyeballs.applies(Settings.NONE.with(Setting.HAPPY_EYEBALLS, Duration.ZERO), both));
        assertFalse(HappyEyeballs.applies(Settings.NONE.with(Setting.FAMILY, Domain.INET6), both));
    }
}
