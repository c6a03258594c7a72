package dev.rdpprobe.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.capture.ProbePcap;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.trace.Phase;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The spec's builder: defaults, the baseline it makes, and every bad value named. */
class DoctorSpecTest {
  @Test
  void defaultsAreGentle() {
    DoctorSpec s = DoctorSpec.builder("rdp.example").build();
    assertEquals("rdp.example", s.host());
    assertEquals(3389, s.port());
    assertEquals(4, s.maxConcurrentConnections());
    assertEquals(20, s.maxNewConnectionsPerSecond());
    assertEquals(Duration.ZERO, s.delayBetweenConnections());
    assertEquals(Duration.ofMinutes(2), s.deadline());
    assertEquals(ProbeSpec.DEFAULT_PROTOCOLS, s.baseline().requestedProtocols());
    assertEquals(TlsOffer.windowsDefault(), s.baseline().tlsOffer());
  }

  @Test
  void gentleIsOneAtATime200MsApart() {
    DoctorSpec s = DoctorSpec.builder("rdp.example").gentle().build();
    assertEquals(1, s.maxConcurrentConnections());
    assertEquals(Duration.ofMillis(200), s.delayBetweenConnections());
  }

  @Test
  void theRateSurvivesToBuilder() {
    DoctorSpec s = DoctorSpec.builder("rdp.example").maxNewConnectionsPerSecond(8).build();
    assertEquals(8, s.toBuilder().build().maxNewConnectionsPerSecond());
  }

  @Test
  void thePcapGoesToEveryProbeAndItsSecretsAreKept() throws Exception {
    try (ProbePcap pcap = ProbePcap.create(new ByteArrayOutputStream(), ProbePcap.RDP_PORT)) {
      DoctorSpec s = DoctorSpec.builder("rdp.example").pcap(pcap).build();
      assertSame(pcap, s.pcap());
      assertSame(pcap, s.baseline().pcap(), "the follow-ups are variations of the baseline");
      assertSame(pcap, s.baselineProbe().pcap());
      assertTrue(s.baseline().connectorConfig().keyLog(), "what opens the file's TLS");
      assertSame(pcap, s.toBuilder().build().pcap());
      // the probe settings' own file, unless the doctor's is set
      DoctorSpec fromSettings =
          DoctorSpec.builder("rdp.example")
              .probeSettings(ProbeSpec.builder("x").pcap(pcap).build())
              .build();
      assertSame(pcap, fromSettings.pcap());
      assertNull(DoctorSpec.builder("rdp.example").build().pcap());
    }
  }

  @Test
  void onlyTheFirstBaselineProbeProvesTheCredentials() {
    ProbeSpec settings =
        ProbeSpec.builder("x")
            .credentials("alice", "CORP", "secret".toCharArray())
            .restrictedAdmin(true)
            .build();
    DoctorSpec s = DoctorSpec.builder("rdp.example").probeSettings(settings).build();
    assertNull(s.baseline().credentials(), "the follow-ups' base has none");
    assertEquals("CORP\\alice", s.baselineProbe().credentials().account());
    assertEquals("rdp.example", s.baselineProbe().host());
    assertTrue(s.baselineProbe().restrictedAdmin());
    assertEquals("CORP\\alice", s.toBuilder().build().baselineProbe().credentials().account());
    assertTrue(s.toString().contains("account=CORP\\alice"), s.toString());
    assertEquals(false, s.toString().contains("secret"));
    DoctorSpec none = DoctorSpec.builder("rdp.example").build();
    assertEquals(none.baseline(), none.baselineProbe());
  }

  @Test
  void theBaselineTakesTheSettingsButTheDoctorsHostAndPortAndNoAddress() throws Exception {
    ProbeSpec settings =
        ProbeSpec.builder("elsewhere")
            .port(1)
            .address(InetAddress.getByName("192.0.2.1"))
            .tlsOffer(TlsOffer.only(TlsVersion.TLS_1_2))
            .stopAfter(Phase.X224_NEGOTIATION)
            .cookie("alice")
            .build();
    DoctorSpec s = DoctorSpec.builder("[2001:db8::1]").port(3390).probeSettings(settings).build();
    assertEquals("2001:db8::1", s.baseline().host());
    assertEquals(3390, s.baseline().port());
    assertNull(s.baseline().address());
    assertEquals(TlsOffer.only(TlsVersion.TLS_1_2), s.baseline().tlsOffer());
    assertEquals(Phase.X224_NEGOTIATION, s.baseline().stopAfter());
    assertEquals("[2001:db8::1]:3390", s.target());
    assertEquals(s.baseline().toString(), s.toBuilder().build().baseline().toString());
  }

  @Test
  void badValuesAreRefusedByName() {
    DoctorSpec.Builder b = DoctorSpec.builder("h");
    assertMessage("port", () -> b.port(0));
    assertMessage("port", () -> b.port(65536));
    assertMessage("maxConcurrentConnections", () -> b.maxConcurrentConnections(0));
    assertMessage("maxConcurrentConnections", () -> b.maxConcurrentConnections(17));
    assertMessage("maxNewConnectionsPerSecond", () -> b.maxNewConnectionsPerSecond(0));
    assertMessage("maxNewConnectionsPerSecond", () -> b.maxNewConnectionsPerSecond(1001));
    assertMessage(
        "delayBetweenConnections", () -> b.delayBetweenConnections(Duration.ofMillis(-1)));
    assertMessage(
        "delayBetweenConnections", () -> b.delayBetweenConnections(Duration.ofMinutes(2)));
    assertMessage("deadline", () -> b.deadline(Duration.ZERO));
    assertMessage("deadline", () -> b.deadline(Duration.ofHours(2)));
    assertMessage("host", () -> DoctorSpec.builder(" "));
    assertMessage("host", () -> DoctorSpec.builder("a b"));
    assertThrows(NullPointerException.class, () -> b.probeSettings(null));
    assertEquals(
        Duration.ZERO, b.delayBetweenConnections(Duration.ZERO).build().delayBetweenConnections());
  }

  private static void assertMessage(String name, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().contains(name), e.getMessage());
  }
}
