package dev.rdpprobe.cli;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rdp-probe probe HOST[:PORT]...}, the default command. */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    description = "Walk RDP servers through the connection sequence and show how it ends.")
final class ProbeCommand implements Callable<Integer> {
  @Parameters(
      arity = "0..*",
      paramLabel = "HOST[:PORT]",
      description = "Servers to probe; - reads targets from standard input, one per line.")
  List<String> targets = new ArrayList<>();

  @Option(
      names = "-iL",
      paramLabel = "FILE",
      description = "Read targets from FILE, one per line (# starts a comment).")
  Path targetFile;

  @Option(
      names = {"-c", "--concurrency"},
      paramLabel = "N",
      description = "Probe at most N targets at once (default: ${DEFAULT-VALUE}).")
  int concurrency = 8;

  @Option(
      names = "--color",
      paramLabel = "WHEN",
      description =
          "Colour the text output: auto (when stdout is a terminal and NO_COLOR is"
              + " unset), always, never (default: ${DEFAULT-VALUE}).")
  String color = "auto";

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
  public Integer call() throws IOException, InterruptedException {
    if (concurrency < 1 || concurrency > 256) {
      throw new IllegalArgumentException("--concurrency " + concurrency + " is outside 1..256");
    }
    List<ProbeSpec> specs = readTargets().stream().map(this::spec).toList();
    if (specs.isEmpty()) {
      throw new IllegalArgumentException("no target given (HOST[:PORT], -iL FILE or -)");
    }
    boolean colored = useColor();
    AtomicBoolean allOk = new AtomicBoolean(true);
    Progress progress = new Progress(specs.size());
    Semaphore slots = new Semaphore(concurrency);
    List<CompletableFuture<?>> running = new ArrayList<>();
    try (RdpProbe probe = RdpProbe.builder().threads(Math.min(4, concurrency)).build()) {
      for (ProbeSpec spec : specs) {
        slots.acquire();
        running.add(
            probe
                .probe(spec)
                .whenComplete((r, e) -> slots.release())
                .thenAccept(
                    result -> {
                      String rendered =
                          json
                              ? JsonReport.line(result) + System.lineSeparator()
                              : TextReport.render(result, verbose, hex, colored);
                      synchronized (this) {
                        appendKeyLog(result);
                        progress.clear();
                        System.out.print(rendered);
                        System.out.flush();
                        progress.done();
                      }
                      if (!result.reachedStopPoint()) {
                        allOk.set(false);
                      }
                    }));
      }
      CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
    }
    progress.clear();
    return allOk.get() ? Main.EXIT_OK : Main.EXIT_FAILED;
  }

  private boolean useColor() {
    return switch (color) {
      case "always" -> true;
      case "never" -> false;
      case "auto" -> !json && System.console() != null && System.getenv("NO_COLOR") == null;
      default ->
          throw new IllegalArgumentException(
              "--color '" + color + "' is not auto, always or never");
    };
  }

  /** The targets: arguments, then -iL FILE, then standard input for a "-" argument. */
  private List<String> readTargets() throws IOException {
    List<String> out = new ArrayList<>();
    boolean stdin = false;
    for (String t : targets) {
      if (t.equals("-")) {
        stdin = true;
      } else {
        out.add(t);
      }
    }
    if (targetFile != null) {
      if (!Files.isReadable(targetFile)) {
        throw new IllegalArgumentException("cannot read the target file " + targetFile);
      }
      out.addAll(targetLines(Files.readAllLines(targetFile)));
    }
    if (stdin) {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      out.addAll(targetLines(in.lines().toList()));
    }
    return out;
  }

  private static List<String> targetLines(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      int hash = line.indexOf('#');
      String t = (hash >= 0 ? line.substring(0, hash) : line).trim();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /** A one-line count on stderr while many targets run, when stderr looks like a terminal. */
  private static final class Progress {
    private final int total;
    private final boolean on;
    private int done;

    Progress(int total) {
      this.total = total;
      this.on = total > 1 && System.console() != null && System.getenv("TERM") != null;
    }

    void done() {
      done++;
      if (on && done < total) {
        System.err.print("\r" + done + "/" + total + " targets done");
        System.err.flush();
      }
    }

    void clear() {
      if (on) {
        System.err.print("\r\033[K");
        System.err.flush();
      }
    }
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
