import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The setup load of the suite (4 client threads: connect, 1 byte out and back, close) against
 * servers each in a process of its own, the rounds interleaved, the order turned round every
 * other round; prints for each the median rate and the median server CPU per connection (from
 * /proc). Clients are raw {@code Socket}s for every server. Only 127.0.0.1.
 *
 * <pre>
 * java -Dlab.cp=CLASSPATH SetupClient SERVERS CONNECTIONS ROUNDS [WARM-UP]
 * </pre>
 * SERVERS, comma-separated: {@code lab-MODE[:K]} ({@link SetupLab}), {@code c-MODE:K} (cserver.c,
 * built to {@code -Dlab.cserver}: serial, epoll, epollx, epollr), {@code ffm-serial:K} (FfmServer.java)
 * or {@code ffm-loop:K} / {@code ffm-loopnospec:K} (FfmLoop.java, Java 22+), or a name of the suite's
 * {@code bench.ServerMain} ({@code lib}, {@code netty-epoll}, ...).
 */
public class SetupClient {
    static final long DEADLINE_NANOS = 60_000_000_000L;

    public static void main(String[] a) throws Exception {
        String[] names = a[0].split(",");
        int count = Integer.parseInt(a[1]);
        int rounds = Integer.parseInt(a[2]);
        // The JIT of a server still compiles after ten thousand connections, and its CPU counts as
        // the server's: steady-state figures need tens of thousands (Netty epoll 100 us per connection
        // after 10,000 in the suite's run D, 54-66 us after 40,000 in runs E and F), as in bench/run.
        int warm = a.length > 3 ? Integer.parseInt(a[3]) : 40_000;
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("lab.cp", System.getProperty("java.class.path"));
        String cserver = System.getProperty("lab.cserver", "/tmp/cserver");
        var procs = new ArrayList<Process>();
        int[] ports = new int[names.length];
        try {
            for (int i = 0; i < names.length; i++) {
                String name = names[i];
                String mode = name.contains("-") ? name.substring(name.indexOf('-') + 1) : name;
                String arg = mode.contains(":") ? mode.substring(mode.indexOf(':') + 1) : "1";
                mode = mode.contains(":") ? mode.substring(0, mode.indexOf(':')) : mode;
                List<String> cmd = name.startsWith("c-") ? List.of(cserver, mode, arg)
                        : name.startsWith("ffm-") ? List.of(java, "--enable-native-access=ALL-UNNAMED", "-Dlab.nospeculate=" + name.contains("nospec"), "-Xmx2g", "-XX:+UseG1GC",
                                "bench/lab/" + (mode.startsWith("loop") ? "FfmLoop" : "FfmServer") + ".java", arg)
                        : name.startsWith("lab-") ? List.of(java, "-Xmx2g", "-cp", cp, "SetupLab", mode, arg)
                        : List.of(java, "-Xmx2g", "-XX:+UseG1GC", "-cp", cp, "bench.ServerMain", name);
                Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                procs.add(p);
                var out = new BufferedReader(new InputStreamReader(p.getInputStream()));
                ports[i] = Integer.parseInt(out.readLine().replace("PORT ", "").trim());
            }
            double[][] rate = new double[names.length][rounds];
            double[][] cpu = new double[names.length][rounds];
            double[][] mine = new double[names.length][rounds];
            for (int i = 0; i < names.length; i++) {
                run(ports[i], warm);
            }
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < names.length; k++) {
                    int i = r % 2 == 0 ? k : names.length - 1 - k;
                    long c0 = cpuNanos(procs.get(i));
                    long m0 = selfCpuNanos();
                    rate[i][r] = run(ports[i], count);
                    cpu[i][r] = (cpuNanos(procs.get(i)) - c0) / 1e3 / count;
                    mine[i][r] = (selfCpuNanos() - m0) / 1e3 / count;
                }
            }
            for (int i = 0; i < names.length; i++) {
                double[] rates = rate[i].clone();
                Arrays.sort(rates);
                double[] cpus = cpu[i].clone();
                Arrays.sort(cpus);
                double[] mines = mine[i].clone();
                Arrays.sort(mines);
                System.out.printf("%-14s %8.0f connections/s  CPU per connection: server %6.1f us, clients %6.1f us  rounds %s%n", names[i],
                        rates[rounds / 2], cpus[rounds / 2], mines[rounds / 2], Arrays.toString(Arrays.stream(rate[i]).mapToLong(x -> (long) x).toArray()));
            }
        } finally {
            procs.forEach(Process::destroy);
        }
    }

    /** The server's CPU time (utime + stime), from /proc, in 10 ms ticks turned into ns. */
    static long cpuNanos(Process p) throws IOException {
        String[] f = Files.readString(Path.of("/proc/" + p.pid() + "/stat")).split("\\) ")[1].split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }

    /** This process's CPU time: the clients'. */
    static long selfCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** {@code count} connections from 4 threads, each: connect, 1 byte out and back, close. Connections/s. */
    static double run(int port, int count) throws InterruptedException {
        Thread[] ts = new Thread[4];
        long t0 = System.nanoTime();
        long deadline = t0 + DEADLINE_NANOS;
        for (int t = 0; t < ts.length; t++) {
            ts[t] = new Thread(() -> {
                byte[] one = new byte[1];
                for (int i = 0; i < count / ts.length && System.nanoTime() < deadline; i++) {
                    try (Socket s = new Socket()) {
                        s.setTcpNoDelay(true);
                        s.connect(new InetSocketAddress("127.0.0.1", port));
                        s.getOutputStream().write(one);
                        if (s.getInputStream().read(one) != 1) {
                            throw new IOException("no echo");
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        return count * 1e9 / (System.nanoTime() - t0);
    }
}
