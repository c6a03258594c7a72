package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.NamedBits;

/**
 * compressedType of the Share Data Header (MS-RDPBCGR 2.2.8.1.1.1.2): the bulk compression package
 * in the low four bits (CompressionTypeMask) and the PACKET_ flags above. With PACKET_COMPRESSED
 * set the data after the header is compressed, and this codec keeps it raw. Unknown bits are kept.
 *
 * @param bits the 8-bit field as sent
 */
public record CompressedType(int bits) {
  /** CompressionTypeMask: the package in the low four bits. */
  public static final int COMPRESSION_TYPE_MASK = 0x0F;

  public static final int PACKET_COMPRESSED = 0x20;
  public static final int PACKET_AT_FRONT = 0x40;
  public static final int PACKET_FLUSHED = 0x80;

  /** Not compressed, package 0: what every sender in the connection sequence writes. */
  public static final CompressedType NONE = new CompressedType(0);

  private static final NamedBits FLAGS =
      NamedBits.of(
          PACKET_COMPRESSED, "PACKET_COMPRESSED",
          PACKET_AT_FRONT, "PACKET_AT_FRONT",
          PACKET_FLUSHED, "PACKET_FLUSHED");

  private static final NamedBits PACKAGES =
      NamedBits.of(
          0, "PACKET_COMPR_TYPE_8K",
          1, "PACKET_COMPR_TYPE_64K",
          2, "PACKET_COMPR_TYPE_RDP6",
          3, "PACKET_COMPR_TYPE_RDP61");

  public CompressedType {
    if (bits < 0 || bits > 0xFF) {
      throw new IllegalArgumentException("compressedType out of range (8 bits): " + bits);
    }
  }

  /** Whether PACKET_COMPRESSED is set: the data after the header is compressed. */
  public boolean isCompressed() {
    return (bits & PACKET_COMPRESSED) != 0;
  }

  /** The compression package, the low four bits. */
  public int packageType() {
    return bits & COMPRESSION_TYPE_MASK;
  }

  /**
   * {@code none}, or the flags and the package, e.g. {@code
   * PACKET_COMPRESSED|PACKET_COMPR_TYPE_64K}.
   */
  @Override
  public String toString() {
    if (bits == 0) {
      return "none";
    }
    String flags = FLAGS.format(bits & ~COMPRESSION_TYPE_MASK, "");
    String pkg = PACKAGES.code(packageType());
    return flags.isEmpty() ? pkg : flags + "|" + pkg;
  }
}
