package dev.sockets.internal;

import dev.sockets.AddressError;
import dev.sockets.Host;
import io.vavr.control.Either;

/** STUB: replaced by the full parser (issue 2). */
public final class Ipv4Parser {
    private Ipv4Parser() {
    }

    public static Either<AddressError, Host.Ipv4> parseStrict(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Either.left(new AddressError(text, -1, "not four parts", ""));
        }
        int bits = 0;
        for (String p : parts) {
            try {
                int v = Integer.parseInt(p);
                if (v < 0 || v > 255) {
                    return Either.left(new AddressError(text, -1, "part out of range", ""));
                }
                bits = (bits << 8) | v;
            } catch (NumberFormatException e) {
                return Either.left(new AddressError(text, -1, "not a number", ""));
            }
        }
        return Either.right(new Host.Ipv4(bits));
    }

    public static Either<AddressError, Host.Ipv4> parseLenient(String text) {
        return parseStrict(text);
    }
}
