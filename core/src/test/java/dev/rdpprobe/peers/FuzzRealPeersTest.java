package dev.rdpprobe.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.fuzz.FuzzCase;
import dev.rdpprobe.fuzz.Reaction;
import dev.rdpprobe.fuzz.ServerFuzzer;
import dev.rdpprobe.testing.ShadowServer;
import dev.rdpprobe.testing.XrdpServer;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * xrdp and FreeRDP's shadow server fuzzed at X.224, MCS Connect Initial, Client Info and licensing
 * with a few cases each: every case ends classified, and the campaign's folder (with any suspected
 * crash) is kept under {@code target/fuzz-peers/} for the record.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class FuzzRealPeersTest {
  /** Cases per phase: a smoke campaign, bounded in time on a shared machine. */
  static final int CASES = 12;

  static final List<Phase> PHASES =
      List.of(Phase.X224_NEGOTIATION, Phase.BASIC_SETTINGS, Phase.SECURE_SETTINGS, Phase.LICENSING);

  @TempDir Path dir;

  @Test
  void xrdpReactionsAreAllClassified() throws Exception {
    try (XrdpServer xrdp =
        XrdpServer.start(dir, new XrdpServer.Config().securityLayer("negotiate"))) {
      campaign("xrdp", xrdp.port(), xrdp::logs);
    }
  }

  @Test
  void shadowServerReactionsAreAllClassified() throws Exception {
    try (ShadowServer shadow = ShadowServer.start(dir, "tls", "rdpprobe", "rdpprobe-Pass1")) {
      campaign("shadow", shadow.port(), shadow::logs);
    }
  }

  private static void campaign(String peer, int port, java.util.function.Supplier<String> logs)
      throws Exception {
    ProbeSpec base =
        ProbeSpec.builder("127.0.0.1")
            .port(port)
            .requestedProtocols(SecurityProtocols.SSL)
            .connectTimeout(Duration.ofSeconds(2))
            .idleTimeout(Duration.ofSeconds(2))
            .deadline(Duration.ofSeconds(15))
            .build();
    for (Phase phase : PHASES) {
      Path out = Path.of("target", "fuzz-peers", peer, phase.name());
      deleteTree(out); // a corpus left by an earlier run would change the cases
      try (ServerFuzzer f =
          ServerFuzzer.create(
              ServerFuzzer.Spec.of(base, phase, CASES, 14).out(out).rate(20).keepGoing(true))) {
        ServerFuzzer.Report r = f.run(c -> {});
        String record =
            peer + " at " + phase + ":\n" + Files.readString(out.resolve("summary.txt"));
        System.out.println(record);
        assertEquals(CASES, r.cases().size(), record + logs.get());
        assertNotEquals(CloseKind.CONNECT_REFUSED, r.baseline().close(), record + logs.get());
        for (FuzzCase c : r.cases()) {
          assertNotEquals(Reaction.Kind.LOCAL, c.reaction().kind(), c.line());
          if (phase == Phase.LICENSING && c.mutation() == null) {
            // a server that licenses with STATUS_VALID_CLIENT leaves the client nothing to send
            assertEquals(Reaction.Kind.NOT_REACHED, c.reaction().kind(), c.line());
          } else {
            assertTrue(c.mutation() != null, c.line());
          }
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
