package dev.sockets.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * Generators shared by the properties. Whole-range numbers mix in their edge cases and small values
 * on purpose: a uniform draw over 2^32 almost never gives 0, -1 or Integer.MAX_VALUE, and many
 * properties are about exactly those.
 */
public final class Gens {
    private Gens() {
    }

    /** A weight for {@link #frequency}. */
    public static <T> Pair<Integer, Gen<T>> weight(int w, Gen<T> g) {
        return Pair.of(w, g);
    }

    @SafeVarargs
    public static <T> Gen<T> frequency(Pair<Integer, Gen<T>>... weighted) {
        List<Pair<Integer, Gen<T>>> list = new ArrayList<>();
        for (Pair<Integer, Gen<T>> w : weighted) {
            list.add(w);
        }
        return Generate.frequency(list);
    }

    @SafeVarargs
    public static <T> Gen<T> oneOf(Gen<T>... gens) {
        List<Pair<Integer, Gen<T>>> weighted = new ArrayList<>();
        for (Gen<T> g : gens) {
            weighted.add(Pair.of(1, g));
        }
        return Generate.frequency(weighted);
    }

    @SafeVarargs
    public static <T> Gen<T> of(T... values) {
        List<T> list = new ArrayList<>();
        for (T v : values) {
            list.add(v);
        }
        return Generate.pick(list);
    }

    public static <T> Gen<T> just(T value) {
        return Generate.constant(value);
    }

    /** In [min, max], both included. */
    public static Gen<Integer> ints(int min, int max) {
        return SourceDSL.integers().between(min, max);
    }

    /** In [min, max], both included. */
    public static Gen<Long> longs(long min, long max) {
        return SourceDSL.longs().between(min, max);
    }

    public static Gen<Boolean> booleans() {
        return Generate.booleans();
    }

    /**
     * Any int: the extremes, -2 to 2 and each boundary given (with its neighbours) a tenth of the time,
     * small values a fifth, the whole range the rest.
     */
    public static Gen<Integer> anyInt(int... boundaries) {
        var edges = new TreeSet<Integer>(List.of(Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -2, -1, 0, 1, 2,
                Integer.MAX_VALUE - 1, Integer.MAX_VALUE));
        for (int b : boundaries) {
            edges.add(b - 1);
            edges.add(b);
            edges.add(b + 1);
        }
        return frequency(weight(1, Generate.pick(new ArrayList<>(edges))), weight(2, ints(-1000, 1000)),
                weight(7, SourceDSL.integers().all()));
    }

    /** Any long, with its edge cases and small values mixed in as for {@link #anyInt(int...)}. */
    public static Gen<Long> anyLong() {
        return frequency(weight(1, of(Long.MIN_VALUE, Long.MIN_VALUE + 1, -2L, -1L, 0L, 1L, 2L, Long.MAX_VALUE - 1, Long.MAX_VALUE)),
                weight(2, longs(-1000, 1000)), weight(7, SourceDSL.longs().all()));
    }

    /** A java.util.Random from a generated seed, printed as the seed so that a failure shows it. */
    public static Gen<Random> randoms() {
        return SourceDSL.longs().all().map(Random::new).describedAs(r -> "Random");
    }

    /**
     * Every char: lone surrogates, noncharacters and unassigned ones included. Drawn by number, not
     * through QuickTheories' character generators, which keep to what the running JDK's Unicode
     * tables define: those would leave chars out, and give other values for the same seed on
     * another JDK.
     */
    public static Gen<Character> anyChar() {
        return chars(Character.MIN_VALUE, Character.MAX_VALUE);
    }

    /** The chars of {@code set}, each as likely as its number of occurrences. */
    public static Gen<Character> charsOf(String set) {
        List<Character> cs = new ArrayList<>();
        for (char c : set.toCharArray()) {
            cs.add(c);
        }
        return Generate.pick(cs);
    }

    /** Chars in [from, to], by number as for {@link #anyChar()}. */
    public static Gen<Character> chars(char from, char to) {
        return ints(from, to).map(i -> (char) i.intValue());
    }

    /** Strings of {@code min} to {@code max} chars drawn from {@code chars}. */
    public static Gen<String> strings(Gen<Character> chars, int min, int max) {
        return SourceDSL.lists().of(chars).ofSizeBetween(min, max).map(Gens::join);
    }

    /** Strings of any chars, lone surrogates included, up to {@code max} long. */
    public static Gen<String> strings(int max) {
        return strings(anyChar(), 0, max);
    }

    public static <T> Gen<List<T>> lists(Gen<T> elements, int min, int max) {
        return SourceDSL.lists().of(elements).ofSizeBetween(min, max);
    }

    /** Byte arrays of 0 to {@code max} bytes, each byte any value, printed as a list. */
    public static Gen<byte[]> bytes(int max) {
        return Generate.byteArrays(ints(0, max), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0))
                .describedAs(Arrays::toString);
    }

    private static String join(List<Character> cs) {
        var b = new StringBuilder(cs.size());
        cs.forEach(b::append);
        return b.toString();
    }
}
