package dev.rdpprobe.wire.license;

import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * License Error Message, LICENSE_ERROR_MESSAGE (MS-RDPBCGR 2.2.1.12.1.3): the message of bMsgType
 * ERROR_ALERT. With STATUS_VALID_CLIENT and ST_NO_TRANSITION it is the "valid client" message that
 * ends licensing for a client that needs no license (2.2.1.12, the Server License Error PDU - Valid
 * Client); with an ERR_ code it says why licensing failed.
 *
 * @param dwErrorCode dwErrorCode
 * @param dwStateTransition dwStateTransition
 * @param bbErrorInfo bbErrorInfo (BB_ERROR_BLOB, usually empty)
 */
public record LicenseErrorMessage(
    LicenseErrorCode dwErrorCode,
    LicenseStateTransition dwStateTransition,
    LicenseBinaryBlob bbErrorInfo)
    implements LicenseMessage {
  public static final String NAME = "LICENSE_ERROR_MESSAGE";

  public static final int FIXED_PART_SIZE =
      4 // dwErrorCode
          + 4 // dwStateTransition
          + LicenseBinaryBlob.FIXED_PART_SIZE; // bbErrorInfo, wBlobType and wBlobLen

  public LicenseErrorMessage {
    Objects.requireNonNull(dwErrorCode, "dwErrorCode");
    Objects.requireNonNull(dwStateTransition, "dwStateTransition");
    Objects.requireNonNull(bbErrorInfo, "bbErrorInfo");
  }

  /**
   * The "valid client" message: STATUS_VALID_CLIENT, ST_NO_TRANSITION and an empty BB_ERROR_BLOB.
   */
  public static LicenseErrorMessage validClient() {
    return new LicenseErrorMessage(
        LicenseErrorCode.STATUS_VALID_CLIENT,
        LicenseStateTransition.ST_NO_TRANSITION,
        LicenseBinaryBlob.empty(LicenseBinaryBlob.BB_ERROR_BLOB));
  }

  /** Reads the message, up to the end of the buffer's readable bytes. */
  public static LicenseErrorMessage decode(ByteBuf in) {
    Wire.ensure(in, FIXED_PART_SIZE, NAME, "dwErrorCode");
    LicenseErrorCode code = new LicenseErrorCode(in.readIntLE());
    LicenseStateTransition transition = new LicenseStateTransition(in.readIntLE());
    return new LicenseErrorMessage(code, transition, LicenseBinaryBlob.decode(in));
  }

  /** Whether this is STATUS_VALID_CLIENT: licensing succeeded without a license. */
  public boolean isValidClient() {
    return dwErrorCode.equals(LicenseErrorCode.STATUS_VALID_CLIENT);
  }

  @Override
  public LicenseMessageType messageType() {
    return LicenseMessageType.ERROR_ALERT;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return FIXED_PART_SIZE - LicenseBinaryBlob.FIXED_PART_SIZE + bbErrorInfo.size();
  }

  @Override
  public void encode(ByteBuf out) {
    out.writeIntLE(dwErrorCode.value());
    out.writeIntLE(dwStateTransition.value());
    bbErrorInfo.encode(out);
  }

  @Override
  public String summary() {
    return "dwErrorCode="
        + dwErrorCode
        + ", dwStateTransition="
        + dwStateTransition
        + (bbErrorInfo.blobData().length() == 0
            ? ""
            : ", bbErrorInfo " + bbErrorInfo.blobData().length() + " bytes");
  }
}
