package dev.rdpprobe;

import dev.rdpprobe.connect.ConnectorConfig;
import dev.rdpprobe.connect.Credentials;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.x224.CorrelationInfo;
import dev.rdpprobe.wire.x224.NegotiationRequestFlags;
import dev.rdpprobe.wire.x224.RequestToken;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What to probe and how: immutable, built with {@link #builder(String)}. Setters reject bad values
 * at once, naming them; defaults are what a current Windows client does where that makes sense.
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

  private final String host;
  private final InetAddress address;
  private final int port;
  private final SecurityProtocols requestedProtocols;
  private final NegotiationRequestFlags requestFlags;
  private final RequestToken token;
  private final CorrelationInfo correlationInfo;
  private final Duration connectTimeout;
  private final Duration idleTimeout;
  private final Duration deadline;
  private final Phase stopAfter;
  private final TlsOffer tlsOffer;
  private final boolean keyLog;
  private final List<String> staticChannels;
  private final boolean multitransport;
  private final boolean acceptMultitransport;
  private final boolean udpProbe;
  private final Duration udpTimeout;

  private final Credentials credentials;
  private final boolean restrictedAdmin;

  private ProbeSpec(Builder b) {
    this.credentials = b.credentials;
    this.restrictedAdmin = b.restrictedAdmin;
    this.acceptMultitransport = b.acceptMultitransport;
    this.udpProbe = b.udpProbe;
    this.udpTimeout = b.udpTimeout;
    this.staticChannels = List.copyOf(b.staticChannels);
    this.multitransport = b.multitransport;
    this.tlsOffer = b.tlsOffer;
    this.keyLog = b.keyLog;
    this.host = b.host;
    this.address = b.address;
    this.port = b.port;
    this.requestedProtocols = b.requestedProtocols;
    this.requestFlags = b.requestFlags;
    this.token = b.token;
    this.correlationInfo = b.correlationInfo;
    this.connectTimeout = b.connectTimeout;
    this.idleTimeout = b.idleTimeout;
    this.deadline = b.deadline;
    this.stopAfter = b.stopAfter;
  }

  /** A builder for probing {@code host} (a name or an address literal) on port 3389. */
  public static Builder builder(String host) {
    return new Builder(host);
  }

  /** A builder that starts from this spec. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The host name or address literal as given. */
  public String host() {
    return host;
  }

  /** The address to connect to without resolving {@link #host()}, or {@code null}. */
  public InetAddress address() {
    return address;
  }

  /** The TCP port. */
  public int port() {
    return port;
  }

  /** The protocols offered in RDP_NEG_REQ. */
  public SecurityProtocols requestedProtocols() {
    return requestedProtocols;
  }

  /** The RDP_NEG_REQ flags. */
  public NegotiationRequestFlags requestFlags() {
    return requestFlags;
  }

  /** The cookie or routing token sent in the Connection Request, or {@code null}. */
  public RequestToken token() {
    return token;
  }

  /** The correlation info sent after RDP_NEG_REQ, or {@code null}. */
  public CorrelationInfo correlationInfo() {
    return correlationInfo;
  }

  /** How long the TCP connect may take. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How long the server may stay silent while the probe waits for a PDU. */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** How long the whole probe may take, name resolution included. */
  public Duration deadline() {
    return deadline;
  }

  /** The phase after which the probe stops by choice. */
  public Phase stopAfter() {
    return stopAfter;
  }

  /** What the TLS ClientHello offers: versions, cipher suites, SNI. */
  public TlsOffer tlsOffer() {
    return tlsOffer;
  }

  /** Whether the result carries NSS key-log lines of the TLS session. */
  public boolean keyLog() {
    return keyLog;
  }

  /** The static virtual channels asked for in CS_NET. */
  public List<String> staticChannels() {
    return staticChannels;
  }

  /** Whether the probe advertises UDP multitransport. */
  public boolean multitransport() {
    return multitransport;
  }

  /** Whether the probe answers Initiate Multitransport Requests with S_OK (else E_ABORT). */
  public boolean acceptMultitransport() {
    return acceptMultitransport;
  }

  /** Whether the probe sends an RDP-UDP SYN when the server asks for a UDP transport. */
  public boolean udpProbe() {
    return udpProbe;
  }

  /** How long the probe waits for the RDP-UDP SYN+ACK. */
  public Duration udpTimeout() {
    return udpTimeout;
  }

  /** The account to prove over CredSSP, or {@code null} for none. */
  public Credentials credentials() {
    return credentials;
  }

  /** Whether the probe sends Restricted Admin mode's empty TSCredentials after accepted ones. */
  public boolean restrictedAdmin() {
    return restrictedAdmin;
  }

  /** This spec without credentials (itself when it has none). */
  public ProbeSpec withoutCredentials() {
    return credentials == null ? this : toBuilder().noCredentials().build();
  }

  /** The connector's part of this spec. */
  public ConnectorConfig connectorConfig() {
    return new ConnectorConfig(
        requestedProtocols,
        requestFlags,
        token,
        correlationInfo,
        stopAfter,
        tlsOffer,
        host,
        keyLog,
        staticChannels,
        multitransport,
        acceptMultitransport,
        udpProbe,
        udpTimeout,
        credentials,
        restrictedAdmin);
  }

  /** {@code host:port}, with brackets around an IPv6 literal. */
  public String target() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public String toString() {
    return "ProbeSpec[target="
        + target()
        + ", requestedProtocols="
        + requestedProtocols
        + (token == null ? "" : ", token=" + token)
        + ", connectTimeout="
        + connectTimeout
        + ", idleTimeout="
        + idleTimeout
        + ", deadline="
        + deadline
        + ", stopAfter="
        + stopAfter
        + ", tls="
        + tlsOffer
        + (keyLog ? ", keyLog" : "")
        + (multitransport ? ", multitransport" : "")
        + (acceptMultitransport ? ", acceptMultitransport" : "")
        + (udpProbe ? ", udpProbe=" + udpTimeout : "")
        + (credentials == null ? "" : ", account=" + credentials.account())
        + (restrictedAdmin ? ", restrictedAdmin" : "")
        + "]";
  }

  /** Builds a {@link ProbeSpec}. Every setter checks its value and names it when it is bad. */
  public static final class Builder {
    private String host;
    private InetAddress address;
    private int port = DEFAULT_PORT;
    private SecurityProtocols requestedProtocols = DEFAULT_PROTOCOLS;
    private NegotiationRequestFlags requestFlags = NegotiationRequestFlags.NONE;
    private RequestToken token;
    private CorrelationInfo correlationInfo;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ofSeconds(10);
    private Duration deadline = Duration.ofSeconds(30);
    private Phase stopAfter = ConnectorConfig.DEFAULT_STOP_AFTER;
    private List<String> staticChannels = List.of();
    private boolean multitransport;
    private boolean acceptMultitransport;
    private boolean udpProbe;
    private Duration udpTimeout = ConnectorConfig.DEFAULT_UDP_TIMEOUT;
    private TlsOffer tlsOffer = TlsOffer.windowsDefault();
    private boolean keyLog;
    private Credentials credentials;
    private boolean restrictedAdmin;

    private Builder(String host) {
      host(host);
    }

    private Builder(ProbeSpec spec) {
      this.host = spec.host;
      this.address = spec.address;
      this.port = spec.port;
      this.requestedProtocols = spec.requestedProtocols;
      this.requestFlags = spec.requestFlags;
      this.token = spec.token;
      this.correlationInfo = spec.correlationInfo;
      this.connectTimeout = spec.connectTimeout;
      this.idleTimeout = spec.idleTimeout;
      this.deadline = spec.deadline;
      this.stopAfter = spec.stopAfter;
      this.tlsOffer = spec.tlsOffer;
      this.keyLog = spec.keyLog;
      this.staticChannels = spec.staticChannels;
      this.multitransport = spec.multitransport;
      this.acceptMultitransport = spec.acceptMultitransport;
      this.udpProbe = spec.udpProbe;
      this.udpTimeout = spec.udpTimeout;
      this.credentials = spec.credentials;
      this.restrictedAdmin = spec.restrictedAdmin;
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
      this.credentials = Credentials.of(userName, domainName, password);
      return this;
    }

    /**
     * Like {@link #credentials(String, String, char[])}, with the password given by {@code
     * password} when a probe needs it: once per probe, on its event loop, so it must not block; it
     * returns a new array, which the probe overwrites.
     */
    public Builder credentials(String userName, String domainName, Supplier<char[]> password) {
      this.credentials = Credentials.of(userName, domainName, password);
      return this;
    }

    /** Proves these credentials ({@code null}: none). */
    public Builder credentials(Credentials credentials) {
      this.credentials = credentials;
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
      this.restrictedAdmin = on;
      return this;
    }

    /** No credentials: the probe stops after the server's NTLM CHALLENGE. */
    public Builder noCredentials() {
      this.credentials = null;
      return this;
    }

    /** Static virtual channels to ask for in CS_NET, e.g. {@code rdpdr}, {@code cliprdr}. */
    public Builder staticChannels(String... names) {
      this.staticChannels = List.of(names);
      return this;
    }

    /**
     * Whether to advertise UDP multitransport (CS_MULTITRANSPORT and the message channel), so a
     * server that supports it says so (default: off).
     */
    public Builder multitransport(boolean on) {
      this.multitransport = on;
      return this;
    }

    /**
     * Whether to accept the server's Initiate Multitransport Requests (S_OK) instead of declining
     * them (E_ABORT). A server told S_OK waits for a UDP connection the probe never makes.
     */
    public Builder acceptMultitransport(boolean on) {
      this.acceptMultitransport = on;
      return this;
    }

    /**
     * Whether to send one RDP-UDP SYN to the server's UDP port when it sends an Initiate
     * Multitransport Request, and record whether a SYN+ACK returns within {@code timeout}. Needs
     * {@link #multitransport(boolean)}.
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

    /** What the TLS ClientHello offers (default: {@link TlsOffer#windowsDefault()}). */
    public Builder tlsOffer(TlsOffer offer) {
      this.tlsOffer = Objects.requireNonNull(offer, "tlsOffer");
      return this;
    }

    /**
     * Whether to keep NSS key-log lines of the TLS session in the result, so that a capture of the
     * probe opens decrypted in Wireshark (default: off).
     */
    public Builder keyLog(boolean on) {
      this.keyLog = on;
      return this;
    }

    /** The host: a DNS name or an IPv4 or IPv6 literal (without brackets). */
    public Builder host(String host) {
      Objects.requireNonNull(host, "host");
      String h = host.trim();
      if (h.startsWith("[") && h.endsWith("]")) {
        h = h.substring(1, h.length() - 1);
      }
      if (h.isEmpty()) {
        throw new IllegalArgumentException("host is empty");
      }
      for (int i = 0; i < h.length(); i++) {
        char c = h.charAt(i);
        if (c <= ' ' || c == '/' || c == '@' || c > 0x7E) {
          throw new IllegalArgumentException(
              "host '" + host + "' has an invalid character at index " + i);
        }
      }
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
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is outside 1..65535");
      }
      this.port = port;
      return this;
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

    /** Sends {@code Cookie: mstshash=NAME} in the Connection Request ({@code null}: none). */
    public Builder cookie(String name) {
      this.token = name == null ? null : new RequestToken.Cookie(name);
      return this;
    }

    /** Sends this routing token in the Connection Request ({@code null}: none). */
    public Builder routingToken(String token) {
      this.token = token == null ? null : RequestToken.RoutingToken.of(token);
      return this;
    }

    /** Sends this correlation info after RDP_NEG_REQ ({@code null}: none). */
    public Builder correlationInfo(CorrelationInfo info) {
      this.correlationInfo = info;
      return this;
    }

    /** How long the TCP connect may take: positive, at most the deadline. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** How long the server may stay silent while the probe waits for a PDU: positive. */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positive(timeout, "idleTimeout");
      return this;
    }

    /** How long the whole probe may take: positive. */
    public Builder deadline(Duration deadline) {
      this.deadline = positive(deadline, "deadline");
      return this;
    }

    /**
     * The phase after which the probe stops by choice, at most {@link
     * ConnectorConfig#LAST_SUPPORTED_PHASE}.
     */
    public Builder stopAfter(Phase phase) {
      Objects.requireNonNull(phase, "stopAfter");
      if (phase.isAfter(ConnectorConfig.LAST_SUPPORTED_PHASE)) {
        throw new IllegalArgumentException(
            "stopAfter "
                + phase
                + " is not supported (the probe goes as far as "
                + ConnectorConfig.LAST_SUPPORTED_PHASE
                + ")");
      }
      this.stopAfter = phase;
      return this;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      if (d.compareTo(Duration.ofHours(24)) > 0) {
        throw new IllegalArgumentException(name + " must be at most 24 hours, got " + d);
      }
      return d;
    }

    /** The spec. */
    public ProbeSpec build() {
      if (connectTimeout.compareTo(deadline) > 0) {
        connectTimeout = deadline;
      }
      ProbeSpec spec = new ProbeSpec(this);
      spec.connectorConfig(); // validates the combination
      return spec;
    }
  }
}
