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
        int len = text.length();
        if (Hints.isSpace(text.charAt(0)) || Hints.isSpace(text.charAt(len - 1))) {
            String t = Hints.tryText(Hints.strip(text), EndpointParser::parses);
            if (t != null) {
                boolean before = Hints.isSpace(text.charAt(0));
                int at = before ? 0 : len;
                while (!before && Hints.isSpace(text.charAt(at - 1))) {
                    at--;
                }
                return Either.left(new AddressError(text, at, Ipv4Parser.describe(text.codePointAt(at))
                        + (before ? " before the endpoint" : " after the endpoint"), "drop the white space: " + t));
            }
        }
        Url url = Url.of(text);
        if (url != null) {
            return Either.left(urlError(text, url));
        }
        if (text.charAt(0) == '[') {
            return bracketed(text);
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            Either<AddressError, Host> host = Host.parse(text);
            if (host.isLeft()) {
                return Either.left(moved(text, host.getLeft(), 0, len));
            }
            return Either.left(new AddressError(text, len, "missing port",
                    Hints.join("add a colon and a port", Hints.tryText(text + ":80", EndpointParser::parses))));
        }
        if (text.indexOf(':') != colon) {
            return Either.left(ipv6WithoutBrackets(text, colon));
        }
        String h = text.substring(0, colon);
        if (h.equals("*")) {
            // `*:80` (nginx, ss) means every interface; here that is the any address.
            return Either.left(new AddressError(text, 0, "`" + h + "` is not a host",
                    Hints.join("the any address (every interface) is written as nothing before the colon, as \"\" in Python",
                            Hints.tryText(text.substring(colon), EndpointParser::parses))));
        }
        Either<AddressError, Host> host = Host.parse(h).mapLeft(e -> moved(text, e, 0, colon));
        if (host.isLeft()) {
            return Either.left(host.getLeft());
        }
        return port(text, colon + 1).map(p -> new Endpoint(host.get(), p));
    }

    private static boolean parses(String text) {
        return parse(text).isRight();
    }

    private static Either<AddressError, Endpoint> bracketed(String text) {
        int close = text.indexOf(']');
        if (close < 0) {
            String inner = text.substring(1);
            int colon = inner.lastIndexOf(':');
            String t = colon < 0 ? null : Hints.tryText("[" + inner.substring(0, colon) + "]" + inner.substring(colon), EndpointParser::parses);
            return Either.left(new AddressError(text, 0, "[ without ]",
                    t != null ? "close the bracket before the port: " + t : "write an IPv6 endpoint as [::1]:80"));
        }
        String inside = text.substring(1, close);
        Either<AddressError, Host> host = Host.parse(inside).mapLeft(e -> moved(text, e, 1, close));
        if (host.isLeft()) {
            return Either.left(host.getLeft());
        }
        if (!(host.get() instanceof Host.Ipv6)) {
            return Either.left(new AddressError(text, 1, "brackets hold only IPv6 addresses",
                    Hints.join("drop the brackets", Hints.tryText(inside + text.substring(close + 1), EndpointParser::parses))));
        }
        if (close + 1 == text.length()) {
            return Either.left(new AddressError(text, close + 1, "missing port",
                    Hints.join("add a colon and a port", Hints.tryText(text + ":80", EndpointParser::parses))));
        }
        if (text.charAt(close + 1) == '%') {
            int colon = text.indexOf(':', close);
            String zone = text.substring(close + 1, colon < 0 ? text.length() : colon);
            String t = Hints.tryText("[" + inside + zone + "]" + (colon < 0 ? ":80" : text.substring(colon)), EndpointParser::parses);
            return Either.left(new AddressError(text, close + 1, "a zone after ]",
                    t != null ? "the zone goes inside the brackets: " + t : "the zone goes inside the brackets, as in `[fe80::1%eth0]:80`"));
        }
        if (text.charAt(close + 1) != ':') {
            String t = Hints.tryText(text.substring(0, close + 1) + ":" + text.substring(close + 1), EndpointParser::parses);
            return Either.left(new AddressError(text, close + 1, "expected : after ]",
                    t != null ? "put a colon between the address and the port: " + t
                            : "write an IPv6 endpoint as [" + MessageText.cut(inside) + "]:80"));
        }
        return port(text, close + 2).map(p -> new Endpoint(host.get(), p));
    }

    /**
     * {@code ::1:80}, {@code fe80::1}, {@code ::ffff:1.2.3.4:80}: an IPv6 address without brackets.
     * Suggest only readings that parse: the last part as the port where the rest is an address, and
     * the whole text as the address, with port 80, where it is one.
     */
    private static AddressError ipv6WithoutBrackets(String text, int colon) {
        String head = text.substring(0, colon);
        String tail = text.substring(colon + 1);
        boolean headIsAddress = Ipv6Parser.parse(head).isRight();
        boolean wholeIsAddress = Ipv6Parser.parse(text).isRight();
        String split = headIsAddress ? Hints.tryText("[" + head + "]:" + (tail.isEmpty() ? "80" : tail), EndpointParser::parses) : null;
        String whole = wholeIsAddress ? Hints.tryText("[" + text + "]:80", EndpointParser::parses) : null;
        if (split != null) {
            return new AddressError(text, 0, "IPv6 address without brackets", "an IPv6 address goes in brackets before the port: "
                    + split + (whole != null ? ", or " + whole + " if the whole text is the address" : ""));
        }
        if (wholeIsAddress) {
            return new AddressError(text, 0, "IPv6 address without brackets and port",
                    Hints.join("an IPv6 address needs brackets and a port", Hints.tryText("[" + text + "]:80", EndpointParser::parses)));
        }
        if (headIsAddress) {
            return new AddressError(text, 0, "IPv6 address without brackets",
                    "an IPv6 address goes in brackets before the port, such as `[::1]:80`");
        }
        // Neither reading is an address: the host parser says what is wrong with the text as one.
        Either<AddressError, Host> host = Host.parse(text);
        if (host.isLeft()) {
            return moved(text, host.getLeft(), 0, text.length());
        }
        return new AddressError(text, 0, "IPv6 address without brackets and port", "write an IPv6 endpoint as [::1]:80");
    }

    /** {@code http://localhost:8080/x}: the endpoint in it is {@code localhost:8080}, the scheme's port where none is given. */
    private static AddressError urlError(String text, Url url) {
        String port = url.port();
        if (port.isEmpty()) {
            var known = PortParser.parse(url.scheme().toLowerCase(java.util.Locale.ROOT), Protocol.TCP);
            port = known.isRight() ? String.valueOf(known.get().number()) : "";
        }
        String host = url.host().indexOf(':') >= 0 ? "[" + url.host() + "]" : url.host();
        String t = port.isEmpty() || host.isEmpty() ? null : Hints.tryText(host + ":" + port, EndpointParser::parses);
        return new AddressError(text, 0, "a URL, not an endpoint", Hints.join("drop " + url.prefix() + " and what follows the port", t));
    }

    private static Either<AddressError, Port> port(String text, int at) {
        String p = text.substring(at);
        if (p.isEmpty()) {
            return Either.left(new AddressError(text, at, "missing port",
                    Hints.join("add a port after the colon", Hints.tryText(text + "80", EndpointParser::parses))));
        }
        int slash = p.indexOf('/');
        if (slash > 0 && PortParser.parse(p.substring(0, slash), Protocol.TCP).isRight()) {
            return Either.left(new AddressError(text, at + slash, "a path after the port",
                    Hints.join("an endpoint is a host and a port; a path belongs to a URL",
                            Hints.tryText(text.substring(0, at + slash), EndpointParser::parses))));
        }
        return PortParser.parse(p, Protocol.TCP).mapLeft(e -> moved(text, e, at, text.length()));
    }

    /**
     * The part's error restated against the whole text, its position shifted by where the part
     * starts; a suggestion for the part becomes one for the whole text, or a plain mention where
     * the whole text with it would still not parse.
     */
    private static AddressError moved(String text, AddressError e, int offset, int partEnd) {
        int pos = e.position() >= 0 ? e.position() + offset : offset;
        String hint = e.hint();
        String part = Hints.suggestion(hint);
        if (part != null) {
            String before = text.substring(0, offset);
            String after = text.substring(partEnd);
            boolean bare = offset == 0 && part.indexOf(':') >= 0 && Host.parse(part).isRight();
            String whole = bare ? "[" + part + "]" + after : before + part + after;
            String t = Hints.tryText(whole, EndpointParser::parses);
            if (t == null && after.isEmpty() && offset == 0) {
                t = Hints.tryText(whole + ":80", EndpointParser::parses);
            }
            hint = hint.replace(Hints.TRY + part + "`", t != null ? t : "`" + part + "` in its place");
        }
        return new AddressError(text, pos, e.reason(), hint);
    }
}
