package dev.sockets.internal;

import dev.sockets.AddressError;
import dev.sockets.Endpoint;
import dev.sockets.Host;
import dev.sockets.Port;
import dev.sockets.Protocol;
import io.vavr.control.Either;

/** STUB: replaced in issue 2. */
public final class EndpointParser {
    private EndpointParser() {
    }

    public static Either<AddressError, Endpoint> parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            return Either.left(new AddressError(text, -1, "no port", ""));
        }
        String h = text.substring(0, colon);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        String hh = h;
        return Host.parse(hh).flatMap(host -> PortParser.parse(text.substring(colon + 1), Protocol.TCP)
                .map(p -> new Endpoint(host, p)));
    }
}
