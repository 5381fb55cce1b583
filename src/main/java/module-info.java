/**
 * Network sockets in the vocabulary of Python's {@code socket} module: {@link dev.sockets.Sockets}
 * is the way in, and {@code import dev.sockets.*;} is the only import a program needs.
 *
 * <p>Only {@code dev.sockets} is exported; the engine ({@code dev.sockets.internal} and its
 * subpackages) may change in any release. On the class path (JShell, {@code java -cp}) this
 * descriptor is ignored and the jar works as any other.
 */
module dev.sockets {
    // Transitive: parsers return io.vavr.control.Either, so a module that reads dev.sockets
    // must read vavr too to use them.
    requires transitive io.vavr;

    exports dev.sockets;
}
