package dev.rdpprobe.peers;

import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rdpprobe.license.ClientLicensing;
import dev.rdpprobe.rdpsec.ClientRandom;
import dev.rdpprobe.rdpsec.EncryptionMethod;
import dev.rdpprobe.rdpsec.MacCheck;
import dev.rdpprobe.rdpsec.Opened;
import dev.rdpprobe.rdpsec.StandardSecurity;
import dev.rdpprobe.rdpsec.Unprotected;
import dev.rdpprobe.testing.XrdpServer;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.gcc.ClientCoreData;
import dev.rdpprobe.wire.gcc.ClientDataBlocks;
import dev.rdpprobe.wire.gcc.ClientNetworkData;
import dev.rdpprobe.wire.gcc.ClientSecurityData;
import dev.rdpprobe.wire.gcc.ConferenceCreateRequest;
import dev.rdpprobe.wire.gcc.ConferenceCreateResponse;
import dev.rdpprobe.wire.gcc.EncryptionLevel;
import dev.rdpprobe.wire.gcc.RsaPublicKey;
import dev.rdpprobe.wire.gcc.ServerDataBlocks;
import dev.rdpprobe.wire.gcc.ServerSecurityData;
import dev.rdpprobe.wire.license.LicenseErrorMessage;
import dev.rdpprobe.wire.license.LicensePdu;
import dev.rdpprobe.wire.license.ServerLicenseRequest;
import dev.rdpprobe.wire.mcs.AttachUserConfirm;
import dev.rdpprobe.wire.mcs.AttachUserRequest;
import dev.rdpprobe.wire.mcs.ChannelJoinConfirm;
import dev.rdpprobe.wire.mcs.ChannelJoinRequest;
import dev.rdpprobe.wire.mcs.ErectDomainRequest;
import dev.rdpprobe.wire.mcs.McsConnectInitial;
import dev.rdpprobe.wire.mcs.McsConnectResponse;
import dev.rdpprobe.wire.mcs.SendDataIndication;
import dev.rdpprobe.wire.mcs.SendDataRequest;
import dev.rdpprobe.wire.sec.AddressFamily;
import dev.rdpprobe.wire.sec.ClientInfoPdu;
import dev.rdpprobe.wire.sec.SecurityFlags;
import dev.rdpprobe.wire.share.ConfirmActivePdu;
import dev.rdpprobe.wire.share.ControlAction;
import dev.rdpprobe.wire.share.ControlPdu;
import dev.rdpprobe.wire.share.DemandActivePdu;
import dev.rdpprobe.wire.share.FontListPdu;
import dev.rdpprobe.wire.share.FontMapPdu;
import dev.rdpprobe.wire.share.StreamId;
import dev.rdpprobe.wire.share.SynchronizePdu;
import dev.rdpprobe.wire.slowpath.ServerSlowPath;
import dev.rdpprobe.wire.x224.NegotiationRequest;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import dev.rdpprobe.wire.x224.X224ConnectionConfirm;
import dev.rdpprobe.wire.x224.X224ConnectionRequest;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real server accepting what {@link StandardSecurity} makes: xrdp with {@code security_layer=rdp}
 * at each {@code crypt_level} is walked by hand from the X.224 request to the Font Map, with the
 * Security Exchange, an encrypted Client Info PDU and an encrypted Confirm Active and finalization.
 * xrdp checks that the Client Info decrypts ("received wrong flags, likely decrypt not working"
 * otherwise) and answers each PDU only if it parses; every PDU it encrypts must decrypt to a PDU
 * the codecs read and carry a signature that checks.
 *
 * <p>Debian's xrdp (0.9.21.1-1+deb12u3) checks the signatures it receives, unsalted (the upstream
 * source of that version skips them): the probe's plain signatures pass, a changed one does not
 * ({@link #xrdpDropsAClientInfoWhoseSignatureIsWrong}), and a salted one, such as xfreerdp sends,
 * does not either ({@code FreeRdpXrdpSessionsTest}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XrdpStandardSecurityTest {
  @TempDir Path dir;

  /** crypt_level, then the method and level xrdp 0.9 selects for a client offering all four. */
  static Stream<Arguments> levels() {
    return Stream.of(
        Arguments.of("none", EncryptionMethod.NONE, EncryptionLevel.NONE),
        Arguments.of("low", EncryptionMethod.RC4_40, EncryptionLevel.LOW),
        Arguments.of("medium", EncryptionMethod.RC4_40, EncryptionLevel.CLIENT_COMPATIBLE),
        Arguments.of("high", EncryptionMethod.RC4_128, EncryptionLevel.HIGH),
        Arguments.of("fips", EncryptionMethod.FIPS, EncryptionLevel.FIPS));
  }

  static Stream<Arguments> encryptingLevels() {
    return levels().filter(a -> a.get()[1] != EncryptionMethod.NONE);
  }

  @ParameterizedTest(name = "crypt_level={0}")
  @MethodSource("levels")
  void xrdpAcceptsTheProtectedPdusAndItsOwnCheck(
      String cryptLevel, EncryptionMethod method, EncryptionLevel level) throws Exception {
    try (XrdpServer xrdp =
            XrdpServer.start(
                dir, new XrdpServer.Config().securityLayer("rdp").cryptLevel(cryptLevel));
        MiniRdpClient client = new MiniRdpClient(xrdp.port())) {
      Session s = new Session(client, xrdp);
      s.run(method, level);
      String logs = xrdp.logs();
      assertFalse(logs.contains("likely decrypt not working"), logs);
      if (method != EncryptionMethod.NONE) {
        // the Client Info, the Confirm Active and four finalization PDUs went out encrypted
        assertEquals(6, s.security.encryptedCount());
      }
      if (level.equals(EncryptionLevel.LOW) || method == EncryptionMethod.NONE) {
        assertEquals(0, s.checked, "nothing is encrypted towards the client");
      } else {
        // the Demand Active, Synchronize, two Controls and the Font Map at least
        assertTrue(s.checked >= 5, "server PDUs checked: " + s.checked);
        assertEquals(s.checked, s.security.decryptedCount());
      }
    }
  }

  /**
   * xrdp checks the signatures of the RC4 and FIPS PDUs it receives (Debian's 0.9.21.1-1+deb12u3
   * does, though the upstream source skips them): one changed bit in the Client Info's signature,
   * and it drops the connection instead of opening licensing. So the signatures it accepts above
   * are checked ones.
   */
  @ParameterizedTest(name = "crypt_level={0}")
  @MethodSource("encryptingLevels")
  void xrdpDropsAClientInfoWhoseSignatureIsWrong(
      String cryptLevel, EncryptionMethod method, EncryptionLevel level) throws Exception {
    try (XrdpServer xrdp =
            XrdpServer.start(
                dir, new XrdpServer.Config().securityLayer("rdp").cryptLevel(cryptLevel));
        MiniRdpClient client = new MiniRdpClient(xrdp.port())) {
      Session s = new Session(client, xrdp);
      s.exchange(method, level);
      ClientInfoPdu info = ClientInfoPdu.withoutCredentials(AddressFamily.AF_INET, "127.0.0.1");
      byte[] bytes =
          s.security.protect(info.infoPacket(), SecurityFlags.SEC_INFO_PKT).toByteArray();
      bytes[method == EncryptionMethod.FIPS ? 8 : 4] ^= 0x01;
      s.sendData(Octets.of(bytes));
      byte[] answer;
      try {
        answer = client.readFrame();
      } catch (java.io.EOFException e) {
        answer = null; // closed without a word
      }
      if (answer != null) {
        // a Disconnect Provider Ultimatum, not the License Request
        assertEquals("2180", Octets.of(answer).toHex().substring(14), Octets.of(answer).toHex());
      }
      assertTrue(xrdp.logs().contains("MAC checksum error"), xrdp.logs());
    }
  }

  /** One walk through the connection sequence. */
  private static final class Session {
    private final MiniRdpClient client;
    private final XrdpServer xrdp;
    private StandardSecurity security;
    private int user;
    private int io;
    private int checked;

    Session(MiniRdpClient client, XrdpServer xrdp) {
      this.client = client;
      this.xrdp = xrdp;
    }

    void run(EncryptionMethod method, EncryptionLevel level) throws Exception {
      ServerSecurityData sec = exchange(method, level);
      ClientInfoPdu info = ClientInfoPdu.withoutCredentials(AddressFamily.AF_INET, "127.0.0.1");
      sendData(security.protect(info.infoPacket(), SecurityFlags.SEC_INFO_PKT));
      finish(sec);
    }

    /** From the X.224 request through the Security Exchange; the context is ready after it. */
    ServerSecurityData exchange(EncryptionMethod method, EncryptionLevel level) throws Exception {
      client.send(X224ConnectionRequest.of(null, NegotiationRequest.of(SecurityProtocols.RDP)));
      decodeAll(X224ConnectionConfirm::decode, client.readFrame());

      ConferenceCreateRequest gcc =
          ConferenceCreateRequest.of(
              ClientDataBlocks.of(
                  ClientCoreData.forProbe("rdpsec-test", SecurityProtocols.RDP),
                  ClientSecurityData.allMethods(),
                  new ClientNetworkData(List.of())));
      client.sendMcs(McsConnectInitial.of(Octets.encode(gcc)));
      McsConnectResponse response = decodeAll(McsConnectResponse::decodeFramed, client.readFrame());
      ServerDataBlocks blocks = ConferenceCreateResponse.from(response).userData();
      ServerSecurityData sec = blocks.security().orElseThrow();
      assertEquals(method.toEncryptionMethods(), sec.encryptionMethod(), sec.summary());
      assertEquals(level, sec.encryptionLevel(), sec.summary());
      io = blocks.network().orElseThrow().mcsChannelId();

      client.sendMcs(ErectDomainRequest.of());
      client.sendMcs(new AttachUserRequest());
      user = decodeAll(AttachUserConfirm::decodeFramed, client.readFrame()).initiator();
      for (int channel : new int[] {user, io}) {
        client.sendMcs(new ChannelJoinRequest(user, channel));
        decodeAll(ChannelJoinConfirm::decodeFramed, client.readFrame());
      }

      if (method == EncryptionMethod.NONE) {
        assertEquals(null, sec.serverRandom(), "no random without encryption");
        security = StandardSecurity.none(dev.rdpprobe.rdpsec.Side.CLIENT);
      } else {
        byte[] clientRandom = ClientRandom.generate(new SecureRandom());
        RsaPublicKey key = sec.serverCertificate().rsaPublicKey().orElseThrow();
        sendData(Octets.encode(ClientRandom.exchangePdu(key, clientRandom, 0)));
        security =
            StandardSecurity.clientSide(
                sec.encryptionMethod(),
                sec.encryptionLevel(),
                Octets.of(clientRandom),
                sec.serverRandom());
      }
      return sec;
    }

    /** Licensing, the Demand Active, the Confirm Active and finalization, to the Font Map. */
    void finish(ServerSecurityData sec) throws Exception {
      // licensing travels in the clear both ways; xrdp asks, the probe answers, xrdp says valid
      LicensePdu request = licensing(readPdu());
      ServerLicenseRequest asked = assertInstanceOf(ServerLicenseRequest.class, request.message());
      sendData(
          Octets.encode(
              ClientLicensing.answerPdu(
                  ClientLicensing.newLicenseRequest(
                      asked,
                      sec.serverCertificate(),
                      "rdpprobe",
                      "rdpprobe",
                      new SecureRandom()))));
      LicensePdu valid = licensing(readPdu());
      assertInstanceOf(LicenseErrorMessage.class, valid.message());

      DemandActivePdu demand = assertInstanceOf(DemandActivePdu.class, readPdu());
      int shareId = demand.shareId();
      List<Pdu> answers =
          List.of(
              ConfirmActivePdu.probe(shareId, user, 1024, 768, 16),
              SynchronizePdu.of(
                  user, shareId, StreamId.STREAM_LOW, DemandActivePdu.SERVER_CHANNEL_ID),
              ControlPdu.of(
                  user, shareId, StreamId.STREAM_LOW, ControlAction.CTRLACTION_COOPERATE, 0, 0),
              ControlPdu.of(
                  user,
                  shareId,
                  StreamId.STREAM_LOW,
                  ControlAction.CTRLACTION_REQUEST_CONTROL,
                  0,
                  0),
              FontListPdu.of(user, shareId, StreamId.STREAM_LOW));
      for (Pdu pdu : answers) {
        sendData(security.headerOnEveryPdu() ? security.protect(pdu, 0) : Octets.encode(pdu));
      }
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        Pdu pdu = readPdu();
        if (pdu == null) {
          continue; // a fast-path update
        }
        seen.add(pdu.name());
        if (pdu instanceof FontMapPdu) {
          return;
        }
      }
      fail("no Font Map after the finalization PDUs; got " + seen + "\n" + xrdp.logs());
    }

    void sendData(Octets userData) throws Exception {
      client.sendMcs(SendDataRequest.of(user, io, userData));
    }

    private static LicensePdu licensing(Pdu pdu) {
      return assertInstanceOf(LicensePdu.class, pdu);
    }

    /**
     * The next server PDU: a slow-path one unprotected and decoded, or null for a fast-path one
     * (decrypted and checked all the same, to keep the streams in step).
     */
    private Pdu readPdu() throws Exception {
      byte[] frame;
      try {
        frame = client.readFrame();
      } catch (java.io.IOException e) {
        throw new AssertionError("xrdp closed or went quiet: " + e + "\n" + xrdp.logs(), e);
      }
      if (MiniRdpClient.isFastPath(frame)) {
        fastPath(frame);
        return null;
      }
      Octets userData;
      try {
        userData = decodeAll(SendDataIndication::decodeFramed, frame).userData();
      } catch (AssertionError | DecodeException e) {
        throw new AssertionError(
            "not a Send Data Indication: " + Octets.of(frame) + "\n" + xrdp.logs(), e);
      }
      if (!security.headerOnEveryPdu()) {
        // level NONE: licensing PDUs behind a Basic Security Header, the others bare
        return decodeAll(ServerSlowPath::decode, userData.toByteArray());
      }
      Unprotected u = security.unprotect(userData);
      if (u.flags().has(SecurityFlags.SEC_LICENSE_PKT)) {
        assertFalse(u.encrypted(), "xrdp sends licensing in the clear: " + u.summary());
      } else if (u.encrypted()) {
        assertEquals(MacCheck.VALID, u.mac(), u.summary());
        assertEquals(checked, u.encryptionCount());
        checked++;
      } else {
        assertFalse(
            security.expectsEncryptedIncoming(),
            "in the clear at a level that encrypts: " + u.summary());
      }
      return decodeAll(ServerSlowPath::decode, u.clearUserData().toByteArray());
    }

    /** fpOutputHeader, length, fipsInformation, dataSignature, data (MS-RDPBCGR 2.2.9.1.2). */
    private void fastPath(byte[] frame) {
      int flags = (frame[0] & 0xFF) >>> 6;
      int at = (frame[1] & 0x80) != 0 ? 3 : 2;
      if ((flags & 0x2) == 0) {
        return; // FASTPATH_OUTPUT_ENCRYPTED clear
      }
      int padlen = 0;
      if (security.method() == EncryptionMethod.FIPS) {
        padlen = frame[at + 3] & 0xFF;
        at += 4;
      }
      Octets signature = Octets.of(java.util.Arrays.copyOfRange(frame, at, at + 8));
      Octets data = Octets.of(java.util.Arrays.copyOfRange(frame, at + 8, frame.length));
      Opened opened = security.open(signature, (flags & 0x1) != 0, padlen, data);
      assertEquals(MacCheck.VALID, opened.mac(), "fast-path PDU");
      assertNotNull(opened.plaintext());
      checked++;
    }
  }
}
