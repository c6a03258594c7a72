package dev.rdpprobe.diagnose;

import static dev.rdpprobe.diagnose.SyntheticTraces.assertPair;
import static dev.rdpprobe.diagnose.SyntheticTraces.assertTop;
import static dev.rdpprobe.diagnose.SyntheticTraces.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The CredSSP causes from real probes of the emulator's NLA scenarios: the credentials rejected
 * with their NTSTATUS named and the Windows client's 0x?07 code, or by a close after the
 * AUTHENTICATE; the early authorization denied; the version and policy mismatches; and the ending
 * that is the probe's own (no TSCredentials).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CredSspDiagnosisTest {
  private static final RdpProbe probe = SharedProbe.get();

  private static Diagnosis diagnose(Scenario scenario, String password) throws IOException {
    return diagnose(scenario, password, Phase.CHANNEL_CONNECT);
  }

  private static Diagnosis diagnose(Scenario scenario, String password, Phase stopAfter)
      throws IOException {
    ProbeSpec.Builder spec =
        ProbeSpec.builder("127.0.0.1")
            .idleTimeout(Duration.ofMillis(700))
            .deadline(Duration.ofSeconds(10))
            .stopAfter(stopAfter);
    if (password != null) {
      spec.credentials("rdpprobe", "", password.toCharArray());
    }
    try (RdpEmulator e = RdpEmulator.start(scenario)) {
      ProbeResult r =
          probe.probe(spec.port(e.port()).build()).orTimeout(20, TimeUnit.SECONDS).join();
      return r.diagnose();
    }
  }

  @Test
  void aWrongPasswordIsLogonFailureAnd0x807() throws IOException {
    Diagnosis d = diagnose(Scenario.NLA, "wrong");
    assertEquals(Phase.CREDSSP, d.phase());
    assertPair(d, 0x807, 0x0);
    assertTop(d, CauseId.CREDENTIALS_REJECTED, Confidence.HIGH);
    Cause c = d.topCause().orElseThrow();
    assertTrue(c.why().contains("STATUS_LOGON_FAILURE"), c.why());
    assertTrue(c.evidence().get(1).description().contains("0x807"), c.evidence().toString());
  }

  @Test
  void anExpiredPasswordIs0xF07() throws IOException {
    Diagnosis d = diagnose(Scenario.NLA_PASSWORD_EXPIRED, "rdpprobe-Pass1");
    assertPair(d, 0xF07, 0x0);
    assertTop(d, CauseId.CREDENTIALS_REJECTED, Confidence.HIGH);
    assertTrue(d.topCause().orElseThrow().why().contains("STATUS_PASSWORD_EXPIRED"));
  }

  @Test
  void aCloseAfterTheAuthenticateIsARejectionWithThatEvidence() throws IOException {
    Diagnosis d = diagnose(Scenario.NLA_VERSION_2, "wrong");
    assertEquals(CloseKind.PEER_FIN, d.closeKind());
    assertTop(d, CauseId.CREDENTIALS_REJECTED, Confidence.MEDIUM);
    Cause c = d.topCause().orElseThrow();
    assertTrue(c.why().contains("CredSSP version 2"), c.why());
    assertTrue(
        c.evidence().get(1).description().contains("after our AUTHENTICATE, with no errorCode"),
        c.evidence().toString());
    // the version is a mismatch of its own
    assertTrue(ids(d).contains(CauseId.CREDSSP_MISMATCH), ids(d).toString());
  }

  @Test
  void earlyAuthorizationDenied() throws IOException {
    Diagnosis d = diagnose(Scenario.NLA_EARLY_AUTH_DENIED, "rdpprobe-Pass1");
    assertEquals(Phase.EARLY_USER_AUTH, d.phase());
    assertEquals(ClientCode.Basis.NO_DOCUMENTED_CODE, d.clientCode().basis());
    assertTrue(d.clientCode().message().contains("Remote Desktop Services"));
    assertTop(d, CauseId.EARLY_AUTH_DENIED, Confidence.HIGH);
  }

  @Test
  void aVersion2ServerWarnsEvenWhenTheProbeGetsThrough() throws IOException {
    Diagnosis d = diagnose(Scenario.NLA_VERSION_2, null);
    assertEquals(CloseKind.STOP_POINT_REACHED, d.closeKind());
    assertFalse(d.clientCode().isError());
    Cause top = d.topCause().orElseThrow();
    assertEquals(CauseId.CREDSSP_MISMATCH, top.id());
    assertEquals(Confidence.MEDIUM, top.confidence());
    assertTrue(top.why().contains("CVE-2018-0886"), top.why());
    assertTrue(d.verdict().contains("warn: a CredSSP version or policy mismatch"), d.verdict());
  }

  @Test
  void aVersion6ServerDrawsNoWarning() throws IOException {
    Diagnosis d = diagnose(Scenario.NLA, null);
    assertEquals(CloseKind.STOP_POINT_REACHED, d.closeKind());
    assertTrue(EmulatorCa.otherCauses(d).isEmpty(), d.causes().toString());
  }

  @Test
  void aResetAfterTheNegotiateIsAMismatch() throws IOException {
    Diagnosis d = diagnose(Scenario.NLA_RST_AFTER_NEGOTIATE, "rdpprobe-Pass1");
    assertEquals(Phase.CREDSSP, d.phase());
    assertPair(d, 0x904, 0x7);
    assertTop(d, CauseId.CREDSSP_MISMATCH, Confidence.MEDIUM);
  }

  @Test
  void aResetAfterTheAuthenticateIsARejection() throws IOException {
    Diagnosis d = diagnose(Scenario.NLA_RST_AFTER_AUTHENTICATE, "rdpprobe-Pass1");
    assertTop(d, CauseId.CREDENTIALS_REJECTED, Confidence.MEDIUM);
    assertTrue(d.topCause().orElseThrow().evidence().get(1).description().startsWith("peer RST"));
  }

  @Test
  void acceptedCredentialsEndWhereTheProbeStops() throws IOException {
    Diagnosis d = diagnose(Scenario.NLA, "rdpprobe-Pass1", Phase.CREDSSP);
    assertEquals(CloseKind.STOP_POINT_REACHED, d.closeKind());
    assertTrue(EmulatorCa.otherCauses(d).isEmpty(), d.causes().toString());
  }
}
