package dev.rdpprobe.cli;

import dev.rdpprobe.fuzz.Replay;
import dev.rdpprobe.report.JsonWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rdp-probe replay DOC.json --target HOST[:PORT]}: runs the client of a probe's JSON
 * document again against a live server and shows what the server answers differently.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replay the client of a probe's JSON document (rdp-probe --json) against a live server:",
      "its Connection Request, GCC client data, Client Info and Confirm Active, with fresh",
      "randomness; then the differences of the outcome and of each phase's server answers."
    })
final class ReplayCommand implements Callable<Integer> {
  @Parameters(arity = "1", paramLabel = "DOC.json", description = "A probe's JSON document.")
  Path document;

  @Option(
      names = "--target",
      required = true,
      paramLabel = "HOST[:PORT]",
      description = "The server to replay against.")
  String target;

  @Mixin ProbeOptions options;

  @Option(names = "--json", description = "Print both documents and the diff as JSON.")
  boolean json;

  private final PrintStream out;

  ReplayCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws IOException {
    Map<String, Object> doc = Replay.read(document);
    Replay.Result r = Replay.run(doc, options.builder(Target.parse(target)).build());
    out.print(json ? JsonWriter.write(r.json()) + "\n" : r.text());
    out.flush();
    return r.same() ? Main.EXIT_OK : Main.EXIT_FAILED;
  }
}
