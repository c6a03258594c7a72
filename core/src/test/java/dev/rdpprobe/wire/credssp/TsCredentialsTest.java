package dev.rdpprobe.wire.credssp;

import static dev.rdpprobe.wire.WireVectors.assertDecodeFails;
import static dev.rdpprobe.wire.WireVectors.assertError;
import static dev.rdpprobe.wire.WireVectors.assertEveryPrefixNeedsMoreBytes;
import static dev.rdpprobe.wire.WireVectors.bytes;
import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.DecodeException.Kind;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** TSCredentials and TSPasswordCreds (MS-CSSP 2.2.1.2): decode only. */
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

  @Test
  void thereIsNoEncoderInMainCode() {
    for (Class<?> type : new Class<?>[] {TsCredentials.class, TsPasswordCreds.class}) {
      for (Method m : type.getDeclaredMethods()) {
        assertFalse(
            m.getName().startsWith("encode") || m.getName().equals("size"),
            type.getSimpleName() + "." + m.getName());
      }
      assertFalse(dev.rdpprobe.wire.Pdu.class.isAssignableFrom(type), type.getSimpleName());
    }
  }
}
