package dev.rdpprobe.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.diagnose.Confidence;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.testing.FaultProxy;
import dev.rdpprobe.testing.XrdpServer;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.trace.CloseKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The diagnosis of faults a proxy of the tests' own puts between the probe and real servers (the
 * emulator, xrdp): a reset right after the server's first TLS flight.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FaultProxyDiagnosisTest {
  private static RdpProbe probe;

  @TempDir Path dir;

  @BeforeAll
  static void startProbe() {
    probe = RdpProbe.create();
  }

  @AfterAll
  static void stopProbe() {
    probe.close();
  }

  static ProbeResult run(int port, TlsOffer offer) {
    return probe
        .probe(
            ProbeSpec.builder("127.0.0.1")
                .port(port)
                .tlsOffer(offer)
                .idleTimeout(Duration.ofSeconds(5))
                .deadline(Duration.ofSeconds(20))
                .build())
        .orTimeout(40, TimeUnit.SECONDS)
        .join();
  }

  /**
   * Under TLS 1.2 the cut comes on our ClientKeyExchange and Finished, before the handshake
   * completes; under TLS 1.3 the server's flight ends with its Finished, and the cut comes on ours.
   */
  private static void assertCut(ProbeResult r, TlsVersion version, String logs) {
    Diagnosis d = r.diagnose();
    assertEquals(CloseKind.PEER_RST, d.closeKind(), d.verdict() + logs);
    Cause top = d.topCause().orElseThrow(() -> new AssertionError(d.verdict()));
    assertEquals(CauseId.TLS_CUT_AFTER_SERVER_FLIGHT, top.id(), d.verdict() + logs);
    assertEquals(
        version == TlsVersion.TLS_1_3 ? Confidence.MEDIUM : Confidence.HIGH, top.confidence());
    String answer = top.evidence().get(top.evidence().size() - 2).description();
    assertTrue(
        answer.startsWith(
            version == TlsVersion.TLS_1_3
                ? "we answered the flight with our ChangeCipherSpec, Finished"
                : "we answered the flight with our ClientKeyExchange, ChangeCipherSpec, Finished"),
        answer);
    assertEquals(0x904, d.clientCode().discReason().value(), d.verdict());
  }

  @ParameterizedTest
  @EnumSource(
      value = TlsVersion.class,
      names = {"TLS_1_2", "TLS_1_3"})
  void theEmulatorBehindAProxyThatResetsAfterItsFirstTlsFlight(TlsVersion version)
      throws Exception {
    try (RdpEmulator e = RdpEmulator.start(Scenario.HEALTHY);
        FaultProxy proxy = FaultProxy.start(e.port(), new FaultProxy.ResetAfterServerTlsFlight())) {
      assertCut(run(proxy.port(), TlsOffer.only(version)), version, "");
      assertEquals(1, proxy.resets());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = TlsVersion.class,
      names = {"TLS_1_2", "TLS_1_3"})
  void xrdpBehindAProxyThatResetsAfterItsFirstTlsFlight(TlsVersion version) throws Exception {
    try (XrdpServer xrdp = XrdpServer.start(dir, new XrdpServer.Config().securityLayer("tls"));
        FaultProxy proxy =
            FaultProxy.start(xrdp.port(), new FaultProxy.ResetAfterServerTlsFlight())) {
      assertCut(run(proxy.port(), TlsOffer.only(version)), version, xrdp.logs());
      assertEquals(1, proxy.resets());
    }
  }
}
