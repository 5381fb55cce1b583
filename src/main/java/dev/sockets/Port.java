package dev.sockets;

import io.vavr.control.Either;

/**
 * The tutorial's "port": a number 0–65535, a numeric string, or a service name.
 *
 * <pre>{@code
 * Port.of(8080)        // Port 8080
 * Port.parse("80")     // Right(Port 80 (http))
 * Port.parse("www")    // Right(Port 80 (http)): looked up in /etc/services, or a built-in table
 * Port.parse("ntp", Protocol.UDP)   // Right(Port 123): ntp is a udp service
 * Port.any()           // Port 0 (any): bind picks a free port; ask the listener which
 * Port.parse("70000")  // Left(`70000`: expected port in [0, 65535] but was 70000)
 * }</pre>
 *
 * <h2>What parses</h2>
 * ASCII decimal digits, nothing else: no sign, no spaces, no other scripts' digits. Leading zeros
 * are allowed ({@code "080"} is 80), as Python's {@code int("080")} and C's {@code strtol} read them.
 * Any other text is a service name, looked up as {@link Services#byName} does: in
 * {@code /etc/services}, then in a built-in table of the common services; case-sensitive, as in C.
 *
 * @param number the port number, 0–65535
 */
public record Port(int number) {

    /**
     * Checks the range. A port out of range is an address error like any other, so that
     * {@code catch (SocketError e)} sees it whether the port came as text or as an int.
     *
     * @throws AddressError outside [0, 65535], as {@code Port.parse} says it
     */
    public Port {
        if (number < 0 || number > 65535) {
            throw new AddressError(Integer.toString(number), -1, "expected port in [0, 65535] but was " + number, "");
        }
    }

    /**
     * The port with this number.
     *
     * @throws AddressError outside [0, 65535]: {@code `70000`: expected port in [0, 65535] but was 70000}
     */
    public static Port of(int number) {
        return new Port(number);
    }

    /**
     * Parses decimal digits (no sign, no spaces) or a TCP service name ({@code www}, {@code ssh}).
     * Never throws.
     *
     * @return the port, or an {@link AddressError} saying where and why the text is not one
     */
    public static Either<AddressError, Port> parse(String text) {
        return dev.sockets.internal.words.PortParser.parse(text, Protocol.TCP);
    }

    /**
     * Parses decimal digits or a service name of the given protocol ({@code ntp} is a UDP service;
     * {@link Protocol#DEFAULT} takes TCP's, then UDP's). Never throws.
     *
     * <pre>{@code
     * Port.parse("ntp", Protocol.UDP)   // Right(Port 123)
     * Port.parse("ntp")                 // Left(`ntp`: unknown service for tcp; /etc/services lists ntp for udp only; ...)
     * }</pre>
     */
    public static Either<AddressError, Port> parse(String text, Protocol protocol) {
        return dev.sockets.internal.words.PortParser.parse(text, protocol);
    }

    /**
     * Parses a port, throwing where {@link #parse(String)} would return an error.
     *
     * @throws AddressError if the text is neither a port number nor a known service
     */
    public static Port of(String text) {
        return parse(text).getOrElseThrow(AddressError::rethrowable);
    }

    /** Port 0: "any free port", chosen by the OS when binding. */
    public static Port any() {
        return new Port(0);
    }

    /** {@code Port 80 (http)}, {@code Port 0 (any)}, {@code Port 40000}: the TCP service name where one is known. */
    @Override
    public String toString() {
        if (number == 0) {
            return "Port 0 (any)";
        }
        return Services.byPort(this, Protocol.TCP).map(s -> "Port " + number + " (" + s + ")")
                .orElse("Port " + number);
    }
}
