package dev.rdpprobe.connect;

import dev.rdpprobe.tls.TlsOffer;
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
 * @param tlsOffer what the TLS ClientHello offers
 * @param serverName the server's name as the user gave it: SNI (when a DNS name and the offer says
 *     so) and the name certificate objections are checked against
 * @param keyLog whether to keep NSS key-log lines of the TLS session
 */
public record ConnectorConfig(
    SecurityProtocols requestedProtocols,
    NegotiationRequestFlags requestFlags,
    RequestToken token,
    CorrelationInfo correlationInfo,
    Phase stopAfter,
    TlsOffer tlsOffer,
    String serverName,
    boolean keyLog) {

  /** The last phase this connector can complete; a later stop point is refused. */
  public static final Phase LAST_SUPPORTED_PHASE = Phase.TLS_HANDSHAKE;

  public ConnectorConfig {
    Objects.requireNonNull(requestedProtocols, "requestedProtocols");
    Objects.requireNonNull(requestFlags, "requestFlags");
    Objects.requireNonNull(stopAfter, "stopAfter");
    Objects.requireNonNull(tlsOffer, "tlsOffer");
    if (stopAfter.isAfter(LAST_SUPPORTED_PHASE)) {
      throw new IllegalArgumentException(
          "stopAfter " + stopAfter + " is beyond what the connector implements");
    }
  }

  /** A configuration with the Windows-like TLS offer, no server name and no key log. */
  public static ConnectorConfig of(
      SecurityProtocols requestedProtocols,
      NegotiationRequestFlags requestFlags,
      RequestToken token,
      CorrelationInfo correlationInfo,
      Phase stopAfter) {
    return new ConnectorConfig(
        requestedProtocols,
        requestFlags,
        token,
        correlationInfo,
        stopAfter,
        TlsOffer.windowsDefault(),
        null,
        false);
  }
}
