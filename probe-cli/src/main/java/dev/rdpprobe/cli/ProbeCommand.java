package dev.rdpprobe.cli;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rdp-probe probe HOST[:PORT]...}, the default command. */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    description = "Walk RDP servers through the connection sequence and show how it ends.")
final class ProbeCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "HOST[:PORT]", description = "Servers to probe.")
  List<String> targets;

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
      names = "--key-log",
      paramLabel = "FILE",
      description =
          "Append the TLS session's NSS key-log lines to FILE (for Wireshark; they are secrets).")
  Path keyLogFile;

  @Option(
      names = {"-v", "--verbose"},
      description = "Show every field of each PDU and the whole TLS ClientHello.")
  boolean verbose;

  @Option(
      names = {"-x", "--hex"},
      description = "Show a hex dump of each PDU.")
  boolean hex;

  @Option(
      names = "--json",
      description = "Print one JSON document per target (JSON Lines), instead of text.")
  boolean json;

  @Override
  public Integer call() {
    List<ProbeSpec> specs = targets.stream().map(this::spec).toList();
    boolean allOk = true;
    TextReport report = new TextReport(System.out, verbose, hex);
    try (RdpProbe probe = RdpProbe.create()) {
      for (ProbeSpec spec : specs) {
        ProbeResult result = probe.probe(spec).join();
        appendKeyLog(result);
        if (json) {
          System.out.println(JsonReport.line(result));
        } else {
          report.print(result);
        }
        allOk &= result.reachedStopPoint();
      }
    }
    return allOk ? Main.EXIT_OK : Main.EXIT_FAILED;
  }

  private void appendKeyLog(ProbeResult result) {
    if (keyLogFile == null || result.keyLog().isEmpty()) {
      return;
    }
    try {
      Files.write(
          keyLogFile,
          result.keyLog(),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the key log " + keyLogFile, e);
    }
  }

  private TlsOffer tlsOffer() {
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

  private ProbeSpec spec(String text) {
    Target t = Target.parse(text);
    ProbeSpec.Builder b =
        ProbeSpec.builder(t.host())
            .port(t.port() < 0 ? port : t.port())
            .connectTimeout(Duration.ofMillis(connectTimeoutMs))
            .idleTimeout(Duration.ofMillis(idleTimeoutMs))
            .deadline(Duration.ofMillis(deadlineMs))
            .cookie(cookie)
            .tlsOffer(tlsOffer())
            .keyLog(keyLogFile != null);
    if (protocols != null) {
      b.requestedProtocols(SecurityProtocols.parse(protocols));
    }
    if (stopAfter != null) {
      b.stopAfter(stopAfter);
    }
    return b.build();
  }
}
