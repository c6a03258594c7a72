/**
 * The client side of the RDP connection sequence as a sans-I/O state machine: bytes in, bytes out,
 * trace events; no socket, no clock.
 *
 * <p>API for drivers: {@link dev.rdpprobe.connect.Connector}, {@link
 * dev.rdpprobe.connect.ConnectorFactory}, {@link dev.rdpprobe.connect.ClientConnector}, {@link
 * dev.rdpprobe.connect.ClientPlan}, {@link dev.rdpprobe.connect.OutboundInterceptor}, {@link
 * dev.rdpprobe.connect.ConnectorConfig}, {@link dev.rdpprobe.connect.Credentials}. The rest ({@link
 * dev.rdpprobe.connect.Endpoint}, {@link dev.rdpprobe.connect.Framer}, the frame hints and record
 * layers, and the package-private sequence and steps) is how they work and may change.
 *
 * <p>{@code ClientSequence} lists every branch of the sequence; each phase is one {@code Step}
 * built from the {@code SequenceState} before it, returning {@code Transition}s as values
 * (ARCHITECTURE.md, The connector).
 */
package dev.rdpprobe.connect;
