package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static dev.sockets.testing.Gens.frequency;
import static dev.sockets.testing.Gens.weight;

import dev.sockets.testing.Gens;
import dev.sockets.testing.Pbt;
import dev.sockets.testing.Tally;

import io.vavr.control.Either;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Properties of {@link Host}: round trips, RFC 5952 form, every legal spelling, agreement with the JDK, totality. */
class HostProperties {

    // ---------------------------------------------------------------- IPv4

    @Test
    void every_ipv4_value_prints_and_parses_back_to_itself() {
        // More draws than cases wanted: edge cases come up again, and QuickTheories runs a repeated case once.
        Pbt.qt(12_000).forAll(Gens.anyInt()).checkAssert(bits -> {
            Host.Ipv4 h = Host.of(bits);
            assertEquals(bits, h.bits());
            assertEquals(Either.right(h), Host.parse(h.text()));
            assertEquals(Either.right(h), Host.Ipv4.parse(h.text()));
            assertEquals(Either.right(h), Host.Ipv4.parseLenient(h.text()));
            assertEquals(h, Host.of(h.bytes()));
            assertEquals(h.text(), h.toString());
        });
    }

    @Test
    void host_of_int_and_of_bytes_agree_with_the_dotted_form() {
        Pbt.qt(10_000).forAll(Gens.ints(0, 255), Gens.ints(0, 255), Gens.ints(0, 255), Gens.ints(0, 255)).checkAssert((a, b, c, d) -> {
            String dotted = a + "." + b + "." + c + "." + d;
            Host parsed = Host.parse(dotted).get();
            assertEquals(parsed, Host.of((a << 24) | (b << 16) | (c << 8) | d));
            assertEquals(parsed, Host.of(new byte[] {a.byteValue(), b.byteValue(), c.byteValue(), d.byteValue()}));
            assertEquals(dotted, parsed.text());
        });
    }

    // ---------------------------------------------------------------- IPv6: values, RFC 5952 form, spellings

    /** Eight groups, each 0 with probability 0.6 (so runs of zero groups are common), else random. */
    static Gen<int[]> groups() {
        Gen<Integer> group = frequency(
                weight(6, Gens.just(0)),
                weight(1, Gens.ints(1, 0xF)),
                weight(3, Gens.ints(0, 0xFFFF)));
        Gen<int[]> any = Gens.lists(group, 8, 8).map(boxed -> boxed.stream().mapToInt(Integer::intValue).toArray());
        Gen<int[]> mapped = Gens.anyInt().map(v4 -> new int[] {0, 0, 0, 0, 0, 0xFFFF, v4 >>> 16, v4 & 0xFFFF});
        return frequency(weight(9, any), weight(1, mapped)).describedAs(java.util.Arrays::toString);
    }

    static Gen<String> zones() {
        Gen<String> generated = Gens.strings(
                Gens.charsOf("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"), 1, 15)
                .assuming(HostProperties::canNameAnInterface);
        return frequency(
                weight(6, Gens.just("")),
                weight(2, Gens.of("eth0", "lo", "1", "25", "en0.100", "br-1a2b", "wlp2s0")),
                weight(2, generated));
    }

    /**
     * Host's zone rule, written out here rather than taken from the parser: 1 to 15 bytes; all
     * digits means an index in [1, 2^31-1]; not `-` then digits (a negative index), not `.` or `..`.
     */
    static boolean canNameAnInterface(String zone) {
        if (zone.isEmpty() || zone.length() > 15 || zone.equals(".") || zone.equals("..") || zone.matches("-[0-9]+")) {
            return false;
        }
        if (zone.matches("[0-9]+")) {
            var v = new java.math.BigInteger(zone);
            return v.signum() > 0 && v.compareTo(java.math.BigInteger.valueOf(Integer.MAX_VALUE)) <= 0;
        }
        return true;
    }

    static Gen<Host.Ipv6> ipv6() {
        // Described by its groups, not by the printer under test.
        return groups().zip(zones(), (g, zone) -> new Host.Ipv6(high(g), low(g), zone))
                .describedAs(h -> java.util.Arrays.stream(groupsOf(h)).mapToObj(Integer::toHexString)
                        .collect(java.util.stream.Collectors.joining(":", "groups ", h.zone().isEmpty() ? "" : " zone " + h.zone())));
    }

    @Test
    void every_ipv6_value_prints_in_rfc_5952_form_and_parses_back() {
        var tally = new Tally();
        Pbt.qt(10_000).forAll(ipv6()).checkAssert(h -> {
            String text = h.text();
            String zone = h.zone().isEmpty() ? "" : "%" + h.zone();
            assertTrue(text.endsWith(zone), text);
            String addr = text.substring(0, text.length() - zone.length());
            checkRfc5952(groupsOf(h), addr);
            assertEquals(Either.right(h), Host.parse(text));
            assertEquals(Either.right(h), Host.Ipv6.parse(text));
            assertEquals(text, h.toString());
            if (h.zone().isEmpty()) {
                assertEquals(h, Host.of(h.bytes()));
            }
            tally.add("form", addr.contains(".") ? "mapped" : addr.contains("::") ? "compressed" : "full");
        });
        tally.print("every_ipv6_value_prints_in_rfc_5952_form_and_parses_back");
    }

    /** The RFC 5952 rules, checked on the text without using our printer's logic. */
    private static void checkRfc5952(int[] g, String addr) {
        assertEquals(addr.toLowerCase(Locale.ROOT), addr, "lower case");
        boolean mapped = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xFFFF;
        if (mapped) {
            assertEquals("::ffff:" + (g[6] >>> 8) + "." + (g[6] & 0xFF) + "." + (g[7] >>> 8) + "." + (g[7] & 0xFF), addr);
            return;
        }
        assertFalse(addr.contains("."), "dotted tail only for mapped addresses: " + addr);
        // The longest run of two or more zero groups, the first one on a tie.
        int bestStart = -1;
        int bestLen = 0;
        for (int s = 0; s < 8; s++) {
            int len = 0;
            while (s + len < 8 && g[s + len] == 0) {
                len++;
            }
            if (len >= 2 && len > bestLen) {
                bestStart = s;
                bestLen = len;
            }
        }
        int gap = addr.indexOf("::");
        assertEquals(gap, addr.lastIndexOf("::"), "at most one ::");
        List<String> written = new ArrayList<>();
        int elidedAt;
        if (gap < 0) {
            assertEquals(-1, bestStart, "no run of two or more zero groups, so no :: in " + addr);
            written.addAll(List.of(addr.split(":", -1)));
            elidedAt = -1;
        } else {
            assertTrue(bestStart >= 0, ":: used without a run of two zero groups: " + addr);
            String left = addr.substring(0, gap);
            String right = addr.substring(gap + 2);
            List<String> l = left.isEmpty() ? List.of() : List.of(left.split(":", -1));
            List<String> r = right.isEmpty() ? List.of() : List.of(right.split(":", -1));
            assertEquals(bestStart, l.size(), ":: replaces the first longest run in " + addr);
            assertEquals(bestLen, 8 - l.size() - r.size(), ":: replaces the whole run in " + addr);
            written.addAll(l);
            for (int i = 0; i < bestLen; i++) {
                written.add("0");
            }
            written.addAll(r);
            elidedAt = bestStart;
        }
        assertEquals(8, written.size(), addr);
        for (int i = 0; i < 8; i++) {
            String grp = written.get(i);
            if (elidedAt >= 0 && i >= elidedAt && i < elidedAt + bestLen) {
                continue;
            }
            assertTrue(grp.matches("[0-9a-f]{1,4}"), "group " + grp + " in " + addr);
            assertFalse(grp.length() > 1 && grp.charAt(0) == '0', "leading zero in group " + grp + " of " + addr);
            assertEquals(g[i], Integer.parseInt(grp, 16), "group " + i + " of " + addr);
        }
    }

    @Test
    void every_other_legal_spelling_of_an_ipv6_value_parses_to_it() {
        var tally = new Tally();
        Pbt.qt(10_000).forAll(ipv6(), Gens.randoms()).checkAssert((h, random) -> {
            int[] g = groupsOf(h);
            String zone = h.zone().isEmpty() ? "" : "%" + h.zone();
            List<String> spellings = new ArrayList<>();
            for (boolean dotted : new boolean[] {false, true}) {
                spellings.add(spell(g, random, -1, 0, dotted)); // no compression
                for (int[] span : zeroSpans(g, dotted)) {
                    spellings.add(spell(g, random, span[0], span[1], dotted)); // each legal place for ::
                }
            }
            for (String s : spellings) {
                assertEquals(Either.right(h), Host.Ipv6.parse(s + zone), s + zone);
                assertEquals(Either.right(h), Host.parse(s + zone), s + zone);
            }
            tally.add("spellings per value", spellings.size() < 4 ? "2-3" : spellings.size() < 10 ? "4-9" : "10+");
        });
        tally.print("every_other_legal_spelling_of_an_ipv6_value_parses_to_it");
    }

    /** Every run of one or more consecutive zero groups, as [start, length]: each may be written as {@code ::}. */
    private static List<int[]> zeroSpans(int[] g, boolean dotted) {
        int limit = dotted ? 6 : 8;
        List<int[]> spans = new ArrayList<>();
        for (int s = 0; s < limit; s++) {
            for (int len = 1; s + len <= limit && g[s + len - 1] == 0; len++) {
                spans.add(new int[] {s, len});
            }
        }
        return spans;
    }

    /**
     * One spelling: groups with random padding (leading zeros up to 4 digits) and random case,
     * {@code ::} over [spanStart, spanStart + spanLen) if spanLen > 0, the last 32 bits dotted if asked.
     */
    static String spell(int[] g, Random random, int spanStart, int spanLen, boolean dotted) {
        List<String> items = new ArrayList<>();
        int n = dotted ? 6 : 8;
        for (int i = 0; i < n; i++) {
            String hex = Integer.toHexString(g[i]);
            hex = "0".repeat(random.nextInt(5 - hex.length())) + hex;
            var b = new StringBuilder();
            for (char c : hex.toCharArray()) {
                b.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
            }
            items.add(b.toString());
        }
        if (dotted) {
            items.add((g[6] >>> 8) + "." + (g[6] & 0xFF) + "." + (g[7] >>> 8) + "." + (g[7] & 0xFF));
        }
        if (spanLen <= 0) {
            return String.join(":", items);
        }
        return String.join(":", items.subList(0, spanStart)) + "::" + String.join(":", items.subList(spanStart + spanLen, items.size()));
    }

    // ---------------------------------------------------------------- agreement with the JDK

    /** Where the JDK accepts a literal that we refuse, on purpose. */
    enum Deliberate {
        /** {@code 010.0.0.1}: the JDK reads decimal, C reads octal; we refuse the ambiguity. */
        IPV4_LEADING_ZERO,
        /** {@code 1.2.3}, {@code 1.2}, {@code 16909060}: the JDK takes inet_aton's decimal short forms; we want four parts. */
        IPV4_FEWER_THAN_FOUR_PARTS,
        /** {@code 00001::}: the JDK takes groups of more than 4 digits when the extra ones are leading zeros. */
        IPV6_GROUP_OF_MORE_THAN_4_DIGITS,
        /** {@code ::ffff:010.0.0.1}: leading zeros in the embedded dotted quad, as for IPv4. */
        IPV6_DOTTED_TAIL_LEADING_ZERO,
    }

    /** Where we accept a literal that the JDK refuses, on purpose. */
    enum DeliberateTheOtherWay {
        /** {@code ::ffff:1.2.3.4%1}: the JDK turns a mapped address into an Inet4Address, which has no zone. */
        MAPPED_ADDRESS_WITH_ZONE,
    }

    private static final Set<Deliberate> DELIBERATE = EnumSet.allOf(Deliberate.class);

    /** The category of a literal, from its text alone (not from our parser), or null. */
    static Deliberate categoryOf(String s) {
        String addr = s.contains("%") ? s.substring(0, s.indexOf('%')) : s;
        if (addr.matches("[0-9.]*")) {
            String[] parts = addr.split("\\.", -1);
            for (String p : parts) {
                if (p.length() > 1 && p.startsWith("0")) {
                    return Deliberate.IPV4_LEADING_ZERO;
                }
            }
            return parts.length < 4 ? Deliberate.IPV4_FEWER_THAN_FOUR_PARTS : null;
        }
        for (String grp : addr.split(":", -1)) {
            if (grp.matches("[0-9a-fA-F]{5,}")) {
                return Deliberate.IPV6_GROUP_OF_MORE_THAN_4_DIGITS;
            }
        }
        int lastColon = addr.lastIndexOf(':');
        String tail = addr.substring(lastColon + 1);
        if (tail.contains(".")) {
            for (String p : tail.split("\\.", -1)) {
                if (p.length() > 1 && p.startsWith("0")) {
                    return Deliberate.IPV6_DOTTED_TAIL_LEADING_ZERO;
                }
            }
        }
        return null;
    }

    private static final Method OF_LITERAL = ofLiteral();

    private static Method ofLiteral() {
        try {
            return InetAddress.class.getMethod("ofLiteral", String.class); // JDK 22+
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /**
     * The JDK's reading of a literal-shaped string: its address, null where it refuses, or
     * {@code UNKNOWN} where asking would risk DNS.
     *
     * <p>On JDK 22+ this is {@code InetAddress.ofLiteral}, which never resolves. On older JDKs,
     * {@code getByName("[" + s + "]")} for text with a colon never resolves either (brackets make the
     * JDK expect an IPv6 literal and fail otherwise), but a digits-and-dots string that the JDK does
     * not read as a literal falls through to a DNS look-up; there we only ask about strings that we
     * accept (four decimal parts 0–255, which the JDK's grammar accepts too) and report the rest as
     * unknown, counted in the statistics.
     */
    static Object jdk(String s) {
        try {
            if (OF_LITERAL != null) {
                return OF_LITERAL.invoke(null, s);
            }
            if (s.indexOf(':') >= 0) {
                return InetAddress.getByName("[" + s + "]");
            }
            if (s.matches("[0-9.]+") && Host.Ipv4.parse(s).isRight()) {
                return InetAddress.getByName(s);
            }
            return UNKNOWN;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException) {
                return null;
            }
            throw new AssertionError(e.getCause());
        } catch (UnknownHostException e) {
            return null;
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static final Object UNKNOWN = new Object();

    /** Literal-shaped strings: IPv4 and IPv6 spellings, valid and near misses. */
    static Gen<String> literals() {
        Gen<String> part = frequency(
                weight(30, Gens.ints(0, 255).map(v -> String.valueOf(v))),
                weight(1, Gens.ints(0, 255).map(v -> "0" + v)),
                weight(1, Gens.ints(256, 99_999).map(v -> String.valueOf(v))),
                weight(1, Gens.ints(0, Integer.MAX_VALUE).map(v -> String.valueOf(v))),
                weight(1, Gens.just("")));
        Gen<Integer> count = frequency(weight(12, Gens.just(4)), weight(3, Gens.ints(1, 3)), weight(1, Gens.just(5)));
        Gen<String> v4 = count.flatMap(n -> Gens.lists(part, n, n)).map(parts -> String.join(".", parts))
                .assuming(v -> !v.isEmpty()); // "" is the any address, not a literal
        Gen<String> v6 = groups().zip(Gens.randoms(), Gens.ints(0, 9), Gens.of("", "", "", "%1", "%25"),
                (g, random, mutation, zone) -> mutate(g, random, mutation) + zone);
        return Gens.oneOf(v4, v6);
    }

    /** A legal spelling (mutation 0-4), or one near miss of it (5-9). */
    static String mutate(int[] g, Random random, int mutation) {
        boolean dotted = random.nextInt(4) == 0;
        List<int[]> spans = zeroSpans(g, dotted);
        int[] span = spans.isEmpty() || random.nextBoolean() ? new int[] {-1, 0} : spans.get(random.nextInt(spans.size()));
        String s = spell(g, random, span[0], span[1], dotted);
        switch (mutation) {
            case 5: // a group padded to 5 digits
                return s.startsWith(":") ? "0000" + s.substring(1).replaceFirst("^:", "0:") : "0000" + s;
            case 6: // a leading zero in the dotted tail, or one given where there is none
                return dotted ? s.substring(0, s.lastIndexOf(':') + 1) + "0" + s.substring(s.lastIndexOf(':') + 1) : s + ".0";
            case 7: // one group too many
                return s + ":1";
            case 8: // a second ::
                return s.contains("::") ? s + "::" : s.replaceFirst(":", "::");
            case 9: // a group dropped
                return s.substring(0, Math.max(0, s.lastIndexOf(':')));
            default:
                return s;
        }
    }

    @Test
    void parse_agrees_with_the_jdk_literal_parser_except_where_listed() {
        var tally = new Tally();
        Pbt.qt(20_000).forAll(literals()).checkAssert(s -> {
            Object jdk = jdk(s);
            Either<AddressError, Host> ours = Host.parse(s);
            String mode = OF_LITERAL != null ? "ofLiteral" : "getByName";
            if (jdk == UNKNOWN) {
                assertTrue(ours.isLeft(), "only refused strings go unasked: " + s);
                tally.add("jdk " + mode, "not asked: may resolve");
                return;
            }
            if (jdk != null && ours.isRight()) {
                assertArrayEquals(bytes(ours.get(), jdk instanceof Inet4Address), ((InetAddress) jdk).getAddress(), s);
                tally.add("jdk " + mode, "both accept, same address");
            } else if (jdk == null && ours.isLeft()) {
                tally.add("jdk " + mode, "both refuse");
            } else if (jdk != null) {
                Deliberate category = categoryOf(s);
                assertNotNull(category, "the JDK accepts " + s + " and we refuse it (" + ours.getLeft().getMessage() + ") for no listed reason");
                assertTrue(DELIBERATE.contains(category));
                tally.add("jdk " + mode, "deliberate: " + category);
            } else {
                Host.Ipv6 h = (Host.Ipv6) ours.get();
                if (!(h.isMapped() && !h.zone().isEmpty())) {
                    fail("we accept " + s + " and the JDK refuses it, for no listed reason");
                }
                tally.add("jdk " + mode, "deliberate: " + DeliberateTheOtherWay.MAPPED_ADDRESS_WITH_ZONE);
            }
        });
        tally.print("parse_agrees_with_the_jdk_literal_parser_except_where_listed");
    }

    /** Our address as the JDK would hand it back: 4 bytes for IPv4 and for mapped IPv6 where the JDK unmaps. */
    private static byte[] bytes(Host h, boolean jdkGaveIpv4) {
        if (h instanceof Host.Ipv4 v4) {
            return v4.bytes();
        }
        Host.Ipv6 v6 = (Host.Ipv6) h;
        if (jdkGaveIpv4 && v6.isMapped()) {
            return v6.ipv4().get().bytes();
        }
        return v6.bytes();
    }

    // ---------------------------------------------------------------- lenient (inet_aton) forms

    /** inet_aton-shaped strings: 1 to 5 parts, each decimal, octal or hex, mostly in range, some not. */
    static Gen<String> lenientForms() {
        Gen<String> part = frequency(
                weight(4, Gens.longs(0, 255).map(v -> String.valueOf(v))),
                weight(2, Gens.longs(0, 255).map(v -> "0" + Long.toOctalString(v))),
                weight(2, Gens.longs(0, 255).zip(Gens.of("0x", "0X"), Gens.ints(0, 3), (v, x, pad) -> x + "0".repeat(pad) + Long.toHexString(v))),
                weight(2, Gens.longs(0, 0xFFFF_FFFFL).map(v -> String.valueOf(v))),
                weight(1, Gens.longs(0, 0x1_FFFF_FFFFL).map(v -> "0x" + Long.toHexString(v).toUpperCase(Locale.ROOT))),
                weight(1, Gens.of("", "0x", "08", "09", "0xg", "1a", "-1", "+1", " 1", "99999999999999999999")));
        return Gens.ints(1, 5).flatMap(n -> Gens.lists(part, n, n)).map(parts -> String.join(".", parts));
    }

    /** An independent model of inet_aton (no trailing white space), on BigInteger so nothing overflows. */
    static Integer inetAton(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        java.math.BigInteger[] values = new java.math.BigInteger[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.matches("0[xX][0-9a-fA-F]+")) {
                values[i] = new java.math.BigInteger(p.substring(2), 16);
            } else if (p.matches("0[0-7]*")) {
                values[i] = new java.math.BigInteger("0" + p, 8);
            } else if (p.matches("[1-9][0-9]*")) {
                values[i] = new java.math.BigInteger(p);
            } else {
                return null;
            }
        }
        long bits = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i].compareTo(java.math.BigInteger.valueOf(255)) > 0) {
                return null;
            }
            bits = (bits << 8) | values[i].longValue();
        }
        int lastBits = 8 * (5 - parts.length);
        if (values[parts.length - 1].bitLength() > lastBits) {
            return null;
        }
        return (int) ((bits << lastBits) | values[parts.length - 1].longValue());
    }

    private static final Method OF_POSIX_LITERAL = ofPosixLiteral();

    private static Method ofPosixLiteral() {
        try {
            return Inet4Address.class.getMethod("ofPosixLiteral", String.class); // JDK 23+
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    @Test
    void lenient_parser_agrees_with_an_inet_aton_model_and_on_jdk_23_with_of_posix_literal() {
        var tally = new Tally();
        Pbt.qt(10_000).forAll(lenientForms()).checkAssert(s -> Pbt.unchecked(() -> {
            Integer model = inetAton(s);
            Either<AddressError, Host.Ipv4> ours = Host.Ipv4.parseLenient(s);
            assertEquals(model == null ? "refused" : Host.of(model).text(), ours.isLeft() ? "refused" : ours.get().text(), s);
            if (OF_POSIX_LITERAL != null) {
                String jdk;
                try {
                    jdk = ((InetAddress) OF_POSIX_LITERAL.invoke(null, s)).getHostAddress();
                } catch (InvocationTargetException e) {
                    assertTrue(e.getCause() instanceof IllegalArgumentException, e.toString());
                    jdk = "refused";
                }
                assertEquals(jdk, ours.isLeft() ? "refused" : ours.get().text(), s);
            }
            tally.add("reference", OF_POSIX_LITERAL != null ? "model and JDK ofPosixLiteral" : "model only (JDK < 23)");
            tally.add("result", ours.isLeft() ? "refused" : "accepted");
            if (Host.Ipv4.parse(s).isRight()) {
                assertEquals(Host.Ipv4.parse(s), ours, "the strict form is a lenient form with the same value");
            }
        }));
        tally.print("lenient_parser_agrees_with_an_inet_aton_model_and_on_jdk_23_with_of_posix_literal");
    }

    // ---------------------------------------------------------------- totality

    /** Strings weighted toward the characters of addresses, with look-alikes: unicode digits, brackets, zones. */
    static Gen<String> junk() {
        Gen<Character> c = frequency(
                weight(10, Gens.chars('0', '9')),
                weight(6, Gens.of('.', ':')),
                weight(1, Gens.of('%', '[', ']', '-', '_', 'x', 'X', '<', '>', ' ', '/')),
                weight(3, Gens.chars('a', 'f')),
                weight(1, Gens.chars('A', 'F')),
                weight(2, Gens.chars('g', 'z')),
                weight(1, Gens.chars('\u0660', '\u0669')), // Arabic-Indic digits
                weight(1, Gens.chars('\u0966', '\u096F')), // Devanagari digits
                weight(1, Gens.chars('\uFF10', '\uFF19')), // full-width digits
                weight(1, Gens.anyChar()));
        Gen<String> weighted = Gens.strings(c, 0, 45);
        Gen<String> nearMisses = literals().zip(c, Gens.ints(0, 1000), Gens.ints(0, 2),
                (s, ch, at, op) -> {
                    int i = s.isEmpty() ? 0 : at % (s.length() + 1);
                    switch (op) {
                        case 0: return s.substring(0, i) + ch + s.substring(i);
                        case 1: return i < s.length() ? s.substring(0, i) + s.substring(i + 1) : s;
                        default: return i < s.length() ? s.substring(0, i) + ch + s.substring(i + 1) : s + ch;
                    }
                });
        return Gens.oneOf(weighted, nearMisses, Gens.strings(300));
    }

    @Test
    void arbitrary_strings_never_make_parse_throw_or_resolve_the_result_is_a_value_or_an_address_error() {
        var tally = new Tally();
        Pbt.qt(20_000).forAll(junk()).checkAssert(s -> {
            Either<AddressError, Host> r;
            // Every name look-up goes through the installed resolver: this one records each question.
            try (var resolver = dev.sockets.testing.FakeResolver.install()) {
                checkTotal(s, Host.parse(s));
                checkTotal(s, Host.Ipv4.parse(s));
                checkTotal(s, Host.Ipv4.parseLenient(s));
                checkTotal(s, Host.Ipv6.parse(s));
                r = Host.parse(s);
                assertEquals(java.util.List.of(), resolver.asked(), "parsing asked the resolver");
            }
            if (r.isRight()) {
                assertEquals(r, Host.parse(r.get().text()), "accepted values round-trip");
            }
            tally.add("Host.parse", r.isLeft() ? "error" : r.get().getClass().getSimpleName());
        });
        tally.print("arbitrary_strings_never_make_parse_throw_or_resolve_the_result_is_a_value_or_an_address_error");
    }

    private static void checkTotal(String s, Either<AddressError, ? extends Host> r) {
        assertNotNull(r);
        if (r.isLeft()) {
            AddressError e = r.getLeft();
            assertEquals(s, e.input());
            assertTrue(e.position() >= -1 && e.position() <= s.length(), "position " + e.position() + " in " + s);
            assertFalse(e.reason().isEmpty());
            // The message quotes the input escaped and bounded; input() keeps it whole.
            assertTrue(e.getMessage().startsWith("`" + dev.sockets.internal.words.MessageText.quote(s) + "`: "), e.getMessage());
        } else {
            assertNotNull(r.get());
        }
    }

    // ---------------------------------------------------------------- names

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String DIGITS = "0123456789";

    static Gen<String> names() {
        Gen<String> label = Gens.strings(Gens.charsOf(LETTERS + DIGITS), 1, 1).zip(
                        Gens.strings(Gens.charsOf("abcdefghijklmnopqrstuvwxyz" + DIGITS + "-"), 0, 61),
                        Gens.strings(Gens.charsOf(LETTERS + DIGITS), 0, 1),
                        (a, b, c) -> c.isEmpty() ? a + b.replaceAll("-+$", "") : a + b + c);
        Gen<String> top = Gens.strings(Gens.charsOf(LETTERS), 1, 10);
        return Gens.lists(label, 0, 3).zip(top, Gens.of("", "."), (labels, t, dot) -> {
                    var all = new ArrayList<>(labels);
                    all.add(t);
                    return String.join(".", all) + dot;
                })
                .assuming(n -> n.length() - (n.endsWith(".") ? 1 : 0) <= 253);
    }

    @Test
    void every_rfc_1123_name_parses_to_a_name_that_round_trips_and_equals_its_other_cases() {
        Pbt.qt(10_000).forAll(names()).checkAssert(name -> {
            Host h = Host.parse(name).get();
            assertEquals(new Host.Name(name), h);
            assertEquals(name, h.text());
            assertEquals(Either.right(h), Host.parse(h.text()));
            Host upper = Host.parse(name.toUpperCase(Locale.ROOT)).get();
            assertEquals(h, upper);
            assertEquals(h.hashCode(), upper.hashCode());
        });
    }

    // ---------------------------------------------------------------- helpers

    private static long high(int[] g) {
        return ((long) g[0] << 48) | ((long) g[1] << 32) | ((long) g[2] << 16) | g[3];
    }

    private static long low(int[] g) {
        return ((long) g[4] << 48) | ((long) g[5] << 32) | ((long) g[6] << 16) | g[7];
    }

    private static int[] groupsOf(Host.Ipv6 h) {
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (h.high() >>> (48 - 16 * i)) & 0xFFFF;
            g[i + 4] = (int) (h.low() >>> (48 - 16 * i)) & 0xFFFF;
        }
        return g;
    }
}
