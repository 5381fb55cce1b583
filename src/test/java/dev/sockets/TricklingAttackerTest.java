package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockets.testing.ReliabilityLog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One client must not starve the others by trickling: an attacker from 127.0.0.2 holds every
 * connection {@code maxConnections} allows and sends one byte on each every
 * {@value #TRICKLE_MILLIS} ms, under an {@code idleTimeout} of {@value #IDLE_MILLIS} ms, so that
 * no connection is ever idle long enough to be closed. When one of its connections is closed it
 * opens another (it holds as many as the bound allows). A client from 127.0.0.3 must still be
 * served, within a second (asserted only against an absurdly late bound of
 * {@value #SERVED_WITHIN_SECONDS} s; the figure is printed and recorded). Both server forms.
 *
 * <p>The attacker's connections closed to make room are counted by {@link Server#evicted()}, and
 * only by it: not as failures.
 */
@Timeout(60)
class TricklingAttackerTest {

    private static final int MAX = 20;
    private static final long IDLE_MILLIS = 1_000;
    private static final long TRICKLE_MILLIS = 600;
    private static final int SERVED_WITHIN_SECONDS = 10;
    private static final int GOOD_CLIENTS = 3;
    private static final String ATTACKER = "127.0.0.2";
    private static final String GOOD = "127.0.0.3";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"accept", "receive"})
    void a_trickling_attacker_does_not_starve_another_client(String form) throws Exception {
        var attackerOpened = new CountDownLatch(MAX);
        var spec = Sockets.tcp().maxConnections(MAX).idleTimeout(Duration.ofMillis(IDLE_MILLIS));
        var binding = spec.bind("127.0.0.1", 0);
        Server server = switch (form) {
            case "accept" -> binding.listen(50).onAccept(c -> {
                if (c.remote().text().startsWith(ATTACKER + ":")) {
                    attackerOpened.countDown();
                }
                for (String line; (line = c.readLine()) != null; ) {
                    c.sendLine(line);
                }
            });
            case "receive" -> binding.onReceive(50, new Receiver() {
                @Override
                public void opened(Peer peer) {
                    if (peer.remote().text().startsWith(ATTACKER + ":")) {
                        attackerOpened.countDown();
                    }
                }

                @Override
                public void receive(Peer peer, Bytes data) {
                    peer.send(data);
                }
            });
            default -> throw new IllegalArgumentException(form);
        };
        try (server; var attacker = new Attacker(server.port())) {
            attacker.start();
            assertTrue(attackerOpened.await(10, TimeUnit.SECONDS), "harness: the server did not take the attacker's " + MAX
                    + " connections: " + server + ", attacker " + attacker);
            assertEquals(MAX, server.open(), "harness: the attacker does not hold every slot: " + server);
            // The attack in its steady state: several idle timeouts pass, each of them reset by a byte.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(3 * IDLE_MILLIS));

            var figures = new ArrayList<String>();
            for (int i = 0; i < GOOD_CLIENTS; i++) {
                long start = System.nanoTime();
                String result;
                try (var c = Sockets.tcp().connectTimeout(Duration.ofSeconds(SERVED_WITHIN_SECONDS))
                        .timeout(Duration.ofSeconds(SERVED_WITHIN_SECONDS)).bind(GOOD, 0).connect("127.0.0.1", server.port())) {
                    c.sendLine("hello " + i);
                    String back = c.readLine();
                    result = ("hello " + i).equals(back) ? "served" : "answered " + back;
                } catch (SocketError e) {
                    result = e.toString();
                }
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                figures.add(result + " in " + millis + " ms");
                String all = form + ", JDK " + Runtime.version().feature() + ": good clients " + figures + "; " + server
                        + "; attacker " + attacker;
                System.out.println("TricklingAttackerTest " + all);
                assertTrue(result.equals("served") && millis < SERVED_WITHIN_SECONDS * 1000L,
                        "a client from " + GOOD + " was not served while " + ATTACKER + " trickled on " + MAX + " connections ("
                                + "maxConnections " + MAX + ", idleTimeout " + IDLE_MILLIS + " ms, a byte every " + TRICKLE_MILLIS
                                + " ms): " + all);
            }
            assertTrue(server.evicted() >= 1 && server.evicted() <= attacker.lost.get() + GOOD_CLIENTS,
                    "the attacker's connections closed to make room are counted as evicted: " + server + "; attacker " + attacker);
            assertEquals(0, server.failed(), "an eviction is no failure: " + server);
            assertTrue(server.toString().contains(server.evicted() + " evicted"), "printed: " + server);
            ReliabilityLog.record("faults", "trickling attacker holding maxConnections (" + MAX + ", one byte every "
                    + TRICKLE_MILLIS + " ms, idleTimeout " + IDLE_MILLIS + " ms), " + form + " -> another client served",
                    GOOD_CLIENTS, GOOD_CLIENTS, 0, String.join(", ", figures) + "; attacker " + attacker);
        }
    }

    /**
     * Holds {@value #MAX} connections from {@value #ATTACKER} and sends one byte on each every
     * {@value #TRICKLE_MILLIS} ms, never a whole line; a connection that fails is replaced. Bounded:
     * at most 40 s and 500 connections in all.
     */
    private static final class Attacker implements AutoCloseable {
        private final int port;
        private final List<Socket> sockets = new ArrayList<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicInteger opened = new AtomicInteger();
        private final AtomicInteger lost = new AtomicInteger();
        private final Thread thread = new Thread(this::run, "trickling-attacker");

        Attacker(int port) {
            this.port = port;
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private Socket connect() throws IOException {
            var s = new Socket();
            try {
                s.bind(new InetSocketAddress(InetAddress.getByName(ATTACKER), 0));
                s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 1000);
                opened.incrementAndGet();
                return s;
            } catch (IOException e) {
                s.close();
                throw e;
            }
        }

        private void run() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            try {
                for (int i = 0; i < MAX; i++) {
                    sockets.add(connect());
                }
                while (!stop.get() && deadline - System.nanoTime() > 0) {
                    for (int i = 0; i < sockets.size() && !stop.get(); i++) {
                        try {
                            sockets.get(i).getOutputStream().write('x');
                        } catch (IOException e) {
                            lost.incrementAndGet();
                            sockets.get(i).close();
                            if (opened.get() < 500) {
                                sockets.set(i, connect());
                            }
                        }
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(TRICKLE_MILLIS));
                }
            } catch (IOException e) {
                // Could not open a connection: the attack ends; the test's assertions say what happened.
            }
        }

        @Override
        public void close() throws Exception {
            stop.set(true);
            thread.interrupt();
            thread.join(10_000);
            for (Socket s : sockets) {
                s.close();
            }
        }

        @Override
        public String toString() {
            return opened.get() + " connections opened, " + lost.get() + " closed under it";
        }
    }
}
