package dev.rdpprobe.wire.mcs;

/**
 * How a peer writes the BER (X.690) of the T.125 Connect-Initial and Connect-Response: the two
 * choices real encoders make differently, kept so that a decoded PDU re-encodes to the same bytes.
 *
 * <ul>
 *   <li>Lengths from 128 to 255: X.690's shortest form {@code 81 xx} (FreeRDP, IronRDP, Windows),
 *       or always the 3-octet form {@code 82 00 xx} (xrdp).
 *   <li>INTEGERs whose first octet would have its top bit set: two's complement with a leading
 *       {@code 00} (65535 is {@code 02 03 00 ff ff}: X.690, FreeRDP, IronRDP, Windows servers), or
 *       unsigned without it ({@code 02 02 ff ff}: mstsc, MS-RDPBCGR 4.1.3). Decoders read INTEGERs
 *       as unsigned either way, as Windows and FreeRDP do.
 * </ul>
 *
 * A PDU whose lengths and INTEGERs encode the same in every style always carries {@link #X690}, so
 * that equal bytes mean equal records.
 */
public enum BerStyle {
  /** Shortest lengths, two's complement INTEGERs (X.690 DER). */
  X690(false, false),
  /** Shortest lengths, INTEGERs without the sign octet (mstsc). */
  UNSIGNED_INTEGERS(false, true),
  /** Lengths from 128 always as {@code 82 hh ll}, two's complement INTEGERs (xrdp). */
  LONG_LENGTHS(true, false),
  /** Lengths from 128 always as {@code 82 hh ll}, INTEGERs without the sign octet. */
  LONG_LENGTHS_UNSIGNED_INTEGERS(true, true);

  private final boolean longLengths;
  private final boolean unsignedIntegers;

  BerStyle(boolean longLengths, boolean unsignedIntegers) {
    this.longLengths = longLengths;
    this.unsignedIntegers = unsignedIntegers;
  }

  /** The style with these two choices. */
  public static BerStyle of(boolean longLengths, boolean unsignedIntegers) {
    if (longLengths) {
      return unsignedIntegers ? LONG_LENGTHS_UNSIGNED_INTEGERS : LONG_LENGTHS;
    }
    return unsignedIntegers ? UNSIGNED_INTEGERS : X690;
  }

  /** Whether lengths from 128 to 255 take the 3-octet form {@code 82 00 xx}. */
  public boolean longLengths() {
    return longLengths;
  }

  /** Whether INTEGERs leave out the {@code 00} octet that keeps them positive. */
  public boolean unsignedIntegers() {
    return unsignedIntegers;
  }
}
