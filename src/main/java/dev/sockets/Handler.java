package dev.sockets;

/**
 * What a {@link Server} runs for each connection, on a thread of its own.
 *
 * <pre>{@code
 * Handler echo = c -> {
 *     for (String line; (line = c.readLine()) != null; ) {
 *         c.sendLine(line);
 *     }
 * };
 * var server = Sockets.tcp().bind("127.0.0.1", 0).listen().onAccept(echo);
 * }</pre>
 *
 * <p>It may throw anything: the server logs the failure with the peer's address, closes that
 * connection, counts it in {@link Server#failed()} and goes on serving. The connection is
 * closed when the handler returns, so a handler need not close it.
 */
@FunctionalInterface
public interface Handler {
    /**
     * Serves one connection.
     *
     * @param c the connection, open; closed by the server when this returns or throws
     * @throws Exception anything; logged, never fatal to the server
     */
    void handle(Connection c) throws Exception;
}
