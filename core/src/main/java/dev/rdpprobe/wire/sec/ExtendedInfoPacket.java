package dev.rdpprobe.wire.sec;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Utf16;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Extended Info Packet, TS_EXTENDED_INFO_PACKET (MS-RDPBCGR 2.2.1.11.1.1.1): the part of the Info
 * Packet every client since RDP 5.0 sends.
 *
 * <p>{@code clientAddress} and {@code clientDir} are written as the Info Packet's INFO_UNICODE flag
 * says, and their lengths count the NUL terminator; a length of 0 (no text, no terminator) is null
 * here. The fields from {@code clientTimeZone} on are optional, and each is present only if all the
 * ones before it are; the packet's end says where the list stops. A length field and the bytes it
 * counts ({@code autoReconnectCookie}, {@code dynamicDSTTimeZoneKeyName}) are present or absent
 * together. Bytes after {@code dynamicDaylightTimeDisabled} are kept in {@code extra}.
 *
 * @param clientAddressFamily clientAddressFamily
 * @param clientAddress clientAddress, without its terminator; null when cbClientAddress is 0
 * @param clientDir clientDir, without its terminator; null when cbClientDir is 0
 * @param clientTimeZone clientTimeZone, the 172 bytes of a TS_TIME_ZONE_INFORMATION kept raw, or
 *     null
 * @param clientSessionId clientSessionId, or null
 * @param performanceFlags performanceFlags, or null
 * @param autoReconnectCookie autoReconnectCookie (an ARC_CS_PRIVATE_PACKET of 28 bytes, or empty),
 *     kept raw, or null when cbAutoReconnectCookie is absent
 * @param reserved1 reserved1, or null
 * @param reserved2 reserved2, or null
 * @param dynamicDstTimeZoneKeyName dynamicDSTTimeZoneKeyName (UTF-16LE), or null when
 *     cbDynamicDSTTimeZoneKeyName is absent
 * @param dynamicDaylightTimeDisabled dynamicDaylightTimeDisabled, or null
 * @param extra bytes after dynamicDaylightTimeDisabled, empty unless every optional field is there
 */
public record ExtendedInfoPacket(
    AddressFamily clientAddressFamily,
    String clientAddress,
    String clientDir,
    Octets clientTimeZone,
    Integer clientSessionId,
    PerformanceFlags performanceFlags,
    Octets autoReconnectCookie,
    Integer reserved1,
    Integer reserved2,
    String dynamicDstTimeZoneKeyName,
    Integer dynamicDaylightTimeDisabled,
    Octets extra) {
  public static final String NAME = "TS_EXTENDED_INFO_PACKET";

  public static final int FIXED_PART_SIZE =
      2 // clientAddressFamily
          + 2 // cbClientAddress
          + 2; // cbClientDir

  /** The size of clientTimeZone, a TS_TIME_ZONE_INFORMATION. */
  public static final int TIME_ZONE_SIZE = 172;

  /** The longest clientAddress, terminator included. */
  public static final int MAX_CLIENT_ADDRESS = 80;

  /** The longest clientDir, terminator included. */
  public static final int MAX_CLIENT_DIR = 512;

  /** The longest autoReconnectCookie: an ARC_CS_PRIVATE_PACKET. */
  public static final int MAX_AUTO_RECONNECT_COOKIE = 28;

  /** The longest dynamicDSTTimeZoneKeyName. */
  public static final int MAX_DYNAMIC_DST_TIME_ZONE_KEY_NAME = 254;

  public ExtendedInfoPacket {
    Objects.requireNonNull(clientAddressFamily, "clientAddressFamily");
    Objects.requireNonNull(extra, "extra");
    if (clientTimeZone != null && clientTimeZone.length() != TIME_ZONE_SIZE) {
      throw new IllegalArgumentException("clientTimeZone must be 172 bytes");
    }
    if (autoReconnectCookie != null && autoReconnectCookie.length() > MAX_AUTO_RECONNECT_COOKIE) {
      throw new IllegalArgumentException("autoReconnectCookie longer than 28 bytes");
    }
    checkUnsigned16(reserved1, "reserved1");
    checkUnsigned16(reserved2, "reserved2");
    if (dynamicDstTimeZoneKeyName != null
        && 2 * dynamicDstTimeZoneKeyName.length() > MAX_DYNAMIC_DST_TIME_ZONE_KEY_NAME) {
      throw new IllegalArgumentException("dynamicDSTTimeZoneKeyName longer than 254 bytes");
    }
    checkUnsigned16(dynamicDaylightTimeDisabled, "dynamicDaylightTimeDisabled");
    Object[] optional = {
      clientTimeZone,
      clientSessionId,
      performanceFlags,
      autoReconnectCookie,
      reserved1,
      reserved2,
      dynamicDstTimeZoneKeyName,
      dynamicDaylightTimeDisabled
    };
    int present = 0;
    while (present < optional.length && optional[present] != null) {
      present++;
    }
    for (int i = present; i < optional.length; i++) {
      if (optional[i] != null) {
        throw new IllegalArgumentException(
            "optional field " + (i + 1) + " is present but field " + (present + 1) + " is not");
      }
    }
    if (extra.length() > 0 && present < optional.length) {
      throw new IllegalArgumentException("extra bytes need every optional field present");
    }
  }

  private static void checkUnsigned16(Integer value, String what) {
    if (value != null && (value < 0 || value > 0xFFFF)) {
      throw new IllegalArgumentException(what + " out of range: " + value);
    }
  }

  /** Checks the strings fit the lengths and the encoding; called by the Info Packet. */
  void check(boolean unicode) {
    checkString(clientAddress, MAX_CLIENT_ADDRESS, unicode, "clientAddress");
    checkString(clientDir, MAX_CLIENT_DIR, unicode, "clientDir");
  }

  private static void checkString(String s, int max, boolean unicode, String what) {
    if (s == null) {
      return;
    }
    if (!InfoStrings.encodable(s, unicode)) {
      throw new IllegalArgumentException(
          what + " has characters beyond ISO-8859-1 without UNICODE");
    }
    if (encodedLength(s, unicode) > max) {
      throw new IllegalArgumentException(what + " longer than " + max + " bytes");
    }
  }

  /** The length field's value: the text and its terminator, or 0 for null. */
  private static int encodedLength(String s, boolean unicode) {
    return s == null ? 0 : InfoStrings.byteLength(s, unicode) + InfoStrings.terminatorSize(unicode);
  }

  /**
   * Extended info with the optional fields up to performanceFlags and an empty auto-reconnect
   * cookie, as FreeRDP sends it.
   */
  public static ExtendedInfoPacket of(
      AddressFamily family,
      String clientAddress,
      String clientDir,
      Octets clientTimeZone,
      PerformanceFlags performanceFlags) {
    return new ExtendedInfoPacket(
        family,
        clientAddress,
        clientDir,
        clientTimeZone,
        0,
        performanceFlags,
        Octets.EMPTY,
        null,
        null,
        null,
        null,
        Octets.EMPTY);
  }

  /** Reads the packet up to the end of the buffer's readable bytes. */
  static ExtendedInfoPacket decode(ByteBuf in, boolean unicode, String pdu) {
    Wire.ensure(in, 2, pdu, "clientAddressFamily");
    AddressFamily family = new AddressFamily(in.readUnsignedShortLE());
    String clientAddress = readString(in, MAX_CLIENT_ADDRESS, unicode, pdu, "clientAddress");
    String clientDir = readString(in, MAX_CLIENT_DIR, unicode, pdu, "clientDir");
    Octets timeZone = null;
    Integer sessionId = null;
    PerformanceFlags performance = null;
    Octets cookie = null;
    Integer reserved1 = null;
    Integer reserved2 = null;
    String dstKeyName = null;
    Integer dstDisabled = null;
    Octets extra = Octets.EMPTY;
    // each optional field is there only if the packet still has bytes: stop at the first absent one
    if (present(in, TIME_ZONE_SIZE, pdu, "clientTimeZone")) {
      timeZone = Octets.read(in, TIME_ZONE_SIZE, pdu, "clientTimeZone");
      if (present(in, 4, pdu, "clientSessionId")) {
        sessionId = in.readIntLE();
        if (present(in, 4, pdu, "performanceFlags")) {
          performance = new PerformanceFlags(in.readIntLE());
          if (present(in, 2, pdu, "cbAutoReconnectCookie")) {
            int offset = in.readerIndex();
            int cb = in.readUnsignedShortLE();
            checkLength(cb, MAX_AUTO_RECONNECT_COOKIE, in, offset, pdu, "cbAutoReconnectCookie");
            cookie = Octets.read(in, cb, pdu, "autoReconnectCookie");
            if (present(in, 2, pdu, "reserved1")) {
              reserved1 = in.readUnsignedShortLE();
              if (present(in, 2, pdu, "reserved2")) {
                reserved2 = in.readUnsignedShortLE();
                if (present(in, 2, pdu, "cbDynamicDSTTimeZoneKeyName")) {
                  dstKeyName = readKeyName(in, pdu);
                  if (present(in, 2, pdu, "dynamicDaylightTimeDisabled")) {
                    dstDisabled = in.readUnsignedShortLE();
                    extra =
                        Octets.read(
                            in,
                            in.readableBytes(),
                            pdu,
                            "fields after dynamicDaylightTimeDisabled");
                  }
                }
              }
            }
          }
        }
      }
    }
    return new ExtendedInfoPacket(
        family,
        clientAddress,
        clientDir,
        timeZone,
        sessionId,
        performance,
        cookie,
        reserved1,
        reserved2,
        dstKeyName,
        dstDisabled,
        extra);
  }

  private static String readString(ByteBuf in, int max, boolean unicode, String pdu, String field) {
    String cbField = "cb" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
    int offset = in.readerIndex();
    int cb = InfoStrings.readLength(in, max, unicode, pdu, cbField);
    if (cb == 0) {
      return null;
    }
    int term = InfoStrings.terminatorSize(unicode);
    if (cb < term) {
      throw Wire.invalid(pdu, cbField, offset, cb, "0, or at least " + term + " (the terminator)");
    }
    String s = InfoStrings.read(in, cb - term, unicode, pdu, field);
    InfoStrings.readTerminator(in, unicode, pdu, field);
    return s;
  }

  private static String readKeyName(ByteBuf in, String pdu) {
    int offset = in.readerIndex();
    int cb = in.readUnsignedShortLE();
    checkLength(
        cb, MAX_DYNAMIC_DST_TIME_ZONE_KEY_NAME, in, offset, pdu, "cbDynamicDSTTimeZoneKeyName");
    if (cb % 2 != 0) {
      throw Wire.invalid(pdu, "cbDynamicDSTTimeZoneKeyName", offset, cb, "an even number (UTF-16)");
    }
    return Utf16.read(in, cb / 2, pdu, "dynamicDSTTimeZoneKeyName");
  }

  private static void checkLength(
      int cb, int max, ByteBuf in, int offset, String pdu, String field) {
    if (cb > max) {
      throw new DecodeException(
          DecodeException.Kind.TOO_LARGE, pdu, field, offset, cb, "at most " + max);
    }
    if (cb > in.readableBytes()) {
      throw Wire.invalid(
          pdu, field, offset, cb, "at most " + in.readableBytes() + " (the rest of the packet)");
    }
  }

  /**
   * Whether an optional field of {@code n} bytes is there; a packet ending inside it is malformed.
   */
  private static boolean present(ByteBuf in, int n, String pdu, String field) {
    int left = in.readableBytes();
    if (left == 0) {
      return false;
    }
    if (left < n) {
      throw Wire.invalid(
          pdu, field, in.readerIndex(), left, n + " bytes, or the packet ending before the field");
    }
    return true;
  }

  /** The number of bytes {@link #encode} writes. */
  int size(boolean unicode) {
    int size =
        FIXED_PART_SIZE + encodedLength(clientAddress, unicode) + encodedLength(clientDir, unicode);
    if (clientTimeZone != null) {
      size += TIME_ZONE_SIZE;
    }
    if (clientSessionId != null) {
      size += 4;
    }
    if (performanceFlags != null) {
      size += 4;
    }
    if (autoReconnectCookie != null) {
      size += 2 + autoReconnectCookie.length();
    }
    if (reserved1 != null) {
      size += 2;
    }
    if (reserved2 != null) {
      size += 2;
    }
    if (dynamicDstTimeZoneKeyName != null) {
      size += 2 + 2 * dynamicDstTimeZoneKeyName.length();
    }
    if (dynamicDaylightTimeDisabled != null) {
      size += 2;
    }
    return size + extra.length();
  }

  /** Writes the packet. */
  void encode(ByteBuf out, boolean unicode) {
    out.writeShortLE(clientAddressFamily.value());
    writeString(out, clientAddress, unicode);
    writeString(out, clientDir, unicode);
    if (clientTimeZone == null) {
      return;
    }
    clientTimeZone.writeTo(out);
    if (clientSessionId == null) {
      return;
    }
    out.writeIntLE(clientSessionId);
    if (performanceFlags == null) {
      return;
    }
    out.writeIntLE(performanceFlags.bits());
    if (autoReconnectCookie == null) {
      return;
    }
    out.writeShortLE(autoReconnectCookie.length());
    autoReconnectCookie.writeTo(out);
    if (reserved1 == null) {
      return;
    }
    out.writeShortLE(reserved1);
    if (reserved2 == null) {
      return;
    }
    out.writeShortLE(reserved2);
    if (dynamicDstTimeZoneKeyName == null) {
      return;
    }
    out.writeShortLE(2 * dynamicDstTimeZoneKeyName.length());
    Utf16.write(out, dynamicDstTimeZoneKeyName);
    if (dynamicDaylightTimeDisabled == null) {
      return;
    }
    out.writeShortLE(dynamicDaylightTimeDisabled);
    extra.writeTo(out);
  }

  private static void writeString(ByteBuf out, String s, boolean unicode) {
    out.writeShortLE(encodedLength(s, unicode));
    if (s != null) {
      InfoStrings.write(out, s, unicode);
      InfoStrings.writeTerminator(out, unicode);
    }
  }
}
