package dev.rdpprobe.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the page {@code --html FILE} asks for. */
final class Html {
  private Html() {}

  /**
   * Writes {@code page} to {@code file} in UTF-8, replacing it.
   *
   * @throws IllegalArgumentException naming the file when it cannot be written (a usage error)
   */
  static void write(Path file, String page) {
    try {
      Files.writeString(file, page, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("--html " + file + ": cannot write it (" + e + ")");
    }
  }
}
