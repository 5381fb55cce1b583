package dev.sockets.testing;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How often each kind of case came up in a property, printed after it: a run shows whether the
 * generators reach the cases that the property is about (a generator that stopped producing
 * compressed IPv6 forms would still pass).
 */
public final class Tally {
    private final Map<String, Map<String, AtomicLong>> counts = new ConcurrentHashMap<>();

    public void add(String label, String value) {
        counts.computeIfAbsent(label, k -> new ConcurrentHashMap<>()).computeIfAbsent(value, k -> new AtomicLong()).incrementAndGet();
    }

    public void print(String property) {
        var b = new StringBuilder(property).append(':');
        new TreeMap<>(counts).forEach((label, values) -> {
            long total = values.values().stream().mapToLong(AtomicLong::get).sum();
            b.append("\n  ").append(label).append(':');
            new TreeMap<>(values).forEach((v, n) -> b.append(String.format("%n    %-45s %7d (%d %%)", v, n.get(), 100 * n.get() / total)));
        });
        System.out.println(b);
    }
}
