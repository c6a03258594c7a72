package dev.rdpprobe.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.diagnose.Remedy;
import dev.rdpprobe.doctor.Doctor;
import dev.rdpprobe.doctor.DoctorReport;
import dev.rdpprobe.doctor.DoctorSpec;
import dev.rdpprobe.doctor.Finding;
import dev.rdpprobe.doctor.Finding.Status;
import dev.rdpprobe.doctor.Finding.Subject;
import dev.rdpprobe.doctor.FollowUp;
import dev.rdpprobe.testing.SharedProbe;
import dev.rdpprobe.testing.XrdpServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor against xrdp configurations whose baseline goes through with a Windows 11 client's
 * offer, but which refuse other clients or downgrade every one: the TLS versions and cipher
 * families are examined all the same, side by side (at most 4 connections at once), and the verdict
 * says who is refused; a server that answers every protocol with PROTOCOL_RDP has the downgrade
 * confirmed with what it exposes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XrdpDoctorTest {
  private static final RdpProbe probe = SharedProbe.get();

  @TempDir Path dir;

  private static DoctorReport examine(XrdpServer xrdp) {
    DoctorSpec spec =
        DoctorSpec.builder("127.0.0.1")
            .port(xrdp.port())
            .probeSettings(
                ProbeSpec.builder("127.0.0.1")
                    .idleTimeout(Duration.ofSeconds(3))
                    .deadline(Duration.ofSeconds(15))
                    .build())
            .delayBetweenConnections(Duration.ofMillis(20))
            .deadline(Duration.ofSeconds(60))
            .build();
    return Doctor.create(probe).examine(spec).orTimeout(90, TimeUnit.SECONDS).join();
  }

  private static String show(DoctorReport r) {
    StringBuilder b = new StringBuilder("\nbaseline: ").append(r.diagnosis().verdict());
    r.followUps().forEach(f -> b.append("\n  ").append(f));
    r.verdict().findings().forEach(f -> b.append("\n  ").append(f));
    return b.append("\nverdict: ").append(r.verdict().text()).toString();
  }

  private static Finding refused(DoctorReport r) {
    return r.verdict().findings().stream()
        .filter(f -> f.subject() == Subject.REFUSED_CLIENTS)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no refused clients" + show(r)));
  }

  @Test
  void aTls13OnlyServerPassesTheBaselineAndRefusesTls12Clients() throws Exception {
    try (XrdpServer xrdp =
        XrdpServer.start(
            dir, new XrdpServer.Config().securityLayer("tls").global("ssl_protocols=TLSv1.3"))) {
      DoctorReport r = examine(xrdp);
      String s = show(r) + xrdp.logs();
      assertTrue(r.baselineSucceeded(), s);
      assertEquals(4, r.followUps(FollowUp.Kind.TLS_VERSION).size(), s);
      assertEquals(3, r.followUps(FollowUp.Kind.CIPHER_FAMILY).size(), s);
      // never more at once than the default cap; whether two overlap depends on how fast xrdp
      // refuses each (DoctorConnectionsTest shows them side by side against a slow server)
      assertTrue(r.peakConnections() <= 4, s);
      Finding refused = refused(r);
      assertEquals(Status.CONFIRMED, refused.status(), s);
      assertTrue(refused.text().contains("clients that offer only TLS 1.2 (Windows 10's"), s);
      assertEquals(Remedy.SOME_CLIENTS_REFUSED.steps(), refused.advice(), s);
      assertTrue(r.verdict().text().contains("Confirmed: The server refuses clients"), s);
      assertFalse(r.verdict().text().contains("Nothing to fix"), s);
    }
  }

  @Test
  void aServerWithOnlyAWeakSuiteRefusesClientsOfCurrentSuites() throws Exception {
    try (XrdpServer xrdp =
        XrdpServer.start(
            dir,
            new XrdpServer.Config()
                .securityLayer("tls")
                .global("ssl_protocols=TLSv1.2")
                .global("tls_ciphers=AES128-SHA"))) {
      DoctorReport r = examine(xrdp);
      String s = show(r) + xrdp.logs();
      assertTrue(r.baselineSucceeded(), s);
      assertTrue(r.diagnosis().causes().stream().anyMatch(c -> c.id() == CauseId.WEAK_TLS), s);
      Finding refused = refused(r);
      assertEquals(Status.CONFIRMED, refused.status(), s);
      assertTrue(refused.text().contains("clients that offer only TLS 1.3"), s);
      assertTrue(refused.text().contains("clients that offer only ECDHE with AES-GCM suites"), s);
      assertTrue(refused.text().contains("Only TLS 1.2 and RSA key exchange complete"), s);
      // the weakness is all it has: confirmed, with its remedy
      Finding weak =
          r.verdict().findings().stream()
              .filter(f -> f.cause() == CauseId.WEAK_TLS)
              .findFirst()
              .orElseThrow(() -> new AssertionError(s));
      assertEquals(Status.CONFIRMED, weak.status(), s);
      assertTrue(weak.text().contains("the server has nothing stronger"), s);
      assertEquals(Remedy.WEAK_TLS.steps(), weak.advice(), s);
    }
  }

  @Test
  void aServerThatAnswersEveryProtocolWithStandardSecurityHasTheDowngradeConfirmed()
      throws Exception {
    try (XrdpServer xrdp =
        XrdpServer.start(dir, new XrdpServer.Config().securityLayer("rdp").cryptLevel("low"))) {
      DoctorReport r = examine(xrdp);
      String s = show(r) + xrdp.logs();
      for (FollowUp f : r.followUps(FollowUp.Kind.PROTOCOL)) {
        assertEquals("selected RDP", f.outcome(), s);
      }
      Finding downgrade =
          r.verdict().findings().stream()
              .filter(f -> f.cause() == CauseId.STANDARD_SECURITY)
              .findFirst()
              .orElseThrow(() -> new AssertionError(s));
      assertEquals(Status.CONFIRMED, downgrade.status(), s);
      assertTrue(
          downgrade
              .text()
              .startsWith(
                  "Offered alone, SSL, HYBRID, HYBRID_EX and RDSTLS were each"
                      + " answered with PROTOCOL_RDP"),
          s);
      // what it exposes: no server authentication, and the method the server named
      assertTrue(downgrade.text().contains("anyone on the path can pose as the server"), s);
      assertTrue(downgrade.text().contains("40-bit RC4"), s);
      assertEquals(Remedy.STANDARD_SECURITY_SELECTED.steps(), downgrade.advice(), s);
      // the verdict leads with what the server takes (Standard RDP Security only), then this
      assertTrue(r.verdict().text().contains("Confirmed: Offered alone, "), s);
    }
  }
}
