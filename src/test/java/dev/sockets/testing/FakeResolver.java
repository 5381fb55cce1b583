package dev.sockets.testing;

import dev.sockets.internal.io.Inet;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A resolver with a script instead of DNS: names it knows answer their addresses, every other
 * name is "not found", and every question is recorded. Installed for the life of a try block:
 * <pre>{@code
 * try (var dns = FakeResolver.install().name("db.test", "10.0.0.7")) { ... dns.asked() ... }
 * }</pre>
 * Lets a test see a look-up fail (or see that none happened) without a packet leaving the machine.
 */
public final class FakeResolver implements Inet.Resolver, AutoCloseable {
    private final Map<String, InetAddress[]> names = new HashMap<>();
    private final Map<InetAddress, String> reverse = new HashMap<>();
    private final List<String> asked = new ArrayList<>();
    private final Inet.Resolver previous;

    private FakeResolver() {
        this.previous = Inet.useResolver(this);
    }

    /** Installs an empty script: every name is not found, every address has no name. */
    public static FakeResolver install() {
        return new FakeResolver();
    }

    /** Scripts a name to resolve to these literal addresses, in order. */
    public FakeResolver name(String name, String... addresses) {
        var out = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            try {
                // A literal: the JDK parses it without a look-up.
                out[i] = InetAddress.getByName(addresses[i]);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(addresses[i], e);
            }
        }
        names.put(name, out);
        return this;
    }

    /** Scripts the reverse look-up of a literal address. */
    public FakeResolver reverse(String address, String name) {
        try {
            reverse.put(InetAddress.getByName(address), name);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
        return this;
    }

    /** Every question asked so far: names as given, reverse look-ups as {@code reverse:addr}. */
    public List<String> asked() {
        return List.copyOf(asked);
    }

    @Override
    public InetAddress[] lookup(String name) throws UnknownHostException {
        asked.add(name);
        InetAddress[] a = names.get(name);
        if (a == null) {
            throw new UnknownHostException(name + ": Name or service not known");
        }
        return a.clone();
    }

    @Override
    public String reverse(InetAddress address) {
        asked.add("reverse:" + address.getHostAddress());
        return reverse.getOrDefault(address, address.getHostAddress());
    }

    /** Puts the previous resolver back. */
    @Override
    public void close() {
        Inet.useResolver(previous);
    }
}
