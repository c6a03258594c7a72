package dev.rdpprobe.tls;

import dev.rdpprobe.wire.Octets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads and writes the hex files under {@code testdata/tls/}. */
final class TlsTestData {
  private TlsTestData() {}

  /** The repository's {@code testdata/}; surefire runs in {@code core/}. */
  static final Path TESTDATA = Path.of("..", "testdata");

  /** The bytes of {@code testdata/<relative>}: {@code #} lines are comments, the rest hex pairs. */
  static byte[] load(String relative) {
    Path path = TESTDATA.resolve(relative);
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read test data " + path.toAbsolutePath(), e);
    }
    StringBuilder hex = new StringBuilder();
    for (String line : lines) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        hex.append(l).append(' ');
      }
    }
    return Octets.fromHex(hex).toByteArray();
  }

  /** Writes {@code bytes} as 16 hex pairs per line after the comment lines. */
  static void write(String relative, List<String> comments, byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (String c : comments) {
      out.append("# ").append(c).append('\n');
    }
    for (int i = 0; i < bytes.length; i++) {
      out.append(String.format("%02x", bytes[i] & 0xFF));
      out.append(i % 16 == 15 || i == bytes.length - 1 ? "\n" : " ");
    }
    Path path = TESTDATA.resolve(relative);
    try {
      Files.createDirectories(path.getParent());
      Files.writeString(path, out, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
