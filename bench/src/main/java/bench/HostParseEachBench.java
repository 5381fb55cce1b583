package bench;

import dev.sockets.Host;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * Not part of the suite: {@link HostParseBench} one literal at a time, to see which forms cost most.
 * Run by hand: {@code java -cp <the suite's class path> org.openjdk.jmh.Main HostParseEachBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HostParseEachBench {
    @Param({"127.0.0.1", "192.168.100.200", "10.0.0.1", "255.255.255.255",
        "::1", "2001:db8::8a2e:370:7334", "fe80::1:2:3:4", "2001:db8:0:0:1:0:0:1"})
    public String literal;

    @Benchmark
    public Object hostParse() {
        return Host.parse(literal);
    }

    @Benchmark
    public Object getByName() throws UnknownHostException {
        return InetAddress.getByName(literal);
    }
}
