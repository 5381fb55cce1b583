package dev.sockets.internal.settings;

import dev.sockets.Domain;
import dev.sockets.ThreadModel;
import dev.sockets.internal.io.BusyPoll;
import dev.sockets.internal.tap.Wiretap;
import dev.sockets.internal.words.Durations;
import java.net.NetworkInterface;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One setting of a spec, as a typed key of {@link Settings}: its name as {@code toString()}
 * prints it, its check, its value when not set, and the socket option it stands for, if any.
 * A setting that two specs share is one key here, so it is checked, defaulted and printed by
 * the same code in both (a {@code maxLineLength} that TCP capped and Unix did not is what this
 * prevents).
 *
 * <p>Keys are equal by identity, except option keys: {@link #option(SocketOption)} returns the
 * named key of an option that has one ({@code SO_BROADCAST} is {@link #BROADCAST}), so a value
 * set by name and one set through {@code option(...)} land in the same place.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {

    private static final Map<SocketOption<?>, Setting<?>> BY_OPTION = new ConcurrentHashMap<>();

    /** The longest line {@code readLine} reads unless set: 64 KiB. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;
    /** The open connections a server allows unless set. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /** The largest line bound: 1 GiB, so that a line always fits one Java array. */
    public static final int MAX_LINE_LENGTH_BOUND = 1 << 30;
    /**
     * The write timeout of the connections a server accepts ({@code onAccept}, {@code onReceive},
     * {@code Listener.accept()}) unless {@link #WRITE_TIMEOUT} is set: 60 seconds without any
     * progress. It counts from the send's last progress (each 64 KiB the OS takes), not from its
     * start, so a slow honest client never trips it unless it reads less than 64 KiB in a whole
     * minute (about 550 bytes a second); one that reads nothing for a minute is gone or hostile,
     * and without it would hold a handler's thread for ever. 60 s is nginx's {@code send_timeout}
     * and Apache's {@code Timeout}, the same rule (time between two successful writes); the
     * 5-minute idle timeout would let a client that never reads pin a thread five times longer. Connections from {@code connect}
     * keep {@link #WRITE_TIMEOUT}'s fallback, none, as Python's.
     */
    public static final Duration DEFAULT_SERVED_WRITE_TIMEOUT = Duration.ofSeconds(60);

    /**
     * What a server's connections may buffer at once unless {@link #MAX_BUFFERED} is set: a
     * quarter of the heap ({@code Runtime.maxMemory()}), so that clients which never read, or
     * handlers reading 64 MiB messages, cannot run the JVM out of memory (64 MiB at
     * {@code -Xmx256m}). Read once, when this class loads.
     */
    public static final long DEFAULT_MAX_BUFFERED = Runtime.getRuntime().maxMemory() / 4;

    // ---- settings every spec may have ------------------------------------------------------

    /** The address family; checked by each spec, whose hint differs (TCP, UDP). */
    public static final Setting<Domain> FAMILY = plain("family", Domain.class, null, Objects::requireNonNull);
    /** Read (and accept, receive) timeout; ZERO waits without end. */
    public static final Setting<Duration> TIMEOUT = duration("timeout", Duration.ZERO, d -> Check.timeout("timeout", d));
    /** How long connect may take in all. */
    public static final Setting<Duration> CONNECT_TIMEOUT = duration("connectTimeout", Duration.ofSeconds(10),
            d -> Check.positive("connectTimeout", d));
    /**
     * How long a send may make no progress; ZERO waits without end. Not set: none on connections
     * from {@code connect}, {@link #DEFAULT_SERVED_WRITE_TIMEOUT} on the ones a server accepts.
     */
    public static final Setting<Duration> WRITE_TIMEOUT = duration("writeTimeout", Duration.ZERO,
            d -> Check.nonNegative("writeTimeout", d));
    /** How long a server's connection may be silent; ZERO for never. */
    public static final Setting<Duration> IDLE_TIMEOUT = duration("idleTimeout", Duration.ofMinutes(5),
            d -> Check.nonNegative("idleTimeout", d));
    /** How long a read polls before it blocks; ZERO for never. */
    public static final Setting<Duration> BUSY_POLL = duration("busyPoll",
            Duration.ofNanos(TimeUnit.MICROSECONDS.toNanos(BusyPoll.DEFAULT_MICROS)),
            d -> Check.upTo("busyPoll", d, Duration.ofMillis(1), "polling longer burns a core for nothing: let the read block"));
    /** The charset of text sends and lines. */
    public static final Setting<Charset> CHARSET = plain("charset", Charset.class, StandardCharsets.UTF_8, Objects::requireNonNull);
    /** The bound on a server's open connections. */
    public static final Setting<Integer> MAX_CONNECTIONS = plain("maxConnections", Integer.class, DEFAULT_MAX_CONNECTIONS,
            n -> Check.positive("maxConnections", n));
    /** A server's memory budget, in bytes: not set, {@link #DEFAULT_MAX_BUFFERED}. */
    public static final Setting<Long> MAX_BUFFERED = plain("maxBuffered", Long.class, DEFAULT_MAX_BUFFERED,
            n -> Check.positive("maxBuffered", n));
    /** The longest line readLine accepts, in bytes. */
    public static final Setting<Integer> MAX_LINE_LENGTH = plain("maxLineLength", Integer.class, DEFAULT_MAX_LINE_LENGTH,
            n -> Check.inRange("maxLineLength", n, 1, MAX_LINE_LENGTH_BOUND));
    /** The most bytes one {@code expect} searches unless set: 64 KiB. */
    public static final int DEFAULT_MAX_EXPECT_BUFFER = 64 * 1024;
    /** The most bytes one {@code expect} searches before it fails: a peer that never sends the awaited text cannot fill memory. */
    public static final Setting<Integer> MAX_EXPECT_BUFFER = plain("maxExpectBuffer", Integer.class, DEFAULT_MAX_EXPECT_BUFFER,
            n -> Check.inRange("maxExpectBuffer", n, 1, MAX_LINE_LENGTH_BOUND));
    /** Which threads run a server's handlers. */
    public static final Setting<ThreadModel> THREADS = plain("threads", ThreadModel.class, ThreadModel.AUTO, Objects::requireNonNull);
    /** {@code SO_LINGER} as a duration of whole seconds; not an option key, since the option's value is an int. */
    public static final Setting<Duration> LINGER = duration("linger", null,
            d -> Check.upTo("linger", d, Duration.ofSeconds(65535), ""));
    /** Where a wiretap records each socket's traffic; not set, none (nothing recorded, nothing checked). */
    public static final Setting<Wiretap> WIRETAP = plain("wiretap", Wiretap.class, null, Objects::requireNonNull);

    // ---- Unix ------------------------------------------------------------------------------

    /** Whether listen replaces a stale socket file. */
    public static final Setting<Boolean> REPLACE_STALE = plain("replaceStale", Boolean.class, false, Objects::requireNonNull);
    /** The socket file's permissions, {@code ls -l} style. */
    public static final Setting<String> FILE_PERMISSIONS = plain("filePermissions", String.class, "rw-------", p -> {
        Objects.requireNonNull(p, "permissions");
        try {
            java.nio.file.attribute.PosixFilePermissions.fromString(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected permissions such as \"rw-rw----\" (nine of r, w, x, -) but was \""
                    + p + "\"");
        }
        return p;
    });

    // ---- socket options with a name --------------------------------------------------------

    /** {@code TCP_NODELAY}. */
    public static final Setting<Boolean> NO_DELAY = named("noDelay", StandardSocketOptions.TCP_NODELAY, v -> v);
    /** {@code SO_KEEPALIVE}. */
    public static final Setting<Boolean> KEEP_ALIVE = named("keepAlive", StandardSocketOptions.SO_KEEPALIVE, v -> v);
    /** {@code SO_REUSEADDR}. */
    public static final Setting<Boolean> REUSE_ADDRESS = named("reuseAddress", StandardSocketOptions.SO_REUSEADDR, v -> v);
    /** {@code SO_REUSEPORT}. */
    public static final Setting<Boolean> REUSE_PORT = named("reusePort", StandardSocketOptions.SO_REUSEPORT, v -> v);
    /** {@code SO_RCVBUF}. */
    public static final Setting<Integer> RECEIVE_BUFFER_SIZE = named("receiveBufferSize", StandardSocketOptions.SO_RCVBUF,
            n -> Check.positive("receiveBufferSize", n));
    /** {@code SO_SNDBUF}. */
    public static final Setting<Integer> SEND_BUFFER_SIZE = named("sendBufferSize", StandardSocketOptions.SO_SNDBUF,
            n -> Check.positive("sendBufferSize", n));
    /** {@code SO_BROADCAST}. */
    public static final Setting<Boolean> BROADCAST = named("broadcast", StandardSocketOptions.SO_BROADCAST, v -> v);
    /** {@code IP_MULTICAST_TTL}. */
    public static final Setting<Integer> MULTICAST_TTL = named("multicastTtl", StandardSocketOptions.IP_MULTICAST_TTL,
            n -> Check.inRange("multicastTtl", n, 0, 255));
    /** {@code IP_MULTICAST_LOOP}. */
    public static final Setting<Boolean> MULTICAST_LOOP = named("multicastLoop", StandardSocketOptions.IP_MULTICAST_LOOP, v -> v);
    /** {@code IP_MULTICAST_IF}, printed by the interface's name. */
    public static final Setting<NetworkInterface> MULTICAST_INTERFACE = new Setting<>("multicastInterface",
            NetworkInterface.class, null, Objects::requireNonNull, StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface::getName);

    private final String name;
    private final Class<T> type;
    private final T fallback;
    private final UnaryOperator<T> check;
    private final SocketOption<T> option;
    private final Function<T, String> print;

    private Setting(String name, Class<T> type, T fallback, UnaryOperator<T> check, SocketOption<T> option,
                    Function<T, String> print) {
        this.name = name;
        this.type = type;
        this.fallback = fallback;
        this.check = check;
        this.option = option;
        this.print = print;
        if (option != null) {
            BY_OPTION.putIfAbsent(option, this);
        }
    }

    /**
     * A key of a setting only one spec has, made where that spec's engine lives (the TLS keys, in
     * {@code internal.tls}): its name, type, value when not set, check and printed form.
     */
    public static <T> Setting<T> of(String name, Class<T> type, T fallback, UnaryOperator<T> check, Function<T, String> print) {
        return new Setting<>(name, type, fallback, check, null, print);
    }

    private static <T> Setting<T> plain(String name, Class<T> type, T fallback, UnaryOperator<T> check) {
        return new Setting<>(name, type, fallback, check, null, String::valueOf);
    }

    private static Setting<Duration> duration(String name, Duration fallback, UnaryOperator<Duration> check) {
        return new Setting<>(name, Duration.class, fallback, check, null, Durations::human);
    }

    private static <T> Setting<T> named(String name, SocketOption<T> option, UnaryOperator<T> check) {
        return new Setting<>(name, option.type(), null, v -> check.apply(Objects.requireNonNull(v, name)), option, String::valueOf);
    }

    /**
     * The key of a JDK socket option: its named key if it has one ({@code SO_RCVBUF} is
     * {@link #RECEIVE_BUFFER_SIZE}, with its check), else a key printed by the option's name.
     */
    @SuppressWarnings("unchecked")
    public static <T> Setting<T> option(SocketOption<T> option) {
        Objects.requireNonNull(option, "option");
        Setting<?> known = BY_OPTION.get(option);
        if (known != null) {
            return (Setting<T>) known;
        }
        // The constructor registers the key (putIfAbsent): the first key made for an option wins,
        // so two threads naming one option get one key.
        new Setting<>(option.name(), option.type(), null, Objects::requireNonNull, option, String::valueOf);
        return (Setting<T>) BY_OPTION.get(option);
    }

    /** The name {@code toString()} prints. */
    public String name() {
        return name;
    }

    /** The value when not set; null when "not set" has no value (family, socket options). */
    public T fallback() {
        return fallback;
    }

    /** The socket option this setting is, or null. */
    public SocketOption<T> socketOption() {
        return option;
    }

    /** {@code value}, checked: the exception says what was expected. */
    T check(T value) {
        Objects.requireNonNull(value, name);
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("expected a " + type.getSimpleName() + " for " + name + " but was "
                    + value.getClass().getSimpleName());
        }
        return check.apply(value);
    }

    /** {@code value} as {@code toString()} shows it. */
    String print(Object value) {
        return print.apply(type.cast(value));
    }

    @Override
    public String toString() {
        return name;
    }
}
