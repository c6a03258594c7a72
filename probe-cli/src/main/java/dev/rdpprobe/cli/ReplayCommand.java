package dev.rdpprobe.cli;

import dev.rdpprobe.capture.CaptureException;
import dev.rdpprobe.fuzz.Replay;
import dev.rdpprobe.fuzz.ReplaySource;
import dev.rdpprobe.report.JsonWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rdp-probe replay SOURCE --target HOST[:PORT]}: runs the client of a probe's JSON document
 * or of a capture again against a live server and shows what the server answers differently.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replay a client against a live server: the client of a probe's JSON document (rdp-probe",
      "--json), or a captured client (a pcap or pcapng file, told apart by its first bytes): its",
      "Connection Request, its ClientHello as close as Bouncy Castle offers it, and when the",
      "capture's TLS is decrypted (Decryption Secrets Blocks, --key-log) its GCC client data,",
      "Client Info flags (never its credentials) and Confirm Active; with fresh randomness. Then",
      "the differences of the outcome and of each phase's server answers."
    })
final class ReplayCommand implements Callable<Integer> {
  @Parameters(
      arity = "1",
      paramLabel = "SOURCE",
      description = "A probe's JSON document, or a pcap or pcapng capture.")
  Path source;

  @Option(
      names = "--target",
      required = true,
      paramLabel = "HOST[:PORT]",
      description = "The server to replay against.")
  String target;

  @Option(
      names = "--key-log",
      paramLabel = "FILE",
      description =
          "NSS key-log lines (SSLKEYLOGFILE) that open the capture's TLS, besides its Decryption"
              + " Secrets Blocks.")
  Path keyLogFile;

  @Option(
      names = "--flow",
      paramLabel = "N",
      description =
          "The capture's TCP flow to replay, as analyze numbers them (default: the first"
              + " RDP connection).")
  Long flow;

  @Mixin ProbeOptions options;

  @Option(names = "--json", description = "Print both documents and the diff as JSON.")
  boolean json;

  private final PrintStream out;

  ReplayCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(source)) {
      throw new IllegalArgumentException(source + ": no such file");
    }
    ReplaySource s;
    try {
      s = ReplaySource.read(source, AnalyzeCommand.keyLog(keyLogFile), flow);
    } catch (CaptureException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
    Replay.Result r = Replay.run(s, options.builder(Target.parse(target)).build());
    out.print(json ? JsonWriter.write(r.json()) + "\n" : r.text());
    out.flush();
    return r.same() ? Main.EXIT_OK : Main.EXIT_FAILED;
  }
}
