package dev.sockets.internal.settings;

import dev.sockets.Domain;
import dev.sockets.ThreadModel;
import java.net.SocketOption;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * What a spec holds: the settings that were set, by {@link Setting} key, in the order first set.
 * Immutable; {@link #with(Setting, Object)} checks the value and returns a copy.
 *
 * <p>DEV-NOTE. Why a map of typed keys and not a record with withers per spec: the three specs
 * share most settings (timeouts, charset, bounds, buffer sizes), and a record per spec would
 * repeat each field, its wither, its check and its print line three times, which is how they
 * drifted. With keys, a setting shared by two specs is one {@link Setting}, and a new setting
 * is one line there plus the spec's method. A spec still says which settings it has, through
 * its public methods. The engine reads this holder ({@link #timeout()}, {@link #options()}, ...),
 * not the spec, so that {@code internal.io} needs no spec class.
 */
public final class Settings {
    /** Nothing set. */
    public static final Settings NONE = new Settings(Map.of());

    private final Map<Setting<?>, Object> values;

    private Settings(Map<Setting<?>, Object> values) {
        this.values = values;
    }

    /** A copy with {@code key} set to {@code value}, checked; a value set again keeps its place. */
    public <T> Settings with(Setting<T> key, T value) {
        T checked = key.check(value);
        var copy = new LinkedHashMap<>(values);
        copy.put(key, checked);
        return new Settings(Collections.unmodifiableMap(copy));
    }

    /** A copy with {@code key} not set: back to its fallback. */
    public Settings without(Setting<?> key) {
        if (!values.containsKey(key)) {
            return this;
        }
        var copy = new LinkedHashMap<>(values);
        copy.remove(key);
        return new Settings(Collections.unmodifiableMap(copy));
    }

    /** The value set, or the key's fallback (null for one that has none). */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> key) {
        Object v = values.get(key);
        return v == null ? key.fallback() : (T) v;
    }

    /** Whether {@code key} was set. */
    public boolean isSet(Setting<?> key) {
        return values.containsKey(key);
    }

    // ---- what the engine reads, under the specs' names --------------------------------------

    /** The family, if set. */
    public Optional<Domain> family() {
        return Optional.ofNullable(get(Setting.FAMILY));
    }

    /** Read timeout; ZERO for none. */
    public Duration timeout() {
        return get(Setting.TIMEOUT);
    }

    /** Connect timeout in force. */
    public Duration connectTimeout() {
        return get(Setting.CONNECT_TIMEOUT);
    }

    /** Write timeout; ZERO for none. */
    public Duration writeTimeout() {
        return get(Setting.WRITE_TIMEOUT);
    }

    /** Idle timeout of a server's connections; ZERO for none. */
    public Duration idleTimeout() {
        return get(Setting.IDLE_TIMEOUT);
    }

    /** Busy-poll window; ZERO for none. */
    public Duration busyPoll() {
        return get(Setting.BUSY_POLL);
    }

    /** The wiretap, or null: the engine checks for null once, when a socket opens. */
    public dev.sockets.internal.tap.Wiretap wiretap() {
        return get(Setting.WIRETAP);
    }

    /** Charset of text. */
    public Charset charset() {
        return get(Setting.CHARSET);
    }

    /** Bound on a server's open connections. */
    public int maxConnections() {
        return get(Setting.MAX_CONNECTIONS);
    }

    /** A server's memory budget in bytes. */
    public long maxBuffered() {
        return get(Setting.MAX_BUFFERED);
    }

    /** Longest line readLine accepts. */
    public int maxLineLength() {
        return get(Setting.MAX_LINE_LENGTH);
    }

    /** The most bytes one {@code expect} searches. */
    public int maxExpectBuffer() {
        return get(Setting.MAX_EXPECT_BUFFER);
    }

    /** Which threads run a server's handlers. */
    public ThreadModel threads() {
        return get(Setting.THREADS);
    }

    /** Whether Unix listen replaces a stale socket file. */
    public boolean replacesStale() {
        return get(Setting.REPLACE_STALE);
    }

    /** The Unix socket file's permissions. */
    public String filePermissions() {
        return get(Setting.FILE_PERMISSIONS);
    }

    /**
     * Every socket option set, by the JDK's option, in the order first set: the option keys,
     * and {@code SO_LINGER} from {@link Setting#LINGER} in whole seconds.
     */
    public Map<SocketOption<?>, Object> options() {
        var m = new LinkedHashMap<SocketOption<?>, Object>();
        values.forEach((k, v) -> {
            if (k.socketOption() != null) {
                m.put(k.socketOption(), v);
            } else if (k == Setting.LINGER) {
                m.put(java.net.StandardSocketOptions.SO_LINGER, (int) ((Duration) v).getSeconds());
            }
        });
        return Collections.unmodifiableMap(m);
    }

    /**
     * {@code prefix[...]}: first the keys of {@code first} that are set, in that order, then
     * the others in the order set, then those of {@code last}; {@code prefix[]} when nothing is.
     */
    public String print(String prefix, List<Setting<?>> first, List<Setting<?>> last) {
        return print(prefix, null, first, last);
    }

    /**
     * As {@link #print(String, List, List)}, after {@code lead} when not null: a binding's
     * address, as in {@code TcpBinding[:5000, timeout=2 s]}.
     */
    public String print(String prefix, String lead, List<Setting<?>> first, List<Setting<?>> last) {
        var j = new StringJoiner(", ", prefix + "[", "]");
        if (lead != null) {
            j.add(lead);
        }
        for (var k : first) {
            add(j, k);
        }
        for (var k : values.keySet()) {
            if (!first.contains(k) && !last.contains(k)) {
                add(j, k);
            }
        }
        for (var k : last) {
            add(j, k);
        }
        return j.toString();
    }

    private void add(StringJoiner j, Setting<?> k) {
        Object v = values.get(k);
        if (v != null) {
            j.add(k.name() + "=" + k.print(v));
        }
    }

    /** Equal when the same keys are set to equal values, whatever the order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Settings s && values.equals(s.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return print("Settings", null, List.of(), List.of());
    }
}
