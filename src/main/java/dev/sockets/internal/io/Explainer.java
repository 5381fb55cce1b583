package dev.sockets.internal.io;

import dev.sockets.Explanation;
import dev.sockets.Host;
import dev.sockets.internal.words.Explain;
import dev.sockets.internal.words.Ipv4Parser;
import dev.sockets.internal.words.Ipv6Parser;
import io.vavr.control.Either;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What {@code Sockets.explain} asks of the machine: the JDK's reading of a literal, a name
 * look-up within {@link #RESOLVE_LIMIT}, the interfaces, and the privileged ports. The words are
 * {@link Explain}'s.
 */
public final class Explainer implements Explain.Probe {
    private Explainer() {
    }

    /** How long a name may take to resolve before the report says it had no answer. */
    public static final Duration RESOLVE_LIMIT = Duration.ofSeconds(2);

    private static final Explainer INSTANCE = new Explainer();

    /** {@code Sockets.explain(text)}. */
    public static Explanation explain(String text) {
        return Explain.host(text, INSTANCE);
    }

    /** {@code Sockets.explain(host, port)}. */
    public static Explanation explain(String host, String port) {
        return Explain.hostAndPort(host, port, INSTANCE);
    }

    @Override
    public Optional<String> javaReads(String text) {
        if (!javaTakesAsLiteral(text)) {
            return Optional.empty();
        }
        try {
            InetAddress a = InetAddress.getByName(text);
            return Optional.of(Inet.host(a).text());
        } catch (UnknownHostException e) {
            String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            return Optional.of("!" + why);
        }
    }

    /**
     * True only where {@code InetAddress.getByName} cannot go on to DNS: text with a colon that
     * starts with a hex digit or a colon (the JDK then reads it as IPv6 or throws), and IPv4 text
     * that {@code inet_aton} reads or that is 1 to 4 decimal parts in range (the JDK reads those,
     * or throws "Invalid IP address literal"). Anything else the JDK may take for a name: never
     * passed to it, since that would send a DNS query.
     */
    static boolean javaTakesAsLiteral(String text) {
        if (text.isEmpty() || Boolean.getBoolean("jdk.net.allowAmbiguousIPAddressLiterals")) {
            return false;
        }
        char c0 = text.charAt(0);
        boolean hexStart = (c0 >= '0' && c0 <= '9') || (c0 >= 'a' && c0 <= 'f') || (c0 >= 'A' && c0 <= 'F') || c0 == ':';
        if (text.indexOf(':') >= 0) {
            return hexStart;
        }
        return Ipv4Parser.parseLenient(text).isRight() || decimalParts(text);
    }

    /** 1 to 4 dot-separated ASCII decimal parts, the last filling the bytes left: what the JDK reads as IPv4. */
    private static boolean decimalParts(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 10) {
                return false;
            }
            for (int k = 0; k < p.length(); k++) {
                if (p.charAt(k) < '0' || p.charAt(k) > '9') {
                    return false;
                }
            }
            long v = Long.parseLong(p);
            long max = i < parts.length - 1 ? 255 : (1L << (8 * (4 - i))) - 1;
            if (v > max) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Either<String, List<Host>> resolve(String name) {
        // On a thread of its own, so that a resolver that hangs costs the report RESOLVE_LIMIT, not more.
        var answer = new CompletableFuture<InetAddress[]>();
        Inet.Resolver resolver = Inet.resolver();
        Thread t = new Thread(() -> {
            try {
                answer.complete(resolver.lookup(name));
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        }, "sockets-explain");
        t.setDaemon(true);
        t.start();
        try {
            InetAddress[] all = answer.get(RESOLVE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            var out = new ArrayList<Host>();
            for (InetAddress a : all) {
                out.add(Inet.host(a));
            }
            return out.isEmpty() ? Either.left("no address") : Either.right(out);
        } catch (TimeoutException e) {
            return Either.left("no answer within " + RESOLVE_LIMIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            return Either.left(String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Either.left("interrupted");
        }
    }

    @Override
    public List<String> interfacesHolding(Host address) {
        byte[] want = address instanceof Host.Ipv4 v4 ? v4.bytes() : address instanceof Host.Ipv6 v6 ? v6.bytes() : null;
        if (want == null) {
            return List.of();
        }
        var out = new ArrayList<String>();
        try {
            var all = NetworkInterface.getNetworkInterfaces();
            while (all != null && all.hasMoreElements()) {
                NetworkInterface nif = all.nextElement();
                for (var a : java.util.Collections.list(nif.getInetAddresses())) {
                    if (Arrays.equals(a.getAddress(), want)) {
                        out.add(nif.getName());
                        break;
                    }
                }
            }
        } catch (SocketException e) {
            return List.of("(cannot read the interfaces: " + e.getMessage() + ")");
        }
        return out;
    }

    @Override
    public boolean interfaceExists(String zone) {
        try {
            int index = Ipv6Parser.zoneIndex(zone);
            return (index > 0 ? NetworkInterface.getByIndex(index) : NetworkInterface.getByName(zone)) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    @Override
    public int unprivilegedPortStart() {
        // Read as a stream: NameService says why.
        try (var in = new FileInputStream("/proc/sys/net/ipv4/ip_unprivileged_port_start")) {
            return Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException | SecurityException e) {
            return -1;
        }
    }

    @Override
    public boolean mayBindAnyPort() {
        try {
            Object uid = java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return false;
        }
    }
}
