package dev.rdpprobe;

import dev.rdpprobe.connect.ConnectorConfig;
import dev.rdpprobe.connect.Credentials;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.tls.TrustAnchors;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.transport.Target;
import dev.rdpprobe.transport.Timeouts;
import dev.rdpprobe.wire.gcc.EncryptionMethods;
import dev.rdpprobe.wire.x224.CorrelationInfo;
import dev.rdpprobe.wire.x224.NegotiationRequestFlags;
import dev.rdpprobe.wire.x224.RequestToken;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * What to probe and how: where ({@link #endpoint()}), how long each wait may take ({@link
 * #timeouts()}) and what the client says and how far it goes ({@link #connectorConfig()}).
 * Immutable, built with {@link #builder(String)}; setters reject bad values at once, naming them;
 * defaults are what a current Windows client does where that makes sense.
 *
 * <p>Credentials ({@link Builder#credentials(String, String, char[])}) are used only to prove them
 * over CredSSP: {@link #toString()} shows the account, never the password, and the spec a {@link
 * ProbeResult} keeps has none.
 */
public final class ProbeSpec {
  /** The RDP port. */
  public static final int DEFAULT_PORT = 3389;

  /** What mstsc offers: SSL, HYBRID and HYBRID_EX. */
  public static final SecurityProtocols DEFAULT_PROTOCOLS =
      SecurityProtocols.of(
          SecurityProtocols.SSL, SecurityProtocols.HYBRID, SecurityProtocols.HYBRID_EX);

  private final Target endpoint;
  private final Timeouts timeouts;
  private final ConnectorConfig connector;
  private final String tag;

  private ProbeSpec(Target endpoint, Timeouts timeouts, ConnectorConfig connector, String tag) {
    this.endpoint = endpoint;
    this.timeouts = timeouts;
    this.connector = connector;
    this.tag = tag;
  }

  /** A builder for probing {@code host} (a name or an address literal) on port 3389. */
  public static Builder builder(String host) {
    return new Builder(host);
  }

  /** A builder that starts from this spec. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Where the probe connects. */
  public Target endpoint() {
    return endpoint;
  }

  /** The bounds of every wait. */
  public Timeouts timeouts() {
    return timeouts;
  }

  /** The connector's part of this spec: what the client says and how far it goes. */
  public ConnectorConfig connectorConfig() {
    return connector;
  }

  /** The host as given (without brackets). */
  public String host() {
    return endpoint.host();
  }

  /** The address to use instead of resolving the host, or {@code null}. */
  public InetAddress address() {
    return endpoint.address();
  }

  /**
   * The caller's label for this probe (a scanner's input tag), passed through to the report
   * untouched and never sent; empty when none.
   */
  public String tag() {
    return tag;
  }

  /** The TCP port. */
  public int port() {
    return endpoint.port();
  }

  /** The protocols offered in RDP_NEG_REQ. */
  public SecurityProtocols requestedProtocols() {
    return connector.requestedProtocols();
  }

  /** The RDP_NEG_REQ flags. */
  public NegotiationRequestFlags requestFlags() {
    return connector.requestFlags();
  }

  /** The cookie or routing token of the Connection Request, or {@code null}. */
  public RequestToken token() {
    return connector.token();
  }

  /** The correlation info, or {@code null}. */
  public CorrelationInfo correlationInfo() {
    return connector.correlationInfo();
  }

  /** Bound of the TCP connect. */
  public Duration connectTimeout() {
    return timeouts.connect();
  }

  /** Bound of the server's silence while a PDU is awaited. */
  public Duration idleTimeout() {
    return timeouts.idle();
  }

  /** Bound of the whole probe. */
  public Duration deadline() {
    return timeouts.deadline();
  }

  /** The phase after which the probe stops by choice. */
  public Phase stopAfter() {
    return connector.stopAfter();
  }

  /** What the TLS ClientHello offers. */
  public TlsOffer tlsOffer() {
    return connector.tlsOffer();
  }

  /** Whether the result keeps the TLS session's NSS key-log lines. */
  public boolean keyLog() {
    return connector.keyLog();
  }

  /** The static virtual channels asked for in CS_NET. */
  public List<String> staticChannels() {
    return connector.staticChannels();
  }

  /** Whether UDP multitransport is advertised. */
  public boolean multitransport() {
    return connector.multitransport();
  }

  /** Whether Initiate Multitransport Requests are accepted (S_OK). */
  public boolean acceptMultitransport() {
    return connector.acceptMultitransport();
  }

  /** Whether the UDP probe runs when a multitransport request comes. */
  public boolean udpProbe() {
    return connector.udpProbe();
  }

  /** How long the UDP probe waits for the SYN+ACK. */
  public Duration udpTimeout() {
    return connector.udpTimeout();
  }

  /** The account to prove over CredSSP, or {@code null}. */
  public Credentials credentials() {
    return connector.credentials();
  }

  /** Whether Restricted Admin mode's empty TSCredentials follow an accepted proof. */
  public boolean restrictedAdmin() {
    return connector.restrictedAdmin();
  }

  /** This spec without credentials (itself when it has none). */
  public ProbeSpec withoutCredentials() {
    return credentials() == null ? this : toBuilder().noCredentials().build();
  }

  /** {@code host:port}, with brackets around an IPv6 literal. */
  public String target() {
    return endpoint.text();
  }

  @Override
  public String toString() {
    Credentials credentials = connector.credentials();
    return "ProbeSpec[target="
        + target()
        + ", requestedProtocols="
        + requestedProtocols()
        + (token() == null ? "" : ", token=" + token())
        + ", connectTimeout="
        + connectTimeout()
        + ", idleTimeout="
        + idleTimeout()
        + ", deadline="
        + deadline()
        + ", stopAfter="
        + stopAfter()
        + ", tls="
        + tlsOffer()
        + (keyLog() ? ", keyLog" : "")
        + (multitransport() ? ", multitransport" : "")
        + (acceptMultitransport() ? ", acceptMultitransport" : "")
        + (udpProbe() ? ", udpProbe=" + udpTimeout() : "")
        + (credentials == null ? "" : ", account=" + credentials.account())
        + (restrictedAdmin() ? ", restrictedAdmin" : "")
        + "]";
  }

  /**
   * Builds a {@link ProbeSpec}. Every setter checks its value and names it when it is bad; the
   * connector's settings go to a {@link ConnectorConfig.Builder}.
   */
  public static final class Builder {
    private String host;
    private InetAddress address;
    private int port = DEFAULT_PORT;
    private Duration connectTimeout = Timeouts.DEFAULT.connect();
    private Duration idleTimeout = Timeouts.DEFAULT.idle();
    private Duration deadline = Timeouts.DEFAULT.deadline();
    private String tag = "";
    private final ConnectorConfig.Builder connector;

    private Builder(String host) {
      this.connector = ConnectorConfig.builder().requestedProtocols(DEFAULT_PROTOCOLS);
      host(host);
    }

    private Builder(ProbeSpec spec) {
      this.host = spec.host();
      this.address = spec.address();
      this.port = spec.port();
      this.connectTimeout = spec.connectTimeout();
      this.idleTimeout = spec.idleTimeout();
      this.deadline = spec.deadline();
      this.tag = spec.tag;
      this.connector = spec.connector.toBuilder();
    }

    /**
     * A label for the probe (a scanner's input tag), passed through to the report untouched and
     * never sent; {@code null} or empty for none. At most 256 printable characters.
     */
    public Builder tag(String tag) {
      String t = tag == null ? "" : tag;
      if (t.length() > 256 || t.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
        throw new IllegalArgumentException(
            "tag is longer than 256 characters or has a control character");
      }
      this.tag = t;
      return this;
    }

    /**
     * Proves this account over CredSSP when the server selects HYBRID or HYBRID_EX: an NTLMv2
     * AUTHENTICATE and pubKeyAuth, never the password itself (no TSCredentials). Without
     * credentials the probe stops after the server's NTLM CHALLENGE.
     *
     * @param userName the account name; not empty
     * @param domainName the account's domain, or empty for an account local to the server
     * @param password copied at once; clear your array after this call
     */
    public Builder credentials(String userName, String domainName, char[] password) {
      connector.credentials(Credentials.of(userName, domainName, password));
      return this;
    }

    /**
     * Like {@link #credentials(String, String, char[])}, with the password given by {@code
     * password} when a probe needs it: once per probe, on its event loop, so it must not block; it
     * returns a new array, which the probe overwrites.
     */
    public Builder credentials(String userName, String domainName, Supplier<char[]> password) {
      connector.credentials(Credentials.of(userName, domainName, password));
      return this;
    }

    /** Proves these credentials ({@code null}: none). */
    public Builder credentials(Credentials credentials) {
      connector.credentials(credentials);
      return this;
    }

    /**
     * After the server accepts the credentials, send the TSCredentials of Restricted Admin mode
     * (mstsc /restrictedAdmin): empty user, domain and password, so nothing is delegated, and a
     * server that waits for TSCredentials before MCS goes on to the Demand Active. A Windows server
     * without Restricted Admin mode enabled refuses them. Off by default: then no TSCredentials are
     * sent at all.
     */
    public Builder restrictedAdmin(boolean on) {
      connector.restrictedAdmin(on);
      return this;
    }

    /** No credentials: the probe stops after the server's NTLM CHALLENGE. */
    public Builder noCredentials() {
      connector.credentials(null);
      return this;
    }

    /** Static virtual channels to ask for in CS_NET, e.g. {@code rdpdr}, {@code cliprdr}. */
    public Builder staticChannels(String... names) {
      connector.staticChannels(List.of(names));
      return this;
    }

    /**
     * Whether to advertise UDP multitransport (CS_MULTITRANSPORT and the message channel), so a
     * server that supports it says so (default: off).
     */
    public Builder multitransport(boolean on) {
      connector.multitransport(on);
      return this;
    }

    /**
     * Whether to accept the server's Initiate Multitransport Requests (S_OK) instead of declining
     * them (E_ABORT). A server told S_OK waits for a UDP connection the probe never makes.
     */
    public Builder acceptMultitransport(boolean on) {
      connector.acceptMultitransport(on);
      return this;
    }

    /**
     * Whether to send one RDP-UDP SYN to the server's UDP port when it sends an Initiate
     * Multitransport Request, and record whether a SYN+ACK returns within {@code timeout}. Needs
     * {@link #multitransport(boolean)}.
     */
    public Builder udpProbe(boolean on, Duration timeout) {
      connector.udpProbe(on, timeout);
      return this;
    }

    /**
     * The Standard RDP Security encryption methods the client offers (default: 40-, 56- and 128-bit
     * RC4 and FIPS); a server that selects PROTOCOL_RDP picks one of them or turns the client away.
     */
    public Builder encryptionMethods(EncryptionMethods methods) {
      connector.encryptionMethods(methods);
      return this;
    }

    /** What the TLS ClientHello offers (default: {@link TlsOffer#windowsDefault()}). */
    public Builder tlsOffer(TlsOffer offer) {
      connector.tlsOffer(offer);
      return this;
    }

    /**
     * Whether to keep NSS key-log lines of the TLS session in the result, so that a capture of the
     * probe opens decrypted in Wireshark (default: off).
     */
    public Builder keyLog(boolean on) {
      connector.keyLog(on);
      return this;
    }

    /** The host: a DNS name or an IPv4 or IPv6 literal (without brackets). */
    public Builder host(String host) {
      String h = Target.host(host);
      new Target(h, null, DEFAULT_PORT); // checks the name
      this.host = h;
      return this;
    }

    /**
     * Connects to this address instead of resolving the host (the host is still shown, and used as
     * the TLS server name). {@code null} resolves again.
     */
    public Builder address(InetAddress address) {
      this.address = address;
      return this;
    }

    /** The TCP port, 1 to 65535. */
    public Builder port(int port) {
      new Target("port", null, port); // checks the range
      this.port = port;
      return this;
    }

    /** The protocols offered in RDP_NEG_REQ. */
    public Builder requestedProtocols(SecurityProtocols protocols) {
      connector.requestedProtocols(protocols);
      return this;
    }

    /** The RDP_NEG_REQ flags. */
    public Builder requestFlags(NegotiationRequestFlags flags) {
      connector.requestFlags(flags);
      return this;
    }

    /** Sends {@code Cookie: mstshash=NAME} in the Connection Request ({@code null}: none). */
    public Builder cookie(String name) {
      connector.token(name == null ? null : new RequestToken.Cookie(name));
      return this;
    }

    /** Sends this routing token in the Connection Request ({@code null}: none). */
    public Builder routingToken(String token) {
      connector.token(token == null ? null : RequestToken.RoutingToken.of(token));
      return this;
    }

    /** Sends this correlation info after RDP_NEG_REQ ({@code null}: none). */
    public Builder correlationInfo(CorrelationInfo info) {
      connector.correlationInfo(info);
      return this;
    }

    /** How long the TCP connect may take: positive, at most the deadline. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Timeouts.check(timeout, "connectTimeout");
      return this;
    }

    /** How long the server may stay silent while the probe waits for a PDU: positive. */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = Timeouts.check(timeout, "idleTimeout");
      return this;
    }

    /** How long the whole probe may take: positive. */
    public Builder deadline(Duration deadline) {
      this.deadline = Timeouts.check(deadline, "deadline");
      return this;
    }

    /**
     * The phase after which the probe stops by choice, at most {@link
     * ConnectorConfig#LAST_SUPPORTED_PHASE}.
     */
    public Builder stopAfter(Phase phase) {
      connector.stopAfter(phase);
      return this;
    }

    /**
     * Checks the server's certificate chain against these anchors (a private PKI's CAs, e.g. {@link
     * TrustAnchors#fromPem}) instead of the JDK's trust store.
     */
    public Builder trustAnchors(TrustAnchors anchors) {
      connector.trustAnchors(anchors);
      return this;
    }

    /** The spec. */
    public ProbeSpec build() {
      return new ProbeSpec(
          new Target(host, address, port),
          new Timeouts(connectTimeout, idleTimeout, deadline),
          connector.serverName(host).build(),
          tag);
    }
  }
}
