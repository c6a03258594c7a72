package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.NamedBits;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * Bitmap Capability Set, TS_BITMAP_CAPABILITYSET (MS-RDPBCGR 2.2.7.1.2): the session's color depth
 * and desktop size (the server's word on them in the Demand Active PDU) and the bitmap drawing
 * flags. Every field is kept as sent, padding included.
 *
 * @param preferredBitsPerPixel preferredBitsPerPixel
 * @param receive1BitPerPixel receive1BitPerPixel
 * @param receive4BitsPerPixel receive4BitsPerPixel
 * @param receive8BitsPerPixel receive8BitsPerPixel
 * @param desktopWidth desktopWidth
 * @param desktopHeight desktopHeight
 * @param pad2octets pad2octets
 * @param desktopResizeFlag desktopResizeFlag
 * @param bitmapCompressionFlag bitmapCompressionFlag (must be TRUE)
 * @param highColorFlags highColorFlags
 * @param drawingFlags drawingFlags
 * @param multipleRectangleSupport multipleRectangleSupport (must be TRUE)
 * @param pad2octetsB pad2octetsB
 */
public record BitmapCapabilitySet(
    int preferredBitsPerPixel,
    int receive1BitPerPixel,
    int receive4BitsPerPixel,
    int receive8BitsPerPixel,
    int desktopWidth,
    int desktopHeight,
    int pad2octets,
    int desktopResizeFlag,
    int bitmapCompressionFlag,
    int highColorFlags,
    int drawingFlags,
    int multipleRectangleSupport,
    int pad2octetsB)
    implements CapabilitySet {
  public static final String NAME = "TS_BITMAP_CAPABILITYSET";

  public static final int DATA_SIZE =
      2 // preferredBitsPerPixel
          + 2 // receive1BitPerPixel
          + 2 // receive4BitsPerPixel
          + 2 // receive8BitsPerPixel
          + 2 // desktopWidth
          + 2 // desktopHeight
          + 2 // pad2octets
          + 2 // desktopResizeFlag
          + 2 // bitmapCompressionFlag
          + 1 // highColorFlags
          + 1 // drawingFlags
          + 2 // multipleRectangleSupport
          + 2; // pad2octetsB

  public static final int DRAW_ALLOW_DYNAMIC_COLOR_FIDELITY = 0x02;
  public static final int DRAW_ALLOW_COLOR_SUBSAMPLING = 0x04;
  public static final int DRAW_ALLOW_SKIP_ALPHA = 0x08;
  public static final int DRAW_UNUSED_FLAG = 0x10;

  private static final NamedBits DRAWING_FLAGS =
      NamedBits.of(
          DRAW_ALLOW_DYNAMIC_COLOR_FIDELITY, "DRAW_ALLOW_DYNAMIC_COLOR_FIDELITY",
          DRAW_ALLOW_COLOR_SUBSAMPLING, "DRAW_ALLOW_COLOR_SUBSAMPLING",
          DRAW_ALLOW_SKIP_ALPHA, "DRAW_ALLOW_SKIP_ALPHA",
          DRAW_UNUSED_FLAG, "DRAW_UNUSED_FLAG");

  public BitmapCapabilitySet {
    for (int v :
        new int[] {
          preferredBitsPerPixel,
          receive1BitPerPixel,
          receive4BitsPerPixel,
          receive8BitsPerPixel,
          desktopWidth,
          desktopHeight,
          pad2octets,
          desktopResizeFlag,
          bitmapCompressionFlag,
          multipleRectangleSupport,
          pad2octetsB
        }) {
      if (v < 0 || v > 0xFFFF) {
        throw new IllegalArgumentException("16-bit field out of range: " + v);
      }
    }
    if (highColorFlags < 0 || highColorFlags > 0xFF) {
      throw new IllegalArgumentException("highColorFlags out of range: " + highColorFlags);
    }
    if (drawingFlags < 0 || drawingFlags > 0xFF) {
      throw new IllegalArgumentException("drawingFlags out of range: " + drawingFlags);
    }
  }

  /**
   * A client's set: this depth and desktop size, the three receive flags, desktop resize, bitmap
   * compression and multiple rectangles TRUE, no drawing flags.
   */
  public static BitmapCapabilitySet client(int bitsPerPixel, int width, int height) {
    return new BitmapCapabilitySet(bitsPerPixel, 1, 1, 1, width, height, 0, 1, 1, 0, 0, 1, 0);
  }

  static BitmapCapabilitySet decodeData(ByteBuf in) {
    Wire.ensure(in, DATA_SIZE, NAME, "preferredBitsPerPixel");
    return new BitmapCapabilitySet(
        in.readUnsignedShortLE(),
        in.readUnsignedShortLE(),
        in.readUnsignedShortLE(),
        in.readUnsignedShortLE(),
        in.readUnsignedShortLE(),
        in.readUnsignedShortLE(),
        in.readUnsignedShortLE(),
        in.readUnsignedShortLE(),
        in.readUnsignedShortLE(),
        in.readUnsignedByte(),
        in.readUnsignedByte(),
        in.readUnsignedShortLE(),
        in.readUnsignedShortLE());
  }

  /** The names of drawingFlags. */
  public String drawingFlagsNames() {
    return DRAWING_FLAGS.format(drawingFlags, "none");
  }

  @Override
  public int capabilitySetType() {
    return CapabilitySetType.CAPSTYPE_BITMAP;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return HEADER_SIZE + DATA_SIZE;
  }

  @Override
  public void encode(ByteBuf out) {
    out.writeShortLE(CapabilitySetType.CAPSTYPE_BITMAP);
    out.writeShortLE(size());
    out.writeShortLE(preferredBitsPerPixel);
    out.writeShortLE(receive1BitPerPixel);
    out.writeShortLE(receive4BitsPerPixel);
    out.writeShortLE(receive8BitsPerPixel);
    out.writeShortLE(desktopWidth);
    out.writeShortLE(desktopHeight);
    out.writeShortLE(pad2octets);
    out.writeShortLE(desktopResizeFlag);
    out.writeShortLE(bitmapCompressionFlag);
    out.writeByte(highColorFlags);
    out.writeByte(drawingFlags);
    out.writeShortLE(multipleRectangleSupport);
    out.writeShortLE(pad2octetsB);
  }

  @Override
  public String summary() {
    return preferredBitsPerPixel
        + " bpp, "
        + desktopWidth
        + "x"
        + desktopHeight
        + ", drawingFlags="
        + drawingFlagsNames();
  }
}
