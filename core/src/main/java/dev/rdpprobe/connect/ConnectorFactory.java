package dev.rdpprobe.connect;

import dev.rdpprobe.trace.TraceWriter;

/**
 * Makes the connector a driver runs for one connection: the seam where a test, a replay or a fuzzer
 * puts a connector of its own (or the probe's, with another plan, randomness or interceptor).
 */
@FunctionalInterface
public interface ConnectorFactory {
  /** The probe's own: a {@link ClientConnector} following the configuration's plan. */
  ConnectorFactory DEFAULT = (config, trace) -> ClientConnector.builder(config, trace).build();

  /** A connector for one connection, writing into {@code trace}. */
  Connector create(ConnectorConfig config, TraceWriter trace);
}
