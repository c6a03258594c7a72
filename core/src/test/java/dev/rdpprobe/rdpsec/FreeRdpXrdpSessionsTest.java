package dev.rdpprobe.rdpsec;

import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.gcc.EncryptionLevel;
import dev.rdpprobe.wire.gcc.RsaPublicKey;
import dev.rdpprobe.wire.license.LicensePdu;
import dev.rdpprobe.wire.sec.ClientInfoPdu;
import dev.rdpprobe.wire.sec.FipsSecurityHeader;
import dev.rdpprobe.wire.sec.InfoPacket;
import dev.rdpprobe.wire.sec.NonFipsSecurityHeader;
import dev.rdpprobe.wire.sec.SecurityExchangePdu;
import dev.rdpprobe.wire.sec.SecurityFlags;
import dev.rdpprobe.wire.share.ConfirmActivePdu;
import dev.rdpprobe.wire.share.DemandActivePdu;
import dev.rdpprobe.wire.slowpath.ServerSlowPath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Other implementations' bytes through ours: xfreerdp 2.11 against xrdp 0.9.21 at each of xrdp's
 * encrypting levels, recorded by {@code testdata/capture/rdpsec-peers.sh} with the client random
 * FreeRDP chose. FreeRDP's RSA encryption of its random, its RC4 and 3DES streams and its plain,
 * salted and HMAC signatures, and xrdp's streams and signatures, must all come out of {@link
 * StandardSecurity} as valid, and our client context must reproduce FreeRDP's bytes exactly.
 *
 * <p>What the captures show about the peers: xfreerdp salts its signatures from the Client Info on
 * (SEC_SECURE_CHECKSUM), and Debian's xrdp 0.9.21.1-1+deb12u3 checks RC4 signatures without salting
 * them, so it drops xfreerdp after the Client Info with "MAC checksum error for non-FIPS PDU" at
 * low, medium and high, though the signature is right; at FIPS, whose signature always covers the
 * count, the session runs.
 */
class FreeRdpXrdpSessionsTest {

  @ParameterizedTest
  @ValueSource(strings = {"low", "medium", "high", "fips"})
  void freeRdpAndXrdpBytesCheckAndFreeRdpsAreReproduced(String level) {
    CapturedSession s = CapturedSession.load("xrdp-rdp-" + level + "_xfreerdp.txt");
    EncryptionMethod method = EncryptionMethod.of(s.method());

    // RDP's RSA has no padding: our encryption of FreeRDP's random is FreeRDP's, byte for byte
    RsaPublicKey key = s.serverCertificate().rsaPublicKey().orElseThrow();
    SecurityExchangePdu exchange =
        ClientRandom.exchangePdu(
            key, s.clientRandom().toByteArray(), SecurityFlags.SEC_LICENSE_ENCRYPT_SC);
    assertEquals(s.encryptedClientRandom(), exchange.encryptedClientRandom());
    assertEquals(s.exchangeFlags(), exchange.basicSecurityHeader().flags().bits());
    // xrdp signs its proprietary certificate with the Terminal Services key
    assertEquals(
        CertificateSignature.VALID, TerminalServicesSigningKey.check(s.serverCertificate()));

    StandardSecurity server =
        StandardSecurity.serverSide(s.method(), s.level(), s.clientRandom(), s.serverRandom());
    StandardSecurity client =
        StandardSecurity.clientSide(s.method(), s.level(), s.clientRandom(), s.serverRandom());
    StandardSecurity freeRdpTwin =
        StandardSecurity.clientSide(s.method(), s.level(), s.clientRandom(), s.serverRandom());
    freeRdpTwin.saltedMac(true);
    List<String> decoded = new ArrayList<>();
    int fromClient = 0;
    int fromServerEncrypted = 0;
    for (CapturedSession.Pdu p : s.pdus()) {
      if (p.kind().equals("mcs")) {
        decoded.add("MCS " + p.bytes().toHex());
        continue;
      }
      assertEquals("data", p.kind(), "no fast-path PDUs in these sessions: " + p);
      if (p.fromClient()) {
        Unprotected u = server.unprotect(p.bytes());
        assertTrue(u.encrypted(), "xfreerdp encrypts everything: " + u.summary());
        assertTrue(u.salted(), "xfreerdp salts its signatures: " + u.summary());
        assertEquals(MacCheck.VALID, u.mac(), u.summary());
        assertEquals(fromClient++, u.encryptionCount());
        assertEquals(
            method == EncryptionMethod.FIPS
                ? FipsSecurityHeader.class
                : NonFipsSecurityHeader.class,
            u.securityHeader().getClass());
        int ownFlags =
            u.flags().bits() & ~(SecurityFlags.SEC_ENCRYPT | SecurityFlags.SEC_SECURE_CHECKSUM);
        byte[] again = freeRdpTwin.protect(u.plaintext(), ownFlags).toByteArray();
        byte[] sent = p.bytes().toByteArray();
        // FreeRDP also sets SEC_SECURE_CHECKSUM under FIPS, whose signature is salted anyway
        assertEquals(
            Octets.of(Arrays.copyOfRange(sent, 2, sent.length)),
            Octets.of(Arrays.copyOfRange(again, 2, again.length)),
            "our client's bytes for FreeRDP's plaintext");
        decoded.add(fromClientName(u));
      } else {
        Unprotected u = client.unprotect(p.bytes());
        if (u.encrypted()) {
          assertEquals(MacCheck.VALID, u.mac(), u.summary());
          assertEquals(fromServerEncrypted++, u.encryptionCount());
        }
        Pdu pdu = decodeAll(ServerSlowPath::decode, u.clearUserData().toByteArray());
        decoded.add(pdu.name());
      }
    }
    if (level.equals("fips")) {
      // the whole activation, with FreeRDP's licensing answer encrypted
      assertEquals(
          List.of(
              ClientInfoPdu.NAME,
              "Server License Request PDU",
              "Client New License Request PDU (CLIENT_NEW_LICENSE_REQUEST)",
              "License Error PDU",
              DemandActivePdu.NAME,
              ConfirmActivePdu.NAME,
              "Synchronize PDU",
              "Control PDU",
              "Control PDU",
              "Font List PDU",
              "Synchronize PDU",
              "Control PDU",
              "Control PDU",
              "Font Map PDU",
              "Data PDU PDUTYPE2_UPDATE",
              "Data PDU PDUTYPE2_POINTER",
              "Data PDU PDUTYPE2_POINTER",
              "Data PDU PDUTYPE2_UPDATE"),
          decoded);
      assertEquals(9, fromServerEncrypted);
      assertEquals(7, fromClient);
    } else {
      // the Client Info, then xrdp's Disconnect Provider Ultimatum (the MAC it could not check)
      assertEquals(List.of(ClientInfoPdu.NAME, "MCS 2180"), decoded);
      assertEquals(s.level(), level.equals("high") ? EncryptionLevel.HIGH : s.level());
    }
  }

  private static String fromClientName(Unprotected u) {
    if (u.flags().has(SecurityFlags.SEC_INFO_PKT)) {
      InfoPacket info = decodeAll(InfoPacket::decode, u.plaintext().toByteArray());
      assertEquals("rdpprobe", info.userName());
      return ClientInfoPdu.NAME;
    }
    if (u.flags().has(SecurityFlags.SEC_LICENSE_PKT)) {
      LicensePdu license = decodeAll(LicensePdu::decode, u.clearUserData().toByteArray());
      return license.name() + " (" + license.message().name() + ")";
    }
    return decodeAll(ServerSlowPath::decode, u.clearUserData().toByteArray()).name();
  }

  /**
   * A plain (unsalted) signature over FreeRDP's Client Info is what xrdp wanted and did not get.
   */
  @ParameterizedTest
  @ValueSource(strings = {"low", "high"})
  void xrdpsExpectationIsTheUnsaltedSignature(String level) {
    CapturedSession s = CapturedSession.load("xrdp-rdp-" + level + "_xfreerdp.txt");
    StandardSecurity server =
        StandardSecurity.serverSide(s.method(), s.level(), s.clientRandom(), s.serverRandom());
    byte[] sent = s.pdus().get(0).bytes().toByteArray();
    sent[1] &= ~(SecurityFlags.SEC_SECURE_CHECKSUM >> 8); // read it as a plain signature
    Unprotected u = server.unprotect(Octets.of(sent));
    assertEquals(MacCheck.INVALID, u.mac());
    assertInstanceOf(InfoPacket.class, decodeAll(InfoPacket::decode, u.plaintext().toByteArray()));
  }
}
