package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of UdpSpec's steps: they never change their receiver, and independent ones commute. */
class UdpSpecProperties {

    /** A named step, so that a failing case prints which steps it took. */
    record Step(String name, UnaryOperator<UdpSpec> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Provide
    Arbitrary<Step> steps() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.of(true, false).map(b -> new Step("broadcast(" + b + ")", s -> s.broadcast(b))),
                Arbitraries.of(true, false).map(b -> new Step("reuseAddress(" + b + ")", s -> s.reuseAddress(b))),
                Arbitraries.of(true, false).map(b -> new Step("reusePort(" + b + ")", s -> s.reusePort(b))),
                Arbitraries.of(true, false).map(b -> new Step("multicastLoop(" + b + ")", s -> s.multicastLoop(b))),
                Arbitraries.integers().between(0, 255).map(t -> new Step("multicastTtl(" + t + ")", s -> s.multicastTtl(t))),
                Arbitraries.integers().between(1, 1 << 22).map(n -> new Step("receiveBufferSize(" + n + ")", s -> s.receiveBufferSize(n))),
                Arbitraries.integers().between(1, 1 << 22).map(n -> new Step("sendBufferSize(" + n + ")", s -> s.sendBufferSize(n))),
                Arbitraries.longs().between(1, 100_000).map(ms -> new Step("timeout(" + ms + "ms)", s -> s.timeout(Duration.ofMillis(ms)))),
                Arbitraries.of(Domain.INET, Domain.INET6).map(f -> new Step("family(" + f + ")", s -> s.family(f)))));
    }

    @Property(tries = 500)
    void a_step_never_changes_its_receiver(@ForAll @net.jqwik.api.constraints.Size(max = 8) List<@net.jqwik.api.From("steps") Step> before, @ForAll("steps") Step step) {
        UdpSpec spec = Sockets.udp();
        for (Step s : before) {
            spec = s.apply.apply(spec);
        }
        String printed = spec.toString();
        UdpSpec copy = spec;
        step.apply.apply(spec);
        assertEquals(printed, spec.toString());
        assertEquals(copy, spec);
    }

    @Property(tries = 500)
    void steps_on_different_settings_commute(@ForAll("steps") Step a, @ForAll("steps") Step b) {
        String settingA = a.name.substring(0, a.name.indexOf('('));
        String settingB = b.name.substring(0, b.name.indexOf('('));
        net.jqwik.api.Assume.that(!settingA.equals(settingB));
        assertEquals(a.apply.apply(b.apply.apply(Sockets.udp())), b.apply.apply(a.apply.apply(Sockets.udp())));
    }
}
