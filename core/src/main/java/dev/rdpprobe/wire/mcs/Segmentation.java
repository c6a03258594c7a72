package dev.rdpprobe.wire.mcs;

import dev.rdpprobe.wire.NamedBits;

/**
 * T.125 Segmentation of a Send Data Request or Indication: {@code BIT STRING {begin(0), end(1)}}, 2
 * bits. RDP sends whole PDUs, so both are set.
 *
 * @param bits {@code 0x2} begin, {@code 0x1} end
 */
public record Segmentation(int bits) {
  public static final int BEGIN = 0x2;
  public static final int END = 0x1;

  /** Begin and end: a whole data unit, as RDP always sends. */
  public static final Segmentation BEGIN_END = new Segmentation(BEGIN | END);

  private static final NamedBits NAMES = NamedBits.of(BEGIN, "begin", END, "end");

  public Segmentation {
    if (bits < 0 || bits > 3) {
      throw new IllegalArgumentException("segmentation out of range (2 bits): " + bits);
    }
  }

  @Override
  public String toString() {
    return NAMES.format(bits, "none");
  }
}
