/**
 * The Netty driver of a probe: {@code ProbeSession} resolves, connects, drives a {@code Connector}
 * over the socket and turns FIN, RST, refusals and timeouts into the close event; the one UDP
 * socket of the multitransport probe.
 *
 * <p>API: {@link dev.rdpprobe.transport.Target}, {@link dev.rdpprobe.transport.Timeouts} and {@link
 * dev.rdpprobe.transport.Transports.Kind}. The session itself is driven through {@code RdpProbe}
 * and may change.
 */
package dev.rdpprobe.transport;
