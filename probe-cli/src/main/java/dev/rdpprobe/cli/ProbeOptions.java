package dev.rdpprobe.cli;

import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that say how to probe: what to offer, how long to wait, where to stop. */
final class ProbeOptions {
  @Option(
      names = {"-p", "--port"},
      description = "Port for targets without one (default: ${DEFAULT-VALUE}).")
  int port = ProbeSpec.DEFAULT_PORT;

  @Option(
      names = "--protocols",
      paramLabel = "LIST",
      description =
          "Protocols to offer, e.g. ssl|hybrid|hybrid_ex (default: ssl|hybrid|hybrid_ex); rdp"
              + " offers Standard RDP Security only.")
  String protocols;

  @Option(names = "--cookie", paramLabel = "NAME", description = "Send Cookie: mstshash=NAME.")
  String cookie;

  @Option(
      names = "--connect-timeout",
      paramLabel = "MS",
      description = "TCP connect timeout in ms (default: ${DEFAULT-VALUE}).")
  long connectTimeoutMs = 10_000;

  @Option(
      names = "--idle-timeout",
      paramLabel = "MS",
      description = "How long the server may stay silent, in ms (default: ${DEFAULT-VALUE}).")
  long idleTimeoutMs = 10_000;

  @Option(
      names = "--deadline",
      paramLabel = "MS",
      description = "Deadline of one probe in ms (default: ${DEFAULT-VALUE}).")
  long deadlineMs = 30_000;

  @Option(
      names = "--stop-after",
      paramLabel = "PHASE",
      description = "Stop after this phase: ${COMPLETION-CANDIDATES}.")
  Phase stopAfter;

  @Option(
      names = "--tls-versions",
      paramLabel = "LIST",
      split = ",",
      description = "TLS versions to offer: 1.0, 1.1, 1.2, 1.3 (default: 1.2,1.3).")
  List<String> tlsVersions;

  @Option(
      names = "--ciphers",
      paramLabel = "LIST",
      split = ",",
      description =
          "TLS cipher suites to offer, by IANA name (default: a current Windows client's list).")
  List<String> ciphers;

  @Option(names = "--no-sni", description = "Send no server_name in the TLS ClientHello.")
  boolean noSni;

  @Option(
      names = "--multitransport",
      description =
          "Advertise UDP multitransport (CS_MULTITRANSPORT and the message channel) and record the"
              + " server's Initiate Multitransport Requests; they are declined.")
  boolean multitransport;

  @Option(
      names = "--udp-probe",
      paramLabel = "MS",
      arity = "0..1",
      fallbackValue = "2000",
      description =
          "With --multitransport: when the server asks for UDP, send one RDP-UDP SYN to its UDP"
              + " port and wait this long for the SYN+ACK (default when given: ${FALLBACK-VALUE}).")
  Long udpProbeMs;

  @Option(
      names = "--ca-file",
      paramLabel = "FILE",
      description =
          "Judge the server's certificate against the CA certificates in this PEM file (a private"
              + " PKI) instead of Java's trust store.")
  java.nio.file.Path caFile;

  TlsOffer tlsOffer() {
    TlsOffer offer = TlsOffer.windowsDefault();
    if (tlsVersions != null) {
      EnumSet<TlsVersion> versions = EnumSet.noneOf(TlsVersion.class);
      for (String v : tlsVersions) {
        versions.add(TlsVersion.fromName(v));
      }
      List<String> suites = new ArrayList<>();
      for (TlsVersion v : versions) {
        for (String suite : TlsOffer.only(v).cipherSuites()) {
          if (!suites.contains(suite)) {
            suites.add(suite);
          }
        }
      }
      offer = new TlsOffer(versions, suites, true);
    }
    if (ciphers != null) {
      offer = offer.withCipherSuites(ciphers);
    }
    return offer.withSni(!noSni);
  }

  /**
   * A spec for {@code target} with these options.
   *
   * @throws IllegalArgumentException naming a bad value
   */
  ProbeSpec.Builder builder(Target target) {
    ProbeSpec.Builder b =
        ProbeSpec.builder(target.host())
            .port(target.port() < 0 ? port : target.port())
            .connectTimeout(Duration.ofMillis(connectTimeoutMs))
            .idleTimeout(Duration.ofMillis(idleTimeoutMs))
            .deadline(Duration.ofMillis(deadlineMs))
            .cookie(cookie)
            .tlsOffer(tlsOffer())
            .address(target.address())
            .tag(target.tag());
    if (protocols != null) {
      b.requestedProtocols(SecurityProtocols.parse(protocols));
    }
    if (stopAfter != null) {
      b.stopAfter(stopAfter);
    }
    if (udpProbeMs != null && !multitransport) {
      throw new IllegalArgumentException("--udp-probe needs --multitransport");
    }
    b.multitransport(multitransport);
    if (caFile != null) {
      try {
        b.trustAnchors(dev.rdpprobe.tls.TrustAnchors.fromPem(caFile));
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException(
            "--ca-file " + caFile + ": cannot read it (" + e.getMessage() + ")");
      }
    }
    if (udpProbeMs != null) {
      if (udpProbeMs <= 0) {
        throw new IllegalArgumentException("--udp-probe must be a positive number of ms");
      }
      b.udpProbe(true, Duration.ofMillis(udpProbeMs));
    }
    return b;
  }
}
