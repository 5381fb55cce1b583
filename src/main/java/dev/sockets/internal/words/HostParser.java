package dev.sockets.internal.words;

import dev.sockets.AddressError;
import dev.sockets.Host;
import io.vavr.control.Either;

/**
 * Dispatches the tutorial's hostname forms to their parsers: {@code ""}, {@code "<broadcast>"},
 * a strict dotted quad, an IPv6 literal (no brackets), or a host name.
 *
 * <p>DEV-NOTE: the dotted quad is tried first, straight from the first char, because it is the
 * common case and BENCHMARKS.md's target wants literals parsed at least twice as fast as
 * {@code InetAddress.getByName}; only when it fails do we look at the text as a whole.
 */
public final class HostParser {
    private HostParser() {
    }

    /** Parses any hostname form; never throws, blocks or resolves. */
    public static Either<AddressError, Host> parse(String text) {
        if (text == null) {
            return Either.left(new AddressError("null", -1, "the host is null", "pass \"\" for the any address"));
        }
        int len = text.length();
        if (len == 0) {
            return Either.right(Host.any());
        }
        char c0 = text.charAt(0);
        if (Hints.isSpace(c0) || Hints.isSpace(text.charAt(len - 1))) {
            AddressError around = spaceAround(text);
            if (around != null) {
                return Either.left(around);
            }
        }
        if ((c0 >= '0' && c0 <= '9') || c0 == '.') {
            long v4 = Ipv4Parser.scan(text, 0, len);
            if (v4 >= 0) {
                return Either.right(new Host.Ipv4((int) v4));
            }
            if (Ipv4Parser.kind(v4) == Ipv4Parser.STRAY && text.charAt(Ipv4Parser.position(v4)) == ':') {
                return ipv6(text, Ipv4Parser.position(v4));
            }
            // An IPv6 address with a leading group of 4 digits ("2001:db8::1") fails the scan before
            // its first colon: find that colon before the slower digits-and-dots check.
            int colon = text.indexOf(':');
            if (colon >= 0) {
                return ipv6(text, colon);
            }
            if (isDigitsAndDots(text)) {
                return Either.left(Ipv4Parser.error(text, v4));
            }
        }
        if (c0 == '[') {
            return Either.left(Ipv6Parser.brackets(text));
        }
        int colon = text.indexOf(':');
        if (colon >= 0) {
            return ipv6(text, colon);
        }
        if (c0 == '<') {
            if (text.equals("<broadcast>")) {
                return Either.right(Host.broadcast());
            }
            if (text.charAt(len - 1) == '>') {
                return Either.left(new AddressError(text, 0, "unknown special host " + MessageText.cut(text),
                        "`<broadcast>` (255.255.255.255) is the only one, in lower case"));
            }
        }
        AddressError bad = HostNameParser.check(text);
        if (bad != null) {
            return Either.left(bad);
        }
        return Either.right(new Host.Name(text));
    }

    private static Either<AddressError, Host> ipv6(String text, int firstColon) {
        var v6 = Ipv6Parser.parse(text);
        if (v6.isLeft()) {
            // A URL has a colon too: checked only once the text is not an address, off the literals' path.
            Url url = Url.of(text);
            if (url != null) {
                return Either.left(new AddressError(text, 0, "a URL, not a host",
                        Hints.join("drop " + url.prefix() + " and what follows the host",
                                Hints.tryText(url.host(), s -> parse(s).isRight()))));
            }
            AddressError port = portError(text, firstColon);
            if (port == null) {
                port = colonAfterName(text, firstColon);
            }
            return Either.left(port != null ? port : v6.getLeft());
        }
        return Either.narrow(v6);
    }

    /** {@code "localhost "}, pasted with a space or a line end: the error, or null where the rest does not parse either. */
    private static AddressError spaceAround(String text) {
        String stripped = Hints.strip(text);
        String t = stripped.equals(text) ? null : Hints.tryText(stripped, s -> parse(s).isRight());
        if (t == null) {
            return null;
        }
        boolean before = Hints.isSpace(text.charAt(0));
        int at = before ? 0 : text.length();
        while (!before && at > 0 && Hints.isSpace(text.charAt(at - 1))) {
            at--;
        }
        return new AddressError(text, at, Ipv4Parser.describe(text.codePointAt(at)) + (before ? " before the host" : " after the host"),
                "drop the white space: " + t);
    }

    /**
     * {@code localhost:80:} or {@code mailto:x}: a name, then a colon, that the IPv6 parser would
     * explain as a stray letter in group 1. A name whose first part cannot be an IPv6 group says so.
     */
    private static AddressError colonAfterName(String text, int colon) {
        String head = text.substring(0, colon);
        boolean hexOrDots = true;
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.')) {
                hexOrDots = false;
            }
        }
        // `zz::1` and `g:1:2:3:4:5:6:7` are mistyped addresses: the IPv6 parser's message fits them.
        boolean addressShaped = text.contains("::") || text.chars().filter(c -> c == ':').count() > 2;
        if (hexOrDots || addressShaped || head.isEmpty() || !(parse(head).isRight() && parse(head).get() instanceof Host.Name)) {
            return null;
        }
        return new AddressError(text, colon, "`:` after the host name `" + MessageText.cut(head) + "`",
                Hints.join("a host has no `:`; an IPv6 address is hex groups between colons, such as `fe80::1`",
                        Hints.tryText(head, s -> parse(s).isRight())));
    }

    private static boolean isDigitsAndDots(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code localhost:80} is a host with a port: say so instead of explaining IPv6 syntax.
     * Only for one colon, a valid host before it and a number or service-like word after it.
     */
    private static AddressError portError(String text, int colon) {
        if (text.indexOf(':', colon + 1) >= 0 || colon == 0) {
            return null;
        }
        for (int i = colon + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) {
                return null;
            }
        }
        String host = text.substring(0, colon);
        if (parse(host).isLeft()) {
            return null;
        }
        String t = Hints.tryText(host, s -> parse(s).isRight());
        if (colon == text.length() - 1) {
            return new AddressError(text, colon, "a colon after the host", Hints.join("a host has no port", t));
        }
        return new AddressError(text, colon, "a port after the host",
                Hints.join("a host has no port", t) + ", or use Endpoint.parse(\"" + MessageText.cut(text) + "\") for host and port");
    }
}
