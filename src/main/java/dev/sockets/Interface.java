package dev.sockets;

import java.util.Objects;

/**
 * One network interface of this machine, as {@link Sockets#if_nameindex()} lists them: the
 * kernel's index and the name. Prints as Python's tuple, {@code (1, 'lo')}, so the list reads
 * {@code [(1, 'lo'), (2, 'eth0')]}.
 *
 * @param index the interface index, from 1 (the zone number of an IPv6 address: {@code fe80::1%2})
 * @param name  the interface name ({@code lo}, {@code eth0})
 */
public record Interface(int index, String name) {
    /** Checks that the index is positive and the name present. */
    public Interface {
        Objects.requireNonNull(name, "name");
        if (index < 1) {
            throw new IllegalArgumentException("expected index > 0 but was " + index);
        }
    }

    /** Python's tuple: {@code (1, 'lo')}. */
    @Override
    public String toString() {
        return "(" + index + ", '" + name + "')";
    }
}
