package dev.sockets.testing;

import dev.sockets.AddressError;
import dev.sockets.Domain;
import dev.sockets.Endpoint;
import dev.sockets.Host;
import dev.sockets.Port;
import dev.sockets.Protocol;
import dev.sockets.Type;
import io.vavr.control.Either;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Every text parser of the public API, by name: what the fuzzers (the property tests and Jazzer) feed. */
public final class Parsers {
    private Parsers() {
    }

    /** Each parser, in a fixed order. */
    public static final Map<String, Function<String, Either<AddressError, ?>>> ALL = all();

    private static Map<String, Function<String, Either<AddressError, ?>>> all() {
        var m = new LinkedHashMap<String, Function<String, Either<AddressError, ?>>>();
        m.put("Host.parse", Host::parse);
        m.put("Port.parse", Port::parse);
        m.put("Endpoint.parse", Endpoint::parse);
        m.put("Domain.parse", Domain::parse);
        m.put("Type.parse", Type::parse);
        m.put("Protocol.parse", Protocol::parse);
        m.put("Ipv4.parse", Host.Ipv4::parse);
        m.put("Ipv4.parseLenient", Host.Ipv4::parseLenient);
        m.put("Ipv6.parse", Host.Ipv6::parse);
        return m;
    }

    /**
     * Runs one parser on {@code text} and checks its contract: a value or an {@link AddressError}
     * (never null, never thrown); a value prints. Throws {@link AssertionError} otherwise.
     */
    public static void check(String name, String text) {
        Either<AddressError, ?> r;
        try {
            r = ALL.get(name).apply(text);
        } catch (RuntimeException e) {
            throw new AssertionError(name + " threw " + e + " for " + printable(text), e);
        }
        if (r == null) {
            throw new AssertionError(name + " returned null for " + printable(text));
        }
        if (r.isLeft()) {
            if (r.getLeft() == null || r.getLeft().getMessage() == null) {
                throw new AssertionError(name + " returned an empty error for " + printable(text));
            }
        } else if (r.get() == null || r.get().toString() == null) {
            throw new AssertionError(name + " returned a null value for " + printable(text));
        }
    }

    private static String printable(String s) {
        var b = new StringBuilder("\"");
        s.codePoints().limit(200).forEach(c -> {
            if (c >= 0x20 && c < 0x7F && c != '"') {
                b.appendCodePoint(c);
            } else {
                b.append(String.format("\\u%04x", c));
            }
        });
        return b.append('"').toString();
    }
}
