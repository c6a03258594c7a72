package dev.rdpprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a cold {@code rdp-probe HOST} does not do: link the method-handle machinery that some call
 * sites need at their first use, where plain code does the same. A record's generated {@code
 * equals} links {@code ObjectMethods}, about 8 ms of CPU (the records a probe compares write theirs
 * out); a string concatenation compiled for Java 9 spins method-handle classes, each generated and
 * defined at run time (the project compiles with {@code -XDstringConcat=inline}, and the jar ships
 * Bouncy Castle's Java 8 classes). Read off the JVM's class-loading log of the packaged jar's probe
 * of the emulator, without the class-data archive: about 10 such classes, about 30 with Bouncy
 * Castle's Java 9 classes, about 50 with the records' generated {@code equals} too.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ColdStartIT {
  /** Method-handle classes spun at run time: the first lambda's, Netty's and a few more. */
  private static final int MAX_SPUN = 16;

  @TempDir Path dir;

  @Test
  void aColdProbeLinksNeitherRecordMethodsNorStringConcatenation() throws Exception {
    Path log = dir.resolve("classes.log");
    try (RdpEmulator e = RdpEmulator.start(Scenario.HEALTHY)) {
      CliProcess.Result r =
          CliProcess.exec(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xlog:class+load=info:file=" + log,
                  "-jar",
                  CliProcess.jar().toAbsolutePath().toString(),
                  "127.0.0.1:" + e.port()),
              dir,
              Map.of());
      assertEquals(0, r.exitCode(), r.toString());
    }
    List<String> loaded =
        Files.readAllLines(log).stream()
            .map(l -> l.replaceFirst("^\\[[^]]*]\\[[^]]*]\\[[^]]*] ", ""))
            .map(l -> l.split(" ", 2)[0])
            .toList();
    assertTrue(loaded.contains("dev.rdpprobe.cli.ProbeCommand"), "the log holds the run's classes");
    assertFalse(
        loaded.contains("java.lang.runtime.ObjectMethods"),
        "a record's own equals, hashCode or toString ran on the probe's path");
    List<String> spun =
        loaded.stream().filter(c -> c.startsWith("java.lang.invoke.LambdaForm$MH/")).toList();
    assertTrue(
        spun.size() <= MAX_SPUN,
        spun.size()
            + " method-handle classes spun at run time (string concatenation by invokedynamic?): "
            + spun);
  }
}
