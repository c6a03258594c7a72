/**
 * An in-process RDP server with named fault scenarios, for tests, demos and people who test RDP
 * clients: {@link dev.rdpprobe.emulate.RdpEmulator} plays a {@link dev.rdpprobe.emulate.Scenario}
 * on loopback; each connection is a sans-I/O {@link dev.rdpprobe.emulate.ServerConnector} driven by
 * Netty, recording a trace as the server sees it ({@code TraceHeader.Origin.EMULATOR}).
 *
 * <p>API: {@code RdpEmulator}, its builder and {@code Scenario}. The server connector and its
 * helpers may change.
 */
package dev.rdpprobe.emulate;
