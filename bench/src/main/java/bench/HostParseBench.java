package bench;

import dev.sockets.Host;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code Host.parse} against the JDK's literal parser, {@code InetAddress.getByName}, on the same
 * literals (which getByName parses without any lookup): one operation parses all eight.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HostParseBench {
    static final String[] LITERALS = {
        "127.0.0.1", "192.168.100.200", "10.0.0.1", "255.255.255.255",
        "::1", "2001:db8::8a2e:370:7334", "fe80::1:2:3:4", "2001:db8:0:0:1:0:0:1",
    };

    @Benchmark
    public void hostParse(Blackhole bh) {
        for (String s : LITERALS) {
            bh.consume(Host.parse(s));
        }
    }

    @Benchmark
    public void inetAddressGetByName(Blackhole bh) throws UnknownHostException {
        for (String s : LITERALS) {
            bh.consume(InetAddress.getByName(s));
        }
    }
}
