package dev.rdpprobe.wire.license;

import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import dev.rdpprobe.wire.mcs.SendDataFrame;
import dev.rdpprobe.wire.sec.BasicSecurityHeader;
import dev.rdpprobe.wire.sec.SecurityFlags;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * A licensing PDU (MS-RDPBCGR 2.2.1.12): the Basic Security Header with SEC_LICENSE_PKT, the
 * licensing preamble and the message its bMsgType names, the user data of a Send Data Indication
 * (server to client) or Request (client to server) on the I/O channel. {@link #decode} dispatches
 * on bMsgType: {@link LicenseErrorMessage}, {@link ServerLicenseRequest}, {@link
 * ServerPlatformChallenge}, {@link NewLicenseRequest}, else {@link RawLicenseMessage}.
 *
 * <p>This is the PDU as sent in the clear: under TLS or CredSSP, or with Standard RDP Security
 * before the server encrypts licensing. With SEC_ENCRYPT the security header is longer and the
 * message is RC4 ciphertext, which this record does not decode. The preamble's wMsgSize is not a
 * field: it is computed from the message, and {@link #decode} checks the one received.
 *
 * @param securityHeader securityHeader (SEC_LICENSE_PKT set); flagsHi is kept as sent (xrdp puts
 *     wMsgSize there, Windows leaves other bytes)
 * @param flags the preamble's flags
 * @param message the message after the preamble
 */
public record LicensePdu(
    BasicSecurityHeader securityHeader, PreambleFlags flags, LicenseMessage message)
    implements Pdu {
  public static final String NAME = "License PDU";

  public static final int FIXED_PART_SIZE =
      BasicSecurityHeader.FIXED_PART_SIZE // securityHeader
          + LicensePreamble.FIXED_PART_SIZE; // preamble

  public LicensePdu {
    Objects.requireNonNull(securityHeader, "securityHeader");
    Objects.requireNonNull(flags, "flags");
    Objects.requireNonNull(message, "message");
    securityHeader.requirePlain(SecurityFlags.SEC_LICENSE_PKT, "SEC_LICENSE_PKT");
    if (LicensePreamble.FIXED_PART_SIZE + message.size() > 0xFFFF) {
      throw new IllegalArgumentException("message too long for wMsgSize: " + message.size());
    }
  }

  /** The PDU with flags SEC_LICENSE_PKT only and flagsHi 0. */
  public static LicensePdu of(PreambleFlags flags, LicenseMessage message) {
    return new LicensePdu(BasicSecurityHeader.of(SecurityFlags.SEC_LICENSE_PKT), flags, message);
  }

  /**
   * The Server License Error PDU - Valid Client (MS-RDPBCGR 2.2.1.12, 4.1.11 decrypted):
   * SEC_LICENSE_PKT, ERROR_ALERT with PREAMBLE_VERSION_3_0, STATUS_VALID_CLIENT, ST_NO_TRANSITION
   * and an empty BB_ERROR_BLOB. What a server (the emulator) sends a client that needs no license:
   * {@code 80 00 00 00 ff 03 10 00 07 00 00 00 02 00 00 00 04 00 00 00}.
   */
  public static LicensePdu validClient() {
    return of(
        new PreambleFlags(PreambleFlags.PREAMBLE_VERSION_3_0), LicenseErrorMessage.validClient());
  }

  /** Reads the PDU: the security header, the preamble and the wMsgSize bytes it announces. */
  public static LicensePdu decode(ByteBuf in) {
    BasicSecurityHeader header =
        BasicSecurityHeader.decodeFor(
            in, SecurityFlags.SEC_LICENSE_PKT, "SEC_LICENSE_PKT (0x80)", NAME);
    LicensePreamble preamble = LicensePreamble.decode(in);
    LicenseMessage message =
        Wire.within(
            in,
            preamble.messageSize(),
            messageName(preamble.bMsgType()),
            b -> LicenseMessage.decode(preamble.bMsgType(), b));
    return new LicensePdu(header, preamble.flags(), message);
  }

  /** Reads the PDU in its TPKT, X.224 Data TPDU and MCS Send Data Indication or Request. */
  public static SendDataFrame<LicensePdu> decodeFramed(ByteBuf in) {
    return SendDataFrame.decode(in, LicensePdu::decode, NAME);
  }

  private static String messageName(LicenseMessageType type) {
    return switch (type.value()) {
      case 0xFF -> LicenseErrorMessage.NAME;
      case 0x01 -> ServerLicenseRequest.NAME;
      case 0x02 -> ServerPlatformChallenge.NAME;
      case 0x13 -> NewLicenseRequest.NAME;
      default -> RawLicenseMessage.NAME;
    };
  }

  /** The preamble as it is written: bMsgType, flags and wMsgSize. */
  public LicensePreamble preamble() {
    return new LicensePreamble(
        message.messageType(), flags, LicensePreamble.FIXED_PART_SIZE + message.size());
  }

  /** Whether this is the "valid client" message: licensing is over, no license needed. */
  public boolean isValidClient() {
    return message instanceof LicenseErrorMessage e && e.isValidClient();
  }

  /** The PDU in a Send Data Indication from {@code initiator} on {@code channelId}. */
  public SendDataFrame<LicensePdu> toIndication(int initiator, int channelId) {
    return SendDataFrame.indication(initiator, channelId, this);
  }

  /**
   * The PDU's title by its message: {@code License Error PDU}, {@code Server License Request PDU},
   * {@code Server Platform Challenge PDU}, {@code Client New License Request PDU}, or for another
   * type e.g. {@code License PDU PLATFORM_CHALLENGE_RESPONSE}.
   */
  @Override
  public String name() {
    return switch (message.messageType().value()) {
      case 0xFF -> "License Error PDU";
      case 0x01 -> "Server License Request PDU";
      case 0x02 -> "Server Platform Challenge PDU";
      case 0x13 -> "Client New License Request PDU";
      default -> NAME + " " + message.messageType().name();
    };
  }

  @Override
  public int size() {
    return FIXED_PART_SIZE + message.size();
  }

  @Override
  public void encode(ByteBuf out) {
    securityHeader.encode(out);
    preamble().encode(out);
    message.encode(out);
  }

  @Override
  public String summary() {
    String inner = message.summary();
    return "bMsgType="
        + message.messageType().name()
        + ", flags="
        + flags
        + (inner.isEmpty() ? "" : ", " + inner);
  }
}
