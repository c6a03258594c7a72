package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.NamedBits;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Logon Info Extended, TS_LOGON_INFO_EXTENDED (MS-RDPBCGR 2.2.10.1.1.4): the infoData of a Save
 * Session Info PDU of type INFOTYPE_LOGON_EXTENDED_INFO. FieldsPresent says which fields follow,
 * each as TS_LOGON_INFO_FIELD (cbFieldData, then the data): the server's auto-reconnect cookie
 * (ARC_SC_PRIVATE_PACKET, kept raw) and the logon error. Length and the padding are kept as sent;
 * bits of FieldsPresent the table does not know leave their data in the padding.
 *
 * @param length Length, kept as sent
 * @param fieldsPresent FieldsPresent
 * @param autoReconnectCookie the LOGON_EX_AUTORECONNECTCOOKIE field's data, or null
 * @param logonErrors the LOGON_EX_LOGONERRORS field, or null
 * @param pad the bytes after the fields (Pad, 570 bytes in the specification)
 */
public record LogonInfoExtended(
    int length,
    int fieldsPresent,
    Octets autoReconnectCookie,
    LogonErrorsInfo logonErrors,
    Octets pad)
    implements Pdu {
  public static final String NAME = "TS_LOGON_INFO_EXTENDED";

  public static final int FIXED_PART_SIZE =
      2 // Length
          + 4; // FieldsPresent

  /** cbFieldData in front of each field. */
  public static final int FIELD_HEADER_SIZE = 4;

  public static final int LOGON_EX_AUTORECONNECTCOOKIE = 0x00000001;
  public static final int LOGON_EX_LOGONERRORS = 0x00000002;

  /** The padding's length in the specification. */
  public static final int PAD_SIZE = 570;

  private static final NamedBits FIELDS =
      NamedBits.of(
          LOGON_EX_AUTORECONNECTCOOKIE, "LOGON_EX_AUTORECONNECTCOOKIE",
          LOGON_EX_LOGONERRORS, "LOGON_EX_LOGONERRORS");

  public LogonInfoExtended {
    Objects.requireNonNull(pad, "pad");
    if (length < 0 || length > 0xFFFF) {
      throw new IllegalArgumentException("Length out of range: " + length);
    }
    if (((fieldsPresent & LOGON_EX_AUTORECONNECTCOOKIE) != 0) != (autoReconnectCookie != null)) {
      throw new IllegalArgumentException("LOGON_EX_AUTORECONNECTCOOKIE and the cookie disagree");
    }
    if (((fieldsPresent & LOGON_EX_LOGONERRORS) != 0) != (logonErrors != null)) {
      throw new IllegalArgumentException("LOGON_EX_LOGONERRORS and the logon errors disagree");
    }
  }

  /**
   * The structure a server sends for a logon error: LOGON_EX_LOGONERRORS only, Length covering
   * Length, FieldsPresent and the field, and the specification's 570 bytes of padding.
   */
  public static LogonInfoExtended of(LogonErrorsInfo logonErrors) {
    return new LogonInfoExtended(
        FIXED_PART_SIZE + FIELD_HEADER_SIZE + LogonErrorsInfo.FIXED_PART_SIZE,
        LOGON_EX_LOGONERRORS,
        null,
        logonErrors,
        Octets.of(new byte[PAD_SIZE]));
  }

  /** Reads the structure up to the end of the buffer's readable bytes. */
  public static LogonInfoExtended decode(ByteBuf in) {
    Wire.ensure(in, FIXED_PART_SIZE, NAME, "Length");
    int length = in.readUnsignedShortLE();
    int fields = in.readIntLE();
    Octets cookie = null;
    if ((fields & LOGON_EX_AUTORECONNECTCOOKIE) != 0) {
      int cb = readFieldLength(in, "cbFieldData (auto-reconnect cookie)");
      cookie = Octets.read(in, cb, NAME, "auto-reconnect cookie");
    }
    LogonErrorsInfo errors = null;
    if ((fields & LOGON_EX_LOGONERRORS) != 0) {
      int at = in.readerIndex();
      int cb = readFieldLength(in, "cbFieldData (logon errors)");
      if (cb != LogonErrorsInfo.FIXED_PART_SIZE) {
        throw Wire.invalid(NAME, "cbFieldData (logon errors)", at, cb, "8");
      }
      Wire.ensure(in, cb, LogonErrorsInfo.NAME, "ErrorNotificationType");
      errors =
          new LogonErrorsInfo(
              new LogonErrorNotificationType(in.readIntLE()),
              new LogonErrorNotificationData(in.readIntLE()));
    }
    Octets pad = Octets.read(in, in.readableBytes(), NAME, "Pad");
    return new LogonInfoExtended(length, fields, cookie, errors, pad);
  }

  private static int readFieldLength(ByteBuf in, String field) {
    int at = in.readerIndex();
    Wire.ensure(in, FIELD_HEADER_SIZE, NAME, field);
    long cb = in.readUnsignedIntLE();
    if (cb > in.readableBytes()) {
      throw Wire.invalid(NAME, field, at, cb, "at most the " + in.readableBytes() + " bytes left");
    }
    return (int) cb;
  }

  /** The names of FieldsPresent. */
  public String fieldsPresentNames() {
    return FIELDS.format(fieldsPresent & 0xFFFFFFFFL, "none");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    int size = FIXED_PART_SIZE + pad.length();
    if (autoReconnectCookie != null) {
      size += FIELD_HEADER_SIZE + autoReconnectCookie.length();
    }
    if (logonErrors != null) {
      size += FIELD_HEADER_SIZE + LogonErrorsInfo.FIXED_PART_SIZE;
    }
    return size;
  }

  @Override
  public void encode(ByteBuf out) {
    out.writeShortLE(length);
    out.writeIntLE(fieldsPresent);
    if (autoReconnectCookie != null) {
      out.writeIntLE(autoReconnectCookie.length());
      autoReconnectCookie.writeTo(out);
    }
    if (logonErrors != null) {
      out.writeIntLE(LogonErrorsInfo.FIXED_PART_SIZE);
      out.writeIntLE(logonErrors.errorNotificationType().value());
      out.writeIntLE(logonErrors.errorNotificationData().value());
    }
    pad.writeTo(out);
  }

  @Override
  public String summary() {
    return "fieldsPresent="
        + fieldsPresentNames()
        + (logonErrors == null ? "" : ", logonErrors=" + logonErrors);
  }

  @Override
  public String toString() {
    return "LogonInfoExtended[length="
        + length
        + ", fieldsPresent="
        + fieldsPresentNames()
        + (autoReconnectCookie == null ? "" : ", autoReconnectCookie=" + autoReconnectCookie)
        + (logonErrors == null ? "" : ", logonErrors=" + logonErrors)
        + ", pad="
        + pad.length()
        + " bytes]";
  }
}
