package dev.rdpprobe.wire.license;

import dev.rdpprobe.wire.Pdu;
import io.netty.buffer.ByteBuf;

/**
 * The message after the licensing preamble (MS-RDPBCGR 2.2.1.12): {@link #size()} and {@link
 * #encode} cover the message alone, the preamble's wMsgSize less its four bytes.
 */
public sealed interface LicenseMessage extends Pdu
    permits LicenseErrorMessage,
        ServerLicenseRequest,
        ServerPlatformChallenge,
        NewLicenseRequest,
        RawLicenseMessage {

  /** The bMsgType the preamble carries for this message. */
  LicenseMessageType messageType();

  /**
   * Decodes the message of this type: the whole readable part of {@code in}, which the caller
   * bounds to the preamble's wMsgSize.
   */
  static LicenseMessage decode(LicenseMessageType type, ByteBuf in) {
    return switch (type.value()) {
      case 0xFF -> LicenseErrorMessage.decode(in);
      case 0x01 -> ServerLicenseRequest.decode(in);
      case 0x02 -> ServerPlatformChallenge.decode(in);
      case 0x13 -> NewLicenseRequest.decode(in);
      default -> RawLicenseMessage.decode(type, in);
    };
  }
}
