package dev.sockets.internal;

import dev.sockets.AddressError;
import dev.sockets.Domain;
import dev.sockets.Protocol;
import dev.sockets.Type;
import io.vavr.control.Either;

/** STUB: replaced in issue 2 by the full tables of C names and numbers. */
public final class Vocabulary {
    private Vocabulary() {
    }

    public static Either<AddressError, Domain> domain(String text) {
        for (Domain d : Domain.values()) {
            if (text.equalsIgnoreCase(d.name()) || text.equals(d.cName()) || text.equals(Integer.toString(d.number()))) {
                return Either.right(d);
            }
        }
        return Either.left(new AddressError(text, -1, "unknown domain", ""));
    }

    public static Either<AddressError, Type> type(String text) {
        for (Type d : Type.values()) {
            if (text.equalsIgnoreCase(d.name()) || text.equals(d.cName()) || text.equals(Integer.toString(d.number()))) {
                return Either.right(d);
            }
        }
        return Either.left(new AddressError(text, -1, "unknown type", ""));
    }

    public static Either<AddressError, Protocol> protocol(String text) {
        for (Protocol d : Protocol.values()) {
            if (text.equalsIgnoreCase(d.name()) || text.equals("IPPROTO_" + d.name()) || text.equals(Integer.toString(d.number()))) {
                return Either.right(d);
            }
        }
        return Either.left(new AddressError(text, -1, "unknown protocol", ""));
    }
}
