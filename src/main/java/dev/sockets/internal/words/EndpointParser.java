package dev.sockets.internal.words;

import dev.sockets.AddressError;
import dev.sockets.Endpoint;
import dev.sockets.Host;
import dev.sockets.Port;
import dev.sockets.Protocol;
import io.vavr.control.Either;

/**
 * Parses {@code host:port}: {@code 127.0.0.1:80}, {@code [::1]:80}, {@code [fe80::1%eth0]:80},
 * {@code localhost:www}, {@code :80} (any address), {@code <broadcast>:9999}.
 *
 * <p>An error from the host or port parser is reported against the whole text, its position
 * moved to where that part starts, so the user sees where in what they typed the problem is.
 */
public final class EndpointParser {
    private EndpointParser() {
    }

    /** Parses an endpoint; a service name is looked up for TCP. Never throws. */
    public static Either<AddressError, Endpoint> parse(String text) {
        try {
            return parseUnchecked(text);
        } catch (RuntimeException e) {
            // The host parser is another's code; a bug there must not break the never-throws promise.
            return Either.left(new AddressError(String.valueOf(text), -1, "cannot parse: " + MessageText.cut(String.valueOf(e)), ""));
        }
    }

    private static Either<AddressError, Endpoint> parseUnchecked(String text) {
        if (text == null) {
            return Either.left(new AddressError("null", -1, "no endpoint", "write host:port, such as 127.0.0.1:80"));
        }
        if (text.isEmpty()) {
            return Either.left(new AddressError(text, -1, "empty endpoint", "write host:port, such as 127.0.0.1:80"));
        }
        if (text.charAt(0) == '[') {
            int close = text.indexOf(']');
            if (close < 0) {
                return Either.left(new AddressError(text, 0, "[ without ]", "write an IPv6 endpoint as [::1]:80"));
            }
            String inside = text.substring(1, close);
            Either<AddressError, Host> host = Host.parse(inside).mapLeft(e -> moved(text, e, 1));
            if (host.isLeft()) {
                return Either.left(host.getLeft());
            }
            if (!(host.get() instanceof Host.Ipv6)) {
                return Either.left(new AddressError(text, 1, "brackets hold only IPv6 addresses",
                        "drop the brackets: " + MessageText.cut(inside + text.substring(close + 1))));
            }
            if (close + 1 == text.length()) {
                return Either.left(new AddressError(text, close + 1, "missing port",
                        "add a colon and a port: " + MessageText.cut(text) + ":80"));
            }
            if (text.charAt(close + 1) != ':') {
                return Either.left(new AddressError(text, close + 1, "expected : after ]",
                        "write an IPv6 endpoint as [" + MessageText.cut(inside) + "]:80"));
            }
            return port(text, close + 2).map(p -> new Endpoint(host.get(), p));
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            return Either.left(new AddressError(text, text.length(), "missing port",
                    "add a colon and a port: " + MessageText.cut(text) + ":80"));
        }
        if (text.indexOf(':') != colon) {
            String h = text.substring(0, colon);
            return Either.left(new AddressError(text, 0, "IPv6 address without brackets",
                    "put it in brackets: [" + MessageText.cut(h) + "]:" + MessageText.cut(text.substring(colon + 1))
                            + ", or [" + MessageText.cut(text) + "]:port if the whole text is the address"));
        }
        String h = text.substring(0, colon);
        Either<AddressError, Host> host = Host.parse(h).mapLeft(e -> moved(text, e, 0));
        if (host.isLeft()) {
            return Either.left(host.getLeft());
        }
        return port(text, colon + 1).map(p -> new Endpoint(host.get(), p));
    }

    private static Either<AddressError, Port> port(String text, int at) {
        String p = text.substring(at);
        if (p.isEmpty()) {
            return Either.left(new AddressError(text, at, "missing port", "add a port after the colon, such as 80"));
        }
        return PortParser.parse(p, Protocol.TCP).mapLeft(e -> moved(text, e, at));
    }

    /** The part's error restated against the whole text, its position shifted by where the part starts. */
    private static AddressError moved(String text, AddressError e, int offset) {
        int pos = e.position() >= 0 ? e.position() + offset : offset;
        return new AddressError(text, pos, e.reason(), e.hint());
    }
}
