package dev.sockets.testing;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The servers' log ({@code dev.sockets.Server}) turned off for each test, and back to its level
 * after, for the tests that make thousands of failures on purpose: they would flood the build log.
 *
 * <pre>{@code
 * @RegisterExtension
 * final QuietServerLog quiet = new QuietServerLog();
 * }</pre>
 */
public final class QuietServerLog implements BeforeEachCallback, AfterEachCallback {
    // Held: the JDK keeps a logger only weakly, and a collected one would forget its level.
    private static final Logger SERVER = Logger.getLogger("dev.sockets.Server");
    private Level before;

    @Override
    public void beforeEach(ExtensionContext context) {
        before = SERVER.getLevel();
        SERVER.setLevel(Level.OFF);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        SERVER.setLevel(before);
    }
}
