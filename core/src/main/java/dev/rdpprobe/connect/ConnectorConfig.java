package dev.rdpprobe.connect;

import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.x224.CorrelationInfo;
import dev.rdpprobe.wire.x224.NegotiationRequestFlags;
import dev.rdpprobe.wire.x224.RequestToken;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.time.Duration;
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
 * @param acceptMultitransport answer Initiate Multitransport Requests with S_OK instead of E_ABORT
 *     (the server then waits for a UDP connection the probe does not make)
 * @param udpProbe send one RDP-UDP SYN to the server's UDP port when an Initiate Multitransport
 *     Request comes, and record whether a SYN+ACK returns
 * @param udpTimeout how long the driver waits for the SYN+ACK
 * @param credentials the account to prove over CredSSP, or {@code null} to stop after the server's
 *     NTLM CHALLENGE; {@link #toString()} shows the account, never the password
 * @param restrictedAdmin after accepted credentials, send the TSCredentials of Restricted Admin
 *     mode (empty user, domain and password: nothing delegated), so that a server that waits for
 *     TSCredentials goes on to MCS; otherwise the probe sends no TSCredentials at all
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
    boolean acceptMultitransport,
    boolean udpProbe,
    Duration udpTimeout,
    Credentials credentials,
    boolean restrictedAdmin) {

  /** The last phase this connector can complete; a later stop point is refused. */
  public static final Phase LAST_SUPPORTED_PHASE = Phase.FINALIZATION;

  /**
   * Where a probe stops unless told otherwise: after the server's Demand Active, which shows the
   * server would give a session, before the probe takes one.
   */
  public static final Phase DEFAULT_STOP_AFTER = Phase.CAPABILITIES;

  /** How long the driver waits for an RDP-UDP SYN+ACK unless told otherwise. */
  public static final Duration DEFAULT_UDP_TIMEOUT = Duration.ofSeconds(2);

  public ConnectorConfig {
    Objects.requireNonNull(requestedProtocols, "requestedProtocols");
    Objects.requireNonNull(requestFlags, "requestFlags");
    Objects.requireNonNull(stopAfter, "stopAfter");
    Objects.requireNonNull(tlsOffer, "tlsOffer");
    Objects.requireNonNull(udpTimeout, "udpTimeout");
    if (udpTimeout.isNegative() || udpTimeout.isZero()) {
      throw new IllegalArgumentException("udpTimeout must be positive: " + udpTimeout);
    }
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
        false,
        false,
        DEFAULT_UDP_TIMEOUT,
        null,
        false);
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
        acceptMultitransport,
        udpProbe,
        udpTimeout,
        value,
        restrictedAdmin);
  }
}
