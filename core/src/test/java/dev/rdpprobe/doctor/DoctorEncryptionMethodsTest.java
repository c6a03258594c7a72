package dev.rdpprobe.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.testing.SharedProbe;
import dev.rdpprobe.testing.XrdpServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The doctor's enumeration of Standard RDP Security: each encryption method offered alone (and
 * none), one connection each, against xrdp at every {@code crypt_level} and against the emulator,
 * and the exposure findings with their stable subjects.
 *
 * <p>xrdp 0.9 selects its own method whatever the client offers (CS_SECURITY is only logged when it
 * does not match), so at each level exactly one offer is taken: a scanner that counts every Connect
 * Response as acceptance would report all five.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DoctorEncryptionMethodsTest {
  private static final RdpProbe probe = SharedProbe.get();
  private static Doctor doctor;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    doctor = Doctor.create(probe);
  }

  private static DoctorReport examine(int port) {
    DoctorSpec spec =
        DoctorSpec.builder("127.0.0.1")
            .port(port)
            .probeSettings(
                ProbeSpec.builder("127.0.0.1")
                    .connectTimeout(Duration.ofSeconds(3))
                    .idleTimeout(Duration.ofMillis(1500))
                    .deadline(Duration.ofSeconds(10))
                    .build())
            .delayBetweenConnections(Duration.ofMillis(20))
            .deadline(Duration.ofSeconds(60))
            .build();
    return DoctorEmulatorTest.assertAdviceFromCatalogue(
        doctor.examine(spec).orTimeout(80, TimeUnit.SECONDS).join());
  }

  private static Set<Finding.Subject> subjects(DoctorReport r) {
    return r.verdict().findings().stream().map(Finding::subject).collect(Collectors.toSet());
  }

  private static Finding finding(DoctorReport r, Finding.Subject s) {
    return r.verdict().findings().stream()
        .filter(f -> f.subject() == s)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + s + DoctorEmulatorTest.show(r)));
  }

  /** crypt_level, the one offer xrdp takes, its level, the exposures besides the protocol one. */
  static Stream<Arguments> levels() {
    return Stream.of(
        Arguments.of(
            "none", "no encryption", "ENCRYPTION_LEVEL_NONE", List.of("NO_RDP_ENCRYPTION")),
        Arguments.of("low", "40-bit RC4", "ENCRYPTION_LEVEL_LOW", List.of("WEAK_RDP_ENCRYPTION")),
        Arguments.of(
            "medium",
            "40-bit RC4",
            "ENCRYPTION_LEVEL_CLIENT_COMPATIBLE",
            List.of("WEAK_RDP_ENCRYPTION")),
        Arguments.of("high", "128-bit RC4", "ENCRYPTION_LEVEL_HIGH", List.of()),
        Arguments.of("fips", "FIPS", "ENCRYPTION_LEVEL_FIPS", List.of()));
  }

  @ParameterizedTest(name = "crypt_level={0}")
  @MethodSource("levels")
  void xrdpTakesExactlyItsOwnMethod(
      String cryptLevel, String taken, String level, List<String> exposures) throws Exception {
    try (XrdpServer xrdp =
        XrdpServer.start(
            dir, new XrdpServer.Config().securityLayer("rdp").cryptLevel(cryptLevel))) {
      DoctorReport r = examine(xrdp.port());
      String show = DoctorEmulatorTest.show(r) + "\n" + r.verdict().findings();
      assertEquals(5, r.followUps(FollowUp.Kind.ENCRYPTION_METHOD).size(), show);
      Finding methods = finding(r, Finding.Subject.ENCRYPTION_METHODS);
      assertTrue(
          methods
              .text()
              .startsWith(
                  "Offered alone under Standard RDP Security, the server takes "
                      + taken
                      + " (encryption level "
                      + level
                      + ");"),
          methods.text());
      // the four other offers were answered with xrdp's own method
      assertTrue(methods.text().contains("which was not offered"), methods.text());
      Set<Finding.Subject> s = subjects(r);
      assertTrue(s.contains(Finding.Subject.STANDARD_SECURITY_ONLY), show);
      for (String e : exposures) {
        assertTrue(s.contains(Finding.Subject.valueOf(e)), e + show);
      }
      for (Finding.Subject other :
          List.of(
              Finding.Subject.WEAK_RDP_ENCRYPTION,
              Finding.Subject.NO_RDP_ENCRYPTION,
              Finding.Subject.FIPS_NOT_REQUIRED,
              Finding.Subject.TLS_NOT_REQUIRED,
              Finding.Subject.NLA_NOT_REQUIRED)) {
        assertEquals(exposures.contains(other.name()), s.contains(other), other + show);
      }
    }
  }

  @Test
  void xrdpNegotiatingTakesTlsButDoesNotRequireIt() throws Exception {
    try (XrdpServer xrdp =
        XrdpServer.start(dir, new XrdpServer.Config().securityLayer("negotiate"))) {
      DoctorReport r = examine(xrdp.port());
      String show = DoctorEmulatorTest.show(r) + "\n" + r.verdict().findings();
      Set<Finding.Subject> s = subjects(r);
      assertTrue(s.contains(Finding.Subject.TLS_NOT_REQUIRED), show);
      assertTrue(s.contains(Finding.Subject.ENCRYPTION_METHODS), show);
      assertTrue(!s.contains(Finding.Subject.STANDARD_SECURITY_ONLY), show);
    }
  }

  /**
   * The emulator at CLIENT_COMPATIBLE takes each RC4 method and FIPS, as a Windows server does:
   * weak encryption, and FIPS not required.
   */
  @Test
  void aClientCompatibleServerTakesEveryMethod() throws Exception {
    try (RdpEmulator e = RdpEmulator.start(Scenario.RDP_SECURITY_CLIENT_COMPATIBLE)) {
      DoctorReport r = examine(e.port());
      String show = DoctorEmulatorTest.show(r) + "\n" + r.verdict().findings();
      Finding methods = finding(r, Finding.Subject.ENCRYPTION_METHODS);
      assertTrue(
          methods
              .text()
              .startsWith(
                  "Offered alone under Standard RDP Security, the server takes 40-bit RC4, 56-bit"
                      + " RC4, 128-bit RC4 and FIPS (encryption level"
                      + " ENCRYPTION_LEVEL_CLIENT_COMPATIBLE)"),
          methods.text());
      Set<Finding.Subject> s = subjects(r);
      assertTrue(s.contains(Finding.Subject.WEAK_RDP_ENCRYPTION), show);
      assertTrue(s.contains(Finding.Subject.FIPS_NOT_REQUIRED), show);
      assertTrue(!s.contains(Finding.Subject.NO_RDP_ENCRYPTION), show);
    }
  }
}
