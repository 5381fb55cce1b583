package dev.sockets.internal.cli;

/**
 * A command line the tool cannot read: an unknown option, a missing value, a word too many. The
 * tool prints the message and where to find help, and exits with status 2, as ncat and most Unix
 * tools do, so a script tells a typo from a network failure (status 1).
 */
final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The command whose help the message points to, or "" for the tool's. */
    private final String command;

    UsageError(String command, String message) {
        super(message, null, false, false);
        this.command = command;
    }

    String command() {
        return command;
    }
}
