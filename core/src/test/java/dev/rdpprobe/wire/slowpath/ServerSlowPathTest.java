package dev.rdpprobe.wire.slowpath;

import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static dev.rdpprobe.wire.WireVectors.testdata;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.license.LicenseErrorMessage;
import dev.rdpprobe.wire.license.LicensePdu;
import dev.rdpprobe.wire.license.ServerLicenseRequest;
import dev.rdpprobe.wire.mcs.SendDataFrame;
import dev.rdpprobe.wire.multitransport.InitiateMultitransportRequest;
import dev.rdpprobe.wire.multitransport.RequestedProtocol;
import dev.rdpprobe.wire.sec.RawSecurityPdu;
import dev.rdpprobe.wire.share.DemandActivePdu;
import dev.rdpprobe.wire.share.ErrorInfo;
import dev.rdpprobe.wire.share.FontMapPdu;
import dev.rdpprobe.wire.share.SetErrorInfoPdu;
import dev.rdpprobe.wire.share.SynchronizePdu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The dispatcher on what real servers send after the Client Info PDU (testdata/mcs, cut from xrdp
 * and freerdp-shadow captures by testdata/capture/mcs-peers.sh): each frame decodes to its record
 * and re-encodes to the same bytes, whether or not a security header leads.
 */
class ServerSlowPathTest {
  private static SendDataFrame<Pdu> frame(String name) {
    return decodeAll(ServerSlowPath::decodeFramed, testdata("mcs/" + name + ".hex"));
  }

  @ParameterizedTest
  @CsvSource({
    "xrdp-license-request, dev.rdpprobe.wire.license.LicensePdu",
    "xrdp-license-error-alert, dev.rdpprobe.wire.license.LicensePdu",
    "freerdp-shadow-license-error-alert, dev.rdpprobe.wire.license.LicensePdu",
    "xrdp-demand-active, dev.rdpprobe.wire.share.DemandActivePdu",
    "freerdp-shadow-demand-active, dev.rdpprobe.wire.share.DemandActivePdu",
    "xrdp-synchronize, dev.rdpprobe.wire.share.SynchronizePdu",
    "xrdp-control-granted-control, dev.rdpprobe.wire.share.ControlPdu",
    "xrdp-font-map, dev.rdpprobe.wire.share.FontMapPdu",
    "freerdp-shadow-font-map, dev.rdpprobe.wire.share.FontMapPdu"
  })
  void realServerPdusDecodeToTheirRecordAndReencode(String name, Class<?> type) {
    byte[] bytes = testdata("mcs/" + name + ".hex");
    SendDataFrame<Pdu> f = frame(name);
    assertInstanceOf(type, f.pdu(), f.summary());
    assertArrayEquals(bytes, Octets.encode(f).toByteArray());
  }

  @Test
  void xrdpsLicenseRequestAndItsValidClientAnswer() {
    LicensePdu request = (LicensePdu) frame("xrdp-license-request").pdu();
    assertInstanceOf(ServerLicenseRequest.class, request.message());
    LicensePdu error = (LicensePdu) frame("xrdp-license-error-alert").pdu();
    assertEquals(true, ((LicenseErrorMessage) error.message()).isValidClient());
    assertInstanceOf(DemandActivePdu.class, frame("xrdp-demand-active").pdu());
    assertInstanceOf(SynchronizePdu.class, frame("xrdp-synchronize").pdu());
    assertInstanceOf(FontMapPdu.class, frame("xrdp-font-map").pdu());
  }

  @Test
  void setErrorInfoHasNoSecurityHeader() {
    SetErrorInfoPdu info = SetErrorInfoPdu.of(1002, 0x103ea, ErrorInfo.SERVER_DENIED_CONNECTION);
    Pdu decoded = decodeAll(ServerSlowPath::decode, Octets.encode(info).toByteArray());
    assertEquals(info, decoded);
  }

  @Test
  void aMultitransportRequestAndAHeartbeatHaveOne() {
    InitiateMultitransportRequest request =
        InitiateMultitransportRequest.of(7, RequestedProtocol.UDPFECR, Octets.of(new byte[16]));
    assertEquals(request, decodeAll(ServerSlowPath::decode, Octets.encode(request).toByteArray()));
    Pdu heartbeat =
        decodeAll(ServerSlowPath::decode, Octets.fromHex("00400000 00000000").toByteArray());
    assertInstanceOf(RawSecurityPdu.class, heartbeat);
    assertEquals("Heartbeat PDU", heartbeat.name());
  }

  @Test
  void anEncryptedLicensePduIsNamedNotDecoded() {
    DecodeException e =
        assertThrows(
            DecodeException.class,
            () ->
                decodeAll(
                    ServerSlowPath::decode,
                    Octets.fromHex("88000000" + "00".repeat(16)).toByteArray()));
    assertEquals(0, e.offset(), e.getMessage());
  }
}
