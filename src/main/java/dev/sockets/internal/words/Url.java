package dev.sockets.internal.words;

/**
 * A URL pasted where a host or an endpoint was asked for ({@code http://localhost:8080/x}): its
 * parts, so that the error can say "drop the scheme" and suggest the host or the endpoint in it.
 *
 * @param scheme the scheme before {@code ://}, or {@code ""} for a text that starts with {@code //}
 * @param host   the host, without brackets or user part (may be anything: it is checked by the caller)
 * @param port   the port after the host, or {@code ""}
 */
record Url(String scheme, String host, String port) {

    /** The URL's parts, or null where the text does not start with {@code scheme://} or {@code //}. */
    static Url of(String text) {
        int sep = text.startsWith("//") ? 0 : text.indexOf("://");
        if (sep < 0 || sep > 0 && !isScheme(text, sep) || sep == 0 && text.startsWith(":")) {
            return null;
        }
        int start = sep == 0 ? 2 : sep + 3;
        int end = start;
        while (end < text.length() && "/?#".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        String authority = text.substring(start, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        String host = authority;
        String port = "";
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close > 0) {
                host = authority.substring(1, close);
                port = authority.startsWith(":", close + 1) ? authority.substring(close + 2) : "";
            }
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon >= 0) {
                host = authority.substring(0, colon);
                port = authority.substring(colon + 1);
            }
        }
        return new Url(text.substring(0, sep), host, port);
    }

    /** What to drop before the host, for a hint: {@code the scheme `http://`}, or {@code `//`}. */
    String prefix() {
        return scheme.isEmpty() ? "`//`" : "the scheme `" + MessageText.cut(scheme) + "://`";
    }

    /** RFC 3986: a letter, then letters, digits, {@code +}, {@code -} and {@code .}. */
    private static boolean isScheme(String text, int end) {
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!(letter || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')))) {
                return false;
            }
        }
        return true;
    }
}
