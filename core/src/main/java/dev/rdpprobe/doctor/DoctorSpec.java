package dev.rdpprobe.doctor;

import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.capture.ProbePcap;
import dev.rdpprobe.connect.Credentials;
import java.time.Duration;
import java.util.Objects;

/**
 * What the doctor examines and how gently: the host and port, the settings of the baseline probe
 * (what a user's client offers), how many connections it may hold open at once, how many new
 * connections per second it may open, how long it waits at least between starting two, and how long
 * the whole examination may take. The defaults (4 at once, 20 new per second) are as polite as
 * zgrab2's per-address rate; {@link Builder#gentle()} runs one connection at a time, 200 ms apart.
 * Immutable; built with {@link #builder(String)}, whose setters reject bad values at once, naming
 * them.
 *
 * <pre>{@code
 * DoctorSpec spec = DoctorSpec.builder("rdp.example.com")
 *     .probeSettings(ProbeSpec.builder("ignored").tlsOffer(TlsOffer.only(TlsVersion.TLS_1_2)).build())
 *     .maxConcurrentConnections(4)
 *     .maxNewConnectionsPerSecond(10)
 *     .deadline(Duration.ofMinutes(2))
 *     .build();
 * }</pre>
 */
public final class DoctorSpec {
  /**
   * The default number of connections open at once: enough to run the protocols, TLS versions and
   * cipher families side by side, few enough for one host. Not more: with 6 or 8 at once, one to
   * three of a local xrdp's connections took a second longer (the time of a TCP retry); with 4,
   * none did.
   */
  public static final int DEFAULT_MAX_CONCURRENT_CONNECTIONS = 4;

  /**
   * The default number of new connections per second to the host, at most: as polite as zgrab2's
   * default per-address rate.
   */
  public static final int DEFAULT_MAX_NEW_CONNECTIONS_PER_SECOND = 20;

  /** The most new connections per second the doctor ever opens to one host. */
  public static final int MAX_NEW_CONNECTIONS_PER_SECOND = 1000;

  /** The pause between two connection starts of a gentle examination ({@link Builder#gentle()}). */
  public static final Duration GENTLE_DELAY_BETWEEN_CONNECTIONS = Duration.ofMillis(200);

  /** The most connections the doctor ever holds open at once. */
  public static final int MAX_CONCURRENT_CONNECTIONS = 16;

  /**
   * The default pause between two connection starts: none, {@link
   * #DEFAULT_MAX_NEW_CONNECTIONS_PER_SECOND} bounds the rate.
   */
  public static final Duration DEFAULT_DELAY_BETWEEN_CONNECTIONS = Duration.ZERO;

  /** The longest pause between two connection starts. */
  public static final Duration MAX_DELAY_BETWEEN_CONNECTIONS = Duration.ofSeconds(60);

  /** The default bound of the whole examination. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(2);

  /** The longest an examination may be allowed to take. */
  public static final Duration MAX_DEADLINE = Duration.ofHours(1);

  private final ProbeSpec baseline;
  private final Credentials credentials;
  private final int maxConcurrentConnections;
  private final int maxNewConnectionsPerSecond;
  private final Duration delayBetweenConnections;
  private final Duration deadline;

  private DoctorSpec(Builder b) {
    // credentials for the first baseline probe only: a dozen follow-ups proving a password could
    // lock the account out
    ProbeSpec.Builder settings = b.settings.toBuilder();
    if (b.pcap != null) {
      settings.pcap(b.pcap);
    }
    this.baseline = settings.host(b.host).port(b.port).address(null).noCredentials().build();
    this.credentials = b.settings.credentials();
    this.maxConcurrentConnections = b.maxConcurrentConnections;
    this.maxNewConnectionsPerSecond = b.maxNewConnectionsPerSecond;
    this.delayBetweenConnections = b.delayBetweenConnections;
    this.deadline = b.deadline;
  }

  /** A builder for examining {@code host} (a name or an address literal) on port 3389. */
  public static Builder builder(String host) {
    return new Builder(host);
  }

  /** A builder that starts from this spec. */
  public Builder toBuilder() {
    return new Builder(host())
        .port(port())
        .probeSettings(baselineProbe())
        .maxConcurrentConnections(maxConcurrentConnections)
        .maxNewConnectionsPerSecond(maxNewConnectionsPerSecond)
        .delayBetweenConnections(delayBetweenConnections)
        .deadline(deadline);
  }

  /** The host as given (without brackets). */
  public String host() {
    return baseline.host();
  }

  /** The TCP port. */
  public int port() {
    return baseline.port();
  }

  /**
   * The baseline probe's spec: the probe settings with this host and port, and no pinned address
   * (the doctor pins one per resolved address). The follow-ups are variations of it.
   */
  public ProbeSpec baseline() {
    return baseline;
  }

  /**
   * The first baseline probe: {@link #baseline()} with the probe settings' credentials, if any. It
   * is the only probe of the examination that proves them, once.
   */
  public ProbeSpec baselineProbe() {
    return credentials == null ? baseline : baseline.toBuilder().credentials(credentials).build();
  }

  /** How many connections the doctor holds open at once, at most. */
  public int maxConcurrentConnections() {
    return maxConcurrentConnections;
  }

  /** The least time between starting two connections. */
  public Duration delayBetweenConnections() {
    return delayBetweenConnections;
  }

  /** How many connections the doctor starts in any one-second window, at most. */
  public int maxNewConnectionsPerSecond() {
    return maxNewConnectionsPerSecond;
  }

  /**
   * The bound of the whole examination, name resolution included: no probe starts after it, and
   * each probe's own deadline is cut to what is left of it.
   */
  public Duration deadline() {
    return deadline;
  }

  /**
   * The pcapng file every connection of the examination is written to, each when it ends, or {@code
   * null} (default).
   */
  public ProbePcap pcap() {
    return baseline.pcap();
  }

  /** {@code host:port}, with brackets around an IPv6 literal. */
  public String target() {
    return baseline.target();
  }

  @Override
  public String toString() {
    return "DoctorSpec[baseline="
        + baselineProbe()
        + ", maxConcurrentConnections="
        + maxConcurrentConnections
        + ", maxNewConnectionsPerSecond="
        + maxNewConnectionsPerSecond
        + ", delayBetweenConnections="
        + delayBetweenConnections
        + ", deadline="
        + deadline
        + "]";
  }

  /** Builds a {@link DoctorSpec}. Every setter checks its value and names it when it is bad. */
  public static final class Builder {
    private String host;
    private int port = ProbeSpec.DEFAULT_PORT;
    private ProbeSpec settings;
    private int maxConcurrentConnections = DEFAULT_MAX_CONCURRENT_CONNECTIONS;
    private int maxNewConnectionsPerSecond = DEFAULT_MAX_NEW_CONNECTIONS_PER_SECOND;
    private Duration delayBetweenConnections = DEFAULT_DELAY_BETWEEN_CONNECTIONS;
    private Duration deadline = DEFAULT_DEADLINE;
    private ProbePcap pcap;

    private Builder(String host) {
      host(host);
    }

    /** The host: a DNS name or an IPv4 or IPv6 literal (brackets allowed). */
    public Builder host(String host) {
      // ProbeSpec's builder checks the host and names what is wrong
      ProbeSpec checked = ProbeSpec.builder(host).build();
      this.host = checked.host();
      if (settings == null) {
        settings = checked;
      }
      return this;
    }

    /** The TCP port, 1 to 65535 (default 3389). */
    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is outside 1..65535");
      }
      this.port = port;
      return this;
    }

    /**
     * The baseline probe's settings: offered protocols and flags, cookie, TLS offer, timeouts, stop
     * point, key log, and the credentials. Its host, port and address are ignored: the doctor's own
     * apply. Its credentials are proved by the first baseline probe only ({@link
     * DoctorSpec#baselineProbe()}), never by a follow-up, which many probes could lock out
     * (default: a {@link ProbeSpec} with every default, which offers what a current Windows client
     * offers).
     */
    public Builder probeSettings(ProbeSpec settings) {
      this.settings = Objects.requireNonNull(settings, "probeSettings");
      return this;
    }

    /**
     * How many connections may be open at once, 1 to {@value DoctorSpec#MAX_CONCURRENT_CONNECTIONS}
     * (default {@value DoctorSpec#DEFAULT_MAX_CONCURRENT_CONNECTIONS}); 1 runs every probe one
     * after another.
     */
    public Builder maxConcurrentConnections(int n) {
      if (n < 1 || n > MAX_CONCURRENT_CONNECTIONS) {
        throw new IllegalArgumentException(
            "maxConcurrentConnections " + n + " is outside 1.." + MAX_CONCURRENT_CONNECTIONS);
      }
      this.maxConcurrentConnections = n;
      return this;
    }

    /**
     * How many new connections per second may be opened to the host, 1 to {@value
     * DoctorSpec#MAX_NEW_CONNECTIONS_PER_SECOND} (default {@value
     * DoctorSpec#DEFAULT_MAX_NEW_CONNECTIONS_PER_SECOND}): at most {@code n} connection starts in
     * any one-second window, so a short examination may start its first {@code n} at once (within
     * {@link #maxConcurrentConnections(int)}).
     */
    public Builder maxNewConnectionsPerSecond(int n) {
      if (n < 1 || n > MAX_NEW_CONNECTIONS_PER_SECOND) {
        throw new IllegalArgumentException(
            "maxNewConnectionsPerSecond " + n + " is outside 1.." + MAX_NEW_CONNECTIONS_PER_SECOND);
      }
      this.maxNewConnectionsPerSecond = n;
      return this;
    }

    /**
     * One connection at a time, {@link DoctorSpec#GENTLE_DELAY_BETWEEN_CONNECTIONS} between two
     * starts: for a fragile server that a burst of connections could upset.
     */
    public Builder gentle() {
      return maxConcurrentConnections(1).delayBetweenConnections(GENTLE_DELAY_BETWEEN_CONNECTIONS);
    }

    /**
     * The least time between starting two connections, zero to 60 s (default zero: the rate alone
     * bounds the starts), for a server that a quick succession of connections upsets.
     */
    public Builder delayBetweenConnections(Duration delay) {
      Objects.requireNonNull(delay, "delayBetweenConnections");
      if (delay.isNegative() || delay.compareTo(MAX_DELAY_BETWEEN_CONNECTIONS) > 0) {
        throw new IllegalArgumentException(
            "delayBetweenConnections must be 0 to 60 s, got " + delay.toMillis() + " ms");
      }
      this.delayBetweenConnections = delay;
      return this;
    }

    /** The bound of the whole examination: positive, at most 1 hour (default 2 minutes). */
    public Builder deadline(Duration deadline) {
      Objects.requireNonNull(deadline, "deadline");
      if (deadline.isNegative() || deadline.isZero()) {
        throw new IllegalArgumentException(
            "deadline must be positive, got " + deadline.toMillis() + " ms");
      }
      if (deadline.compareTo(MAX_DEADLINE) > 0) {
        throw new IllegalArgumentException(
            "deadline must be at most 1 hour, got " + deadline.toMillis() + " ms");
      }
      this.deadline = deadline;
      return this;
    }

    /**
     * Writes every connection of the examination, the baseline and each follow-up, to {@code pcap},
     * each as its own TCP flow when it ends, with its TLS secrets ({@link ProbeSpec.Builder#pcap});
     * {@code null} leaves the probe settings' own (default: none).
     */
    public Builder pcap(ProbePcap pcap) {
      this.pcap = pcap;
      return this;
    }

    /** The spec. */
    public DoctorSpec build() {
      return new DoctorSpec(this);
    }
  }
}
