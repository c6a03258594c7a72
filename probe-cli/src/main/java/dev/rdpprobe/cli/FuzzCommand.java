package dev.rdpprobe.cli;

import dev.rdpprobe.fuzz.CaseFiles;
import dev.rdpprobe.fuzz.FuzzCase;
import dev.rdpprobe.fuzz.ServerFuzzer;
import dev.rdpprobe.trace.Phase;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rdp-probe fuzz HOST[:PORT] --phase P}: mutates the probe's PDU at one phase, case after
 * case, and names each reaction of the server; a health check between cases catches a crash.
 */
@Command(
    name = "fuzz",
    mixinStandardHelpOptions = true,
    description = {
      "Fuzz an RDP server at one phase: the probe goes through the valid steps, mutates its PDU of",
      "that phase, and names how the server reacts; a baseline probe between cases checks that",
      "the server still answers as before. Fuzz only servers you are allowed to."
    })
final class FuzzCommand implements Callable<Integer> {
  @Parameters(arity = "1", paramLabel = "HOST[:PORT]", description = "The server to fuzz.")
  String target;

  @Mixin ProbeOptions options;

  @Option(
      names = "--phase",
      paramLabel = "PHASE",
      description =
          "The phase whose PDU is mutated, e.g. X224_NEGOTIATION, BASIC_SETTINGS,"
              + " SECURE_SETTINGS, LICENSING (default: X224_NEGOTIATION).")
  String phase = "X224_NEGOTIATION";

  @Option(
      names = "--pdu",
      paramLabel = "NAME",
      description =
          "The PDU of the phase to mutate, e.g. 'MCS Attach User Request' (default: the"
              + " phase's first).")
  String pdu = "";

  @Option(names = "--cases", paramLabel = "N", description = "Cases to run (default: 100).")
  int cases = 100;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "The campaign seed (default: 1); case N of seed S is the same on every run.")
  long seed = 1;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Write every case here (case.json, sent.bin, trace.json, and case.pcapng: the"
              + " connection with its TLS secrets), the corpus and the summary; with --reproduce,"
              + " the reproduced case under DIR/reproduced.")
  Path outDir;

  @Option(
      names = "--corpus",
      paramLabel = "DIR",
      description = "Start from and add to this corpus (default: DIR/corpus of --out).")
  Path corpus;

  @Option(
      names = "--rate",
      paramLabel = "R",
      description =
          "Connections per second at most, health checks included (default: 10; 0: no" + " cap).")
  double rate = 10;

  @Option(
      names = "--campaign-deadline",
      paramLabel = "S",
      description = "Stop the campaign after this many seconds (default: 600).")
  long campaignSeconds = 600;

  @Option(
      names = "--keep-going",
      description = "Go on after a suspected crash (default: stop at the first).")
  boolean keepGoing;

  @Option(
      names = "--health-every",
      paramLabel = "N",
      description = "A health check after every N cases (default: 1).")
  int healthEvery = 1;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      description = "Cases in flight at once (default: 1, which pins a crash to one case).")
  int parallel = 1;

  @Option(
      names = "--reproduce",
      paramLabel = "CASE",
      description = "Run one saved case again (its directory or case.json), then a health check.")
  Path reproduce;

  @Option(
      names = {"-v", "--verbose"},
      description = "Print every case, not only new ones.")
  boolean verbose;

  private final PrintStream out;

  FuzzCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() {
    Target t = Target.parse(target);
    CaseFiles.Saved saved = reproduce == null ? null : CaseFiles.read(reproduce);
    Phase p = saved != null ? saved.phase() : phase(phase);
    ServerFuzzer.Spec spec =
        ServerFuzzer.Spec.of(options.builder(t).build(), p, cases, seed)
            .pdu(saved != null ? saved.pdu() : pdu)
            .out(outDir)
            .corpus(corpus)
            .rate(rate)
            .deadline(Duration.ofSeconds(campaignSeconds))
            .keepGoing(keepGoing)
            .healthEvery(healthEvery)
            .parallel(parallel);
    try (ServerFuzzer fuzzer = ServerFuzzer.create(spec)) {
      if (saved != null) {
        return reproduce(fuzzer, saved);
      }
      this.out.println(
          "fuzzing "
              + spec.base().target()
              + " at "
              + p
              + (pdu.isEmpty() ? "" : " (" + pdu + ")")
              + ", "
              + cases
              + " cases, seed "
              + seed);
      ServerFuzzer.Report r =
          fuzzer.run(
              c -> {
                if (verbose || c.interesting() || !c.health().ok()) {
                  this.out.println(c.line());
                  this.out.flush();
                }
              });
      this.out.printf(
          "%d cases in %.1f s (%.1f cases/s); %s%n",
          r.cases().size(), r.millis() / 1000.0, r.casesPerSecond(), r.stoppedBecause());
      this.out.print(r.table().text());
      if (r.suspect() != null) {
        this.out.println(
            "SUSPECTED CRASH after case "
                + r.suspect().number()
                + " ["
                + r.suspect().seedText()
                + "]: "
                + r.suspect().health().detail());
        if (outDir != null) {
          this.out.println(
              "reproduce: rdp-probe fuzz "
                  + target
                  + " --reproduce "
                  + outDir.resolve("cases").resolve(String.format("%06d", r.suspect().number())));
        }
      }
      this.out.flush();
      return r.suspect() == null && r.baseline().connected() ? Main.EXIT_OK : Main.EXIT_FAILED;
    }
  }

  private int reproduce(ServerFuzzer fuzzer, CaseFiles.Saved saved) {
    ServerFuzzer.Reproduction r = fuzzer.reproduce(saved);
    FuzzCase c = r.result();
    out.println("baseline:   " + r.baseline().line());
    out.println("case:       " + c.line());
    out.println("recorded:   " + (saved.reaction().isEmpty() ? "-" : saved.reaction()));
    out.println(
        "bytes:      "
            + (r.seedGivesSameBytes()
                ? "the seeds derive the recorded bytes again; sent as recorded"
                : "sent as recorded (the seeds derive other bytes from today's planned PDU)"));
    out.println("health:     " + (c.health().ok() ? "as at the baseline" : c.health().detail()));
    if (r.written() != null) {
      out.println("written:    " + r.written());
    }
    out.flush();
    return c.health().ok() ? Main.EXIT_OK : Main.EXIT_FAILED;
  }

  private static Phase phase(String text) {
    try {
      return Phase.valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--phase '"
              + text
              + "' is not a phase; one of "
              + java.util.Arrays.toString(Phase.values()));
    }
  }
}
