package dev.rdpprobe.connect;

import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.x224.CorrelationInfo;
import dev.rdpprobe.wire.x224.NegotiationRequestFlags;
import dev.rdpprobe.wire.x224.RequestToken;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.util.Objects;

/**
 * What the client connector sends and how far it goes.
 *
 * @param requestedProtocols the protocols offered in RDP_NEG_REQ
 * @param requestFlags the RDP_NEG_REQ flags
 * @param token the cookie or routing token, or {@code null}
 * @param correlationInfo the correlation info, or {@code null}
 * @param stopAfter the phase after which the connector stops by choice
 */
public record ConnectorConfig(
    SecurityProtocols requestedProtocols,
    NegotiationRequestFlags requestFlags,
    RequestToken token,
    CorrelationInfo correlationInfo,
    Phase stopAfter) {

  /** The last phase this connector can complete; a later stop point is refused. */
  public static final Phase LAST_SUPPORTED_PHASE = Phase.X224_NEGOTIATION;

  public ConnectorConfig {
    Objects.requireNonNull(requestedProtocols, "requestedProtocols");
    Objects.requireNonNull(requestFlags, "requestFlags");
    Objects.requireNonNull(stopAfter, "stopAfter");
    if (stopAfter.isAfter(LAST_SUPPORTED_PHASE)) {
      throw new IllegalArgumentException(
          "stopAfter " + stopAfter + " is beyond what the connector implements");
    }
  }
}
