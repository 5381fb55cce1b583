package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockets.testing.Subprocess;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HostNotFound#gaiCode()} from the JDK's own exceptions: a child JVM whose C library's
 * getaddrinfo is replaced by a preloaded stand-in ({@code gai_shim.c}) that answers every name
 * itself with the code asked for, so the JDK words each failure as it would for a real resolver
 * and no DNS query is made. Each look-up runs twice: the second is answered from the JDK's cache
 * of failed look-ups, whose exception does not carry the resolver's words.
 */
@Timeout(120)
class HostNotFoundFromTheJdkTest {

    /** Looks each name up twice and prints the code, its name and the message. */
    public static final class Child {
        public static void main(String[] args) {
            for (String name : args) {
                for (int i = 0; i < 2; i++) {
                    try {
                        Sockets.getaddrinfo(name, 80);
                        System.out.println(name + " resolved");
                    } catch (HostNotFound e) {
                        System.out.println(e.gaiCode() + " " + e.gaiName() + " " + e.hint());
                    }
                }
            }
        }
    }

    @Test
    void each_code_the_resolver_gives_reaches_the_error_even_from_the_jdks_cache(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("gai_shim.c");
        try (InputStream in = HostNotFoundFromTheJdkTest.class.getResourceAsStream("gai_shim.c")) {
            Files.copy(in, source);
        }
        Path shim = dir.resolve("gai_shim.so");
        try (var cc = Subprocess.start(dir, List.of("sh", "-c", "command -v cc && cc -shared -fPIC -o " + shim + " " + source
                + " -ldl"))) {
            List<String> out = cc.finish(Duration.ofSeconds(60));
            Assumptions.assumeTrue(cc.exitCode() == 0, "no C compiler to build the stand-in resolver: " + out + cc.errors());
        }
        try (var p = Subprocess.start(dir, Map.of("LD_PRELOAD", shim.toString()), List.of(Subprocess.tool("java"),
                "-cp", System.getProperty("java.class.path"), Child.class.getName(),
                "code2.gai-test", "code3.gai-test", "code4.gai-test", "code5.gai-test"))) {
            List<String> out = p.finish(Duration.ofSeconds(60));
            assertEquals(0, p.exitCode(), p.errors());
            String noName = "-2 EAI_NONAME check the spelling, or use an address such as 127.0.0.1";
            String again = "-3 EAI_AGAIN no DNS answer: is there a network? or use an address such as 127.0.0.1";
            String fail = "-4 EAI_FAIL no DNS answer: the name server failed; is it the one /etc/resolv.conf should name?"
                    + " or use an address such as 127.0.0.1";
            String noData = "-5 EAI_NODATA the name is known but has no address; or use an address such as 127.0.0.1";
            assertEquals(List.of(noName, noName, again, again, fail, fail, noData, noData), out);
        }
    }
}
