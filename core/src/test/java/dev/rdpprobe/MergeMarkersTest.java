package dev.rdpprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No file of the repository's sources and documents holds a merge's conflict markers: a merge
 * resolved in haste once left them in ARCHITECTURE.md, which no compiler reads.
 */
class MergeMarkersTest {
  private static final Set<String> KINDS =
      Set.of(".java", ".md", ".sh", ".xml", ".json", ".txt", ".yml", ".properties");

  @Test
  void noSourceOrDocumentHoldsConflictMarkers() throws IOException {
    Path root = Path.of("..");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(Files::isRegularFile)
          .filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/.git/"))
          .filter(f -> !f.toString().contains("/.mvn/"))
          .filter(f -> KINDS.stream().anyMatch(k -> f.getFileName().toString().endsWith(k)))
          .forEach(f -> found.addAll(markers(f)));
    }
    assertEquals(List.of(), found);
  }

  private static List<String> markers(Path file) {
    List<String> out = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (MalformedInputException binary) {
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      // the opening and closing markers (a line of '=' alone is also a Markdown heading's rule)
      if (l.startsWith("<<<<<<< ") || l.startsWith(">>>>>>> ")) {
        out.add(file.normalize() + ":" + (i + 1) + ": " + l);
      }
    }
    return out;
  }
}
