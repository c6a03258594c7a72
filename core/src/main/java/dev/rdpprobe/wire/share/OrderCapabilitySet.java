package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.NamedBits;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Order Capability Set, TS_ORDER_CAPABILITYSET (MS-RDPBCGR 2.2.7.1.3): which drawing orders the
 * sender supports (orderSupport, one byte per order index) and the order flags. Every field is kept
 * as sent, padding included.
 *
 * @param terminalDescriptor terminalDescriptor, 16 bytes
 * @param pad4octetsA pad4octetsA
 * @param desktopSaveXGranularity desktopSaveXGranularity
 * @param desktopSaveYGranularity desktopSaveYGranularity
 * @param pad2octetsA pad2octetsA
 * @param maximumOrderLevel maximumOrderLevel (ORD_LEVEL_1_ORDERS, 1)
 * @param numberFonts numberFonts
 * @param orderFlags orderFlags
 * @param orderSupport orderSupport, 32 bytes, nonzero for a supported order
 * @param textFlags textFlags
 * @param orderSupportExFlags orderSupportExFlags
 * @param pad4octetsB pad4octetsB
 * @param desktopSaveSize desktopSaveSize
 * @param pad2octetsC pad2octetsC
 * @param pad2octetsD pad2octetsD
 * @param textAnsiCodePage textANSICodePage
 * @param pad2octetsE pad2octetsE
 */
public record OrderCapabilitySet(
    Octets terminalDescriptor,
    int pad4octetsA,
    int desktopSaveXGranularity,
    int desktopSaveYGranularity,
    int pad2octetsA,
    int maximumOrderLevel,
    int numberFonts,
    int orderFlags,
    Octets orderSupport,
    int textFlags,
    int orderSupportExFlags,
    int pad4octetsB,
    int desktopSaveSize,
    int pad2octetsC,
    int pad2octetsD,
    int textAnsiCodePage,
    int pad2octetsE)
    implements CapabilitySet {
  public static final String NAME = "TS_ORDER_CAPABILITYSET";

  public static final int TERMINAL_DESCRIPTOR_SIZE = 16;
  public static final int ORDER_SUPPORT_SIZE = 32;

  public static final int DATA_SIZE =
      TERMINAL_DESCRIPTOR_SIZE // terminalDescriptor
          + 4 // pad4octetsA
          + 2 // desktopSaveXGranularity
          + 2 // desktopSaveYGranularity
          + 2 // pad2octetsA
          + 2 // maximumOrderLevel
          + 2 // numberFonts
          + 2 // orderFlags
          + ORDER_SUPPORT_SIZE // orderSupport
          + 2 // textFlags
          + 2 // orderSupportExFlags
          + 4 // pad4octetsB
          + 4 // desktopSaveSize
          + 2 // pad2octetsC
          + 2 // pad2octetsD
          + 2 // textANSICodePage
          + 2; // pad2octetsE

  public static final int NEGOTIATEORDERSUPPORT = 0x0002;
  public static final int ZEROBOUNDSDELTASSUPPORT = 0x0008;
  public static final int COLORINDEXSUPPORT = 0x0020;
  public static final int SOLIDPATTERNBRUSHONLY = 0x0040;
  public static final int ORDERFLAGS_EXTRA_FLAGS = 0x0080;

  /** ORD_LEVEL_1_ORDERS. */
  public static final int ORD_LEVEL_1_ORDERS = 1;

  private static final NamedBits ORDER_FLAGS =
      NamedBits.of(
          NEGOTIATEORDERSUPPORT, "NEGOTIATEORDERSUPPORT",
          ZEROBOUNDSDELTASSUPPORT, "ZEROBOUNDSDELTASSUPPORT",
          COLORINDEXSUPPORT, "COLORINDEXSUPPORT",
          SOLIDPATTERNBRUSHONLY, "SOLIDPATTERNBRUSHONLY",
          ORDERFLAGS_EXTRA_FLAGS, "ORDERFLAGS_EXTRA_FLAGS");

  private static final NamedBits ORDER_INDEXES =
      NamedBits.of(
          0x00, "TS_NEG_DSTBLT_INDEX",
          0x01, "TS_NEG_PATBLT_INDEX",
          0x02, "TS_NEG_SCRBLT_INDEX",
          0x03, "TS_NEG_MEMBLT_INDEX",
          0x04, "TS_NEG_MEM3BLT_INDEX",
          0x07, "TS_NEG_DRAWNINEGRID_INDEX",
          0x08, "TS_NEG_LINETO_INDEX",
          0x09, "TS_NEG_MULTI_DRAWNINEGRID_INDEX",
          0x0B, "TS_NEG_SAVEBITMAP_INDEX",
          0x0F, "TS_NEG_MULTIDSTBLT_INDEX",
          0x10, "TS_NEG_MULTIPATBLT_INDEX",
          0x11, "TS_NEG_MULTISCRBLT_INDEX",
          0x12, "TS_NEG_MULTIOPAQUERECT_INDEX",
          0x13, "TS_NEG_FAST_INDEX_INDEX",
          0x14, "TS_NEG_POLYGON_SC_INDEX",
          0x15, "TS_NEG_POLYGON_CB_INDEX",
          0x16, "TS_NEG_POLYLINE_INDEX",
          0x18, "TS_NEG_FAST_GLYPH_INDEX",
          0x19, "TS_NEG_ELLIPSE_SC_INDEX",
          0x1A, "TS_NEG_ELLIPSE_CB_INDEX",
          0x1B, "TS_NEG_GLYPH_INDEX_INDEX");

  public OrderCapabilitySet {
    Objects.requireNonNull(terminalDescriptor, "terminalDescriptor");
    Objects.requireNonNull(orderSupport, "orderSupport");
    if (terminalDescriptor.length() != TERMINAL_DESCRIPTOR_SIZE) {
      throw new IllegalArgumentException("terminalDescriptor must be 16 bytes");
    }
    if (orderSupport.length() != ORDER_SUPPORT_SIZE) {
      throw new IllegalArgumentException("orderSupport must be 32 bytes");
    }
    for (int v :
        new int[] {
          desktopSaveXGranularity,
          desktopSaveYGranularity,
          pad2octetsA,
          maximumOrderLevel,
          numberFonts,
          orderFlags,
          textFlags,
          orderSupportExFlags,
          pad2octetsC,
          pad2octetsD,
          textAnsiCodePage,
          pad2octetsE
        }) {
      if (v < 0 || v > 0xFFFF) {
        throw new IllegalArgumentException("16-bit field out of range: " + v);
      }
    }
  }

  /**
   * A client's set that supports no drawing order, so the server sends bitmaps:
   * NEGOTIATEORDERSUPPORT, ZEROBOUNDSDELTASSUPPORT and COLORINDEXSUPPORT, desktop save granularity
   * 1 by 20, ORD_LEVEL_1_ORDERS, desktopSaveSize 480 * 480 (the value Windows clients send),
   * textANSICodePage 0.
   */
  public static OrderCapabilitySet clientWithoutOrders() {
    return new OrderCapabilitySet(
        Octets.of(new byte[TERMINAL_DESCRIPTOR_SIZE]),
        0,
        1,
        20,
        0,
        ORD_LEVEL_1_ORDERS,
        0,
        NEGOTIATEORDERSUPPORT | ZEROBOUNDSDELTASSUPPORT | COLORINDEXSUPPORT,
        Octets.of(new byte[ORDER_SUPPORT_SIZE]),
        0,
        0,
        0,
        480 * 480,
        0,
        0,
        0,
        0);
  }

  static OrderCapabilitySet decodeData(ByteBuf in) {
    Wire.ensure(in, DATA_SIZE, NAME, "terminalDescriptor");
    return new OrderCapabilitySet(
        Octets.read(in, TERMINAL_DESCRIPTOR_SIZE, NAME, "terminalDescriptor"),
        in.readIntLE(),
        in.readUnsignedShortLE(),
        in.readUnsignedShortLE(),
        in.readUnsignedShortLE(),
        in.readUnsignedShortLE(),
        in.readUnsignedShortLE(),
        in.readUnsignedShortLE(),
        Octets.read(in, ORDER_SUPPORT_SIZE, NAME, "orderSupport"),
        in.readUnsignedShortLE(),
        in.readUnsignedShortLE(),
        in.readIntLE(),
        in.readIntLE(),
        in.readUnsignedShortLE(),
        in.readUnsignedShortLE(),
        in.readUnsignedShortLE(),
        in.readUnsignedShortLE());
  }

  /** The names of orderFlags, e.g. {@code NEGOTIATEORDERSUPPORT|COLORINDEXSUPPORT}. */
  public String orderFlagsNames() {
    return ORDER_FLAGS.format(orderFlags, "none");
  }

  /**
   * The orders supported: the names of the orderSupport indexes that are not 0, in index order, and
   * {@code index N} for the indexes the specification leaves unused.
   */
  public List<String> supportedOrders() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < ORDER_SUPPORT_SIZE; i++) {
      if (orderSupport.get(i) != 0) {
        out.add(ORDER_INDEXES.knowsCode(i) ? ORDER_INDEXES.code(i) : "index " + i);
      }
    }
    return out;
  }

  @Override
  public int capabilitySetType() {
    return CapabilitySetType.CAPSTYPE_ORDER;
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
    out.writeShortLE(CapabilitySetType.CAPSTYPE_ORDER);
    out.writeShortLE(size());
    terminalDescriptor.writeTo(out);
    out.writeIntLE(pad4octetsA);
    out.writeShortLE(desktopSaveXGranularity);
    out.writeShortLE(desktopSaveYGranularity);
    out.writeShortLE(pad2octetsA);
    out.writeShortLE(maximumOrderLevel);
    out.writeShortLE(numberFonts);
    out.writeShortLE(orderFlags);
    orderSupport.writeTo(out);
    out.writeShortLE(textFlags);
    out.writeShortLE(orderSupportExFlags);
    out.writeIntLE(pad4octetsB);
    out.writeIntLE(desktopSaveSize);
    out.writeShortLE(pad2octetsC);
    out.writeShortLE(pad2octetsD);
    out.writeShortLE(textAnsiCodePage);
    out.writeShortLE(pad2octetsE);
  }

  @Override
  public String summary() {
    return "orderFlags="
        + orderFlagsNames()
        + ", "
        + supportedOrders().size()
        + " orders, desktopSaveSize="
        + (desktopSaveSize & 0xFFFFFFFFL);
  }
}
