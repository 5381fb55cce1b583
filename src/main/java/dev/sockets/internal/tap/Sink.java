package dev.sockets.internal.tap;

/**
 * Where a {@link Wiretap}'s records go. Its own type, so that {@link Tap} writes through it
 * without depending on the {@link Wiretap} that made it.
 */
interface Sink {
    /** Writes one whole record in one call, so that records never mix. */
    void write(String record);

    /** One socket stopped using it: the last one closes a file. */
    void release();
}
