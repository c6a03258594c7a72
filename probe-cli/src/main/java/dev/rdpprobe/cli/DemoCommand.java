package dev.rdpprobe.cli;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.report.ProbeReport;
import dev.rdpprobe.trace.CloseKind;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rdp-probe demo}: probes the built-in emulator playing a healthy server and the classic
 * failures, and explains each, so the tool shows what it does with no RDP server around.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Probe the built-in emulator playing a healthy server and classic failures (among them the"
          + " reset a Windows client shows as error 0x904, extended 0x7), and explain each."
    })
final class DemoCommand implements Callable<Integer> {
  /** The scenarios shown, in order: healthy first, then failures from the wire up. */
  static final List<Scenario> SCENARIOS =
      List.of(
          Scenario.HEALTHY,
          Scenario.NOT_LISTENING,
          Scenario.RST_AFTER_CONNECTION_REQUEST,
          Scenario.NEG_FAILURE_HYBRID_REQUIRED_BY_SERVER,
          Scenario.TLS_RST_AFTER_CLIENT_HELLO,
          Scenario.TLS_ALERT_PROTOCOL_VERSION,
          Scenario.CERT_EXPIRED,
          Scenario.SET_ERROR_INFO_DENIED,
          Scenario.ACCEPT_THEN_SILENCE);

  @Option(
      names = {"-v", "--verbose"},
      description = "Show every field of each PDU.")
  boolean verbose;

  @Option(names = "--json", description = "Print one JSON document per scenario instead.")
  boolean json;

  private final PrintStream out;

  DemoCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws IOException {
    int width = json ? 0 : Terminal.stdoutWidth();
    try (Progress progress = Progress.of("scenarios", SCENARIOS.size(), out);
        RdpProbe probe = RdpProbe.builder().listener(progress).build()) {
      Interrupts.onInterrupt(() -> probe.cancelAll(Interrupts.why()));
      for (Scenario s : SCENARIOS) {
        if (Interrupts.interrupted()) {
          break;
        }
        try (RdpEmulator emulator = RdpEmulator.start(s)) {
          ProbeResult r =
              probe
                  .probe(
                      ProbeSpec.builder("localhost")
                          .port(emulator.port())
                          .idleTimeout(Duration.ofSeconds(2))
                          .deadline(Duration.ofSeconds(15))
                          .build())
                  .join();
          ProbeReport report = ProbeReport.of(r).withScenario(s);
          progress.print(
              json
                  ? report.toJson() + System.lineSeparator()
                  : "=== emulator scenario "
                      + s.cliName()
                      + ": "
                      + s.description()
                      + System.lineSeparator()
                      + TextReport.render(report, verbose, false, false, width)
                      + System.lineSeparator());
        }
      }
      progress.printSummary();
      if (Interrupts.interrupted()) {
        System.err.println(
            "rdp-probe: interrupted: "
                + (progress.done() - progress.count(CloseKind.CANCELLED))
                + " of "
                + SCENARIOS.size()
                + " scenarios done");
        return Interrupts.exitCode();
      }
    }
    return Main.EXIT_OK;
  }
}
