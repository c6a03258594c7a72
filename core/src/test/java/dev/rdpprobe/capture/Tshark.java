package dev.rdpprobe.capture;

import static org.junit.jupiter.api.Assertions.fail;

import dev.rdpprobe.testing.Peers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** tshark as the oracle of what a capture file holds. */
final class Tshark {
  private Tshark() {}

  /** tshark's output lines for {@code -r file} and {@code args}. */
  static List<String> run(Path file, String... args) throws IOException, InterruptedException {
    Path tshark = Peers.require("tshark", "tshark");
    List<String> command = new ArrayList<>(List.of(tshark.toString(), "-r", file.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(file.getParent(), "tshark", ".out");
    Path err = Files.createTempFile(file.getParent(), "tshark", ".err");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("tshark did not finish in 60 s");
    }
    return Files.readAllLines(out);
  }

  /**
   * The values of {@code fields} per packet, tab-separated, for the packets {@code filter} keeps.
   */
  static List<String> fields(Path file, String filter, String... fields)
      throws IOException, InterruptedException {
    return decodedAs(file, filter, null, fields);
  }

  /**
   * {@link #fields(Path, String, String...)} with a "decode as" rule ({@code tcp.port==P,tpkt}), or
   * none when {@code decodeAs} is null.
   */
  static List<String> decodedAs(Path file, String filter, String decodeAs, String... fields)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>();
    if (decodeAs != null) {
      args.addAll(List.of("-d", decodeAs));
    }
    args.addAll(List.of("-T", "fields", "-E", "separator=/t"));
    if (!filter.isEmpty()) {
      args.addAll(List.of("-Y", filter));
    }
    for (String f : fields) {
      args.addAll(List.of("-e", f));
    }
    return run(file, args.toArray(String[]::new));
  }

  /** Runs editcap (of the tshark package) with {@code args}; fails with its output if it fails. */
  static void editcap(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Peers.require("editcap", "tshark").toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      fail("editcap " + String.join(" ", args) + " failed: " + out);
    }
  }
}
