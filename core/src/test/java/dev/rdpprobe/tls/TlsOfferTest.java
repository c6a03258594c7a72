package dev.rdpprobe.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TlsOfferTest {

  @Test
  void windowsDefaultIsTls12And13WithTheSchannelOrderAndSni() {
    TlsOffer offer = TlsOffer.windowsDefault();
    assertEquals(List.of(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3), List.copyOf(offer.versions()));
    assertEquals(20, offer.cipherSuites().size());
    assertEquals("TLS_AES_256_GCM_SHA384", offer.cipherSuites().get(0));
    assertEquals("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", offer.cipherSuites().get(2));
    assertEquals("TLS_RSA_WITH_AES_128_CBC_SHA", offer.cipherSuites().get(19));
    assertTrue(offer.sni());
    int[] codes = offer.cipherSuiteCodes();
    assertEquals(0x1302, codes[0]);
    assertEquals(0x1301, codes[1]);
    assertEquals(0xc02c, codes[2]);
    assertEquals(0xc030, codes[4]);
    assertEquals(0x002f, codes[19]);
    assertEquals(TlsVersion.TLS_1_2, offer.lowest());
    assertEquals(TlsVersion.TLS_1_3, offer.highest());
  }

  @Test
  void groupsAreKeptInOrderThroughEveryWith() {
    // x448, secp521r1, x25519 (RFC 8446 section 4.2.7 codes)
    TlsOffer offer = TlsOffer.windowsDefault().withGroups(List.of(30, 25, 29));
    assertEquals(List.of(30, 25, 29), offer.groups());
    assertEquals(List.of(30, 25, 29), offer.withVersions(TlsVersion.TLS_1_2).groups());
    assertEquals(List.of(30, 25, 29), offer.withSni(false).groups());
    assertEquals(List.of(), TlsOffer.windowsDefault().groups(), "the probe's own");
    assertThrows(IllegalArgumentException.class, () -> offer.withGroups(List.of(0x0a0a)), "GREASE");
    assertThrows(IllegalArgumentException.class, () -> offer.withGroups(List.of(29, 29)));
  }

  @Test
  void allVersionsAddsTls10And11() {
    TlsOffer offer = TlsOffer.windowsAllVersions();
    assertEquals(
        List.of(TlsVersion.TLS_1_0, TlsVersion.TLS_1_1, TlsVersion.TLS_1_2, TlsVersion.TLS_1_3),
        List.copyOf(offer.versions()));
    assertEquals(TlsOffer.WINDOWS_CIPHER_SUITES, offer.cipherSuites());
  }

  @Test
  void onlyTls10KeepsTheCbcShaSuites() {
    TlsOffer offer = TlsOffer.only(TlsVersion.TLS_1_0);
    assertEquals(Set.of(TlsVersion.TLS_1_0), offer.versions());
    assertEquals(
        List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
            "TLS_RSA_WITH_AES_256_CBC_SHA",
            "TLS_RSA_WITH_AES_128_CBC_SHA"),
        offer.cipherSuites());
    assertEquals(
        List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256"),
        TlsOffer.only(TlsVersion.TLS_1_3).cipherSuites());
  }

  @Test
  void unknownNamesAreRefusedByName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TlsOffer.windowsDefault()
                    .withCipherSuites(
                        "TLS_AES_128_GCM_SHA256", "TLS_NOPE", "tls_aes_256_gcm_sha384"));
    assertEquals(
        "unknown cipher suite name(s): [TLS_NOPE, tls_aes_256_gcm_sha384]", e.getMessage());
  }

  @Test
  void signallingValuesDuplicatesAndEmptyListsAreRefused() {
    TlsOffer base = TlsOffer.windowsDefault();
    assertEquals(
        "signalling value(s) are not cipher suites, Bouncy Castle adds them itself: "
            + "[TLS_FALLBACK_SCSV]",
        assertThrows(
                IllegalArgumentException.class,
                () -> base.withCipherSuites("TLS_AES_128_GCM_SHA256", "TLS_FALLBACK_SCSV"))
            .getMessage());
    assertEquals(
        "cipher suite(s) listed twice: [TLS_AES_128_GCM_SHA256]",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    base.withCipherSuites(
                        "TLS_AES_128_GCM_SHA256",
                        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                        "TLS_AES_128_GCM_SHA256"))
            .getMessage());
    assertEquals(
        "no cipher suite offered",
        assertThrows(IllegalArgumentException.class, () -> base.withCipherSuites(List.of()))
            .getMessage());
    assertEquals(
        "no TLS version offered",
        assertThrows(IllegalArgumentException.class, () -> base.withVersions(List.of()))
            .getMessage());
  }

  @Test
  void everyVersionNeedsASuiteItCanUse() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TlsOffer.windowsDefault()
                    .withVersions(TlsVersion.TLS_1_0)
                    .withCipherSuites("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
    // withVersions runs first, on the full list, and passes; the suites then fail
    assertEquals(
        "no offered cipher suite can be negotiated at TLSv1.0: "
            + "[TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]",
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            TlsOffer.windowsDefault()
                .withCipherSuites("TLS_AES_128_GCM_SHA256")
                .withVersions(TlsVersion.TLS_1_2));
  }

  @Test
  void suitesBouncyCastleKnowsButCannotRunAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TlsOffer.windowsDefault()
                    .withCipherSuites("TLS_AES_128_GCM_SHA256", "TLS_NULL_WITH_NULL_NULL"));
    assertEquals(
        "cipher suite(s) Bouncy Castle's lightweight crypto does not implement: "
            + "[TLS_NULL_WITH_NULL_NULL]",
        e.getMessage());
  }

  @Test
  void sniCanBeTurnedOff() {
    assertFalse(TlsOffer.windowsDefault().withSni(false).sni());
  }

  @Test
  void cipherSuiteNamesAndCodes() {
    assertEquals(Optional.of(0xc030), CipherSuites.code("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"));
    assertEquals("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", CipherSuites.name(0xc030));
    assertEquals("TLS_EMPTY_RENEGOTIATION_INFO_SCSV", CipherSuites.name(0x00ff));
    assertEquals("unknown (0x1a1a)", CipherSuites.name(0x1a1a));
    assertEquals(Optional.empty(), CipherSuites.code("TLS_NOPE"));
    assertTrue(CipherSuites.isSignalling(0x00ff));
    assertTrue(CipherSuites.isTls13(0x1301));
    assertFalse(CipherSuites.isTls13(0xc030));
    assertTrue(CipherSuites.isImplemented(0xc030));
    assertFalse(CipherSuites.isImplemented(0x00ff));
  }

  @Test
  void versionNames() {
    assertEquals("TLSv1.0", TlsVersion.TLS_1_0.ianaName());
    assertEquals(0x0304, TlsVersion.TLS_1_3.wireValue());
    assertEquals(TlsVersion.TLS_1_1, TlsVersion.fromName("tlsv1.1"));
    assertEquals("TLSv1.2", TlsVersion.describe(0x0303));
    assertEquals("SSLv3", TlsVersion.describe(0x0300));
    assertEquals("GREASE (0x3a3a)", TlsVersion.describe(0x3a3a));
    assertEquals("unknown (0x7f1c)", TlsVersion.describe(0x7f1c));
    assertEquals(Optional.empty(), TlsVersion.fromWire(0x0300));
    assertThrows(IllegalArgumentException.class, () -> TlsVersion.fromName("SSLv3"));
  }

  @Test
  void theOfferIsImmutable() {
    TlsOffer offer = TlsOffer.windowsDefault();
    assertThrows(UnsupportedOperationException.class, () -> offer.versions().clear());
    assertThrows(UnsupportedOperationException.class, () -> offer.cipherSuites().clear());
    assertArrayEquals(offer.cipherSuiteCodes(), TlsOffer.windowsDefault().cipherSuiteCodes());
  }
}
