package dev.sockets.internal;

import dev.sockets.AddressError;
import dev.sockets.Port;
import dev.sockets.Protocol;
import io.vavr.control.Either;

/** STUB: replaced in issue 2. */
public final class PortParser {
    private PortParser() {
    }

    public static Either<AddressError, Port> parse(String text, Protocol protocol) {
        try {
            return Either.right(Port.of(Integer.parseInt(text)));
        } catch (RuntimeException e) {
            return ServiceTable.byName(text, protocol).<Either<AddressError, Port>>map(Either::right)
                    .orElseGet(() -> Either.left(new AddressError(text, -1, "not a port", "")));
        }
    }
}
