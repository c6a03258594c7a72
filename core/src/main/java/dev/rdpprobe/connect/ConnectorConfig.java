package dev.rdpprobe.connect;

import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.x224.CorrelationInfo;
import dev.rdpprobe.wire.x224.NegotiationRequestFlags;
import dev.rdpprobe.wire.x224.RequestToken;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.util.List;
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
 * @param staticChannels the static virtual channels to ask for in CS_NET (at most 31 names of at
 *     most 7 characters)
 * @param multitransport whether to advertise UDP multitransport (CS_MULTITRANSPORT and the message
 *     channel)
 * @param credentials the account to prove over CredSSP, or {@code null} to stop after the server's
 *     NTLM CHALLENGE; {@link #toString()} shows the account, never the password
 */
public record ConnectorConfig(
    SecurityProtocols requestedProtocols,
    NegotiationRequestFlags requestFlags,
    RequestToken token,
    CorrelationInfo correlationInfo,
    Phase stopAfter,
    TlsOffer tlsOffer,
    String serverName,
    boolean keyLog,
    List<String> staticChannels,
    boolean multitransport,
    Credentials credentials) {

  /** The last phase this connector can complete; a later stop point is refused. */
  public static final Phase LAST_SUPPORTED_PHASE = Phase.SECURE_SETTINGS;

  /** Where a probe stops unless told otherwise: the last phase the server answers in. */
  public static final Phase DEFAULT_STOP_AFTER = Phase.CHANNEL_CONNECT;

  public ConnectorConfig {
    Objects.requireNonNull(requestedProtocols, "requestedProtocols");
    Objects.requireNonNull(requestFlags, "requestFlags");
    Objects.requireNonNull(stopAfter, "stopAfter");
    Objects.requireNonNull(tlsOffer, "tlsOffer");
    staticChannels = List.copyOf(staticChannels);
    if (staticChannels.size() > 31) {
      throw new IllegalArgumentException(
          "at most 31 static channels, got " + staticChannels.size());
    }
    for (String c : staticChannels) {
      if (c.isEmpty() || c.length() > 7 || !c.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)) {
        throw new IllegalArgumentException(
            "a static channel name is 1 to 7 printable ASCII characters, got '" + c + "'");
      }
    }
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
        false,
        List.of(),
        false,
        null);
  }

  /** This configuration with these credentials ({@code null}: none). */
  public ConnectorConfig withCredentials(Credentials value) {
    return new ConnectorConfig(
        requestedProtocols,
        requestFlags,
        token,
        correlationInfo,
        stopAfter,
        tlsOffer,
        serverName,
        keyLog,
        staticChannels,
        multitransport,
        value);
  }
}
