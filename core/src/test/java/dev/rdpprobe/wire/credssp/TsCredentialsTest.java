package dev.rdpprobe.wire.credssp;

import static dev.rdpprobe.wire.WireVectors.assertDecodeFails;
import static dev.rdpprobe.wire.WireVectors.assertError;
import static dev.rdpprobe.wire.WireVectors.assertEveryPrefixNeedsMoreBytes;
import static dev.rdpprobe.wire.WireVectors.bytes;
import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static dev.rdpprobe.wire.WireVectors.encode;
import static dev.rdpprobe.wire.WireVectors.toHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.wire.Asn1Oracle;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.DecodeException.Kind;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TSCredentials and TSPasswordCreds (MS-CSSP 2.2.1.2): the Restricted Admin bytes, encode and
 * decode, each encoding checked against a builder of the tests' own ({@link TestDer}) and against
 * Bouncy Castle's parser ({@link Asn1Oracle}).
 */
class TsCredentialsTest {

  static final byte[] CREDS =
      TestDer.credentials(1, TestDer.passwordCreds("CORP", "alice", "s3cret-Passw0rd"));

  @Test
  void passwordCredentialsDecode() {
    try (TsCredentials c = decodeAll(TsCredentials::decode, CREDS);
        TsPasswordCreds p = c.passwordCreds()) {
      assertEquals(TsCredentials.CRED_TYPE_PASSWORD, c.credType());
      assertEquals("CORP", p.domainName());
      assertEquals("alice", p.userName());
      char[] password = p.password();
      assertArrayEquals("s3cret-Passw0rd".toCharArray(), password);
      Arrays.fill(password, '\0');
      assertTrue(p.hasPassword());
    }
  }

  @Test
  void everyPrefixNeedsMoreBytes() {
    assertEveryPrefixNeedsMoreBytes(TsCredentials::decode, CREDS);
  }

  @Test
  void secretsAreNeverPrinted() {
    TsCredentials c = decodeAll(TsCredentials::decode, CREDS);
    TsPasswordCreds p = c.passwordCreds();
    assertFalse(c.toString().contains("s3cret"), c.toString());
    assertFalse(c.toString().toLowerCase().contains("733363726574"), "no hex either");
    assertEquals("TsCredentials[credType=1, credentials=<62 bytes redacted>]", c.toString());
    assertEquals(
        "TsPasswordCreds[domainName=CORP, userName=alice, password=<redacted>]", p.toString());
  }

  @Test
  void closeOverwritesTheSecrets() {
    TsCredentials c = decodeAll(TsCredentials::decode, CREDS);
    TsPasswordCreds p = c.passwordCreds();
    p.close();
    assertArrayEquals(new char[15], p.password());
    c.close();
    DecodeException e = assertThrows(DecodeException.class, c::passwordCreds);
    assertEquals(Kind.UNEXPECTED_MESSAGE_TYPE, e.kind(), "zeros are no TSPasswordCreds");
  }

  @Test
  void emptyPasswordAsRemoteGuardOrRestrictedAdminSendIt() {
    byte[] bytes = TestDer.credentials(1, TestDer.passwordCreds("", "", ""));
    try (TsPasswordCreds p = decodeAll(TsCredentials::decode, bytes).passwordCreds()) {
      assertFalse(p.hasPassword());
      assertEquals("TsPasswordCreds[domainName=, userName=, password=]", p.toString());
    }
  }

  @Test
  void otherCredTypesAreNotReadAsPasswords() {
    TsCredentials c = decodeAll(TsCredentials::decode, TestDer.credentials(2, bytes("30 00")));
    assertEquals(TsCredentials.CRED_TYPE_SMART_CARD, c.credType());
    DecodeException e = assertThrows(DecodeException.class, c::passwordCreds);
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "TSCredentials", "credType", 0);
  }

  @Test
  void malformedPasswordCreds() {
    // an odd number of octets in the user name
    byte[] odd =
        TestDer.tlv(
            0x30,
            TestDer.cat(
                TestDer.explicitOctets(0, new byte[0]),
                TestDer.explicitOctets(1, new byte[] {0x41}),
                TestDer.explicitOctets(2, new byte[0])));
    TsCredentials c = decodeAll(TsCredentials::decode, TestDer.credentials(1, odd));
    DecodeException e = assertThrows(DecodeException.class, c::passwordCreds);
    assertError(e, Kind.INVALID_FIELD, "TSPasswordCreds", "UTF-16 length", 8);
    // a trailing octet after the SEQUENCE
    byte[] trailing = TestDer.cat(TestDer.passwordCreds("a", "b", "c"), new byte[] {0});
    TsCredentials t = decodeAll(TsCredentials::decode, TestDer.credentials(1, trailing));
    e = assertThrows(DecodeException.class, t::passwordCreds);
    assertEquals(Kind.TRAILING_BYTES, e.kind());
  }

  @Test
  void wrongOuterTag() {
    DecodeException e = assertDecodeFails(TsCredentials::decode, "31 00");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "TSCredentials", "TSCredentials", 0);
  }

  /** The bytes the probe sent before: every length three octets too long. */
  static final byte[] OLD_RESTRICTED_ADMIN =
      bytes("30 1a a0 03 02 01 01 a1 13 04 11 30 0f a0 02 04 00 a1 02 04 00 a2 02 04 00");

  @Test
  void restrictedAdminIsWellFormedDer() {
    byte[] der = TsCredentials.RESTRICTED_ADMIN.toByteArray();
    assertEquals(
        "30 17 a0 03 02 01 01 a1 10 04 0e 30 0c a0 02 04 00 a1 02 04 00 a2 02 04 00", toHex(der));
    // the same bytes as an independent builder of the same value
    assertArrayEquals(TestDer.credentials(1, TestDer.passwordCreds("", "", "")), der);
    try (TsCredentials c = decodeAll(TsCredentials::decode, der);
        TsPasswordCreds p = c.passwordCreds()) {
      assertEquals(TsCredentials.CRED_TYPE_PASSWORD, c.credType());
      assertEquals("", p.domainName());
      assertEquals("", p.userName());
      assertFalse(p.hasPassword());
    }
    Asn1Oracle.assertDer(der, "the Restricted Admin TSCredentials");
    Asn1Oracle.assertDer(encode(TsPasswordCreds.empty()), "its TSPasswordCreds");
  }

  @Test
  void theOldRestrictedAdminBytesAreRefusedByBothParsers() {
    DecodeException e = assertDecodeFails(TsCredentials::decode, OLD_RESTRICTED_ADMIN, "old");
    assertEquals(Kind.NOT_ENOUGH_BYTES, e.kind(), e.getMessage());
    assertEquals(2, e.offset(), e.getMessage());
    assertThrows(
        AssertionError.class, () -> Asn1Oracle.parse(OLD_RESTRICTED_ADMIN, "the old bytes"));
  }

  static Stream<Arguments> passwords() {
    return Stream.of(
        Arguments.of("", "", ""),
        Arguments.of("CORP", "alice", "s3cret-Passw0rd"),
        Arguments.of("", "администратор", "пароль-Ω"),
        // 63 and 64 characters: the password's OCTET STRING crosses 127 octets, its length 2 octets
        Arguments.of("D", "u", "p".repeat(63)),
        Arguments.of("D", "u", "p".repeat(64)),
        // 256 characters, the longest Windows takes: 512 octets, lengths of 3 octets
        Arguments.of("CONTOSO", "administrator", "x".repeat(256)),
        Arguments.of("d".repeat(512), "u".repeat(512), "p".repeat(512)));
  }

  @ParameterizedTest
  @MethodSource("passwords")
  void passwordCredentialsRoundTripAndAreDer(String domain, String user, String password) {
    try (TsPasswordCreds creds = TsPasswordCreds.of(domain, user, password.toCharArray());
        TsCredentials c = TsCredentials.password(creds)) {
      byte[] inner = encode(creds);
      assertArrayEquals(TestDer.passwordCreds(domain, user, password), inner);
      byte[] der = encode(c);
      assertArrayEquals(TestDer.credentials(1, inner), der);
      Asn1Oracle.assertDer(der, "TSCredentials");
      Asn1Oracle.assertDer(inner, "TSPasswordCreds");
      try (TsCredentials back = decodeAll(TsCredentials::decode, der);
          TsPasswordCreds p = back.passwordCreds()) {
        assertEquals(c, back);
        assertEquals(creds, p);
        assertEquals(domain, p.domainName());
        assertEquals(user, p.userName());
        char[] got = p.password();
        assertArrayEquals(password.toCharArray(), got);
        Arrays.fill(got, '\0');
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 6, 127, 128, 255, 256, -1, Integer.MAX_VALUE, Integer.MIN_VALUE})
  void anyCredTypeAndCredentialsRoundTrip(int credType) {
    for (int n : new int[] {0, 1, 127, 128, 255, 256, 65535, 65536}) {
      byte[] credentials = new byte[n];
      Arrays.fill(credentials, (byte) 0x5a);
      TsCredentials c = TsCredentials.of(credType, credentials);
      byte[] der = encode(c);
      Asn1Oracle.assertDer(der, "TSCredentials credType " + credType + ", " + n + " octets");
      assertEquals(c, decodeAll(TsCredentials::decode, der));
    }
  }

  @Test
  void encodingNeverShowsThePassword() {
    try (TsPasswordCreds creds = TsPasswordCreds.of("CORP", "alice", "s3cret".toCharArray());
        TsCredentials c = TsCredentials.password(creds)) {
      assertEquals("domainName=CORP, userName=alice, password present", creds.summary());
      assertEquals("credType=1, credentials 44 bytes", c.summary());
      assertFalse(c.toString().contains("s3cret"));
      assertFalse(creds.toString().contains("s3cret"));
    }
  }

  @Test
  void ofCopiesThePasswordAndCloseClearsTheCopy() {
    char[] mine = "s3cret".toCharArray();
    TsPasswordCreds creds = TsPasswordCreds.of("", "u", mine);
    Arrays.fill(mine, '\0');
    assertArrayEquals("s3cret".toCharArray(), creds.password());
    creds.close();
    assertArrayEquals(new char[6], creds.password());
  }

  @Test
  void tooLongStringsAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> TsPasswordCreds.of("", "", new char[TsPasswordCreds.MAX_STRING_BYTES / 2 + 1]));
    assertThrows(
        IllegalArgumentException.class,
        () -> TsCredentials.of(1, new byte[TsRequest.MAX_LENGTH + 1]));
  }
}
