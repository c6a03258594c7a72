package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.NamedBits;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Font Map PDU, TS_FONT_MAP_PDU (MS-RDPBCGR 2.2.1.22): the server's last PDU of connection
 * finalization; Windows sends no entries, mapFlags FONTMAP_FIRST|FONTMAP_LAST and entrySize 4.
 *
 * @param header the Share Data Header (pduType2 PDUTYPE2_FONTMAP)
 * @param numberEntries numberEntries
 * @param totalNumEntries totalNumEntries
 * @param mapFlags mapFlags
 * @param entrySize entrySize
 */
public record FontMapPdu(
    ShareDataHeader header, int numberEntries, int totalNumEntries, int mapFlags, int entrySize)
    implements ShareDataPdu {
  public static final String NAME = "Font Map PDU";

  public static final int DATA_SIZE =
      2 // numberEntries
          + 2 // totalNumEntries
          + 2 // mapFlags
          + 2; // entrySize

  public static final int FONTMAP_FIRST = 0x0001;
  public static final int FONTMAP_LAST = 0x0002;

  /** The entrySize the specification's peers write. */
  public static final int DEFAULT_ENTRY_SIZE = 4;

  private static final NamedBits FLAGS =
      NamedBits.of(FONTMAP_FIRST, "FONTMAP_FIRST", FONTMAP_LAST, "FONTMAP_LAST");

  public FontMapPdu {
    Objects.requireNonNull(header, "header");
    header.check(ShareDataPduType.PDUTYPE2_FONTMAP, NAME);
    for (int v : new int[] {numberEntries, totalNumEntries, mapFlags, entrySize}) {
      if (v < 0 || v > 0xFFFF) {
        throw new IllegalArgumentException("16-bit field out of range: " + v);
      }
    }
  }

  /** The empty, first-and-last PDU with {@link #DEFAULT_ENTRY_SIZE}, as Windows writes it. */
  public static FontMapPdu of(int pduSource, int shareId, StreamId streamId) {
    return new FontMapPdu(
        ShareDataHeader.of(
            pduSource, shareId, streamId, ShareDataPduType.PDUTYPE2_FONTMAP, DATA_SIZE),
        0,
        0,
        FONTMAP_FIRST | FONTMAP_LAST,
        DEFAULT_ENTRY_SIZE);
  }

  /** Reads the PDU: both headers and the data, totalLength bytes. */
  public static FontMapPdu decode(ByteBuf in) {
    return SharePdus.decodeData(
        in, ShareDataPduType.PDUTYPE2_FONTMAP, NAME, FontMapPdu::decodeData);
  }

  static FontMapPdu decodeData(ShareDataHeader header, ByteBuf in) {
    Wire.ensure(in, DATA_SIZE, NAME, "numberEntries");
    FontMapPdu pdu =
        new FontMapPdu(
            header,
            in.readUnsignedShortLE(),
            in.readUnsignedShortLE(),
            in.readUnsignedShortLE(),
            in.readUnsignedShortLE());
    Wire.ensureEnd(in, NAME);
    return pdu;
  }

  /** The names of mapFlags, e.g. {@code FONTMAP_FIRST|FONTMAP_LAST}. */
  public String mapFlagsNames() {
    return FLAGS.format(mapFlags, "none");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int dataSize() {
    return DATA_SIZE;
  }

  @Override
  public void encodeData(ByteBuf out) {
    out.writeShortLE(numberEntries);
    out.writeShortLE(totalNumEntries);
    out.writeShortLE(mapFlags);
    out.writeShortLE(entrySize);
  }

  @Override
  public String summary() {
    return "numberEntries="
        + numberEntries
        + ", mapFlags="
        + mapFlagsNames()
        + ", entrySize="
        + entrySize;
  }
}
