package dev.sockets.internal;

import dev.sockets.AddrInfo;
import dev.sockets.Domain;
import dev.sockets.Endpoint;
import dev.sockets.Host;
import dev.sockets.HostNotFound;
import dev.sockets.NameInfo;
import dev.sockets.Protocol;
import dev.sockets.Type;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/** STUB: replaced in issue 2. Host names, getaddrinfo, getnameinfo. */
public final class NameService {
    private NameService() {
    }

    public static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    public static Host gethostbyname(String host) {
        Host h = Host.of(host);
        if (h.isLiteral()) {
            return h;
        }
        try {
            return Host.of(InetAddress.getByName(host).getAddress());
        } catch (IOException e) {
            throw new HostNotFound("gethostbyname " + host + ": not found", e, null, null);
        }
    }

    public static List<AddrInfo> getaddrinfo(String host, String port, Domain family, Type type, Protocol protocol, int flags) {
        throw new UnsupportedOperationException("stub");
    }

    public static NameInfo getnameinfo(Endpoint endpoint) {
        throw new UnsupportedOperationException("stub");
    }
}
