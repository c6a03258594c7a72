package dev.rdpprobe.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.trace.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A stream of targets probed on Flink's in-process MiniCluster against emulators playing a healthy
 * server and failures; every target gives one document, and each says what its emulator did.
 */
class RdpProbeFunctionTest {
  @RegisterExtension
  static final MiniClusterExtension CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  /** Each emulator's scenario and the close kind a probe to the TLS handshake's end records. */
  private static final Map<Scenario, String> EXPECTED =
      Map.of(
          Scenario.HEALTHY, "STOP_POINT_REACHED",
          Scenario.RST_AFTER_ACCEPT, "PEER_RST",
          Scenario.NEG_FAILURE_HYBRID_REQUIRED_BY_SERVER, "REFUSED_BY_SERVER",
          Scenario.TLS_ALERT_HANDSHAKE_FAILURE, "TLS_ALERT",
          Scenario.NOT_LISTENING, "CONNECT_REFUSED");

  private static final List<RdpEmulator> EMULATORS = new ArrayList<>();
  private static final Map<Integer, String> EXPECTED_BY_PORT = new HashMap<>();

  @BeforeAll
  static void startEmulators() throws Exception {
    for (Map.Entry<Scenario, String> e : EXPECTED.entrySet()) {
      RdpEmulator emulator = RdpEmulator.start(e.getKey());
      EMULATORS.add(emulator);
      EXPECTED_BY_PORT.put(emulator.port(), e.getValue());
    }
  }

  @AfterAll
  static void stopEmulators() {
    EMULATORS.forEach(RdpEmulator::close);
  }

  private static final Pattern PORT =
      Pattern.compile("\"target\":\\{\"host\":\"127\\.0\\.0\\.1\",\"port\":(\\d+)\\}");
  private static final Pattern KIND = Pattern.compile("\"close\":\\{\"kind\":\"([A-Z_]+)\"");

  @Test
  void aStreamOfTargetsBecomesOneProbeDocumentEachOnTheMiniCluster() throws Exception {
    List<String> targets = new ArrayList<>();
    for (int round = 0; round < 8; round++) {
      for (int port : EXPECTED_BY_PORT.keySet()) {
        targets.add("127.0.0.1:" + port);
      }
    }
    targets.add("127.0.0.1:99999"); // not a target: counted, no document
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    RdpProbeFunction function =
        RdpProbeFunction.builder()
            .specs(
                t ->
                    HostPort.builder(t)
                        .stopAfter(Phase.TLS_HANDSHAKE)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build())
            .deadline(Duration.ofSeconds(15))
            .build();
    DataStream<String> documents = RdpProbeFunction.probe(env.fromData(targets), function, 16);
    List<String> out = documents.executeAndCollect(targets.size());

    assertEquals(targets.size() - 1, out.size(), String.join("\n", out));
    Map<Integer, Integer> perPort = new HashMap<>();
    for (String doc : out) {
      assertTrue(doc.startsWith("{\"document\":\"probe\","), doc);
      Matcher port = PORT.matcher(doc);
      assertTrue(port.find(), doc);
      Matcher kind = KIND.matcher(doc);
      assertTrue(kind.find(), doc);
      int p = Integer.parseInt(port.group(1));
      assertEquals(EXPECTED_BY_PORT.get(p), kind.group(1), doc);
      perPort.merge(p, 1, Integer::sum);
      assertTrue(doc.contains("\"diagnosis\":{"), doc);
    }
    for (int p : EXPECTED_BY_PORT.keySet()) {
      assertEquals(8, perPort.get(p), "documents for port " + p);
    }
  }

  @Test
  void aSpecIsHeldToTheFunctionsDeadlineAndFlinksTimeoutLeavesItRoom() {
    RdpProbeFunction f = RdpProbeFunction.builder().deadline(Duration.ofSeconds(3)).build();
    assertEquals(Duration.ofSeconds(8), f.flinkTimeout());
    ProbeSpec longer = f.bounded(HostPort.builder("[::1]:3390").build()); // 30 s, connect 10 s
    assertEquals(Duration.ofSeconds(3), longer.deadline());
    assertEquals(Duration.ofSeconds(3), longer.connectTimeout());
    assertEquals(3390, longer.port());
    assertEquals("::1", longer.host());
    ProbeSpec shorter = HostPort.builder("h").deadline(Duration.ofSeconds(2)).build();
    assertSame(shorter, f.bounded(shorter));
    assertEquals(3389, shorter.port());
    for (String bad : new String[] {"h:0", "h:x", "[::1", "[::1]x"}) {
      assertThrows(IllegalArgumentException.class, () -> HostPort.builder(bad).build(), bad);
    }
  }
}
