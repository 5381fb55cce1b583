import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The C server's design written in Java with the JDK's foreign function API (Java 22+; run with
 * {@code --enable-native-access=ALL-UNNAMED}): K threads, each a blocking {@code accept4}, echo
 * until the end of the stream, {@code close}, all as plain system calls, no JDK socket object.
 * For the setup-rate analysis in BENCHMARKS.md: what a JVM server pays per connection when the
 * JDK's socket layer is out of the way. Prints PORT and its port, serves 127.0.0.1 until stdin
 * closes.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED bench/lab/FfmServer.java 4</pre>
 */
public class FfmServer {
    static final Linker LINKER = Linker.nativeLinker();

    static MethodHandle fn(String name, FunctionDescriptor d) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), d);
    }

    static final MethodHandle SOCKET = fn("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle SETSOCKOPT = fn("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle BIND = fn("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle LISTEN = fn("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle GETSOCKNAME = fn("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle ACCEPT4 = fn("accept4", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    static final MethodHandle READ = fn("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    static final MethodHandle WRITE = fn("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    static final MethodHandle CLOSE = fn("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    static final int AF_INET = 2, SOCK_STREAM = 1, SOL_SOCKET = 1, SO_REUSEADDR = 2, IPPROTO_TCP = 6, TCP_NODELAY = 1;

    public static void main(String[] args) throws Throwable {
        int threads = Integer.parseInt(args[0]);
        int[] listener = listen(0, false);
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> serve(listener[0]), "ffm-" + t);
            th.setDaemon(true);
            th.start();
        }
        announce(listener[1]);
    }

    /**
     * A listening socket on 127.0.0.1, any free port, with SO_REUSEADDR ({@code typeFlags} added to
     * SOCK_STREAM; {@code noDelay}: TCP_NODELAY on the listener, which Linux hands down to the
     * accepted sockets). Returns its descriptor and its port. Shared with FfmLoop.java.
     */
    static int[] listen(int typeFlags, boolean noDelay) throws Throwable {
        Arena global = Arena.global();
        int lfd = (int) SOCKET.invokeExact(AF_INET, SOCK_STREAM | typeFlags, 0);
        MemorySegment one = global.allocate(JAVA_INT);
        one.set(JAVA_INT, 0, 1);
        int r = (int) SETSOCKOPT.invokeExact(lfd, SOL_SOCKET, SO_REUSEADDR, one, 4);
        if (noDelay) {
            r = (int) SETSOCKOPT.invokeExact(lfd, IPPROTO_TCP, TCP_NODELAY, one, 4);
        }
        MemorySegment sa = global.allocate(16);
        sa.set(JAVA_SHORT, 0, (short) AF_INET); // sin_family, host order; sin_port 0: any free port
        sa.set(JAVA_BYTE, 4, (byte) 127);
        sa.set(JAVA_BYTE, 7, (byte) 1);         // sin_addr 127.0.0.1, network order
        if ((int) BIND.invokeExact(lfd, sa, 16) != 0 || (int) LISTEN.invokeExact(lfd, 4096) != 0) {
            throw new IllegalStateException("bind or listen failed");
        }
        MemorySegment len = global.allocate(JAVA_INT);
        len.set(JAVA_INT, 0, 16);
        r = (int) GETSOCKNAME.invokeExact(lfd, sa, len);
        return new int[] {lfd, ((sa.get(JAVA_BYTE, 2) & 0xff) << 8) | (sa.get(JAVA_BYTE, 3) & 0xff)};
    }

    /** Says PORT and the port, as the suite expects, then serves until standard input closes. */
    static void announce(int port) throws java.io.IOException {
        System.out.println("PORT " + port);
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve until stdin closes
        }
    }

    static void serve(int lfd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(65536);
            MemorySegment one = arena.allocate(JAVA_INT);
            one.set(JAVA_INT, 0, 1);
            while (true) {
                int c = (int) ACCEPT4.invokeExact(lfd, MemorySegment.NULL, MemorySegment.NULL, 0);
                if (c < 0) {
                    continue;
                }
                int r = (int) SETSOCKOPT.invokeExact(c, IPPROTO_TCP, TCP_NODELAY, one, 4);
                for (long n; (n = (long) READ.invokeExact(c, buf, 65536L)) > 0; ) {
                    long w = (long) WRITE.invokeExact(c, buf, n);
                }
                r = (int) CLOSE.invokeExact(c);
            }
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
