package dev.sockets.internal.io;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketOption;
import java.nio.channels.NetworkChannel;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The options of one open socket, whatever the JDK object under it ({@link Socket},
 * {@link ServerSocket}, a channel): what {@code option(...)} on a connection, listener or peer
 * reads and sets, as Python's {@code getsockopt} / {@code setsockopt}. Errors are the JDK's.
 */
public interface OptionAccess {

    /** Which sockets these are, for the message that refuses an option: {@code "TCP sockets"}. */
    String what();

    /** The options this socket has. */
    Set<SocketOption<?>> supported();

    /** The value the socket has now. */
    <T> T get(SocketOption<T> option) throws IOException;

    /** Sets it on the socket. */
    <T> void set(SocketOption<T> option, T value) throws IOException;

    /**
     * Refuses an option this kind of socket does not have, in the words of {@code UdpSpec.option}:
     * {@code expected an option TCP sockets support [SO_KEEPALIVE, ...] but was SO_BROADCAST}.
     */
    default void check(SocketOption<?> option) {
        if (!supported().contains(option)) {
            var names = new TreeSet<String>();
            supported().forEach(o -> names.add(o.name()));
            throw new IllegalArgumentException("expected an option " + what() + " support " + names + " but was " + option.name());
        }
    }

    /**
     * The value as the OS holds it, as Python's {@code getsockopt} shows it. DEV-NOTE: Linux
     * doubles the {@code SO_RCVBUF} and {@code SO_SNDBUF} sizes it is given (the rest is its
     * bookkeeping) and the JDK's {@code getOption} halves them back, so that a Java program reads
     * the size it set; here the socket's own answer is the point (65536 asked, 131072 held), so
     * the halving is undone.
     */
    @SuppressWarnings("unchecked")
    static <T> T asOs(SocketOption<T> option, T value) {
        if (LINUX && (option == java.net.StandardSocketOptions.SO_RCVBUF || option == java.net.StandardSocketOptions.SO_SNDBUF)
                && value instanceof Integer n) {
            return (T) Integer.valueOf(n * 2);
        }
        return value;
    }

    /** True on Linux, whose buffer sizes {@link #asOs} reads back. */
    boolean LINUX = System.getProperty("os.name", "").startsWith("Linux");

    /** A connected or unconnected {@link Socket}'s options. */
    static OptionAccess of(String what, Socket s) {
        return of(what, s::supportedOptions, s::getOption, s::setOption);
    }

    /** A listening {@link ServerSocket}'s options. */
    static OptionAccess of(String what, ServerSocket s) {
        return of(what, s::supportedOptions, s::getOption, s::setOption);
    }

    /** A channel's options (a Unix domain socket, an event loop's connection). */
    static OptionAccess of(String what, NetworkChannel ch) {
        return of(what, ch::supportedOptions, ch::getOption, ch::setOption);
    }

    /**
     * The options through a JDK object's own calls: {@link Socket}, {@link ServerSocket} and
     * {@link NetworkChannel} each have {@code supportedOptions}, {@code getOption} and
     * {@code setOption}, but in no type they share.
     */
    private static OptionAccess of(String what, Supplier<Set<SocketOption<?>>> supported, Getter getter, Setter setter) {
        return new OptionAccess() {
            @Override
            public String what() {
                return what;
            }

            @Override
            public Set<SocketOption<?>> supported() {
                return supported.get();
            }

            @Override
            public <T> T get(SocketOption<T> option) throws IOException {
                return asOs(option, getter.getOption(option));
            }

            @Override
            public <T> void set(SocketOption<T> option, T value) throws IOException {
                setter.setOption(option, value);
            }
        };
    }

    /** A JDK object's {@code getOption}, as a method reference. */
    @FunctionalInterface
    interface Getter {
        <T> T getOption(SocketOption<T> option) throws IOException;
    }

    /** A JDK object's {@code setOption}, as a method reference. */
    @FunctionalInterface
    interface Setter {
        <T> void setOption(SocketOption<T> option, T value) throws IOException;
    }

    /** A socket with no options to offer (a test's in-memory transport): every option is refused. */
    static OptionAccess none(String what) {
        return new OptionAccess() {
            @Override
            public String what() {
                return what;
            }

            @Override
            public Set<SocketOption<?>> supported() {
                return Set.of();
            }

            @Override
            public <T> T get(SocketOption<T> option) {
                throw new IllegalArgumentException("expected an option " + what + " support [] but was " + option.name());
            }

            @Override
            public <T> void set(SocketOption<T> option, T value) {
                throw new IllegalArgumentException("expected an option " + what + " support [] but was " + option.name());
            }
        };
    }
}
