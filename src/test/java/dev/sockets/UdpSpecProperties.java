package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockets.testing.Gens;
import dev.sockets.testing.Pbt;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Properties of UdpSpec's steps: they never change their receiver, and independent ones commute. */
class UdpSpecProperties {

    /** A named step, so that a failing case prints which steps it took. */
    record Step(String name, UnaryOperator<UdpSpec> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Gen<Step> steps() {
        return Gens.oneOf(
                Gens.booleans().map(b -> new Step("broadcast(" + b + ")", s -> s.broadcast(b))),
                Gens.booleans().map(b -> new Step("reuseAddress(" + b + ")", s -> s.reuseAddress(b))),
                Gens.booleans().map(b -> new Step("reusePort(" + b + ")", s -> s.reusePort(b))),
                Gens.booleans().map(b -> new Step("multicastLoop(" + b + ")", s -> s.multicastLoop(b))),
                Gens.ints(0, 255).map(t -> new Step("multicastTtl(" + t + ")", s -> s.multicastTtl(t))),
                Gens.ints(1, 1 << 22).map(n -> new Step("receiveBufferSize(" + n + ")", s -> s.receiveBufferSize(n))),
                Gens.ints(1, 1 << 22).map(n -> new Step("sendBufferSize(" + n + ")", s -> s.sendBufferSize(n))),
                Gens.longs(1, 100_000).map(ms -> new Step("timeout(" + ms + "ms)", s -> s.timeout(Duration.ofMillis(ms)))),
                Gens.of(Domain.INET, Domain.INET6).map(f -> new Step("family(" + f + ")", s -> s.family(f))));
    }

    @Test
    void a_step_never_changes_its_receiver() {
        Pbt.qt(500).forAll(Gens.lists(steps(), 0, 8), steps()).checkAssert((before, step) -> {
            UdpSpec spec = Sockets.udp();
            for (Step s : before) {
                spec = s.apply.apply(spec);
            }
            String printed = spec.toString();
            UdpSpec copy = spec;
            step.apply.apply(spec);
            assertEquals(printed, spec.toString());
            assertEquals(copy, spec);
        });
    }

    private static String setting(Step s) {
        return s.name.substring(0, s.name.indexOf('('));
    }

    @Test
    void steps_on_different_settings_commute() {
        // More draws than cases wanted: edge cases come up again, and QuickTheories runs a repeated case once.
        Pbt.qt(600).forAll(steps(), steps())
                .assuming((a, b) -> !setting(a).equals(setting(b)))
                .checkAssert((a, b) -> assertEquals(a.apply.apply(b.apply.apply(Sockets.udp())), b.apply.apply(a.apply.apply(Sockets.udp()))));
    }
}
