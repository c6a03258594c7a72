package dev.rdpprobe.diagnose;

import static dev.rdpprobe.diagnose.SyntheticTraces.afterRequest;
import static dev.rdpprobe.diagnose.SyntheticTraces.ids;
import static dev.rdpprobe.diagnose.SyntheticTraces.selects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.testing.TraceBuilder;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.wire.gcc.EncryptionMethods;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Standard RDP Security is a cause of its own, named with the method and level of the server's
 * Server Security Data, never as the refusal SSL_NOT_ALLOWED_BY_SERVER the server did not send.
 */
class StandardSecurityCausesTest {
  @ParameterizedTest(name = "method {0}, level {1}")
  @CsvSource({
    "0, 0, ENCRYPTION_METHOD_NONE at ENCRYPTION_LEVEL_NONE, in the clear, HIGH",
    "1, 1, ENCRYPTION_METHOD_40BIT at ENCRYPTION_LEVEL_LOW, 40-bit RC4, HIGH",
    "8, 2, ENCRYPTION_METHOD_56BIT at ENCRYPTION_LEVEL_CLIENT_COMPATIBLE, 56-bit RC4, HIGH",
    "2, 3, ENCRYPTION_METHOD_128BIT at ENCRYPTION_LEVEL_HIGH, 128-bit RC4, MEDIUM",
    "16, 4, ENCRYPTION_METHOD_FIPS at ENCRYPTION_LEVEL_FIPS, FIPS Triple DES, MEDIUM"
  })
  void theMethodAndLevelAreNamed(
      int method, int level, String evidence, String words, Confidence confidence) {
    Trace t = CauseCatalogueTest.standardSecurity(method, level);
    Diagnosis d = Diagnoser.diagnose(t);
    assertFalse(d.isFailure());
    Cause c = d.topCause().orElseThrow();
    assertEquals(CauseId.STANDARD_SECURITY, c.id(), d.verdict());
    assertEquals(confidence, c.confidence());
    assertFalse(ids(d).contains(CauseId.NEG_SSL_NOT_ALLOWED), ids(d).toString());
    assertTrue(c.why().contains(words), c.why());
    if (method == 0 || method == EncryptionMethods.ENCRYPTION_METHOD_FIPS) {
      assertFalse(c.why().contains("RC4"), c.why());
    }
    assertEquals(2, c.evidence().size());
    assertTrue(c.evidence().get(1).description().endsWith(evidence), c.evidence().toString());
    assertTrue(d.verdict().contains("it would warn: the server uses Standard RDP Security"));
  }

  @Test
  void aLevelLowSaysTheServersAnswersAreInTheClear() {
    Cause c =
        Diagnoser.diagnose(
                CauseCatalogueTest.standardSecurity(EncryptionMethods.ENCRYPTION_METHOD_40BIT, 1))
            .topCause()
            .orElseThrow();
    assertTrue(c.why().contains("only what the client sends is encrypted"), c.why());
  }

  @Test
  void beforeTheMcsConnectResponseTheMethodIsNotGuessed() {
    Trace t =
        afterRequest()
            .connectionConfirm(selects(SecurityProtocols.RDP))
            .close(CloseKind.STOP_POINT_REACHED);
    Cause c = Diagnoser.diagnose(t).topCause().orElseThrow();
    assertEquals(CauseId.STANDARD_SECURITY, c.id());
    assertTrue(c.why().contains("which this probe did not reach"), c.why());
    assertFalse(c.why().contains("RC4"), c.why());
  }

  @Test
  void standardSecurityAskedForAndGrantedWithoutAMethodSeenIsQuiet() {
    Trace t =
        TraceBuilder.start()
            .connected()
            .connectionRequest(SecurityProtocols.RDP)
            .connectionConfirm(selects(SecurityProtocols.RDP))
            .close(CloseKind.STOP_POINT_REACHED);
    assertTrue(Diagnoser.diagnose(t).causes().isEmpty());
  }
}
