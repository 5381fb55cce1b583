package dev.sockets.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The examples and scripts a test starts, each stopped after the test, passed or not:
 *
 * <pre>{@code
 * @RegisterExtension
 * final ExampleProcesses processes = new ExampleProcesses();
 * }</pre>
 */
public final class ExampleProcesses implements AfterEachCallback {
    private final List<ExampleProcess> started = new ArrayList<>();

    /** Starts an example as {@link ExampleProcess#example} does, to be stopped after the test. */
    public ExampleProcess example(String name, String... args) throws IOException {
        return track(ExampleProcess.example(name, args));
    }

    /** Starts a JShell script as {@link ExampleProcess#jshell} does, to be stopped after the test. */
    public ExampleProcess jshell(String script) throws IOException {
        return track(ExampleProcess.jshell(script));
    }

    private ExampleProcess track(ExampleProcess p) {
        started.add(p);
        return p;
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        for (var p : started) {
            p.close();
        }
        started.clear();
    }
}
