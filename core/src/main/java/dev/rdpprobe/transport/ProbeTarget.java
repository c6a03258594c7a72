package dev.rdpprobe.transport;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how long: the transport's part of a probe spec.
 *
 * @param host the name or literal as given (shown in the trace)
 * @param address the address to use instead of resolving {@code host}, or {@code null}
 * @param port the TCP port
 * @param connectTimeout bound of the TCP connect
 * @param idleTimeout bound of the server's silence while a PDU is awaited
 * @param deadline bound of the whole probe
 */
public record ProbeTarget(
    String host,
    InetAddress address,
    int port,
    Duration connectTimeout,
    Duration idleTimeout,
    Duration deadline) {
  public ProbeTarget {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(deadline, "deadline");
  }
}
