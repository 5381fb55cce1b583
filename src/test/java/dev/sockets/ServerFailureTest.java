package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.internal.io.Acceptor;
import dev.sockets.internal.io.RealListener;
import dev.sockets.internal.io.StreamConfig;
import dev.sockets.internal.io.TcpAcceptor;
import dev.sockets.internal.io.Transport;
import dev.sockets.internal.server.ServerCore;
import dev.sockets.testing.ServerLog;
import dev.sockets.testing.WrappedAcceptor;
import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server's own machinery failing: the logger throwing (as it does under EMFILE, when the first
 * record of a JVM cannot open the time-zone data) must not end a loop; a loop that does fail
 * closes its server, which says so once, and {@code join()} throws why. The descriptor-exhaustion
 * episode itself, in a child JVM under {@code ulimit -n}, is {@link DescriptorExhaustionTest}.
 */
@Timeout(60)
class ServerFailureTest {

    @RegisterExtension
    final ServerLog serverLog = new ServerLog();

    @Test
    void a_logger_that_throws_does_not_end_the_accepting_thread() throws Exception {
        var real = Sockets.tcp().bind("127.0.0.1", 0).listen();
        TcpAcceptor acceptor = WrappedAcceptor.under(real);
        var failures = new AtomicInteger();
        // The first three accepts fail as with no descriptor left; each failure is logged, and the logger throws.
        Acceptor exhausted = new WrappedAcceptor(acceptor) {
            @Override
            public Transport accept() throws IOException {
                if (failures.getAndIncrement() < 3) {
                    throw new IOException("Too many open files");
                }
                return acceptor.accept();
            }
        };
        long lostBefore = ServerCore.logFailures();
        // As a formatter throws with no descriptor left.
        serverLog.breakWith("java.io.FileNotFoundException: tzdb.dat (Too many open files)");
        var l = new RealListener(exhausted, new StreamConfig(StandardCharsets.UTF_8, 100, Duration.ZERO, 10));
        Server s = l.onAccept(c -> c.send("served"));
        try (var c = Sockets.tcp().timeout(Duration.ofSeconds(10)).connect("127.0.0.1", s.port())) {
            assertEquals(Bytes.of("served"), c.recvAll());
            assertTrue(failures.get() > 3, "the accept failed " + failures.get() + " times");
            assertTrue(s.isOpen());
            assertTrue(ServerCore.logFailures() > lostBefore, "the records the logger threw on are counted");
        } finally {
            serverLog.breakWith(null);
            s.close();
            real.close();
        }
    }

    @Test
    void an_event_loop_that_fails_closes_its_server_and_join_throws_why() throws Exception {
        Server s = Sockets.tcp().bind("127.0.0.1", 0).onReceive((peer, data) -> peer.send(data));
        try {
            try (var c = Sockets.tcp().timeout(Duration.ofSeconds(10)).connect("127.0.0.1", s.port())) {
                c.sendLine("ping");
                assertEquals("ping", c.readLine());
            }
            // The loop's machinery fails under it: its selector is gone, as no callback can make it.
            selectorOfFirstLoop(s).close();

            SocketError e = assertThrows(SocketError.class, () -> s.join(Duration.ofSeconds(30)));
            assertEquals(SocketError.Op.JOIN, e.operation());
            assertInstanceOf(ClosedSelectorException.class, e.getCause().getCause(), String.valueOf(e));
            assertFalse(s.isOpen());
            assertThrows(SocketError.class, s::join, "join() after the end says why again");
            var logged = serverLog.records();
            long errors = logged.stream().filter(r -> r.getLevel() == Level.SEVERE).count();
            assertEquals(1, errors, "the failure is logged once: " + serverLog);
            assertTrue(logged.stream().anyMatch(r -> r.getLevel() == Level.SEVERE
                    && r.getMessage().equals("the loop 0 of 127.0.0.1:" + s.port() + " failed; closing the server")),
                    serverLog.toString());
        } finally {
            s.close();
        }
    }

    private static Selector selectorOfFirstLoop(Server s) throws Exception {
        var loop = field(s, "loop");
        Object[] workers = (Object[]) field(loop, "workers");
        return (Selector) field(workers[0], "selector");
    }

    private static Object field(Object o, String name) throws Exception {
        var f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }
}
