package dev.rdpprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The code map of ARCHITECTURE.md, enforced: every package of the core sits in a layer, and imports
 * only packages of the layers below it. A new package fails this test until it has its place.
 */
class LayeringTest {
  /** The layers, bottom up; packages relative to {@code dev.rdpprobe} ({@code ""} is the root). */
  static final List<List<String>> LAYERS =
      List.of(
          List.of("wire"),
          List.of("wire.x224", "wire.ntlm", "wire.udp"),
          List.of("wire.mcs", "wire.credssp"),
          List.of("wire.gcc", "wire.sec"),
          List.of("wire.license", "wire.multitransport", "wire.share"),
          List.of("wire.slowpath"),
          List.of("trace"),
          List.of("tls"),
          List.of("ntlm", "license"),
          List.of("rdpsec"),
          List.of("facts"),
          List.of("diagnose"),
          List.of("connect"),
          List.of("transport", "capture"),
          List.of("emulate"),
          List.of(""),
          List.of("doctor"),
          List.of("scan"),
          List.of("report"),
          List.of("fuzz"));

  private static final Pattern PACKAGE =
      Pattern.compile("(?m)^package dev\\.rdpprobe(\\.[\\w.]+)?;");
  private static final Pattern IMPORT =
      Pattern.compile("(?m)^import (?:static )?dev\\.rdpprobe((?:\\.[a-z]\\w*)*)\\.[A-Z]");

  static int layer(String pkg) {
    for (int i = 0; i < LAYERS.size(); i++) {
      if (LAYERS.get(i).contains(pkg)) {
        return i;
      }
    }
    return -1;
  }

  /** Every import of every main source file, by the importing package. */
  static Map<String, List<String>> imports(Path sources) {
    Map<String, List<String>> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String text = Files.readString(f);
        Matcher p = PACKAGE.matcher(text);
        if (!p.find()) {
          continue;
        }
        String pkg = p.group(1) == null ? "" : p.group(1).substring(1);
        List<String> list = out.computeIfAbsent(pkg, k -> new ArrayList<>());
        Matcher m = IMPORT.matcher(text);
        while (m.find()) {
          String imported = m.group(1).isEmpty() ? "" : m.group(1).substring(1);
          list.add(f.getFileName() + " imports " + imported);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Test
  void everyPackageImportsOnlyTheLayersBelowIt() {
    Map<String, List<String>> all = imports(Path.of("src/main/java"));
    assertTrue(all.size() > 20, "the sources were found: " + all.keySet());
    List<String> violations = new ArrayList<>();
    all.forEach(
        (pkg, imports) -> {
          int own = layer(pkg);
          if (own < 0) {
            violations.add("package '" + pkg + "' is not in ARCHITECTURE.md's code map");
            return;
          }
          for (String line : imports) {
            String imported = line.substring(line.indexOf(" imports ") + 9);
            int theirs = layer(imported);
            if (!imported.equals(pkg) && (theirs < 0 || theirs >= own)) {
              violations.add("'" + pkg + "': " + line);
            }
          }
        });
    assertEquals(List.of(), violations);
  }

  @Test
  void theMapCatchesAnImportFromAbove() {
    // a wire record that imported the connector would be a violation
    assertTrue(layer("connect") > layer("wire.x224"));
    assertTrue(layer("") > layer("transport"));
    assertEquals(-1, layer("nowhere"));
  }
}
