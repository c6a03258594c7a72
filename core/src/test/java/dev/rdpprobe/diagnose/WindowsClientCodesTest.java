package dev.rdpprobe.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.share.ErrorInfo;
import dev.rdpprobe.wire.x224.NegotiationFailureCode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Windows-client code tables and the mapping from wire events to code pairs. */
class WindowsClientCodesTest {
  @Test
  void everyDisconnectReasonRowIsUniqueAndDescribed() {
    Set<Integer> values = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (DisconnectReason r : WindowsClientCodes.knownReasons()) {
      assertTrue(values.add(r.value()), "value repeated: " + r);
      assertTrue(names.add(r.name()), "name repeated: " + r.name());
      assertTrue(r.isKnown());
      assertFalse(r.description().isBlank(), r.name());
      assertFalse(r.message().isBlank(), r.name());
    }
    // every value of the OnDisconnected reference page
    assertEquals(47, values.size());
  }

  @Test
  void everyExtendedReasonRowIsUnique() {
    Set<Integer> values = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (ExtendedReason r : WindowsClientCodes.knownExtendedReasons()) {
      assertTrue(values.add(r.value()), "value repeated: " + r);
      assertTrue(names.add(r.name()), "name repeated: " + r.name());
      assertTrue(r.name().startsWith("exDiscReason"), r.name());
      assertFalse(r.meaning().isBlank(), r.name());
    }
    // 0 to 12, 25 and 26, 256 to 267, 768, and the two ends of the protocol range
    assertEquals(30, values.size());
  }

  @ParameterizedTest
  @CsvSource({
    "0x0, disconnectReasonNoInfo",
    "0x3, disconnectReasonByServer",
    "0x104, disconnectReasonDNSLookupFailed",
    "0x108, disconnectReasonConnectionTimedOut",
    "0x204, disconnectReasonSocketConnectFailed",
    "0x208, disconnectReasonHostNotFound",
    "0x807, SSL_ERR_LOGON_FAILURE",
    "0x904, disconnectReasonAtClientWinsockFDCLOSE",
    "0x908, disconnectReasonLicensingTimeout",
    "0x1B07, SSL_ERR_CERT_EXPIRED",
    "0x2207, SSL_ERR_SMARTCARD_CARD_BLOCKED"
  })
  void disconnectReasonsByValue(String hex, String name) {
    DisconnectReason r = new DisconnectReason(Integer.decode(hex));
    assertEquals(name, r.name());
    assertEquals(hex.toUpperCase().replace("0X", "0x"), r.hex());
  }

  @ParameterizedTest
  @CsvSource({
    "0, exDiscReasonNoInfo",
    "7, exDiscReasonServerDeniedConnection",
    "8, exDiscReasonServerDeniedConnectionFips",
    "12, exDiscReasonLogoffByUser",
    "25, exDiscReasonShutdown",
    "26, exDiscReasonReboot",
    "258, exDiscReasonLicenseNoLicense",
    "768, exDiscReasonRdpEncInvalidCredentials",
    "4096, exDiscReasonProtocolRangeStart"
  })
  void extendedReasonsByValue(int value, String name) {
    assertEquals(name, new ExtendedReason(value).name());
    assertTrue(new ExtendedReason(value).isKnown());
  }

  @Test
  void anErrinfoCodeOfTheProtocolRangeIsNamedByTheErrinfoTable() {
    ExtendedReason r = ExtendedReason.of(new ErrorInfo(0x10EA));
    assertEquals("ERRINFO_BADCAPABILITIES", r.name());
    assertEquals("0x10EA", r.hex());
    assertTrue(r.isKnown());
    assertEquals(new ErrorInfo(0x10EA), r.errorInfo());
  }

  @Test
  void unknownValuesAreNamedUnknown() {
    assertEquals("unknown (0x905)", new DisconnectReason(0x905).name());
    assertFalse(new DisconnectReason(0x905).isKnown());
    assertEquals(MessageSource.OUR_DESCRIPTION, new DisconnectReason(0x905).messageSource());
    assertEquals("unknown (0x1FFF)", new ExtendedReason(0x1FFF).name());
    assertFalse(new ExtendedReason(0x1FFF).isKnown());
    assertEquals("0x1FFF (unknown (0x1FFF))", new ExtendedReason(0x1FFF).toString());
  }

  @Test
  void theCommonCodesCarryTheClientsText() {
    assertEquals(MessageSource.CLIENT_TEXT, DisconnectReason.SOCKET_CLOSED.messageSource());
    assertTrue(DisconnectReason.SOCKET_CLOSED.message().startsWith("This computer can't connect"));
    assertEquals(MessageSource.CLIENT_TEXT, DisconnectReason.SOCKET_CONNECT_FAILED.messageSource());
    assertEquals(
        MessageSource.DOCUMENTED_DESCRIPTION,
        DisconnectReason.CONNECTION_TIMED_OUT.messageSource());
    assertEquals("Connection timed out.", DisconnectReason.CONNECTION_TIMED_OUT.message());
  }

  @Test
  void dnsFailureIs0x104AndConnectFailuresAre0x204() {
    assertPair(WindowsClientCodes.dnsFailure(), 0x104, 0);
    for (CloseKind k :
        new CloseKind[] {
          CloseKind.CONNECT_REFUSED, CloseKind.CONNECT_TIMEOUT, CloseKind.UNREACHABLE
        }) {
      assertPair(WindowsClientCodes.connectFailed(k), 0x204, 0);
    }
    assertThrows(
        IllegalArgumentException.class, () -> WindowsClientCodes.connectFailed(CloseKind.PEER_FIN));
  }

  @Test
  void aPeerCloseBeforeActivationIs0x904With7Or8WhenFipsIsEnforced() {
    assertPair(WindowsClientCodes.peerClosed(null, true, false), 0x904, 0x7);
    assertPair(WindowsClientCodes.peerClosed(null, true, true), 0x904, 0x8);
    assertPair(WindowsClientCodes.peerClosed(ErrorInfo.NONE, true, false), 0x904, 0x7);
    assertPair(WindowsClientCodes.peerClosed(ErrorInfo.LOGON_TIMEOUT, true, false), 0x904, 0x4);
    assertPair(WindowsClientCodes.peerClosed(null, false, false), 0x904, 0x0);
  }

  @Test
  void timeoutsAre0x108And0x908InLicensing() {
    assertPair(WindowsClientCodes.timedOut(Phase.X224_NEGOTIATION), 0x108, 0);
    assertPair(WindowsClientCodes.timedOut(Phase.TLS_HANDSHAKE), 0x108, 0);
    assertPair(WindowsClientCodes.timedOut(Phase.LICENSING), 0x908, 0);
  }

  @Test
  void anUltimatumIs0x3Or0x2WithTheErrinfoAsExtended() {
    assertPair(WindowsClientCodes.serverUltimatum(ErrorInfo.IDLE_TIMEOUT, false), 0x3, 0x3);
    assertPair(WindowsClientCodes.serverUltimatum(ErrorInfo.LOGOFF_BY_USER, true), 0x2, 0xC);
    assertPair(WindowsClientCodes.serverUltimatum(null, false), 0x3, 0x0);
  }

  @ParameterizedTest
  @CsvSource({
    "0xC000006D, 0x807",
    "0xC000006A, 0x807",
    "0xC0000064, 0xA07",
    "0xC0000072, 0xB07",
    "0xC000006E, 0xC07",
    "0xC0000234, 0xD07",
    "0xC0000193, 0xE07",
    "0xC0000071, 0xF07",
    "0xC0000224, 0x1207"
  })
  void credSspStatusesMapToTheSslErrFamily(String status, String reason) {
    ClientCode c =
        WindowsClientCodes.credSspStatus(Integer.parseUnsignedInt(status.substring(2), 16));
    assertPair(c, Integer.decode(reason), 0);
    assertTrue(c.discReason().name().startsWith("SSL_ERR_"), c.discReason().name());
  }

  @Test
  void credSspStatusesWithoutACounterpartHaveNoDocumentedCode() {
    for (int status : new int[] {0xC0000022, 0xC000015B, 0xC000006F, 0xC0000070, 0xC0000133}) {
      ClientCode c = WindowsClientCodes.credSspStatus(status);
      assertEquals(ClientCode.Basis.NO_DOCUMENTED_CODE, c.basis(), Integer.toHexString(status));
      assertTrue(c.message().contains(WindowsClientCodes.ntStatusName(status)), c.message());
    }
    ClientCode unknown = WindowsClientCodes.credSspStatus(0xC0001234);
    assertEquals(ClientCode.Basis.NO_DOCUMENTED_CODE, unknown.basis());
    assertEquals("unknown (0xC0001234)", WindowsClientCodes.ntStatusName(0xC0001234));
    assertEquals(14, WindowsClientCodes.knownNtStatuses().size());
  }

  @Test
  void negotiationFailuresHaveNoDocumentedCodeButAMessage() {
    for (int code = 1; code <= 7; code++) {
      ClientCode c = WindowsClientCodes.negotiationFailure(new NegotiationFailureCode(code));
      assertEquals(ClientCode.Basis.NO_DOCUMENTED_CODE, c.basis());
      assertNull(c.discReason());
      assertTrue(c.isError());
      assertEquals("no documented error code", c.summary());
    }
    ClientCode nla =
        WindowsClientCodes.negotiationFailure(NegotiationFailureCode.HYBRID_REQUIRED_BY_SERVER);
    assertEquals(MessageSource.CLIENT_TEXT, nla.messageSource());
    assertTrue(nla.message().startsWith("The remote computer requires Network Level"));
  }

  @Test
  void aStopIsNoErrorAndACancelIsALocalDisconnect() {
    ClientCode ok = WindowsClientCodes.noError(Phase.X224_NEGOTIATION);
    assertEquals(ClientCode.Basis.NO_ERROR, ok.basis());
    assertFalse(ok.isError());
    assertEquals("no error", ok.summary());
    ClientCode cancelled = WindowsClientCodes.cancelled();
    assertPair(cancelled, 0x1, 0);
    assertFalse(cancelled.isError());
    assertEquals(ClientCode.Basis.NOT_APPLICABLE, WindowsClientCodes.localError().basis());
  }

  @Test
  void aCodeNeedsReasonsExactlyWhenItsBasisHasThem() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ClientCode(
                ClientCode.Basis.MODEL, null, null, "m", MessageSource.OUR_DESCRIPTION, "r"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ClientCode(
                ClientCode.Basis.NO_ERROR,
                DisconnectReason.NO_INFO,
                ExtendedReason.NO_INFO,
                "m",
                MessageSource.OUR_DESCRIPTION,
                "r"));
  }

  static void assertPair(ClientCode c, int disc, int ext) {
    assertEquals(ClientCode.Basis.MODEL, c.basis(), c.toString());
    assertEquals(disc, c.discReason().value(), c.toString());
    assertEquals(ext, c.extendedReason().value(), c.toString());
    assertEquals(
        "error code "
            + WindowsClientCodes.hex(disc)
            + ", extended error code "
            + WindowsClientCodes.hex(ext),
        c.summary());
  }
}
