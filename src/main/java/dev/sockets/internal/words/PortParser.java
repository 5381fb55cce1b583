package dev.sockets.internal.words;

import dev.sockets.AddressError;
import dev.sockets.Port;
import dev.sockets.Protocol;
import io.vavr.control.Either;
import java.util.Locale;

/**
 * Parses the tutorial's port: decimal digits, or a service name looked up in the services table.
 *
 * <p>DEV-NOTE: leading zeros are allowed ({@code 080} is port 80), as Python's {@code int("080")}
 * and C's {@code strtol} base 10 read them; unlike an IPv4 part, no reader takes them as octal.
 * Only ASCII digits count: {@code Character.isDigit} would let Arabic-Indic digits through.
 */
public final class PortParser {
    private PortParser() {
    }

    /** A port number or a service name for {@code protocol}. Never throws. */
    public static Either<AddressError, Port> parse(String text, Protocol protocol) {
        return parse(text, protocol, ServiceTable.system());
    }

    /** As {@link #parse(String, Protocol)}, against the given table. Never throws. */
    public static Either<AddressError, Port> parse(String text, Protocol protocol, ServiceTable table) {
        if (text == null) {
            return Either.left(new AddressError("null", -1, "no port", "give a number in [0, 65535] or a service name such as www"));
        }
        Either<AddressError, Port> number = number(text);
        if (number != null) {
            return number;
        }
        Protocol p = protocol == null ? Protocol.DEFAULT : protocol;
        var found = table.portOf(text, p);
        if (found.isPresent()) {
            return Either.right(found.get());
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.equals(text) && table.portOf(lower, p).isPresent()) {
            return Either.left(new AddressError(text, -1, "unknown service for " + protoName(p),
                    "service names are case-sensitive, as in C: " + Hints.TRY + lower + "`"));
        }
        if (p != Protocol.DEFAULT && table.portOf(text, Protocol.DEFAULT).isPresent()) {
            String other = p == Protocol.TCP ? "udp" : "tcp";
            return Either.left(new AddressError(text, -1, "unknown service for " + protoName(p),
                    "/etc/services lists " + MessageText.cut(text) + " for " + other + " only; give the port as a number"));
        }
        return Either.left(new AddressError(text, -1, "unknown service for " + protoName(p),
                "give the port as a number in [0, 65535], or a name from /etc/services such as www"));
    }

    /**
     * The port, if the text is meant as a number; {@code null} if it reads as a service name.
     * Text that starts like a number (a digit, a sign, a space) is a number or an error.
     */
    public static Either<AddressError, Port> number(String text) {
        if (text.isEmpty()) {
            return Either.left(new AddressError(text, -1, "empty port", "give a number in [0, 65535] or a service name such as www"));
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return Either.left(new AddressError(text, i, "space in port", "remove the spaces"));
            }
        }
        char first = text.charAt(0);
        if (first == '+' || first == '-') {
            String rest = text.substring(1);
            if (!rest.isEmpty() && rest.chars().allMatch(Character::isDigit)) {
                return Either.left(new AddressError(text, 0, "sign in port", "a port is a number in [0, 65535], written without a sign"));
            }
            return null;
        }
        boolean ascii = true;
        boolean digits = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                ascii = false;
            }
            if (!Character.isDigit(c)) {
                digits = false;
            }
        }
        if (ascii) {
            // Drop leading zeros first, so 000080 is 80 and a long run of digits cannot overflow.
            String n = text.replaceFirst("^0+(?=.)", "");
            if (n.length() > 5 || Integer.parseInt(n) > 65535) {
                return Either.left(new AddressError(text, -1, "expected port in [0, 65535] but was " + n, ""));
            }
            return Either.right(Port.of(Integer.parseInt(n)));
        }
        if (digits) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return Either.left(new AddressError(text, i, "non-ASCII digit in port", "write the port with the digits 0-9"));
                }
            }
        }
        return null;
    }

    private static String protoName(Protocol p) {
        return p == Protocol.UDP ? "udp" : p == Protocol.TCP ? "tcp" : "tcp or udp";
    }
}
