package dev.rdpprobe.connect;

import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.tls.TrustAnchors;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.gcc.ClientSecurityData;
import dev.rdpprobe.wire.gcc.EncryptionMethods;
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
 * @param trustAnchors what the server's certificate chain is checked against, as a validating
 *     client would: {@code null} for the JDK's trust store
 * @param encryptionMethods the Standard RDP Security methods CS_SECURITY offers (40-, 56-, 128-bit
 *     RC4, FIPS; none of them: a client that wants no encryption)
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
    boolean restrictedAdmin,
    TrustAnchors trustAnchors,
    EncryptionMethods encryptionMethods) {

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
    Objects.requireNonNull(encryptionMethods, "encryptionMethods");
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

  /** A builder with the probe's defaults: what mstsc offers, stopping after the Demand Active. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A configuration with the Windows-like TLS offer, no server name and no key log. */
  public static ConnectorConfig of(
      SecurityProtocols requestedProtocols,
      NegotiationRequestFlags requestFlags,
      RequestToken token,
      CorrelationInfo correlationInfo,
      Phase stopAfter) {
    return builder()
        .requestedProtocols(requestedProtocols)
        .requestFlags(requestFlags)
        .token(token)
        .correlationInfo(correlationInfo)
        .stopAfter(stopAfter)
        .build();
  }

  /** This configuration with these credentials ({@code null}: none). */
  public ConnectorConfig withCredentials(Credentials value) {
    return toBuilder().credentials(value).build();
  }

  /**
   * Builds a {@link ConnectorConfig}; every setter checks its value and names it when it is bad.
   */
  public static final class Builder {
    private SecurityProtocols requestedProtocols =
        SecurityProtocols.of(
            SecurityProtocols.SSL, SecurityProtocols.HYBRID, SecurityProtocols.HYBRID_EX);
    private NegotiationRequestFlags requestFlags = NegotiationRequestFlags.NONE;
    private RequestToken token;
    private CorrelationInfo correlationInfo;
    private Phase stopAfter = DEFAULT_STOP_AFTER;
    private TlsOffer tlsOffer = TlsOffer.windowsDefault();
    private String serverName;
    private boolean keyLog;
    private List<String> staticChannels = List.of();
    private boolean multitransport;
    private boolean acceptMultitransport;
    private boolean udpProbe;
    private Duration udpTimeout = DEFAULT_UDP_TIMEOUT;
    private Credentials credentials;
    private boolean restrictedAdmin;
    private TrustAnchors trustAnchors;
    private EncryptionMethods encryptionMethods =
        ClientSecurityData.allMethods().encryptionMethods();

    private Builder() {}

    private Builder(ConnectorConfig c) {
      requestedProtocols = c.requestedProtocols;
      requestFlags = c.requestFlags;
      token = c.token;
      correlationInfo = c.correlationInfo;
      stopAfter = c.stopAfter;
      tlsOffer = c.tlsOffer;
      serverName = c.serverName;
      keyLog = c.keyLog;
      staticChannels = c.staticChannels;
      multitransport = c.multitransport;
      acceptMultitransport = c.acceptMultitransport;
      udpProbe = c.udpProbe;
      udpTimeout = c.udpTimeout;
      credentials = c.credentials;
      restrictedAdmin = c.restrictedAdmin;
      trustAnchors = c.trustAnchors;
      encryptionMethods = c.encryptionMethods;
    }

    /** The protocols offered in RDP_NEG_REQ. */
    public Builder requestedProtocols(SecurityProtocols protocols) {
      this.requestedProtocols = Objects.requireNonNull(protocols, "requestedProtocols");
      return this;
    }

    /** The RDP_NEG_REQ flags. */
    public Builder requestFlags(NegotiationRequestFlags flags) {
      this.requestFlags = Objects.requireNonNull(flags, "requestFlags");
      return this;
    }

    /** The cookie or routing token of the Connection Request ({@code null}: none). */
    public Builder token(RequestToken token) {
      this.token = token;
      return this;
    }

    /** The correlation info after RDP_NEG_REQ ({@code null}: none). */
    public Builder correlationInfo(CorrelationInfo info) {
      this.correlationInfo = info;
      return this;
    }

    /**
     * The phase after which the connector stops by choice, at most {@link #LAST_SUPPORTED_PHASE}.
     */
    public Builder stopAfter(Phase phase) {
      Objects.requireNonNull(phase, "stopAfter");
      if (phase.isAfter(LAST_SUPPORTED_PHASE)) {
        throw new IllegalArgumentException(
            "stopAfter "
                + phase
                + " is not supported (the probe goes as far as "
                + LAST_SUPPORTED_PHASE
                + ")");
      }
      this.stopAfter = phase;
      return this;
    }

    /** What the TLS ClientHello offers (default: {@link TlsOffer#windowsDefault()}). */
    public Builder tlsOffer(TlsOffer offer) {
      this.tlsOffer = Objects.requireNonNull(offer, "tlsOffer");
      return this;
    }

    /**
     * The server's name as the user gave it: SNI and certificate name checks ({@code null}: none).
     */
    public Builder serverName(String name) {
      this.serverName = name;
      return this;
    }

    /** Whether to keep NSS key-log lines of the TLS session (default: off). */
    public Builder keyLog(boolean on) {
      this.keyLog = on;
      return this;
    }

    /** Static virtual channels to ask for in CS_NET, e.g. {@code rdpdr}, {@code cliprdr}. */
    public Builder staticChannels(List<String> names) {
      this.staticChannels = List.copyOf(names);
      return this;
    }

    /** Whether to advertise UDP multitransport (CS_MULTITRANSPORT and the message channel). */
    public Builder multitransport(boolean on) {
      this.multitransport = on;
      return this;
    }

    /** Whether to answer Initiate Multitransport Requests with S_OK instead of E_ABORT. */
    public Builder acceptMultitransport(boolean on) {
      this.acceptMultitransport = on;
      return this;
    }

    /**
     * Whether to send one RDP-UDP SYN when a multitransport request comes, and how long to wait for
     * the SYN+ACK (positive).
     */
    public Builder udpProbe(boolean on, Duration timeout) {
      Objects.requireNonNull(timeout, "udpTimeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("udpTimeout must be positive: " + timeout);
      }
      this.udpProbe = on;
      this.udpTimeout = timeout;
      return this;
    }

    /** The account to prove over CredSSP ({@code null}: none). */
    public Builder credentials(Credentials credentials) {
      this.credentials = credentials;
      return this;
    }

    /** Whether to send Restricted Admin mode's empty TSCredentials after an accepted proof. */
    public Builder restrictedAdmin(boolean on) {
      this.restrictedAdmin = on;
      return this;
    }

    /**
     * What the server's certificate chain is checked against (a private PKI's CAs); {@code null}:
     * the JDK's trust store.
     */
    public Builder trustAnchors(TrustAnchors anchors) {
      this.trustAnchors = anchors;
      return this;
    }

    /**
     * The Standard RDP Security methods CS_SECURITY offers (default: 40-, 56- and 128-bit RC4 and
     * FIPS, as FreeRDP offers them); one method at a time tells which a server accepts.
     */
    public Builder encryptionMethods(EncryptionMethods methods) {
      this.encryptionMethods = Objects.requireNonNull(methods, "encryptionMethods");
      return this;
    }

    /** The configuration. */
    public ConnectorConfig build() {
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
          credentials,
          restrictedAdmin,
          trustAnchors,
          encryptionMethods);
    }
  }
}
