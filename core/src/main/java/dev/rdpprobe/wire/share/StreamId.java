package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.NamedBits;

/**
 * streamId of the Share Data Header (MS-RDPBCGR 2.2.8.1.1.1.2): the stream priority. Unknown values
 * are kept and named {@code unknown (0x..)}.
 *
 * @param value the 8-bit value as sent
 */
public record StreamId(int value) {
  public static final StreamId STREAM_UNDEFINED = new StreamId(0x00);
  public static final StreamId STREAM_LOW = new StreamId(0x01);
  public static final StreamId STREAM_MED = new StreamId(0x02);
  public static final StreamId STREAM_HI = new StreamId(0x04);

  private static final NamedBits NAMES =
      NamedBits.of(
          0x00, "STREAM_UNDEFINED",
          0x01, "STREAM_LOW",
          0x02, "STREAM_MED",
          0x04, "STREAM_HI");

  public StreamId {
    if (value < 0 || value > 0xFF) {
      throw new IllegalArgumentException("streamId out of range (8 bits): " + value);
    }
  }

  @Override
  public String toString() {
    return NAMES.code(value);
  }
}
