package dev.rdpprobe.cli;

import dev.rdpprobe.capture.ProbePcap;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.fuzz.CaseSeeds;
import dev.rdpprobe.fuzz.ClientFuzzer;
import dev.rdpprobe.report.ServedConnection;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceHeader;
import dev.rdpprobe.wire.share.ErrorInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rdp-probe serve --scenario NAME}: the emulator, for people who test RDP clients. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the built-in RDP server emulator playing one scenario, until interrupted.",
      "Each connection's server-side trace is printed when it ends."
    })
final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--scenario",
      paramLabel = "NAME",
      description = "The scenario to play (default: healthy); see --list.")
  String scenario = "healthy";

  @Option(names = "--port", paramLabel = "P", description = "Port (default: 3389).")
  int port = 3389;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default: 127.0.0.1).")
  String bind = "127.0.0.1";

  @Option(
      names = "--errinfo",
      paramLabel = "CODE",
      description =
          "The ERRINFO code the set-error-info scenario sends, e.g. 0x7 or 0x10A (default: 0x7).")
  String errorInfo;

  @Option(
      names = "--client-idle-timeout",
      paramLabel = "MS",
      description =
          "Close a client that sends nothing for this long (default: 30000; raise it to pause a"
              + " client in a debugger).")
  long clientIdleMs = 30_000;

  @Option(
      names = "--max-connections",
      paramLabel = "N",
      description = "Connections kept at once, in all (default: 256); more are reset at once.")
  int maxConnections = 256;

  @Option(
      names = "--max-connections-per-address",
      paramLabel = "N",
      description = "Connections kept at once from one client address (default: 64).")
  int maxConnectionsPerAddress = 64;

  @Option(
      names = "--pcap",
      paramLabel = "FILE",
      description =
          "Write every connection served, as it happens, to the pcapng FILE, with the emulator's"
              + " TLS secrets (Wireshark opens it decrypted; the emulator's port is written as"
              + " 3389). Connections reset over --max-connections are not in it.")
  java.nio.file.Path pcapFile;

  @Option(
      names = "--pcap-max-mb",
      paramLabel = "MB",
      description =
          "With --pcap: stop writing once the file holds this many MiB; later connections are"
              + " left out and counted (default: ${DEFAULT-VALUE}).")
  long pcapMaxMb = 1024;

  @Option(names = "--list", description = "List the scenarios and what each does.")
  boolean list;

  @Option(
      names = "--fuzz",
      description =
          "Fuzz clients: mutate the emulator's own first PDU of --phase, one mutation per"
              + " connection, and name each client's reaction.")
  boolean fuzz;

  @Option(
      names = "--phase",
      paramLabel = "PHASE",
      description =
          "With --fuzz: the phase, X224_NEGOTIATION to FINALIZATION (default:"
              + " X224_NEGOTIATION).")
  String fuzzPhase = "X224_NEGOTIATION";

  @Option(
      names = "--pdu",
      paramLabel = "NAME",
      description = "With --fuzz: the PDU of the phase to mutate (default: its first).")
  String fuzzPdu = "";

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "With --fuzz: the campaign seed (default: 1); connection N gets case N.")
  long fuzzSeed = 1;

  @Option(
      names = "--case",
      paramLabel = "HEX",
      description =
          "With --fuzz: mutate every connection with this one case seed (a reproduction).")
  String fuzzCase;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "With --fuzz: write each connection's case, transcript and reproducer here.")
  java.nio.file.Path fuzzOut;

  @Option(
      names = "--json",
      description =
          "Print one JSON document per connection when it ends (JSON Lines, \"document\":"
              + " \"served\"), instead of text.")
  boolean json;

  private final PrintStream out;
  private int width;

  ServeCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (list) {
      for (Scenario s : Scenario.values()) {
        out.printf("%-48s %s%n", s.cliName(), s.description());
      }
      return Main.EXIT_OK;
    }
    Scenario s = Scenario.parse(scenario);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 0..65535");
    }
    ErrorInfo code = ErrorInfo.SERVER_DENIED_CONNECTION;
    if (errorInfo != null) {
      try {
        long v = Long.decode(errorInfo.trim());
        if (v < 0 || v > 0xFFFFFFFFL) {
          throw new NumberFormatException();
        }
        code = new ErrorInfo((int) v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--errinfo '" + errorInfo + "' is not a 32-bit code such as 0x7 or 0x10A");
      }
    }
    if (pcapMaxMb < 1 || pcapMaxMb > (1L << 30)) {
      throw new IllegalArgumentException("--pcap-max-mb " + pcapMaxMb + " is outside 1..2^30");
    }
    InetAddress address = InetAddress.getByName(bind);
    width = json ? 0 : Terminal.stdoutWidth();
    CountDownLatch stopped = new CountDownLatch(1);
    RdpEmulator.Builder builder =
        RdpEmulator.builder(s)
            .bindAddress(address)
            .port(port)
            .listener(t -> printTrace(s, t))
            .errorInfo(code)
            .idleTimeout(java.time.Duration.ofMillis(clientIdleMs))
            .maxConnections(maxConnections, maxConnectionsPerAddress);
    if (fuzz) {
      builder = fuzzHook().install(builder);
    }
    try (ProbePcap pcap = pcapFile == null ? null : PcapFile.create(pcapFile, pcapMaxMb << 20)) {
      return serve(s, builder.pcap(pcap), stopped, pcap);
    }
  }

  private int serve(Scenario s, RdpEmulator.Builder builder, CountDownLatch stopped, ProbePcap pcap)
      throws IOException, InterruptedException {
    try (RdpEmulator emulator = builder.start()) {
      (json ? System.err : out)
          .println(
              "rdp-probe emulator playing "
                  + s.cliName()
                  + " ("
                  + s.description()
                  + ") on "
                  + emulator.address().getAddress().getHostAddress()
                  + ":"
                  + emulator.port()
                  + "; Ctrl-C stops it");
      out.flush();
      Interrupts.onInterrupt(stopped::countDown);
      stopped.await();
    }
    if (pcap != null) {
      System.err.println(
          "rdp-probe: "
              + pcap.connections()
              + " connection"
              + (pcap.connections() == 1 ? "" : "s")
              + " written to "
              + pcapFile
              + (pcap.leftOut() > 0
                  ? ", " + pcap.leftOut() + " left out: the file reached --pcap-max-mb"
                  : ""));
    }
    return Interrupts.exitCode(); // Ctrl-C is how it stops
  }

  /** The client campaign: each connection's case printed as it ends. */
  private ClientFuzzer.Hook fuzzHook() {
    Phase phase;
    try {
      phase = Phase.valueOf(fuzzPhase.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--phase '" + fuzzPhase + "' is not a phase");
    }
    Long fixed = fuzzCase == null ? null : CaseSeeds.parse(fuzzCase);
    out.println(
        "fuzzing clients at "
            + phase
            + (fixed == null ? ", seed " + fuzzSeed : ", case " + CaseSeeds.text(fixed))
            + (fuzzOut == null ? "" : ", cases in " + fuzzOut));
    return ClientFuzzer.hook(
        phase,
        fuzzPdu,
        fuzzSeed,
        fixed,
        fuzzOut,
        c -> {
          synchronized (this) {
            out.println(c.line());
            out.flush();
          }
        });
  }

  /** One connection, headed by its client and when it came, as the emulator recorded it. */
  private synchronized void printTrace(Scenario scenario, Trace t) {
    if (json) {
      out.println(new ServedConnection(scenario, t).toJson());
    } else {
      TraceHeader h = t.header();
      out.println(
          "connection from "
              + (h.client().isEmpty() ? "(unknown)" : h.client())
              + " to "
              + (h.server().isEmpty() ? "(unknown)" : h.server())
              + " at "
              + h.startedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
              + " ("
              + scenario.cliName()
              + "):");
      new TextReport(out, false, false, false, width).printTrace(t, h.recordedBy());
    }
    out.flush();
  }
}
