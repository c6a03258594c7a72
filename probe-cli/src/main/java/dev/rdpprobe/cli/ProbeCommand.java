package dev.rdpprobe.cli;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin ProbeOptions options;

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

  private ProbeSpec spec(String text) {
    return options.builder(Target.parse(text)).keyLog(keyLogFile != null).build();
  }
}
