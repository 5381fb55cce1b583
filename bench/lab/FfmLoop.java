import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.function.BiConsumer;

/**
 * An event loop in Java through the foreign function API (Java 22+, run with
 * {@code --enable-native-access=ALL-UNNAMED}): K loops, each an epoll instance of its own that
 * waits on the shared listener with EPOLLEXCLUSIVE (one loop woken per client) and serves what it
 * accepted, level-triggered; each accepted socket is read at once (its first bytes are often
 * there); a Java object per connection and a byte[] copy per read handed to a callback, as the
 * library's onReceive does. For the setup-rate analysis in BENCHMARKS.md: what
 * an onReceive on its own system calls would pay. Prints PORT and its port, serves 127.0.0.1
 * until stdin closes.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED bench/lab/FfmLoop.java 2</pre>
 */
public class FfmLoop {
    // socket, bind, accept4, read, write, close and their constants: FfmServer.java's (the source
    // launcher of Java 22+ compiles it from the same directory).
    static final MethodHandle EPOLL_CREATE1 = FfmServer.fn("epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle EPOLL_CTL = FfmServer.fn("epoll_ctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    static final MethodHandle EPOLL_WAIT = FfmServer.fn("epoll_wait", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));

    static final int SOCK_NONBLOCK = 04000, SOCK_CLOEXEC = 02000000;
    static final int EPOLLIN = 1, EPOLLEXCLUSIVE = 1 << 28, EPOLL_CTL_ADD = 1;
    static final int EVENT = 12; // struct epoll_event: uint32 events, then 8 bytes of data, packed on x86-64

    /** One connection, as the library's Peer would hold it. */
    static final class Conn {
        final int fd;
        long lastActive = System.nanoTime();

        Conn(int fd) {
            this.fd = fd;
        }
    }

    public static void main(String[] args) throws Throwable {
        int loops = Integer.parseInt(args[0]);
        SPECULATE = !Boolean.getBoolean("lab.nospeculate");
        int[] listener = FfmServer.listen(SOCK_NONBLOCK, true);
        BiConsumer<Conn, byte[]> echo = (c, data) -> send(c, data);
        for (int t = 0; t < loops; t++) {
            Thread th = new Thread(() -> loop(listener[0], echo), "loop-" + t);
            th.setDaemon(true);
            th.start();
        }
        FfmServer.announce(listener[1]);
    }

    /** Whether an accepted socket is read at once, as the library's onReceive does (-Dlab.nospeculate=true: not). */
    static boolean SPECULATE;

    static final ThreadLocal<MemorySegment> OUT = ThreadLocal.withInitial(() -> Arena.global().allocate(65536));

    static void send(Conn c, byte[] data) {
        try {
            MemorySegment out = OUT.get();
            MemorySegment.copy(data, 0, out, JAVA_BYTE, 0, data.length);
            long w = (long) FfmServer.WRITE.invokeExact(c.fd, out, (long) data.length);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    static void loop(int lfd, BiConsumer<Conn, byte[]> receiver) {
        try (Arena arena = Arena.ofConfined()) {
            int ep = (int) EPOLL_CREATE1.invokeExact(SOCK_CLOEXEC);
            MemorySegment ev = arena.allocate(EVENT);
            ev.set(JAVA_INT, 0, EPOLLIN | EPOLLEXCLUSIVE);
            ev.set(JAVA_LONG.withByteAlignment(4), 4, -1L);
            int r = (int) EPOLL_CTL.invokeExact(ep, EPOLL_CTL_ADD, lfd, ev);
            if (r != 0) {
                throw new IllegalStateException("epoll_ctl listener");
            }
            MemorySegment events = arena.allocate((long) EVENT * 256);
            MemorySegment buf = arena.allocate(65536);
            Conn[] conns = new Conn[65536];
            while (true) {
                int n = (int) EPOLL_WAIT.invokeExact(ep, events, 256, 1000);
                for (int i = 0; i < n; i++) {
                    long data = events.get(JAVA_LONG.withByteAlignment(4), (long) i * EVENT + 4);
                    if (data == -1L) {
                        for (int k = 0; k < 64; k++) {
                            int c = (int) FfmServer.ACCEPT4.invokeExact(lfd, MemorySegment.NULL, MemorySegment.NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
                            if (c < 0) {
                                break;
                            }
                            Conn conn = new Conn(c);
                            if (c >= conns.length) {
                                conns = java.util.Arrays.copyOf(conns, c * 2);
                            }
                            conns[c] = conn;
                            if (SPECULATE) {
                                // The client's first bytes are often there by the time it is accepted.
                                long got = (long) FfmServer.READ.invokeExact(c, buf, 65536L);
                                if (got > 0) {
                                    byte[] copy = new byte[(int) got];
                                    MemorySegment.copy(buf, JAVA_BYTE, 0, copy, 0, (int) got);
                                    receiver.accept(conn, copy);
                                } else if (got == 0) {
                                    conns[c] = null;
                                    r = (int) FfmServer.CLOSE.invokeExact(c);
                                    continue;
                                }
                            }
                            ev.set(JAVA_INT, 0, EPOLLIN);
                            ev.set(JAVA_LONG.withByteAlignment(4), 4, (long) c);
                            r = (int) EPOLL_CTL.invokeExact(ep, EPOLL_CTL_ADD, c, ev);
                        }
                        continue;
                    }
                    int fd = (int) data;
                    Conn conn = conns[fd];
                    long got = (long) FfmServer.READ.invokeExact(fd, buf, 65536L);
                    if (got > 0) {
                        conn.lastActive = System.nanoTime();
                        byte[] copy = new byte[(int) got];
                        MemorySegment.copy(buf, JAVA_BYTE, 0, copy, 0, (int) got);
                        receiver.accept(conn, copy);
                    } else {
                        conns[fd] = null;
                        r = (int) FfmServer.CLOSE.invokeExact(fd);
                    }
                }
            }
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
