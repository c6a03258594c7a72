package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.NamedBits;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Font List PDU, TS_FONT_LIST_PDU (MS-RDPBCGR 2.2.1.18): the client's last PDU of connection
 * finalization; the specification's client sends no fonts, listFlags FONTLIST_FIRST|FONTLIST_LAST
 * and entrySize 50.
 *
 * @param header the Share Data Header (pduType2 PDUTYPE2_FONTLIST)
 * @param numberFonts numberFonts
 * @param totalNumFonts totalNumFonts
 * @param listFlags listFlags
 * @param entrySize entrySize
 */
public record FontListPdu(
    ShareDataHeader header, int numberFonts, int totalNumFonts, int listFlags, int entrySize)
    implements ShareDataPdu {
  public static final String NAME = "Font List PDU";

  public static final int DATA_SIZE =
      2 // numberFonts
          + 2 // totalNumFonts
          + 2 // listFlags
          + 2; // entrySize

  public static final int FONTLIST_FIRST = 0x0001;
  public static final int FONTLIST_LAST = 0x0002;

  /** The entrySize the specification's peers write. */
  public static final int DEFAULT_ENTRY_SIZE = 50;

  private static final NamedBits FLAGS =
      NamedBits.of(FONTLIST_FIRST, "FONTLIST_FIRST", FONTLIST_LAST, "FONTLIST_LAST");

  public FontListPdu {
    Objects.requireNonNull(header, "header");
    header.check(ShareDataPduType.PDUTYPE2_FONTLIST, NAME);
    for (int v : new int[] {numberFonts, totalNumFonts, listFlags, entrySize}) {
      if (v < 0 || v > 0xFFFF) {
        throw new IllegalArgumentException("16-bit field out of range: " + v);
      }
    }
  }

  /** The empty, first-and-last PDU with {@link #DEFAULT_ENTRY_SIZE}, as Windows writes it. */
  public static FontListPdu of(int pduSource, int shareId, StreamId streamId) {
    return new FontListPdu(
        ShareDataHeader.of(
            pduSource, shareId, streamId, ShareDataPduType.PDUTYPE2_FONTLIST, DATA_SIZE),
        0,
        0,
        FONTLIST_FIRST | FONTLIST_LAST,
        DEFAULT_ENTRY_SIZE);
  }

  /** Reads the PDU: both headers and the data, totalLength bytes. */
  public static FontListPdu decode(ByteBuf in) {
    return SharePdus.decodeData(
        in, ShareDataPduType.PDUTYPE2_FONTLIST, NAME, FontListPdu::decodeData);
  }

  static FontListPdu decodeData(ShareDataHeader header, ByteBuf in) {
    Wire.ensure(in, DATA_SIZE, NAME, "numberFonts");
    FontListPdu pdu =
        new FontListPdu(
            header,
            in.readUnsignedShortLE(),
            in.readUnsignedShortLE(),
            in.readUnsignedShortLE(),
            in.readUnsignedShortLE());
    Wire.ensureEnd(in, NAME);
    return pdu;
  }

  /** The names of listFlags, e.g. {@code FONTLIST_FIRST|FONTLIST_LAST}. */
  public String listFlagsNames() {
    return FLAGS.format(listFlags, "none");
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
    out.writeShortLE(numberFonts);
    out.writeShortLE(totalNumFonts);
    out.writeShortLE(listFlags);
    out.writeShortLE(entrySize);
  }

  @Override
  public String summary() {
    return "numberFonts="
        + numberFonts
        + ", listFlags="
        + listFlagsNames()
        + ", entrySize="
        + entrySize;
  }
}
