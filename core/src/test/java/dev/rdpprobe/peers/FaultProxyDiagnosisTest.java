package dev.rdpprobe.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.diagnose.Confidence;
import dev.rdpprobe.diagnose.Diagnoser;
import dev.rdpprobe.diagnose.DiagnoserOptions;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.diagnose.Remedy;
import dev.rdpprobe.doctor.Doctor;
import dev.rdpprobe.doctor.DoctorReport;
import dev.rdpprobe.doctor.DoctorSpec;
import dev.rdpprobe.doctor.Finding;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.facts.TimingFacts;
import dev.rdpprobe.testing.FaultProxy;
import dev.rdpprobe.testing.PacketCapture;
import dev.rdpprobe.testing.SharedProbe;
import dev.rdpprobe.testing.WireTimes;
import dev.rdpprobe.testing.XrdpServer;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.trace.CloseKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The diagnosis of faults a proxy of the tests' own puts between the probe and real servers (the
 * emulator, xrdp): a reset right after the server's first TLS flight, and every answer of the
 * server held back (timed on the wire, warned of against a client's wait for activation, scaled
 * down: 300 ms per answer against a 1 s wait).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FaultProxyDiagnosisTest {
  private static final RdpProbe probe = SharedProbe.get();

  @TempDir Path dir;

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
        version == TlsVersion.TLS_1_3 ? Confidence.LOW : Confidence.HIGH, top.confidence());
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

  // ---- a slow server or path -------------------------------------------------------------------

  /** Every answer of the server 300 ms late, and a client that waits 1 s: the scaled-down case. */
  private static final Duration LATE = Duration.ofMillis(300);

  /** How far apart two sends of ours in a row may be on a busy machine. */
  private static final Duration SENDS_IN_A_ROW = Duration.ofMillis(50);

  private static final DiagnoserOptions SHORT_WAIT =
      DiagnoserOptions.DEFAULTS.withActivationWait(Duration.ofSeconds(1));

  private static ProbeResult slow(int port) {
    return probe
        .probe(
            ProbeSpec.builder("127.0.0.1")
                .port(port)
                .idleTimeout(Duration.ofSeconds(5))
                .deadline(Duration.ofSeconds(40))
                .build())
        .orTimeout(60, TimeUnit.SECONDS)
        .join();
  }

  private static void assertSlow(ProbeResult r, String logs) {
    TimingFacts timing = TimingFacts.of(r.trace());
    // each answer the proxy held back is that late on the wire, less the time between two sends
    // of ours in a row: the server's answer to the first (a TLS 1.3 ticket after our Finished)
    // comes first after the second (our MCS Connect Initial) and is counted for it
    Duration late = LATE.minus(SENDS_IN_A_ROW);
    TimingFacts.RoundTrip slowest = timing.slowestRoundTrip().orElseThrow();
    assertTrue(slowest.time().compareTo(LATE) >= 0, slowest + logs);
    assertTrue(
        timing.roundTrips().stream()
            .skip(1) // the TCP connect, which the proxy answers itself
            .allMatch(t -> t.time().compareTo(late) >= 0),
        timing.roundTrips() + logs);
    assertTrue(timing.activationWait().time().compareTo(Duration.ofSeconds(1)) >= 0, logs);
    Diagnosis d = Diagnoser.diagnose(r.trace(), SHORT_WAIT);
    Cause slowCause =
        d.causes().stream()
            .filter(c -> c.id() == CauseId.SLOW_HANDSHAKE)
            .findFirst()
            .orElseThrow(() -> new AssertionError(d.verdict() + logs));
    assertTrue(slowCause.why().contains("and a client waits 1000 ms"), slowCause.why());
    // the default wait, FreeRDP's 9 s, is not reached by these shorter delays
    assertFalse(
        r.diagnose().causes().stream().anyMatch(c -> c.id() == CauseId.SLOW_HANDSHAKE),
        r.diagnose().verdict());
  }

  @Test
  void theEmulatorBehindAProxyThatDelaysEveryAnswerIsSlow() throws Exception {
    try (RdpEmulator e = RdpEmulator.start(Scenario.HEALTHY);
        FaultProxy proxy = FaultProxy.start(e.port(), new FaultProxy.Delay(LATE))) {
      ProbeResult r = slow(proxy.port());
      assertTrue(r.reachedStopPoint(), r.diagnose().verdict());
      assertSlow(r, "");
      // without the proxy, nothing is slow
      assertFalse(
          Diagnoser.diagnose(slow(e.port()).trace(), SHORT_WAIT).causes().stream()
              .anyMatch(c -> c.id() == CauseId.SLOW_HANDSHAKE));
    }
  }

  @Test
  void xrdpBehindAProxyThatDelaysEveryAnswerIsSlow() throws Exception {
    try (XrdpServer xrdp = XrdpServer.start(dir, new XrdpServer.Config().securityLayer("tls"));
        FaultProxy proxy = FaultProxy.start(xrdp.port(), new FaultProxy.Delay(LATE))) {
      ProbeResult r = slow(proxy.port());
      assertSlow(r, xrdp.logs());
    }
  }

  // ---- against a capture -----------------------------------------------------------------------

  /**
   * The probe's connection to the proxy under a capture, at most three times: the best comparison
   * of the trace's times with the wire's (the trace's intervals, and so the timing facts, are wire
   * intervals).
   */
  private WireTimes.Result captured(int port, Supplier<ProbeResult> run, Path runs)
      throws Exception {
    List<WireTimes.Result> results = new ArrayList<>();
    for (int attempt = 1; attempt <= 3; attempt++) {
      Path runDir = Files.createDirectories(runs.resolve("run-" + attempt));
      PacketCapture capture = PacketCapture.start(runDir, port);
      ProbeResult r;
      try (capture) {
        r = run.get();
        Thread.sleep(300); // the last segments reach the file
      }
      WireTimes.Result result = WireTimes.compare(r.trace(), capture, port);
      if (!result.complete()) {
        continue;
      }
      assertEquals(List.of(), result.unmatched(), "every byte the trace moved is on the wire");
      results.add(result);
      if (result.worstMs() <= WireTimesTest.TOLERANCE_MS) {
        break;
      }
    }
    assertFalse(results.isEmpty(), "no capture of three held the connection from its SYN");
    WireTimes.Result best =
        results.stream().min((a, b) -> Double.compare(a.worstMs(), b.worstMs())).orElseThrow();
    System.out.println("wire times through the fault proxy on port " + port + ":\n" + best);
    assertTrue(
        best.medianMs() <= WireTimesTest.TOLERANCE_MS && best.worstMs() <= WireTimesTest.WORST_MS,
        "the trace is not the wire:\n" + results);
    return best;
  }

  @Test
  void theDelaysAndTheCutAreTimedAsTheWireShowsThem() throws Exception {
    try (RdpEmulator e = RdpEmulator.start(Scenario.HEALTHY);
        FaultProxy slow = FaultProxy.start(e.port(), new FaultProxy.Delay(LATE));
        FaultProxy cut = FaultProxy.start(e.port(), new FaultProxy.ResetAfterServerTlsFlight())) {
      WireTimes.Result delayed =
          captured(slow.port(), () -> slow(slow.port()), dir.resolve("slow"));
      assertTrue(delayed.matches().size() >= 10, delayed.toString());
      captured(
          cut.port(), () -> run(cut.port(), TlsOffer.only(TlsVersion.TLS_1_2)), dir.resolve("cut"));
    }
  }

  // ---- the doctor ----------------------------------------------------------------------------

  /** Behind the cutting proxy, every offer alone is cut the same way: the doctor confirms it. */
  @Test
  void theDoctorConfirmsACutThatDoesNotDependOnTheOffer() throws Exception {
    try (RdpEmulator e = RdpEmulator.start(Scenario.HEALTHY);
        FaultProxy proxy = FaultProxy.start(e.port(), new FaultProxy.ResetAfterServerTlsFlight())) {
      DoctorReport r =
          Doctor.create(probe)
              .examine(
                  DoctorSpec.builder("127.0.0.1")
                      .port(proxy.port())
                      .probeSettings(
                          ProbeSpec.builder("127.0.0.1")
                              .tlsOffer(TlsOffer.only(TlsVersion.TLS_1_2))
                              .idleTimeout(Duration.ofSeconds(3))
                              .deadline(Duration.ofSeconds(10))
                              .build())
                      .delayBetweenConnections(Duration.ofMillis(20))
                      .deadline(Duration.ofSeconds(60))
                      .build())
              .orTimeout(90, TimeUnit.SECONDS)
              .join();
      Finding cut =
          r.verdict().findings().stream()
              .filter(f -> f.cause() == CauseId.TLS_CUT_AFTER_SERVER_FLIGHT)
              .findFirst()
              .orElseThrow(() -> new AssertionError(r.verdict().text()));
      assertEquals(Finding.Status.CONFIRMED, cut.status(), r.verdict().findings().toString());
      // TLS 1.0, 1.1 and 1.2 and the three families; TLS 1.3 stops before a cut could show
      assertEquals(6, cut.followUps().size(), cut.toString());
      assertTrue(cut.text().contains("does not depend on what the client offers"), cut.text());
      assertEquals(Remedy.TLS_CUT_AFTER_SERVER_FLIGHT.steps(), cut.advice());
    }
  }
}
