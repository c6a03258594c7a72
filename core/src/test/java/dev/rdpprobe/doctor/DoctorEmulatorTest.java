package dev.rdpprobe.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.diagnose.ClientCode;
import dev.rdpprobe.diagnose.Remedy;
import dev.rdpprobe.doctor.Finding.Status;
import dev.rdpprobe.doctor.Finding.Subject;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.testing.CatalogueAdvice;
import dev.rdpprobe.testing.SharedProbe;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The doctor against the emulator's scenarios: which follow-ups it plans for each ending, how they
 * end, and the facts of the verdict (the Windows-client codes, the confirmed and ruled-out causes,
 * what the server accepts).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DoctorEmulatorTest {
  private static final RdpProbe probe = SharedProbe.get();
  private static Doctor doctor;

  @BeforeAll
  static void start() {
    doctor = Doctor.create(probe);
  }

  static ProbeSpec.Builder settings() {
    return ProbeSpec.builder("127.0.0.1")
        .connectTimeout(Duration.ofSeconds(3))
        .idleTimeout(Duration.ofMillis(1500))
        .deadline(Duration.ofSeconds(10));
  }

  static DoctorSpec.Builder spec(RdpEmulator e, ProbeSpec.Builder settings) {
    return DoctorSpec.builder("127.0.0.1")
        .port(e.port())
        .probeSettings(settings.build())
        .delayBetweenConnections(Duration.ofMillis(20))
        .deadline(Duration.ofSeconds(60));
  }

  static DoctorReport examine(Doctor d, DoctorSpec spec) {
    return assertAdviceFromCatalogue(d.examine(spec).orTimeout(80, TimeUnit.SECONDS).join());
  }

  /** Every finding's advice is a remedy of the cause catalogue, and one of its own cause. */
  static DoctorReport assertAdviceFromCatalogue(DoctorReport r) {
    for (Finding f : r.verdict().findings()) {
      if (f.advice().isEmpty()) {
        continue;
      }
      Remedy remedy =
          CatalogueAdvice.remedyOf(f.advice())
              .orElseThrow(() -> new AssertionError("advice of no remedy: " + f + show(r)));
      assertTrue(
          f.cause() == null ? remedy.causes().isEmpty() : remedy.causes().contains(f.cause()),
          remedy + " for " + f + show(r));
    }
    return r;
  }

  static DoctorReport examine(Scenario scenario, ProbeSpec.Builder settings) throws IOException {
    try (RdpEmulator e = RdpEmulator.start(scenario)) {
      return examine(doctor, spec(e, settings).build());
    }
  }

  static DoctorReport examine(Scenario scenario) throws IOException {
    return examine(scenario, settings());
  }

  /** The report in a few lines, for failure messages. */
  static String show(DoctorReport r) {
    StringBuilder b = new StringBuilder("\nbaseline: ").append(r.diagnosis().verdict());
    r.followUps().forEach(f -> b.append("\n  ").append(f));
    r.notRun().forEach(n -> b.append("\n  not run: ").append(n));
    r.verdict().findings().forEach(f -> b.append("\n  ").append(f));
    return b.append("\nverdict: ").append(r.verdict().text()).toString();
  }

  static Finding finding(DoctorReport r, CauseId cause) {
    return r.verdict().findings().stream()
        .filter(f -> f.cause() == cause)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no finding for " + cause + show(r)));
  }

  static Finding finding(DoctorReport r, Subject subject) {
    return r.verdict().findings().stream()
        .filter(f -> f.subject() == subject)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no finding about " + subject + show(r)));
  }

  static Optional<FollowUp> tested(DoctorReport r, String what) {
    return r.followUps().stream().filter(f -> f.tested().equals(what)).findFirst();
  }

  static FollowUp followUp(DoctorReport r, String what) {
    return tested(r, what).orElseThrow(() -> new AssertionError("no follow-up " + what + show(r)));
  }

  static void assertUdpNotRun(DoctorReport r) {
    assertTrue(
        r.notRun().stream().anyMatch(n -> n.what().equals(FollowUpPlanner.UDP_PROBE)), show(r));
    assertTrue(r.followUps(FollowUp.Kind.UDP).isEmpty(), show(r));
  }

  @Test
  void aHealthyServerIsNoErrorAndTheEnumerationShowsItTakesSslAlone() throws IOException {
    DoctorReport r = examine(Scenario.HEALTHY);
    String s = show(r);
    assertTrue(r.baselineSucceeded(), s);
    assertEquals(ClientCode.Basis.NO_ERROR, r.verdict().clientCode().basis(), s);
    assertEquals(List.of(InetAddress.getByName("127.0.0.1")), r.addresses());
    // the emulator selects SSL whenever it is offered, and answers SSL_REQUIRED_BY_SERVER otherwise
    assertEquals(5, r.followUps(FollowUp.Kind.PROTOCOL).size(), s);
    // the protocols, the TLS versions and cipher families (examined though the baseline passed),
    // and the UDP probe
    assertEquals(4, r.followUps(FollowUp.Kind.TLS_VERSION).size(), s);
    assertEquals(3, r.followUps(FollowUp.Kind.CIPHER_FAMILY).size(), s);
    assertEquals(13, r.followUps().size(), s);
    for (FollowUp f : r.followUps(FollowUp.Kind.TLS_VERSION)) {
      assertTrue(f.outcome().startsWith("TLS handshake complete"), s);
    }
    // every client gets through, and a cause nobody suspected is not "ruled out"
    assertTrue(
        r.verdict().findings().stream().noneMatch(f -> f.subject() == Subject.REFUSED_CLIENTS));
    assertFalse(r.verdict().text().contains("Ruled out"), s);
    FollowUp ssl = followUp(r, "offer SSL only");
    assertTrue(ssl.succeeded(), s);
    assertEquals("selected SSL", ssl.outcome(), s);
    assertEquals(Phase.X224_NEGOTIATION, ssl.result().closed().phase());
    for (String p : List.of("RDP", "HYBRID", "HYBRID_EX", "RDSTLS")) {
      FollowUp f = followUp(r, "offer " + p + " only");
      assertEquals(CloseKind.REFUSED_BY_SERVER, f.result().closed().kind(), s);
      assertEquals("refused: RDP_NEG_FAILURE SSL_REQUIRED_BY_SERVER", f.outcome(), s);
    }
    Finding protocols = finding(r, Subject.SECURITY_PROTOCOLS);
    assertEquals(Status.OBSERVED, protocols.status());
    assertTrue(
        protocols
            .text()
            .startsWith(
                "Offered alone, the server accepts SSL; RDP, HYBRID, HYBRID_EX and RDSTLS:"
                    + " refused with SSL_REQUIRED_BY_SERVER"),
        s);
    assertTrue(r.verdict().withStatus(Status.CONFIRMED).isEmpty(), s);
    assertTrue(r.verdict().text().contains("no error"), s);
    assertTrue(r.verdict().text().contains("Nothing to fix"), s);
    FollowUp udp = r.followUps(FollowUp.Kind.UDP).get(0);
    assertEquals(
        "UDP not tried: the server sent no Initiate Multitransport Request; reached the Demand"
            + " Active (9 capability sets)",
        udp.outcome(),
        s);
  }

  @Test
  void aServerThatRequiresNlaIsConfirmedByEveryOfferAlone() throws IOException {
    DoctorReport r = examine(Scenario.NEG_FAILURE_HYBRID_REQUIRED_BY_SERVER);
    String s = show(r);
    assertFalse(r.baselineSucceeded(), s);
    assertEquals(CloseKind.REFUSED_BY_SERVER, r.baseline().closed().kind());
    assertEquals("no documented error code", r.verdict().clientCode().summary(), s);
    for (FollowUp f : r.followUps(FollowUp.Kind.PROTOCOL)) {
      assertEquals("refused: RDP_NEG_FAILURE HYBRID_REQUIRED_BY_SERVER", f.outcome(), s);
    }
    assertTrue(r.followUps(FollowUp.Kind.TLS_VERSION).isEmpty(), s);
    Finding nla = finding(r, CauseId.NEG_CONTRADICTS_OFFER);
    assertEquals(Status.CONFIRMED, nla.status(), s);
    assertEquals(nla, r.verdict().firstConfirmed().orElseThrow());
    assertEquals(List.of(1, 2, 3, 4, 5), nla.followUps(), s);
    // the emulator refuses HYBRID with the same code: nothing a client offers gets through
    assertTrue(nla.text().contains("It refused HYBRID and HYBRID_EX the same way"), s);
    assertFalse(nla.advice().isEmpty(), s);
    assertTrue(r.verdict().text().contains("Confirmed: The server insists on HYBRID_REQUIRED"), s);
    assertUdpNotRun(r);
  }

  @Test
  void aTls10OnlyServerIsFoundToSpeakOnlyAnOldVersion() throws IOException {
    DoctorReport r = examine(Scenario.TLS_1_0_ONLY, settings().tlsOffer(TlsOffer.windowsDefault()));
    String s = show(r);
    assertEquals(CloseKind.TLS_ALERT, r.baseline().closed().kind(), s);
    assertEquals(Phase.TLS_HANDSHAKE, r.diagnosis().phase());
    assertEquals(4, r.followUps(FollowUp.Kind.TLS_VERSION).size(), s);
    assertEquals(3, r.followUps(FollowUp.Kind.CIPHER_FAMILY).size(), s);
    FollowUp tls10 = followUp(r, "TLS 1.0 only");
    assertTrue(tls10.succeeded(), s);
    assertTrue(tls10.outcome().startsWith("TLS handshake complete: TLSv1.0, "), s);
    for (String v : List.of("TLS 1.1 only", "TLS 1.2 only", "TLS 1.3 only")) {
      FollowUp f = followUp(r, v);
      assertFalse(f.succeeded(), s);
      assertTrue(f.outcome().contains("protocol_version"), s);
    }
    assertTrue(followUp(r, "cipher family ECDHE with AES-CBC only").succeeded(), s);
    assertTrue(followUp(r, "cipher family RSA key exchange only").succeeded(), s);
    assertFalse(followUp(r, "cipher family ECDHE with AES-GCM only").succeeded(), s);

    Finding version = finding(r, CauseId.TLS_VERSION_UNSUPPORTED);
    assertEquals(Status.CONFIRMED, version.status(), s);
    assertEquals(version, r.verdict().firstConfirmed().orElseThrow());
    assertTrue(version.text().startsWith("The server only speaks an old TLS version"), s);
    assertTrue(version.text().contains("only TLS 1.0 completes a handshake"), s);
    assertTrue(version.text().contains("the client offered TLS 1.2 and TLS 1.3"), s);
    assertTrue(version.advice().get(0).startsWith("Enable TLS 1.2 on the server"), s);
    assertTrue(r.verdict().text().contains("only speaks an old TLS version"), s);
    assertTrue(
        finding(r, Subject.TLS_VERSIONS).text().startsWith("Offered alone: TLS 1.0 completes"), s);
    assertTrue(finding(r, Subject.CIPHER_FAMILIES).text().contains("ECDHE with AES-GCM fails"), s);
    assertTrue(r.followUps(FollowUp.Kind.SMALL_FLIGHT).isEmpty(), s);
  }

  @Test
  void aServerThatRefusesEveryHandshakeIsBlamedOnItsTlsSetup() throws IOException {
    DoctorReport r = examine(Scenario.TLS_ALERT_HANDSHAKE_FAILURE);
    String s = show(r);
    assertEquals(CloseKind.TLS_ALERT, r.baseline().closed().kind(), s);
    assertEquals(
        7,
        r.followUps(FollowUp.Kind.TLS_VERSION).size()
            + r.followUps(FollowUp.Kind.CIPHER_FAMILY).size(),
        s);
    for (FollowUp f : r.followUps()) {
      if (f.kind() == FollowUp.Kind.TLS_VERSION || f.kind() == FollowUp.Kind.CIPHER_FAMILY) {
        assertTrue(f.outcome().contains("handshake_failure"), s);
      }
    }
    Finding cipher = finding(r, CauseId.NO_COMMON_CIPHER);
    assertEquals(Status.CONFIRMED, cipher.status(), s);
    assertTrue(cipher.text().startsWith("The server refuses every TLS offer we can make"), s);
    assertEquals(Status.UNCONFIRMED, finding(r, CauseId.TLS_VERSION_UNSUPPORTED).status(), s);
    assertTrue(r.verdict().text().contains("Confirmed: The server refuses every TLS offer"), s);
    assertTrue(r.verdict().text().contains("What to do: Check the certificate"), s);
  }

  @Test
  void aResetAfterEveryConnectionRequestIs0x904AndTheListenerItself() throws IOException {
    DoctorReport r = examine(Scenario.RST_AFTER_CONNECTION_REQUEST);
    String s = show(r);
    ClientCode code = r.verdict().clientCode();
    assertEquals("error code 0x904, extended error code 0x7", code.summary(), s);
    assertEquals(5, r.followUps().size(), s);
    for (FollowUp f : r.followUps()) {
      assertEquals(CloseKind.PEER_RST, f.result().closed().kind(), s);
      assertTrue(f.outcome().startsWith("reset (RST)"), s);
      assertEquals(
          "error code 0x904, extended error code 0x7", f.diagnosis().clientCode().summary());
      assertFalse(f.repeatedAlone(), "the baseline was turned away too: " + s);
    }
    Finding listener = finding(r, CauseId.LISTENER_REFUSES);
    assertEquals(Status.CONFIRMED, listener.status(), s);
    assertTrue(listener.text().contains("whatever security protocol it offered"), s);
    assertEquals(Status.UNCONFIRMED, finding(r, CauseId.MIDDLEBOX_CLOSES).status(), s);
    assertTrue(
        r.verdict()
            .text()
            .startsWith(
                "A Windows client connecting to 127.0.0.1:"
                    + r.spec().port()
                    + " would show error code 0x904 with extended error code 0x7"),
        s);
    assertTrue(r.verdict().text().contains("Confirmed: The RDP listener refuses"), s);
  }

  @Test
  void aPortNobodyListensOnIs0x204AndNoOfferIsTried() throws IOException {
    DoctorReport r = examine(Scenario.NOT_LISTENING);
    String s = show(r);
    assertEquals(CloseKind.CONNECT_REFUSED, r.baseline().closed().kind());
    assertEquals("error code 0x204, extended error code 0x0", r.verdict().clientCode().summary());
    assertTrue(r.followUps().isEmpty(), s);
    assertTrue(
        r.notRun().stream().anyMatch(n -> n.why().contains("no address of the host accepted")), s);
    assertUdpNotRun(r);
    Finding nothing = finding(r, CauseId.NOT_LISTENING);
    assertEquals(Status.CONFIRMED, nothing.status(), s);
    assertTrue(nothing.text().contains("TCP connection refused"), s);
    assertEquals(Status.UNCONFIRMED, finding(r, CauseId.FIREWALL_REJECTS).status(), s);
    assertEquals(1, r.peakConnections());
  }

  @Test
  void aSecondAddressThatRefusesIsFoundAndTheOffersRunOnTheOneThatWorks() throws IOException {
    InetAddress good = InetAddress.getByName("127.0.0.1");
    InetAddress bad = InetAddress.getByName("127.0.0.2"); // loopback, nothing listens there
    Doctor twoRecords = Doctor.builder(probe).resolver(host -> List.of(bad, good)).build();
    try (RdpEmulator e = RdpEmulator.start(Scenario.HEALTHY)) {
      DoctorReport r =
          examine(
              twoRecords,
              DoctorSpec.builder("rdp.test")
                  .port(e.port())
                  .probeSettings(settings().build())
                  .delayBetweenConnections(Duration.ofMillis(20))
                  .build());
      String s = show(r);
      assertEquals(List.of(bad, good), r.addresses());
      assertEquals(bad, r.baseline().spec().address());
      assertEquals(CloseKind.CONNECT_REFUSED, r.baseline().closed().kind(), s);
      FollowUp other = followUp(r, "address 127.0.0.1");
      assertTrue(other.succeeded(), s);
      // the enumeration ran against the address that took a connection
      for (FollowUp f : r.followUps(FollowUp.Kind.PROTOCOL)) {
        assertEquals(good, f.result().spec().address(), s);
      }
      assertTrue(followUp(r, "offer SSL only").succeeded(), s);
      Finding addresses = finding(r, Subject.ADDRESSES);
      assertEquals(Status.CONFIRMED, addresses.status(), s);
      assertEquals(addresses, r.verdict().firstConfirmed().orElseThrow(), s);
      assertTrue(addresses.text().startsWith("The addresses of rdp.test end differently"), s);
      assertTrue(addresses.text().contains("127.0.0.2: TCP connection refused"), s);
      assertTrue(addresses.text().contains("Only 127.0.0.1 gets as far as the probe asks"), s);
      Finding refused = finding(r, CauseId.NOT_LISTENING);
      assertEquals(Status.CONFIRMED, refused.status(), s);
      assertTrue(refused.text().contains("Other addresses of the name behave differently"), s);
    }
  }

  @Test
  void addressesThatBehaveAlikeAreSaidToAndTheBaselinePinsTheFirst() throws IOException {
    InetAddress a = InetAddress.getByName("127.0.0.1");
    Doctor twice = Doctor.builder(probe).resolver(host -> List.of(a, a)).build();
    try (RdpEmulator e = RdpEmulator.start(Scenario.HEALTHY)) {
      DoctorReport r =
          examine(
              twice,
              DoctorSpec.builder("rdp.test")
                  .port(e.port())
                  .probeSettings(settings().stopAfter(Phase.X224_NEGOTIATION).build())
                  .delayBetweenConnections(Duration.ofMillis(20))
                  .build());
      String s = show(r);
      assertEquals(a, r.baseline().spec().address());
      assertEquals(Status.OBSERVED, finding(r, Subject.ADDRESSES).status(), s);
      assertTrue(finding(r, Subject.ADDRESSES).text().startsWith("All 2 addresses"), s);
    }
  }

  @Test
  void aNameThatDoesNotResolveIsConfirmedByTheDoctorsOwnLookup() {
    Doctor nowhere =
        Doctor.builder(probe)
            .resolver(
                host -> {
                  throw new java.net.UnknownHostException(host + ": Name or service not known");
                })
            .build();
    DoctorReport r =
        examine(
            nowhere,
            DoctorSpec.builder("no-such-host.invalid").probeSettings(settings().build()).build());
    String s = show(r);
    assertEquals(CloseKind.DNS_FAILURE, r.baseline().closed().kind(), s);
    assertTrue(r.addresses().isEmpty());
    assertTrue(r.followUps().isEmpty(), s);
    Finding dns = finding(r, CauseId.DNS_NAME_NOT_FOUND);
    assertEquals(Status.CONFIRMED, dns.status(), s);
    assertTrue(dns.text().contains("Name or service not known"), s);
    assertTrue(r.notRun().stream().anyMatch(n -> n.why().equals("the host name does not resolve")));
  }

  @Test
  void aSilentServerIsConfirmedSilentForEveryOfferWithinTheDeadline() throws IOException {
    long t0 = System.nanoTime();
    DoctorReport r;
    try (RdpEmulator e = RdpEmulator.start(Scenario.ACCEPT_THEN_SILENCE)) {
      r =
          examine(
              doctor,
              spec(e, settings().idleTimeout(Duration.ofMillis(500)))
                  .maxConcurrentConnections(3)
                  .build());
    }
    String s = show(r);
    assertEquals(CloseKind.IDLE_TIMEOUT, r.baseline().closed().kind(), s);
    assertEquals(Status.CONFIRMED, finding(r, CauseId.SERVER_SILENT).status(), s);
    assertTrue(finding(r, CauseId.SERVER_SILENT).text().contains("whatever it offered"), s);
    assertTrue(r.peakConnections() <= 3, s);
    assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(20), s);
  }

  @Test
  void theDeadlineStopsFollowUpsFromStarting() throws IOException {
    long t0 = System.nanoTime();
    DoctorReport r;
    try (RdpEmulator e = RdpEmulator.start(Scenario.ACCEPT_THEN_SILENCE)) {
      r =
          examine(
              doctor,
              spec(e, settings().idleTimeout(Duration.ofSeconds(1)))
                  .maxConcurrentConnections(1)
                  .deadline(Duration.ofMillis(2500))
                  .build());
    }
    long elapsed = System.nanoTime() - t0;
    String s = show(r);
    assertTrue(elapsed < TimeUnit.MILLISECONDS.toNanos(2500 + 2000), elapsed + " ns" + s);
    assertTrue(r.elapsed().compareTo(Duration.ofMillis(2500 + 1500)) < 0, s);
    assertTrue(r.followUps().size() < 5, s);
    assertTrue(r.notRun().stream().anyMatch(n -> n.why().contains("deadline passed")), s);
    for (FollowUp f : r.followUps()) {
      assertTrue(f.result().spec().deadline().compareTo(Duration.ofMillis(2500)) <= 0, s);
    }
  }

  @Test
  void aTls13OnlyServerAgainstA12OfferIsANewerVersion() throws IOException {
    DoctorReport r =
        examine(Scenario.TLS_1_3_ONLY, settings().tlsOffer(TlsOffer.only(TlsVersion.TLS_1_2)));
    String s = show(r);
    Finding version = finding(r, CauseId.TLS_VERSION_UNSUPPORTED);
    assertEquals(Status.CONFIRMED, version.status(), s);
    assertTrue(version.text().startsWith("The server only speaks a newer TLS version"), s);
    assertTrue(
        r.verdict().withStatus(Status.CONFIRMED).stream()
            .noneMatch(f -> f.cause() == CauseId.NO_COMMON_CIPHER),
        s);
  }

  @Test
  void theUdpFollowUpFindsAnUnreachableUdpPort() throws IOException {
    DoctorReport r = examine(Scenario.MULTITRANSPORT_UDP_UNREACHABLE);
    String s = show(r);
    FollowUp udp = r.followUps(FollowUp.Kind.UDP).get(0);
    assertTrue(udp.outcome().startsWith("UDP not reachable: "), s);
    assertTrue(
        udp.diagnosis().causes().stream().anyMatch(c -> c.id() == CauseId.UDP_UNREACHABLE), s);
  }

  @Test
  void theUdpFollowUpFindsAnAnsweringUdpPort() throws IOException {
    DoctorReport r = examine(Scenario.MULTITRANSPORT_UDP_ANSWERS);
    FollowUp udp = r.followUps(FollowUp.Kind.UDP).get(0);
    assertEquals(
        "UDP reachable: SYN+ACK from the server's UDP port; reached the Demand Active (9"
            + " capability sets)",
        udp.outcome(),
        show(r));
  }
}
