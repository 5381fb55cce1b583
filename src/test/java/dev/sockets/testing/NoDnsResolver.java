package dev.sockets.testing;

import dev.sockets.internal.io.Inet;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A resolver that must never be asked: parsers are pure, so a look-up from one is a bug. It
 * counts and throws {@link AssertionError} (not an {@code UnknownHostException}, which a parser
 * could swallow), so the test fails where the look-up happened.
 */
public final class NoDnsResolver implements Inet.Resolver, AutoCloseable {
    private final Inet.Resolver previous;
    private final AtomicLong asked = new AtomicLong();

    private NoDnsResolver() {
        previous = Inet.useResolver(this);
    }

    /** Installs it until {@link #close()}. */
    public static NoDnsResolver install() {
        return new NoDnsResolver();
    }

    /** Look-ups attempted (each also threw). */
    public long asked() {
        return asked.get();
    }

    @Override
    public InetAddress[] lookup(String name) throws UnknownHostException {
        asked.incrementAndGet();
        throw new AssertionError("a parser asked the resolver for " + name);
    }

    @Override
    public String reverse(InetAddress address) {
        asked.incrementAndGet();
        throw new AssertionError("a parser asked the resolver for the name of " + address);
    }

    @Override
    public void close() {
        Inet.useResolver(previous);
    }
}
