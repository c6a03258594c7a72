package dev.rdpprobe.emulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.facts.BadSignature;
import dev.rdpprobe.facts.StandardSecurityFacts;
import dev.rdpprobe.rdpsec.CertificateSignature;
import dev.rdpprobe.rdpsec.EncryptionMethod;
import dev.rdpprobe.testing.SharedProbe;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.gcc.EncryptionLevel;
import dev.rdpprobe.wire.gcc.EncryptionMethods;
import dev.rdpprobe.wire.sec.SecurityExchangePdu;
import dev.rdpprobe.wire.share.DemandActivePdu;
import dev.rdpprobe.wire.share.FontMapPdu;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The emulator's Standard RDP Security scenarios, probed: both halves of this project's Standard
 * RDP Security meet at every level (the probe's client half, the emulator's server half), and each
 * failing scenario ends where it says, with the evidence in the probe's trace.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmulatorStandardSecurityScenariosTest {
  private static final RdpProbe probe = SharedProbe.get();

  private static ProbeSpec.Builder spec() {
    return ProbeSpec.builder("127.0.0.1")
        .requestedProtocols(SecurityProtocols.SSL)
        .idleTimeout(Duration.ofMillis(1500))
        .deadline(Duration.ofSeconds(10));
  }

  /** The probe's result and the emulator's trace of the connection. */
  private record Run(ProbeResult probe, Trace server) {
    String why() {
      return probe.closed().detail() + "\n" + probe.trace() + "\n--- emulator\n" + server;
    }
  }

  private static Run run(Scenario scenario, ProbeSpec.Builder spec) throws Exception {
    List<Trace> traces = new CopyOnWriteArrayList<>();
    try (RdpEmulator e = RdpEmulator.builder(scenario).listener(traces::add).start()) {
      ProbeResult r =
          probe.probe(spec.port(e.port()).build()).orTimeout(20, TimeUnit.SECONDS).join();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (traces.isEmpty() && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      assertEquals(1, traces.size(), "one connection");
      return new Run(r, traces.get(0));
    }
  }

  static Stream<Arguments> levels() {
    return Stream.of(
        Arguments.of(Scenario.RDP_SECURITY_NONE, EncryptionMethod.NONE, EncryptionLevel.NONE),
        Arguments.of(Scenario.RDP_SECURITY_LOW, EncryptionMethod.RC4_128, EncryptionLevel.LOW),
        Arguments.of(
            Scenario.RDP_SECURITY_CLIENT_COMPATIBLE,
            EncryptionMethod.RC4_128,
            EncryptionLevel.CLIENT_COMPATIBLE),
        Arguments.of(Scenario.RDP_SECURITY_HIGH, EncryptionMethod.RC4_128, EncryptionLevel.HIGH),
        Arguments.of(Scenario.RDP_SECURITY_FIPS, EncryptionMethod.FIPS, EncryptionLevel.FIPS));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("levels")
  void bothHalvesMeetAtEveryLevel(Scenario scenario, EncryptionMethod method, EncryptionLevel level)
      throws Exception {
    // the offer is TLS only: a Standard RDP Security server selects PROTOCOL_RDP all the same
    Run run = run(scenario, spec().stopAfter(Phase.FINALIZATION));
    TraceEvent.Closed c = run.probe().closed();
    assertEquals(CloseKind.STOP_POINT_REACHED, c.kind(), run.why());
    assertEquals(FontMapPdu.NAME, c.lastServerPdu(), run.why());
    StandardSecurityFacts f = run.probe().facts().standardSecurity();
    assertEquals(method, f.selectedMethod().orElseThrow(), f.summary());
    assertEquals(level, f.level(), f.summary());
    assertEquals(List.of(), f.badSignatures(), run.why());
    assertTrue(badSignatures(run.server()).isEmpty(), run.why());
    if (method == EncryptionMethod.NONE) {
      assertFalse(f.exchangeSent());
      return;
    }
    assertTrue(f.exchangeSent());
    // the emulator's certificate is signed as a Windows server's is
    assertEquals(StandardSecurityFacts.CertificateKind.PROPRIETARY, f.certificate());
    assertEquals(CertificateSignature.VALID, f.signature());
    assertEquals(2048, f.keyBits());
    // the emulator decrypted what the probe encrypted: it answered every PDU
    assertTrue(
        run.server().eventsOf(TraceEvent.Pdu.class).stream()
            .anyMatch(
                p ->
                    p.direction() == Direction.CLIENT_TO_SERVER
                        && p.name().equals("Font List PDU")
                        && p.summary().contains("MAC valid")),
        run.why());
  }

  @ParameterizedTest(name = "offer {0}")
  @MethodSource("singleMethods")
  void atLowTheServerTakesTheOneMethodOffered(EncryptionMethod offered) throws Exception {
    Run run =
        run(Scenario.RDP_SECURITY_LOW, spec().encryptionMethods(offered.toEncryptionMethods()));
    assertEquals(CloseKind.STOP_POINT_REACHED, run.probe().closed().kind(), run.why());
    StandardSecurityFacts f = run.probe().facts().standardSecurity();
    assertEquals(offered, f.selectedMethod().orElseThrow(), f.summary());
    assertEquals(DemandActivePdu.NAME, run.probe().closed().lastServerPdu(), run.why());
  }

  static Stream<EncryptionMethod> singleMethods() {
    return Stream.of(
        EncryptionMethod.RC4_40,
        EncryptionMethod.RC4_56,
        EncryptionMethod.RC4_128,
        EncryptionMethod.FIPS);
  }

  @Test
  void highTurnsAwayAClientWithout128BitRc4() throws Exception {
    Run run =
        run(
            Scenario.RDP_SECURITY_HIGH,
            spec().encryptionMethods(EncryptionMethod.RC4_40.toEncryptionMethods()));
    TraceEvent.Closed c = run.probe().closed();
    assertEquals(CloseKind.PEER_FIN, c.kind(), run.why());
    assertEquals(Phase.BASIC_SETTINGS, c.phase(), run.why());
  }

  @Test
  void aResetAfterTheClientRandomEndsTheConnectionAfterTheExchange() throws Exception {
    Run run = run(Scenario.RDP_SECURITY_RST_AFTER_CLIENT_RANDOM, spec());
    TraceEvent.Closed c = run.probe().closed();
    assertEquals(CloseKind.PEER_RST, c.kind(), run.why());
    assertTrue(run.probe().facts().standardSecurity().exchangeSent(), run.why());
    assertTrue(
        run.server().eventsOf(TraceEvent.Pdu.class).stream()
            .anyMatch(p -> p.name().equals(SecurityExchangePdu.NAME)),
        run.why());
  }

  @Test
  void aBadServerSignatureIsEvidenceAndThePduIsReadAllTheSame() throws Exception {
    Run run = run(Scenario.RDP_SECURITY_BAD_MAC, spec());
    TraceEvent.Closed c = run.probe().closed();
    // the Demand Active is read and the probe stops where it was asked to
    assertEquals(CloseKind.STOP_POINT_REACHED, c.kind(), run.why());
    assertEquals(DemandActivePdu.NAME, c.lastServerPdu(), run.why());
    List<BadSignature> bad = run.probe().facts().standardSecurity().badSignatures();
    assertEquals(
        List.of(new BadSignature(Direction.SERVER_TO_CLIENT, DemandActivePdu.NAME, 0, false)),
        bad,
        run.why());
  }

  @Test
  void aMethodTheProbeDidNotOfferIsAProtocolViolation() throws Exception {
    Run run =
        run(
            Scenario.RDP_SECURITY_UNEXPECTED_METHOD,
            spec()
                .encryptionMethods(
                    new EncryptionMethods(EncryptionMethods.ENCRYPTION_METHOD_128BIT)));
    TraceEvent.Closed c = run.probe().closed();
    assertEquals(CloseKind.PROTOCOL_VIOLATION, c.kind(), run.why());
    assertTrue(c.detail().contains("which the client did not offer"), c.detail());
    StandardSecurityFacts f = run.probe().facts().standardSecurity();
    assertEquals(EncryptionMethod.FIPS, f.selectedMethod().orElseThrow());
    assertFalse(f.methodOffered());
    assertFalse(f.exchangeSent());
  }

  @Test
  void anUndefinedMethodIsAProtocolViolationToo() throws Exception {
    Run run = run(Scenario.RDP_SECURITY_UNEXPECTED_METHOD, spec());
    TraceEvent.Closed c = run.probe().closed();
    assertEquals(CloseKind.PROTOCOL_VIOLATION, c.kind(), run.why());
    assertTrue(c.detail().contains("no single encryption method"), c.detail());
  }

  private static List<BadSignature> badSignatures(Trace t) {
    return t.eventsOf(TraceEvent.Note.class).stream()
        .filter(n -> n.detail() instanceof BadSignature)
        .map(n -> (BadSignature) n.detail())
        .toList();
  }
}
