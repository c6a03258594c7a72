package dev.rdpprobe.emulate;

import dev.rdpprobe.facts.BadSignature;
import dev.rdpprobe.license.ClientLicensing;
import dev.rdpprobe.license.RdpRsa;
import dev.rdpprobe.rdpsec.SendDataSecurity;
import dev.rdpprobe.rdpsec.Unprotected;
import dev.rdpprobe.tls.ServerIdentity;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import dev.rdpprobe.wire.gcc.EncryptionMethods;
import dev.rdpprobe.wire.gcc.RsaPublicKey;
import dev.rdpprobe.wire.gcc.ServerCertificate;
import dev.rdpprobe.wire.license.LicenseBinaryBlob;
import dev.rdpprobe.wire.license.LicensePdu;
import dev.rdpprobe.wire.license.NewLicenseRequest;
import dev.rdpprobe.wire.license.PreambleFlags;
import dev.rdpprobe.wire.license.ProductInfo;
import dev.rdpprobe.wire.license.ServerLicenseRequest;
import dev.rdpprobe.wire.license.ServerPlatformChallenge;
import dev.rdpprobe.wire.mcs.DisconnectProviderReason;
import dev.rdpprobe.wire.mcs.DisconnectProviderUltimatum;
import dev.rdpprobe.wire.mcs.SendDataIndication;
import dev.rdpprobe.wire.mcs.SendDataRequest;
import dev.rdpprobe.wire.multitransport.InitiateMultitransportRequest;
import dev.rdpprobe.wire.multitransport.InitiateMultitransportResponse;
import dev.rdpprobe.wire.multitransport.RequestedProtocol;
import dev.rdpprobe.wire.sec.BasicSecurityHeader;
import dev.rdpprobe.wire.sec.ClientInfoPdu;
import dev.rdpprobe.wire.sec.FipsSecurityHeader;
import dev.rdpprobe.wire.sec.NonFipsSecurityHeader;
import dev.rdpprobe.wire.sec.SecurityExchangePdu;
import dev.rdpprobe.wire.sec.SecurityFlags;
import dev.rdpprobe.wire.share.ConfirmActivePdu;
import dev.rdpprobe.wire.share.ControlAction;
import dev.rdpprobe.wire.share.ControlPdu;
import dev.rdpprobe.wire.share.DefaultCapabilities;
import dev.rdpprobe.wire.share.DemandActivePdu;
import dev.rdpprobe.wire.share.ErrorInfo;
import dev.rdpprobe.wire.share.FontListPdu;
import dev.rdpprobe.wire.share.FontMapPdu;
import dev.rdpprobe.wire.share.SetErrorInfoPdu;
import dev.rdpprobe.wire.share.ShareControlPdu;
import dev.rdpprobe.wire.share.StreamId;
import dev.rdpprobe.wire.share.SynchronizePdu;
import dev.rdpprobe.wire.slowpath.ServerSlowPath;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;

/**
 * The emulator's side of everything after the channel joins: the Client Info PDU, licensing (a
 * License Error with STATUS_VALID_CLIENT, as a server that needs no license sends), multitransport
 * bootstrapping when the scenario asks for it, the Demand Active, and finalization up to the Font
 * Map. Scenarios end it early with a Set Error Info PDU, a reset or silence.
 */
final class ActivationServer {
  /** The server's MCS user id, the initiator of its Send Data Indications. */
  static final int SERVER_USER = DemandActivePdu.SERVER_CHANNEL_ID;

  /** The share id of the emulator's Demand Active. */
  static final int SHARE_ID = 0x000103EA;

  /** The request id of the emulator's Initiate Multitransport Request. */
  static final int MULTITRANSPORT_REQUEST_ID = 0x0000_0001;

  private final ServerConnector endpoint;
  private final Scenario scenario;
  private final ServerIdentity identity;
  private int ioChannel;
  private boolean exchanged;
  private Integer messageChannel;

  ActivationServer(ServerConnector endpoint, Scenario scenario, ServerIdentity identity) {
    this.endpoint = endpoint;
    this.scenario = scenario;
    this.identity = identity;
  }

  /** The channels the MCS server assigned. */
  void channels(int io, Integer message) {
    this.ioChannel = io;
    this.messageChannel = message;
  }

  /**
   * A Send Data Request from the client: its PDU is decoded (decrypted and its signature checked
   * first under Standard RDP Security), recorded and answered.
   */
  void onData(SendDataRequest request, ByteBuf frame) {
    StandardSecurityServer standard = endpoint.standard();
    if (standard != null && standard.expectsExchange() && !exchanged) {
      onSecurityExchange(standard, request, frame);
      return;
    }
    SendDataSecurity.Received received;
    Pdu pdu;
    try {
      received = userData().unwrap(request.userData());
      pdu = decode(received.clearUserData().asByteBuf());
    } catch (DecodeException e) {
      endpoint.malformedFrame(frame, e);
      return;
    }
    String protection = SendDataSecurity.describe(received);
    endpoint.receivedPdu(
        pdu, frame, protection.isEmpty() ? pdu.summary() : pdu.summary() + " [" + protection + "]");
    if (received.badMac()) {
      // a server cannot trust what does not check: Windows and xrdp drop the connection
      Unprotected u = received.envelope();
      endpoint.noteFact(
          "the client's "
              + pdu.name()
              + " (its PDU #"
              + u.encryptionCount()
              + ") carries a signature that does not check",
          new BadSignature(
              Direction.CLIENT_TO_SERVER, pdu.name(), u.encryptionCount(), u.salted()));
      endpoint.refuse(
          ServerConnector.CloseAction.FIN,
          CloseKind.PROTOCOL_VIOLATION,
          "the client's data signature does not check");
      return;
    }
    if (pdu instanceof ClientInfoPdu) {
      endpoint.enter(Phase.LICENSING);
      afterClientInfo();
    } else if (pdu instanceof LicensePdu license
        && license.message() instanceof NewLicenseRequest answer) {
      onNewLicenseRequest(answer);
    } else if (pdu instanceof InitiateMultitransportResponse) {
      if (scenario == Scenario.MULTITRANSPORT_UDP_ANSWERS) {
        demandActive();
      }
    } else if (pdu instanceof ConfirmActivePdu) {
      endpoint.enter(Phase.FINALIZATION);
    } else if (pdu instanceof SynchronizePdu) {
      send(SynchronizePdu.of(SERVER_USER, SHARE_ID, StreamId.STREAM_LOW, request.initiator()));
    } else if (pdu instanceof ControlPdu control
        && control.action().equals(ControlAction.CTRLACTION_COOPERATE)) {
      send(controlPdu(ControlAction.CTRLACTION_COOPERATE, 0, 0));
    } else if (pdu instanceof ControlPdu control
        && control.action().equals(ControlAction.CTRLACTION_REQUEST_CONTROL)) {
      send(controlPdu(ControlAction.CTRLACTION_GRANTED_CONTROL, request.initiator(), SERVER_USER));
    } else if (pdu instanceof FontListPdu) {
      send(FontMapPdu.of(SERVER_USER, SHARE_ID, StreamId.STREAM_LOW));
      endpoint.noteFact("the session is active");
    } else {
      endpoint.noteFact("not answered: " + pdu.name());
    }
  }

  /**
   * The client's Security Exchange PDU: its random decrypted with the emulator's key and the
   * session keys made (or the scenario's reset).
   */
  private void onSecurityExchange(
      StandardSecurityServer standard, SendDataRequest request, ByteBuf frame) {
    endpoint.enter(Phase.SECURITY_EXCHANGE);
    SecurityExchangePdu exchange;
    try {
      ByteBuf in = request.userData().asByteBuf();
      exchange = SecurityExchangePdu.decode(in);
      Wire.ensureEnd(in, SecurityExchangePdu.NAME);
    } catch (DecodeException e) {
      endpoint.malformedFrame(frame, e);
      return;
    }
    endpoint.receivedPdu(exchange, frame);
    if (scenario == Scenario.RDP_SECURITY_RST_AFTER_CLIENT_RANDOM) {
      endpoint.closeNow(
          ServerConnector.CloseAction.RST, "scenario: RST after the client's Security Exchange");
      return;
    }
    try {
      standard.exchange(exchange);
    } catch (DecodeException e) {
      endpoint.noteFact("the client random does not decrypt with our key: " + e.getMessage());
      endpoint.refuse(
          ServerConnector.CloseAction.FIN,
          CloseKind.PROTOCOL_VIOLATION,
          "the client random does not decrypt");
      return;
    } catch (IllegalArgumentException e) {
      endpoint.noteFact("no session keys for the method selected: " + e.getMessage());
      endpoint.closeNow(ServerConnector.CloseAction.FIN, "no keys for the method selected");
      return;
    }
    exchanged = true;
    endpoint.noteFact(
        "session keys made: "
            + standard.data().encryptionMethod()
            + " at level "
            + standard.data().encryptionLevel());
    endpoint.enter(Phase.SECURE_SETTINGS);
  }

  /** How the user data of Send Data PDUs travels now. */
  private SendDataSecurity userData() {
    StandardSecurityServer standard = endpoint.standard();
    return standard == null ? SendDataSecurity.clear() : standard.userData();
  }

  private static Pdu decode(ByteBuf data) {
    int length = data.readableBytes();
    Wire.ensure(data, BasicSecurityHeader.FIXED_PART_SIZE, "client slow-path PDU", "flags");
    if (ServerSlowPath.isShareControl(data, data.readerIndex(), length)) {
      return ShareControlPdu.decode(data);
    }
    SecurityFlags flags = new SecurityFlags(data.getUnsignedShortLE(data.readerIndex()));
    if (flags.has(SecurityFlags.SEC_INFO_PKT)) {
      return ClientInfoPdu.decode(data);
    }
    if (flags.has(SecurityFlags.SEC_TRANSPORT_RSP)) {
      return InitiateMultitransportResponse.decode(data);
    }
    return LicensePdu.decode(data);
  }

  private void afterClientInfo() {
    switch (scenario) {
      case LICENSING_RST ->
          endpoint.closeNow(ServerConnector.CloseAction.RST, "scenario: RST during licensing");
      case LICENSING_SILENCE -> endpoint.noteFact("scenario: silent during licensing");
      case SET_ERROR_INFO -> refuse(endpoint.errorInfo());
      case SET_ERROR_INFO_DENIED -> refuse(ErrorInfo.SERVER_DENIED_CONNECTION);
      case SET_ERROR_INFO_INSUFFICIENT_PRIVILEGES ->
          refuse(ErrorInfo.SERVER_INSUFFICIENT_PRIVILEGES);
      case SET_ERROR_INFO_NO_LICENSE -> refuse(ErrorInfo.LICENSE_NO_LICENSE);
      case LICENSE_REQUEST, LICENSE_PLATFORM_CHALLENGE -> {
        if (identity.privateKey() instanceof RSAKeyParameters) {
          send(licenseRequest());
        } else {
          // a licensing certificate carries an RSA key: with another identity, license nobody
          endpoint.noteFact("licensing needs an RSA identity; saying STATUS_VALID_CLIENT instead");
          send(LicensePdu.validClient());
          afterLicensing();
        }
      }
      default -> {
        send(LicensePdu.validClient());
        afterLicensing();
      }
    }
  }

  /** Multitransport bootstrapping when the scenario asks for it, then the Demand Active. */
  private void afterLicensing() {
    boolean multitransport =
        scenario == Scenario.MULTITRANSPORT_UDP_ANSWERS
            || scenario == Scenario.MULTITRANSPORT_UDP_UNREACHABLE;
    if (messageChannel == null || !multitransport) {
      demandActive();
      return;
    }
    endpoint.enter(Phase.MULTITRANSPORT);
    sendOn(
        messageChannel,
        InitiateMultitransportRequest.of(
            MULTITRANSPORT_REQUEST_ID,
            RequestedProtocol.UDPFECR,
            Octets.of(new byte[InitiateMultitransportRequest.COOKIE_SIZE])));
    if (scenario == Scenario.MULTITRANSPORT_UDP_UNREACHABLE) {
      // no soft sync: the Demand Active follows at once, before the client's answer
      demandActive();
    }
  }

  /**
   * A License Request as a Windows server in the licensing grace period sends it: a proprietary
   * certificate for the emulator's TLS key (so the client's premaster secret can be checked).
   */
  private LicensePdu licenseRequest() {
    ServerLicenseRequest request =
        ServerLicenseRequest.of(
            new ServerLicenseRequest.Contents(
                Octets.of(new byte[ServerLicenseRequest.SERVER_RANDOM_LENGTH]),
                new ProductInfo(0x00060000, "Microsoft Corporation", "A02"),
                new LicenseBinaryBlob(
                    LicenseBinaryBlob.BB_KEY_EXCHG_ALG_BLOB, Octets.fromHex("01000000")),
                ServerCertificate.proprietary(publicKey()),
                List.of("microsoft.com")));
    return LicensePdu.of(new PreambleFlags(PreambleFlags.PREAMBLE_VERSION_3_0), request);
  }

  private RsaPublicKey publicKey() {
    RSAKeyParameters key = (RSAKeyParameters) identity.privateKey();
    BigInteger e =
        key instanceof RSAPrivateCrtKeyParameters crt
            ? crt.getPublicExponent()
            : BigInteger.valueOf(65537);
    return RsaPublicKey.of(key.getModulus(), e);
  }

  /**
   * Checks that the client's premaster secret decrypts (the bytes above its 48 must be zero), notes
   * the result, then ends licensing as the scenario says.
   */
  private void onNewLicenseRequest(NewLicenseRequest answer) {
    RsaPublicKey key = publicKey();
    byte[] field = answer.encryptedPreMasterSecret().blobData().toByteArray();
    int n = key.modulusLength();
    if (field.length == n + RdpRsa.PADDING) {
      byte[] secret =
          RdpRsa.decrypt(
              key,
              ((RSAKeyParameters) identity.privateKey()).getExponent(),
              Arrays.copyOf(field, n),
              n);
      boolean fits = true;
      for (int i = ClientLicensing.PREMASTER_SECRET_LENGTH; i < n; i++) {
        fits &= secret[i] == 0;
      }
      endpoint.noteFact(
          fits
              ? "the client's premaster secret decrypts to 48 bytes"
              : "the client's premaster secret does not decrypt with our key");
    } else {
      endpoint.noteFact(
          "the client's encrypted premaster secret is "
              + field.length
              + " bytes, not "
              + (n + RdpRsa.PADDING));
    }
    if (scenario == Scenario.LICENSE_PLATFORM_CHALLENGE) {
      // ConnectFlags, an encrypted challenge blob, a MAC: a license server takes part
      ByteBuf body = Unpooled.buffer();
      try {
        body.writeIntLE(0);
        body.writeShortLE(LicenseBinaryBlob.BB_ENCRYPTED_DATA_BLOB);
        body.writeShortLE(10);
        body.writeZero(10 + 16);
        send(
            LicensePdu.of(
                new PreambleFlags(PreambleFlags.PREAMBLE_VERSION_3_0),
                new ServerPlatformChallenge(Octets.of(ByteBufUtil.getBytes(body)))));
      } finally {
        body.release();
      }
      return;
    }
    send(LicensePdu.validClient());
    afterLicensing();
  }

  /**
   * Set Error Info, then Disconnect Provider Ultimatum, then FIN: how Windows turns a client away.
   */
  private void refuse(ErrorInfo info) {
    send(SetErrorInfoPdu.of(SERVER_USER, SHARE_ID, info));
    DisconnectProviderUltimatum dpum =
        DisconnectProviderUltimatum.of(DisconnectProviderReason.RN_PROVIDER_INITIATED);
    endpoint.sendMcsPdu(dpum, dpum);
    endpoint.closeNow(ServerConnector.CloseAction.FIN, "scenario: " + info.name() + ", then FIN");
  }

  private void demandActive() {
    endpoint.enter(Phase.CAPABILITIES);
    send(DemandActivePdu.of(SERVER_USER, SHARE_ID, DefaultCapabilities.server(1024, 768, 24)));
  }

  private ControlPdu controlPdu(ControlAction action, int grantId, int controlId) {
    return ControlPdu.of(SERVER_USER, SHARE_ID, StreamId.STREAM_LOW, action, grantId, controlId);
  }

  private void send(Pdu pdu) {
    sendOn(ioChannel, pdu);
  }

  private void sendOn(int channel, Pdu pdu) {
    SendDataSecurity.Wrapped w = userData().wrap(pdu);
    Octets userData = w.userData();
    String summary =
        w.protection().isEmpty() ? pdu.summary() : pdu.summary() + " [" + w.protection() + "]";
    if (scenario == Scenario.RDP_SECURITY_BAD_MAC
        && (userData.get(0) & SecurityFlags.SEC_ENCRYPT) != 0) {
      // one bit of the signature changed: after flags and flagsHi (and FIPS's length, version
      // and padlen)
      boolean fips =
          endpoint
              .standard()
              .data()
              .encryptionMethod()
              .has(EncryptionMethods.ENCRYPTION_METHOD_FIPS);
      byte[] b = userData.toByteArray();
      int at =
          fips
              ? FipsSecurityHeader.FIXED_PART_SIZE - FipsSecurityHeader.SIGNATURE_SIZE
              : NonFipsSecurityHeader.FIXED_PART_SIZE - NonFipsSecurityHeader.SIGNATURE_SIZE;
      b[at] ^= 0x01;
      userData = Octets.of(b);
      summary += " [signature spoiled by the scenario]";
    }
    endpoint.sendMcsPdu(SendDataIndication.of(SERVER_USER, channel, userData), pdu, summary);
  }
}
