package dev.rdpprobe.diagnose;

import static dev.rdpprobe.diagnose.SyntheticTraces.assertPair;
import static dev.rdpprobe.diagnose.SyntheticTraces.assertTop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.testing.EmulatorCa;
import dev.rdpprobe.testing.SharedProbe;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real probe against the emulator's fault scenarios, then the diagnosis of the probe's trace:
 * the code pair a Windows client would show, the phase and the most likely cause, for every ending
 * the emulator can play.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmulatorDiagnosisTest {
  private static final RdpProbe probe = SharedProbe.get();

  private static ProbeSpec.Builder spec() {
    return ProbeSpec.builder("127.0.0.1")
        .connectTimeout(Duration.ofSeconds(3))
        .idleTimeout(Duration.ofMillis(700))
        .deadline(Duration.ofSeconds(10));
  }

  private static Diagnosis diagnose(RdpEmulator.Builder emulator, ProbeSpec.Builder spec)
      throws IOException {
    try (RdpEmulator e = emulator.start()) {
      ProbeResult r =
          probe.probe(spec.port(e.port()).build()).orTimeout(20, TimeUnit.SECONDS).join();
      return Diagnoser.diagnose(r.trace());
    }
  }

  private static Diagnosis diagnose(Scenario scenario) throws IOException {
    return diagnose(RdpEmulator.builder(scenario), spec());
  }

  @Test
  void healthyIsNoError() throws IOException {
    Diagnosis d = diagnose(Scenario.HEALTHY);
    assertEquals(CloseKind.STOP_POINT_REACHED, d.closeKind());
    assertEquals(ClientCode.Basis.NO_ERROR, d.clientCode().basis());
    assertEquals(Phase.CAPABILITIES, d.phase());
    // the one warning: the emulator's own CA, which no client trusts
    assertTrue(EmulatorCa.otherCauses(d).isEmpty(), d.causes().toString());
    assertEquals(1, d.causes().size(), d.causes().toString());
    assertTrue(EmulatorCa.isEmulatorRootWarning(d.causes().get(0)), d.causes().toString());
  }

  @Test
  void notListeningIs0x204AndNothingListens() throws IOException {
    Diagnosis d = diagnose(Scenario.NOT_LISTENING);
    assertEquals(CloseKind.CONNECT_REFUSED, d.closeKind());
    assertPair(d, 0x204, 0x0);
    assertEquals(Phase.TCP_CONNECT, d.phase());
    assertTop(d, CauseId.NOT_LISTENING, Confidence.HIGH);
    assertEquals(CauseId.FIREWALL_REJECTS, d.causes().get(1).id());
  }

  @ParameterizedTest
  @CsvSource({
    "FIN_AFTER_ACCEPT, PEER_FIN",
    "RST_AFTER_ACCEPT, PEER_RST",
    "FIN_AFTER_CONNECTION_REQUEST, PEER_FIN",
    "RST_AFTER_CONNECTION_REQUEST, PEER_RST"
  })
  void aCloseRightAfterConnectIs0x904With0x7AndTheListenerRefusing(
      Scenario scenario, CloseKind kind) throws IOException {
    Diagnosis d = diagnose(scenario);
    assertEquals(kind, d.closeKind());
    assertPair(d, 0x904, 0x7);
    // a reset can beat the socket's connect report: then it is still TCP_CONNECT
    assertTrue(
        d.phase() == Phase.X224_NEGOTIATION
            || (kind == CloseKind.PEER_RST && d.phase() == Phase.TCP_CONNECT),
        d.phase().name());
    assertNull(d.serverErrorInfo());
    assertTop(d, CauseId.LISTENER_REFUSES, Confidence.HIGH);
  }

  @Test
  void silenceAfterTheConnectionRequestIs0x108AndASilentServer() throws IOException {
    Diagnosis d = diagnose(Scenario.ACCEPT_THEN_SILENCE);
    assertEquals(CloseKind.IDLE_TIMEOUT, d.closeKind());
    assertPair(d, 0x108, 0x0);
    assertEquals(Phase.X224_NEGOTIATION, d.phase());
    assertTop(d, CauseId.SERVER_SILENT, Confidence.HIGH);
  }

  /** Each code to an offer it does not contradict names the code's own cause. */
  @ParameterizedTest
  @CsvSource({
    "NEG_FAILURE_SSL_REQUIRED_BY_SERVER, 0, NEG_SSL_REQUIRED",
    "NEG_FAILURE_SSL_NOT_ALLOWED_BY_SERVER, 11, NEG_SSL_NOT_ALLOWED",
    "NEG_FAILURE_SSL_CERT_NOT_ON_SERVER, 11, NEG_NO_CERTIFICATE",
    "NEG_FAILURE_INCONSISTENT_FLAGS, 11, NEG_INCONSISTENT_FLAGS",
    "NEG_FAILURE_HYBRID_REQUIRED_BY_SERVER, 1, NEG_NLA_REQUIRED",
    "NEG_FAILURE_SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER, 11, NEG_CLIENT_CERT_REQUIRED"
  })
  void eachNegotiationFailureNamesItsCause(Scenario scenario, int offer, CauseId cause)
      throws IOException {
    Diagnosis d =
        diagnose(
            RdpEmulator.builder(scenario), spec().requestedProtocols(new SecurityProtocols(offer)));
    assertEquals(CloseKind.REFUSED_BY_SERVER, d.closeKind());
    assertEquals(ClientCode.Basis.NO_DOCUMENTED_CODE, d.clientCode().basis());
    assertEquals("no documented error code", d.clientCode().summary());
    assertEquals(Phase.X224_NEGOTIATION, d.phase());
    assertTop(d, cause, Confidence.HIGH);
  }

  /**
   * The emulator refuses whatever is offered: SSL_REQUIRED_BY_SERVER to an offer with SSL,
   * HYBRID_REQUIRED_BY_SERVER to one with HYBRID, is a misbehaving server, not advice to offer
   * them.
   */
  @ParameterizedTest
  @CsvSource({
    "NEG_FAILURE_SSL_REQUIRED_BY_SERVER, SSL_REQUIRED_BY_SERVER",
    "NEG_FAILURE_HYBRID_REQUIRED_BY_SERVER, HYBRID_REQUIRED_BY_SERVER"
  })
  void aCodeContradictingTheDefaultOfferIsAMisbehavingServer(Scenario scenario, String code)
      throws IOException {
    Diagnosis d = diagnose(scenario);
    assertTop(d, CauseId.NEG_CONTRADICTS_OFFER, Confidence.HIGH);
    assertTrue(
        d.topCause()
            .orElseThrow()
            .why()
            .startsWith("the server answered an offer of SSL|HYBRID|HYBRID_EX with " + code),
        d.verdict());
  }

  @Test
  void anUnofferedProtocolIsAProtocolViolation() throws IOException {
    Diagnosis d =
        diagnose(
            RdpEmulator.builder(Scenario.SELECT_UNOFFERED_PROTOCOL),
            spec().requestedProtocols(SecurityProtocols.SSL));
    assertEquals(CloseKind.PROTOCOL_VIOLATION, d.closeKind());
    assertEquals(ClientCode.Basis.NO_DOCUMENTED_CODE, d.clientCode().basis());
    assertEquals(Phase.X224_NEGOTIATION, d.phase());
    assertTop(d, CauseId.PROTOCOL_NOT_OFFERED, Confidence.HIGH);
    assertTrue(d.topCause().orElseThrow().why().contains("selected HYBRID_EX"), d.verdict());
  }

  @Test
  void garbageInsteadOfAConfirmIsProbablyAnotherService() throws IOException {
    Diagnosis d = diagnose(Scenario.GARBAGE_CONFIRM);
    assertEquals(CloseKind.MALFORMED_PDU, d.closeKind());
    assertEquals(ClientCode.Basis.NO_DOCUMENTED_CODE, d.clientCode().basis());
    assertEquals(Phase.X224_NEGOTIATION, d.phase());
    assertTop(d, CauseId.NOT_RDP_LISTENER, Confidence.MEDIUM);
    assertTrue(
        d.topCause().orElseThrow().evidence().get(0).description().contains("start 7f 45 4c 46"));
  }

  @Test
  void aTrickleIs0x108AndATrickle() throws IOException {
    Diagnosis d =
        diagnose(
            RdpEmulator.builder(Scenario.TRICKLE).trickleInterval(Duration.ofMillis(60)),
            spec()
                .connectTimeout(Duration.ofMillis(500))
                .idleTimeout(Duration.ofSeconds(2))
                .deadline(Duration.ofMillis(600)));
    assertEquals(CloseKind.DEADLINE_EXCEEDED, d.closeKind());
    assertPair(d, 0x108, 0x0);
    assertEquals(Phase.X224_NEGOTIATION, d.phase());
    assertTop(d, CauseId.SERVER_TRICKLE, Confidence.HIGH);
  }

  @ParameterizedTest
  @CsvSource({
    "TLS_RST_AFTER_CLIENT_HELLO, TLS_NOT_STARTED",
    "TLS_FIN_AFTER_CLIENT_HELLO, TLS_NOT_STARTED",
  })
  void aServerThatCannotStartTlsIs0x904With0x7(Scenario scenario, CauseId top) throws IOException {
    Diagnosis d = diagnose(scenario);
    assertPair(d, 0x904, 0x7);
    assertEquals(Phase.TLS_HANDSHAKE, d.phase());
    assertEquals(top, d.topCause().orElseThrow().id(), d.causes().toString());
  }

  @Test
  void plaintextInsteadOfTlsIsTlsNotStarted() throws IOException {
    Diagnosis d = diagnose(Scenario.TLS_PLAINTEXT_INSTEAD_OF_SERVER_HELLO);
    assertEquals(Phase.TLS_HANDSHAKE, d.phase());
    assertEquals(CauseId.TLS_NOT_STARTED, d.topCause().orElseThrow().id(), d.causes().toString());
  }

  @ParameterizedTest
  @CsvSource({
    "TLS_ALERT_PROTOCOL_VERSION, TLS_VERSION_UNSUPPORTED",
    "TLS_ALERT_HANDSHAKE_FAILURE, NO_COMMON_CIPHER",
    "TLS_1_0_ONLY, TLS_VERSION_UNSUPPORTED"
  })
  void tlsAlertsNameTheirCause(Scenario scenario, CauseId top) throws IOException {
    Diagnosis d = diagnose(scenario);
    assertEquals(CloseKind.TLS_ALERT, d.closeKind());
    assertEquals(Phase.TLS_HANDSHAKE, d.phase());
    assertEquals(top, d.topCause().orElseThrow().id(), d.causes().toString());
  }

  @ParameterizedTest
  @CsvSource({
    "CERT_EXPIRED, CERT_EXPIRED",
    "CERT_NOT_YET_VALID, CERT_NOT_YET_VALID",
    "CERT_SELF_SIGNED, CERT_UNTRUSTED",
    "CERT_WEAK_KEY, CERT_WEAK"
  })
  void certificateProblemsAreWarningsOnAConnectionThatWorks(Scenario scenario, CauseId warning)
      throws IOException {
    Diagnosis d = diagnose(scenario);
    assertEquals(ClientCode.Basis.NO_ERROR, d.clientCode().basis());
    assertEquals(List.of(warning), EmulatorCa.otherCauses(d).stream().map(Cause::id).toList());
    assertTrue(d.verdict().contains("but it would warn"), d.verdict());
  }

  @ParameterizedTest
  @CsvSource({"SET_ERROR_INFO_DENIED, 0x7", "SET_ERROR_INFO_INSUFFICIENT_PRIVILEGES, 0x9"})
  void aSetErrorInfoThenAnUltimatumIs0x3WithThatCode(Scenario scenario, String code)
      throws IOException {
    Diagnosis d = diagnose(scenario);
    assertEquals(CloseKind.REFUSED_BY_SERVER, d.closeKind());
    assertPair(d, 0x3, Integer.decode(code));
    assertEquals(Phase.LICENSING, d.phase());
    assertEquals(Integer.decode(code), d.serverErrorInfo().value());
    assertTop(d, CauseId.SERVER_ERROR_INFO, Confidence.HIGH);
  }

  @Test
  void aLicensingErrinfoIsALicensingFailure() throws IOException {
    Diagnosis d = diagnose(Scenario.SET_ERROR_INFO_NO_LICENSE);
    assertPair(d, 0x3, 0x102);
    assertTop(d, CauseId.LICENSING_FAILED, Confidence.HIGH);
  }

  @Test
  void aResetDuringLicensingIs0x904AndALicensingFailure() throws IOException {
    Diagnosis d = diagnose(Scenario.LICENSING_RST);
    assertEquals(CloseKind.PEER_RST, d.closeKind());
    assertEquals(Phase.LICENSING, d.phase());
    assertPair(d, 0x904, 0x7);
    assertEquals(CauseId.LICENSING_FAILED, d.topCause().orElseThrow().id(), d.causes().toString());
  }

  @Test
  void silenceDuringLicensingIs0x908AndALicensingFailure() throws IOException {
    Diagnosis d = diagnose(Scenario.LICENSING_SILENCE);
    assertEquals(CloseKind.IDLE_TIMEOUT, d.closeKind());
    assertPair(d, 0x908, 0x0);
    assertTrue(
        d.causes().stream().anyMatch(c -> c.id() == CauseId.LICENSING_FAILED),
        d.causes().toString());
  }

  @Test
  void unreachableUdpIsAWarningOnAConnectionThatWorks() throws IOException {
    Diagnosis d =
        diagnose(
            RdpEmulator.builder(Scenario.MULTITRANSPORT_UDP_UNREACHABLE),
            spec().multitransport(true).udpProbe(true, Duration.ofMillis(500)));
    assertEquals(ClientCode.Basis.NO_ERROR, d.clientCode().basis());
    assertEquals(
        List.of(CauseId.UDP_UNREACHABLE),
        EmulatorCa.otherCauses(d).stream().map(Cause::id).toList());
  }

  @Test
  void udpThatAnswersIsNoWarning() throws IOException {
    Diagnosis d =
        diagnose(
            RdpEmulator.builder(Scenario.MULTITRANSPORT_UDP_ANSWERS),
            spec().multitransport(true).udpProbe(true, Duration.ofSeconds(2)));
    assertTrue(EmulatorCa.otherCauses(d).isEmpty(), d.causes().toString());
  }
}
