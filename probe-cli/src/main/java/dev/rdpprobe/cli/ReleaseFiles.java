package dev.rdpprobe.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Writes the files a release ships beside the jar, from the command model: the manual page and the
 * completion scripts. The build runs it ({@code dist/pom.xml}) with the packaged jar.
 */
public final class ReleaseFiles {
  private ReleaseFiles() {}

  /**
   * {@code ReleaseFiles DIR}: writes {@code rdp-probe.1}, {@code rdp-probe.bash} and {@code
   * rdp-probe.fish}.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ReleaseFiles DIR");
    }
    Path dir = Files.createDirectories(Path.of(args[0]));
    CommandLine root = Main.commandLine();
    write(dir.resolve("rdp-probe.1"), ManPage.render(root, BuildInfo.current().version()));
    write(dir.resolve("rdp-probe.bash"), CompletionCommand.bash(root));
    write(dir.resolve("rdp-probe.fish"), CompletionCommand.fish(root));
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
