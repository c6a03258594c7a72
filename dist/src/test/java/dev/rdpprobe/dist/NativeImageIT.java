package dev.rdpprobe.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rdpprobe.testing.Peers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The self-contained runtime image: the jlink runtime holds the modules jdeps finds in the jar, and
 * the application image runs without any Java on the PATH.
 */
class NativeImageIT {
  /** The application image, or a skipped (or, with RDP_PROBE_REQUIRE_PEERS=1, failed) test. */
  static Path image() {
    Path image = Dist.nativeDir().resolve("image/rdp-probe");
    if (!Files.isExecutable(image.resolve("bin/rdp-probe"))) {
      String why =
          "no application image in "
              + Dist.nativeDir()
              + (Dist.nativeSkipped()
                  ? " (-Drdpprobe.native.skip=true)"
                  : ": the build skipped it, see its [dist] lines (jpackage and jlink come with"
                      + " openjdk-17-jdk-headless)");
      if (Peers.required() && !Dist.nativeSkipped()) {
        fail(why + " and RDP_PROBE_REQUIRE_PEERS=1");
      }
      Assumptions.abort(why);
    }
    return image;
  }

  @Test
  void theRuntimeHoldsExactlyTheModulesJdepsFindsInTheJar() throws Exception {
    Path image = image();
    Properties release = new Properties();
    try (var in = Files.newInputStream(image.resolve("lib/runtime/release"))) {
      release.load(in);
    }
    Set<String> modules =
        new TreeSet<>(List.of(release.getProperty("MODULES").replace("\"", "").split(" ")));
    Path jdeps = Path.of(System.getProperty("java.home"), "bin", "jdeps");
    Dist.Result r =
        Dist.run(
            image,
            jdeps.toString(),
            "--multi-release",
            "17",
            "--ignore-missing-deps",
            "--print-module-deps",
            Dist.cliJar().toString());
    assertEquals(0, r.exitCode(), r.toString());
    Set<String> needed = new TreeSet<>(List.of(r.out().strip().split(",")));
    assertTrue(modules.containsAll(needed), needed + " not all in " + modules);
    // jlink adds only what those modules require in turn
    for (String m : modules) {
      assertTrue(needed.contains(m) || m.startsWith("java.") || m.startsWith("jdk."), m);
    }
    assertFalse(
        Files.exists(image.resolve("lib/runtime/lib/libawt_xawt.so")),
        "AWT's native libraries are left out");
  }

  @Test
  void theImageRunsOnItsOwnRuntimeWithoutJavaOnThePath() throws Exception {
    Path image = image();
    Path elsewhere = Files.createTempDirectory("rdp-probe-image");
    try {
      Dist.Result r =
          Dist.run(
              List.of(image.resolve("bin/rdp-probe").toString(), "version"),
              elsewhere,
              Map.of("PATH", "/nonexistent", "JAVA_HOME", "/nonexistent"));
      assertEquals(0, r.exitCode(), r.toString());
      assertTrue(r.out().startsWith("rdp-probe " + Dist.version() + " ("), r.toString());
      assertTrue(
          r.out().contains(image.resolve("lib/runtime").toRealPath().toString()),
          "the image's own runtime: " + r);
      Path tarGz = Dist.nativeDir();
      try (var files = Files.list(tarGz)) {
        assertTrue(
            files.anyMatch(
                f ->
                    f.getFileName()
                        .toString()
                        .matches("rdp-probe-" + Dist.version() + "-linux-.*\\.tar\\.gz")),
            "the image is packed");
      }
    } finally {
      deleteTree(elsewhere);
    }
  }

  @Test
  void theImagesRuntimeStartsFromItsClassDataArchive() throws Exception {
    // -Xshare:on makes a JVM that cannot map its archive refuse to start, instead of loading
    // every class one by one without saying so
    Dist.Result r =
        Dist.run(
            List.of(image().resolve("bin/rdp-probe").toString(), "version"),
            image(),
            Map.of("JAVA_TOOL_OPTIONS", "-Xshare:on"));
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().startsWith("rdp-probe " + Dist.version() + " ("), r.toString());
  }

  static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
