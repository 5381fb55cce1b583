package dev.sockets.internal;

import dev.sockets.AddressError;
import dev.sockets.Host;
import io.vavr.control.Either;

/** STUB: replaced by the full parser (issue 2). Dispatches the tutorial's hostname forms. */
public final class HostParser {
    private HostParser() {
    }

    public static Either<AddressError, Host> parse(String text) {
        if (text == null) {
            return Either.left(new AddressError("null", -1, "no host", "pass \"\" for any address"));
        }
        if (text.isEmpty()) {
            return Either.right(Host.any());
        }
        if (text.equals("<broadcast>")) {
            return Either.right(Host.broadcast());
        }
        if (text.indexOf(':') >= 0) {
            return Ipv6Parser.parse(text).map(h -> h);
        }
        if (!text.isEmpty() && Character.isDigit(text.charAt(text.length() - 1))) {
            return Ipv4Parser.parseStrict(text).map(h -> h);
        }
        return Either.right(new Host.Name(text));
    }
}
