package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sockets.testing.Gens;
import dev.sockets.testing.Pbt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class TcpSpecProperties {

    /** One setter each, with a value drawn from the seed: they touch different settings, so they commute. */
    private static List<UnaryOperator<TcpSpec>> settings(long seed) {
        Random r = new Random(seed);
        Duration d = Duration.ofMillis(1 + r.nextInt(100_000));
        int size = 1 + r.nextInt(1 << 20);
        boolean on = r.nextBoolean();
        return List.of(
                s -> s.timeout(d),
                s -> s.connectTimeout(d),
                s -> s.noDelay(on),
                s -> s.keepAlive(!on),
                s -> s.reuseAddress(on),
                s -> s.receiveBufferSize(size),
                s -> s.sendBufferSize(size + 1),
                s -> s.linger(Duration.ofSeconds(size % 65536)),
                s -> s.maxConnections(size),
                s -> s.maxLineLength(size),
                s -> s.family(on ? Domain.INET : Domain.INET6));
    }

    @Test
    void a_setting_never_changes_its_receiver() {
        // More draws than cases wanted: edge cases come up again, and QuickTheories runs a repeated case once.
        Pbt.qt(1100).forAll(Gens.anyLong(), Gens.ints(0, 10)).checkAssert((seed, which) -> {
            TcpSpec base = Sockets.tcp().noDelay(true);
            String before = base.toString();
            TcpSpec changed = settings(seed).get(which).apply(base);
            assertEquals(before, base.toString());
            assertEquals(Sockets.tcp().noDelay(true), base);
            assertEquals(changed, settings(seed).get(which).apply(base), "the same step gives an equal spec");
        });
    }

    @Test
    void settings_of_different_things_commute() {
        Pbt.qt(1000).forAll(Gens.anyLong(), Gens.anyLong()).checkAssert((seed, order) -> {
            List<UnaryOperator<TcpSpec>> steps = new ArrayList<>(settings(seed));
            TcpSpec inOrder = Sockets.tcp();
            for (var s : steps) {
                inOrder = s.apply(inOrder);
            }
            Collections.shuffle(steps, new Random(order));
            TcpSpec shuffled = Sockets.tcp();
            for (var s : steps) {
                shuffled = s.apply(shuffled);
            }
            assertEquals(inOrder, shuffled);
            assertEquals(inOrder.toString(), shuffled.toString());
        });
    }

    @Test
    void connectTimeout_is_accepted_exactly_when_positive() {
        // More draws than cases wanted: edge cases come up again, and QuickTheories runs a repeated case once.
        Pbt.qt(1500).forAll(Gens.longs(-1000, 1000)).checkAssert(millis -> {
            Duration d = Duration.ofMillis(millis);
            if (millis > 0) {
                assertEquals(d, Sockets.tcp().connectTimeout(d).connectTimeout());
            } else {
                assertEquals("expected connectTimeout > 0 but was " + dev.sockets.internal.words.Durations.human(d),
                        assertThrows(IllegalArgumentException.class, () -> Sockets.tcp().connectTimeout(d)).getMessage());
            }
        });
    }

    @Test
    void maxLineLength_is_accepted_exactly_in_1_to_2_pow_30() {
        // More draws than cases wanted: edge cases come up again, and QuickTheories runs a repeated case once.
        Pbt.qt(1200).forAll(Gens.anyInt(1, 1 << 30)).checkAssert(n -> {
            if (n >= 1 && n <= (1 << 30)) {
                assertEquals(n, Sockets.tcp().maxLineLength(n).maxLineLength());
            } else {
                assertEquals("expected maxLineLength in [1, 1073741824] but was " + n,
                        assertThrows(IllegalArgumentException.class, () -> Sockets.tcp().maxLineLength(n)).getMessage());
            }
        });
    }

    @Test
    void buffer_sizes_are_accepted_exactly_when_positive() {
        // More draws than cases wanted: edge cases come up again, and QuickTheories runs a repeated case once.
        Pbt.qt(1200).forAll(Gens.anyInt()).checkAssert(n -> {
            if (n > 0) {
                assertEquals(n, Sockets.tcp().receiveBufferSize(n).options().get(java.net.StandardSocketOptions.SO_RCVBUF));
            } else {
                assertEquals("expected receiveBufferSize > 0 but was " + n,
                        assertThrows(IllegalArgumentException.class, () -> Sockets.tcp().receiveBufferSize(n)).getMessage());
            }
        });
    }
}
