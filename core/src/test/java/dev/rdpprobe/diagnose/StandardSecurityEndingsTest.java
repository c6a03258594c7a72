package dev.rdpprobe.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.wire.gcc.EncryptionMethods;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Standard RDP Security endings, each from a probe of the emulator scenario that plays it: what
 * the diagnosis names and what a Windows client would report.
 */
class StandardSecurityEndingsTest {
  private static List<CauseId> causes(Diagnosis d) {
    return d.causes().stream().map(Cause::id).toList();
  }

  @Test
  void aResetAfterTheExchangeIsTheExchangeRejected() {
    Trace t = CauseCatalogueTest.emulated(Scenario.RDP_SECURITY_RST_AFTER_CLIENT_RANDOM, false);
    Diagnosis d = Diagnoser.diagnose(t);
    assertTrue(causes(d).contains(CauseId.RDP_SECURITY_EXCHANGE_REJECTED), d.verdict());
    assertEquals(ExtendedReason.SERVER_DENIED_CONNECTION, d.extendedReason(), d.verdict());
  }

  @Test
  void aServerAtFipsClosingOnAnOfferWithoutFipsIsFipsRequiredAnd0x8() {
    Trace t =
        CauseCatalogueTest.emulatedWithMethods(
            Scenario.RDP_SECURITY_FIPS, EncryptionMethods.ENCRYPTION_METHOD_128BIT);
    Diagnosis d = Diagnoser.diagnose(t);
    List<CauseId> ids = causes(d);
    assertTrue(ids.contains(CauseId.FIPS_REQUIRED), d.verdict());
    assertTrue(ids.contains(CauseId.ENCRYPTION_METHOD_NOT_OFFERED), d.verdict());
    assertEquals(0x904, d.discReason().value(), d.verdict());
    assertEquals(ExtendedReason.SERVER_DENIED_CONNECTION_FIPS, d.extendedReason(), d.verdict());
  }

  @Test
  void aServerAtHighClosingOnA40BitOfferIsNotFips() {
    Trace t =
        CauseCatalogueTest.emulatedWithMethods(
            Scenario.RDP_SECURITY_HIGH,
            EncryptionMethods.ENCRYPTION_METHOD_40BIT | EncryptionMethods.ENCRYPTION_METHOD_FIPS);
    Diagnosis d = Diagnoser.diagnose(t);
    List<CauseId> ids = causes(d);
    assertTrue(ids.contains(CauseId.ENCRYPTION_METHOD_NOT_OFFERED), d.verdict());
    assertFalse(ids.contains(CauseId.FIPS_REQUIRED), d.verdict());
    assertEquals(ExtendedReason.SERVER_DENIED_CONNECTION, d.extendedReason(), d.verdict());
  }

  @Test
  void anUnofferedMethodSelectedIsNamed() {
    Trace t =
        CauseCatalogueTest.emulatedWithMethods(
            Scenario.RDP_SECURITY_UNEXPECTED_METHOD, EncryptionMethods.ENCRYPTION_METHOD_128BIT);
    Diagnosis d = Diagnoser.diagnose(t);
    Cause c =
        d.causes().stream()
            .filter(x -> x.id() == CauseId.ENCRYPTION_METHOD_NOT_OFFERED)
            .findFirst()
            .orElseThrow(() -> new AssertionError(d.verdict()));
    assertEquals(Confidence.HIGH, c.confidence());
    assertTrue(c.why().contains("ENCRYPTION_METHOD_FIPS"), c.why());
  }

  @Test
  void badServerSignaturesAreAWarningOnASuccessfulProbe() {
    Trace t = CauseCatalogueTest.emulated(Scenario.RDP_SECURITY_BAD_MAC, false);
    Diagnosis d = Diagnoser.diagnose(t);
    assertFalse(d.isFailure(), d.verdict());
    assertTrue(causes(d).contains(CauseId.RDP_SECURITY_BAD_SIGNATURE), d.verdict());
  }

  @Test
  void aHealthyStandardSecuritySessionHasNoneOfThese() {
    Trace t = CauseCatalogueTest.emulated(Scenario.RDP_SECURITY_HIGH, false);
    Diagnosis d = Diagnoser.diagnose(t);
    assertFalse(d.isFailure(), d.verdict());
    List<CauseId> ids = causes(d);
    for (CauseId id :
        List.of(
            CauseId.RDP_SECURITY_EXCHANGE_REJECTED,
            CauseId.ENCRYPTION_METHOD_NOT_OFFERED,
            CauseId.FIPS_REQUIRED,
            CauseId.RDP_SECURITY_BAD_SIGNATURE)) {
      assertFalse(ids.contains(id), id + ": " + d.verdict());
    }
    assertTrue(ids.contains(CauseId.STANDARD_SECURITY), d.verdict());
  }
}
