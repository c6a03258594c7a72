package dev.rdpprobe.tls;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * The 5-byte header in front of every TLS record (RFC 8446 section 5.1, RFC 5246 section 6.2.1):
 * TLSPlaintext / TLSCiphertext {@code type}, {@code legacy_record_version}, {@code length}.
 *
 * @param contentType 20 change_cipher_spec, 21 alert, 22 handshake, 23 application_data, 24
 *     heartbeat
 * @param version the record version, {@code 0x0301} to {@code 0x0303} in practice
 * @param length the fragment's length, at most {@link #MAX_LENGTH}
 */
public record TlsRecordHeader(int contentType, int version, int length) implements Pdu {
  /** The name used in decode errors. */
  public static final String NAME = "TLS record";

  /** The header's size: type, legacy_record_version and length (RFC 8446 section 5.1). */
  public static final int FIXED_PART_SIZE =
      1 // type
          + 2 // legacy_record_version
          + 2; // length

  /**
   * The longest fragment any version allows: 2^14 plus 2048 bytes of expansion for a TLS 1.2
   * TLSCiphertext (RFC 5246 section 6.2.3). TLS 1.3 allows less (2^14 + 256).
   */
  public static final int MAX_LENGTH = (1 << 14) + 2048;

  public TlsRecordHeader {
    if (!isContentType(contentType)) {
      throw new IllegalArgumentException("not a TLS content type: " + contentType);
    }
    if (version < 0 || version > 0xFFFF || length < 0 || length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "version or length out of range: " + version + ", " + length);
    }
  }

  /** Whether a byte is one of the five content types (RFC 8446 section 5.1, RFC 6520). */
  public static boolean isContentType(int b) {
    return b >= 20 && b <= 24;
  }

  /** Reads and checks a header: a known content type, major version 3, length up to the cap. */
  public static TlsRecordHeader decode(ByteBuf in) {
    int start = in.readerIndex();
    Wire.ensure(in, FIXED_PART_SIZE, NAME, "header");
    int length = check(in, start, FIXED_PART_SIZE);
    int type = in.readUnsignedByte();
    int version = in.readUnsignedShort();
    in.skipBytes(2);
    return new TlsRecordHeader(type, version, length);
  }

  /**
   * Frames a record without consuming anything: the whole record's size (header included) if the
   * header is there, or {@code -1} if more bytes are needed. The bytes that are there are checked
   * at once, so a stream that does not start with a TLS record is refused from its first byte.
   *
   * @throws DecodeException if the bytes cannot start a TLS record
   */
  public static int frameLength(ByteBuf in) {
    int start = in.readerIndex();
    int n = Math.min(in.readableBytes(), FIXED_PART_SIZE);
    int length = check(in, start, n);
    return length < 0 ? -1 : FIXED_PART_SIZE + length;
  }

  /** Checks the first {@code n} header bytes at {@code start}; the length once all 5 are there. */
  private static int check(ByteBuf in, int start, int n) {
    if (n >= 1) {
      int type = in.getUnsignedByte(start);
      if (!isContentType(type)) {
        throw new DecodeException(
            DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE,
            NAME,
            "type",
            start,
            type,
            "20, 21, 22, 23 or 24");
      }
    }
    if (n >= 2) {
      int major = in.getUnsignedByte(start + 1);
      if (major != 3) {
        throw Wire.invalid(NAME, "legacy_record_version", start + 1, major, "0x03 (SSL 3 or TLS)");
      }
    }
    if (n < FIXED_PART_SIZE) {
      return -1;
    }
    int length = in.getUnsignedShort(start + 3);
    if (length > MAX_LENGTH) {
      throw new DecodeException(
          DecodeException.Kind.TOO_LARGE,
          NAME,
          "length",
          start + 3,
          length,
          "at most " + MAX_LENGTH);
    }
    return length;
  }

  /** The content type's name: {@code handshake}, {@code alert}, ... */
  public String contentTypeName() {
    return contentTypeName(contentType);
  }

  /** The name of a content type byte, or {@code unknown (n)}. */
  public static String contentTypeName(int contentType) {
    return switch (contentType) {
      case 20 -> "change_cipher_spec";
      case 21 -> "alert";
      case 22 -> "handshake";
      case 23 -> "application_data";
      case 24 -> "heartbeat";
      default -> "unknown (" + contentType + ")";
    };
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return contentTypeName() + " " + TlsVersion.describe(version) + " length=" + length;
  }

  /** The number of bytes {@link #encode(ByteBuf)} writes. */
  @Override
  public int size() {
    return FIXED_PART_SIZE;
  }

  /** Writes the header. */
  @Override
  public void encode(ByteBuf out) {
    out.writeByte(contentType);
    out.writeShort(version);
    out.writeShort(length);
  }
}
