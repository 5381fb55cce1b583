// Loaded by jshell-scripts/sockets (or: jshell --class-path target/sockets.jar jshell-scripts/startup.jsh):
// one import and every name of the library is there.
import dev.sockets.*;
import java.time.Duration;
