// Loaded by jshell-scripts/sockets (or: jshell --class-path target/sockets.jar jshell-scripts/startup.jsh):
// one import and every name of the library is there; help(x) prints what x offers, help() a map.
import dev.sockets.*;
import static dev.sockets.Sockets.help;
import java.time.Duration;
