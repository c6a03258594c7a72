package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.Octets;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.function.Consumer;

/**
 * Minimal valid capability lists: the client's for the probe's Confirm Active PDU and the server's
 * for the emulator's Demand Active PDU. The client list holds the sets MS-RDPBCGR 2.2.1.13.2.1
 * makes mandatory in a Confirm Active PDU (General, Bitmap, Order, Bitmap Cache, Pointer, Input,
 * Brush, Glyph Cache, Offscreen Bitmap Cache, Virtual Channel, Sound) and the ones mstsc adds
 * (Control, Window Activation, Share, Font, Color Table Cache). It asks for nothing a probe cannot
 * handle: no drawing orders, no fast-path output, no compression, no glyph, brush or offscreen
 * caching.
 */
public final class DefaultCapabilities {
  private DefaultCapabilities() {}

  /** extraFlags of both lists: LONG_CREDENTIALS_SUPPORTED and NO_BITMAP_COMPRESSION_HDR. */
  public static final int EXTRA_FLAGS =
      GeneralCapabilitySet.LONG_CREDENTIALS_SUPPORTED
          | GeneralCapabilitySet.NO_BITMAP_COMPRESSION_HDR;

  /** The General Capability Set of both lists: Windows NT, TS_CAPS_PROTOCOLVERSION. */
  public static GeneralCapabilitySet general() {
    return new GeneralCapabilitySet(
        GeneralCapabilitySet.OSMAJORTYPE_WINDOWS,
        GeneralCapabilitySet.OSMINORTYPE_WINDOWS_NT,
        GeneralCapabilitySet.TS_CAPS_PROTOCOLVERSION,
        0,
        0,
        EXTRA_FLAGS,
        0,
        0,
        0,
        0,
        0);
  }

  /** The probe's capability sets for this desktop (bitsPerPixel 8, 15, 16, 24 or 32). */
  public static CapabilitySets client(int desktopWidth, int desktopHeight, int bitsPerPixel) {
    return CapabilitySets.of(
        List.of(
            general(),
            BitmapCapabilitySet.client(bitsPerPixel, desktopWidth, desktopHeight),
            OrderCapabilitySet.clientWithoutOrders(),
            raw(
                CapabilitySetType.CAPSTYPE_BITMAPCACHE,
                b -> {
                  b.writeZero(24); // pad1 to pad6
                  b.writeShortLE(120); // Cache0Entries
                  b.writeShortLE(256); // Cache0MaximumCellSize
                  b.writeShortLE(120); // Cache1Entries
                  b.writeShortLE(1024); // Cache1MaximumCellSize
                  b.writeShortLE(336); // Cache2Entries
                  b.writeShortLE(4096); // Cache2MaximumCellSize
                }),
            pointer(),
            raw(
                CapabilitySetType.CAPSTYPE_INPUT,
                b -> {
                  b.writeShortLE(0x0015); // inputFlags: SCANCODES, MOUSEX, UNICODE
                  b.writeShortLE(0); // pad2octetsA
                  b.writeIntLE(0x0409); // keyboardLayout: en-US
                  b.writeIntLE(4); // keyboardType: IBM enhanced (101/102 keys)
                  b.writeIntLE(0); // keyboardSubType
                  b.writeIntLE(12); // keyboardFunctionKey
                  b.writeZero(64); // imeFileName
                }),
            raw(CapabilitySetType.CAPSTYPE_BRUSH, b -> b.writeIntLE(0)), // BRUSH_DEFAULT
            raw(
                CapabilitySetType.CAPSTYPE_GLYPHCACHE,
                b -> {
                  // GlyphCache: ten TS_CACHE_DEFINITIONs (CacheEntries, CacheMaximumCellSize)
                  int[] cells = {4, 4, 8, 8, 16, 32, 64, 128, 256, 2048};
                  for (int i = 0; i < cells.length; i++) {
                    b.writeShortLE(i == 9 ? 64 : 254);
                    b.writeShortLE(cells[i]);
                  }
                  b.writeShortLE(256); // FragCache: CacheEntries
                  b.writeShortLE(256); // FragCache: CacheMaximumCellSize
                  b.writeShortLE(0); // GlyphSupportLevel: GLYPH_SUPPORT_NONE
                  b.writeShortLE(0); // pad2octets
                }),
            raw(
                CapabilitySetType.CAPSTYPE_OFFSCREENCACHE,
                b -> {
                  b.writeIntLE(0); // offscreenSupportLevel: FALSE
                  b.writeShortLE(0); // offscreenCacheSize
                  b.writeShortLE(0); // offscreenCacheEntries
                }),
            virtualChannel(),
            raw(CapabilitySetType.CAPSTYPE_SOUND, b -> b.writeIntLE(0)), // soundFlags, pad
            raw(
                CapabilitySetType.CAPSTYPE_CONTROL,
                b -> {
                  b.writeShortLE(0); // controlFlags
                  b.writeShortLE(0); // remoteDetachFlag
                  b.writeShortLE(2); // controlInterest: CONTROLPRIORITY_NEVER
                  b.writeShortLE(2); // detachInterest: CONTROLPRIORITY_NEVER
                }),
            raw(CapabilitySetType.CAPSTYPE_ACTIVATION, b -> b.writeZero(8)), // four key flags
            share(0),
            font(),
            colorCache()));
  }

  /**
   * The emulator's capability sets, in the order of MS-RDPBCGR 4.1.13: Share (nodeId 1002),
   * General, Virtual Channel, Font, Bitmap, Order (no orders), Color Table Cache, Pointer, Input.
   */
  public static CapabilitySets server(int desktopWidth, int desktopHeight, int bitsPerPixel) {
    return CapabilitySets.of(
        List.of(
            share(DemandActivePdu.SERVER_CHANNEL_ID),
            general(),
            virtualChannel(),
            font(),
            new BitmapCapabilitySet(
                bitsPerPixel, 1, 1, 1, desktopWidth, desktopHeight, 0, 1, 1, 0, 0, 1, 0),
            OrderCapabilitySet.clientWithoutOrders(),
            colorCache(),
            pointer(),
            raw(
                CapabilitySetType.CAPSTYPE_INPUT,
                b -> {
                  b.writeShortLE(0x0015); // inputFlags: SCANCODES, MOUSEX, UNICODE
                  b.writeZero(82); // pad2octetsA, keyboard fields, imeFileName: unused
                })));
  }

  private static RawCapabilitySet pointer() {
    return raw(
        CapabilitySetType.CAPSTYPE_POINTER,
        b -> {
          b.writeShortLE(1); // colorPointerFlag: TRUE
          b.writeShortLE(20); // colorPointerCacheSize
          b.writeShortLE(21); // pointerCacheSize
        });
  }

  private static RawCapabilitySet virtualChannel() {
    return raw(
        CapabilitySetType.CAPSTYPE_VIRTUALCHANNEL,
        b -> {
          b.writeIntLE(0); // flags: VCCAPS_NO_COMPR
          b.writeIntLE(1600); // VCChunkSize: CHANNEL_CHUNK_LENGTH
        });
  }

  private static RawCapabilitySet share(int nodeId) {
    return raw(
        CapabilitySetType.CAPSTYPE_SHARE,
        b -> {
          b.writeShortLE(nodeId); // nodeId
          b.writeShortLE(0); // pad2octets
        });
  }

  private static RawCapabilitySet font() {
    return raw(
        CapabilitySetType.CAPSTYPE_FONT,
        b -> {
          b.writeShortLE(0x0001); // fontSupportFlags: FONTSUPPORT_FONTLIST
          b.writeShortLE(0); // pad2octets
        });
  }

  private static RawCapabilitySet colorCache() {
    return raw(
        CapabilitySetType.CAPSTYPE_COLORCACHE,
        b -> {
          b.writeShortLE(6); // colorTableCacheSize
          b.writeShortLE(0); // pad2octets
        });
  }

  private static RawCapabilitySet raw(int type, Consumer<ByteBuf> data) {
    ByteBuf b = Unpooled.buffer(128);
    try {
      data.accept(b);
      byte[] bytes = new byte[b.readableBytes()];
      b.readBytes(bytes);
      return new RawCapabilitySet(type, Octets.of(bytes));
    } finally {
      b.release();
    }
  }
}
