package dev.rdpprobe.wire.gcc;

/**
 * The RDP version of Client and Server Core Data (MS-RDPBCGR 2.2.1.3.2, 2.2.1.4.2): named as {@code
 * RDP 4.0}, {@code RDP 5.0 to 8.1}, {@code RDP 10.0} to {@code RDP 10.12}; other values are kept
 * and named {@code unknown (0x..)}.
 *
 * @param value the 32-bit version as sent
 */
public record RdpVersion(int value) {
  public static final RdpVersion RDP_4_0 = new RdpVersion(0x00080001);

  /** RDP 5.0, 5.1, 5.2, 6.0, 6.1, 7.0, 7.1, 8.0 and 8.1 all send this value. */
  public static final RdpVersion RDP_5_0_TO_8_1 = new RdpVersion(0x00080004);

  public static final RdpVersion RDP_10_0 = new RdpVersion(0x00080005);
  public static final RdpVersion RDP_10_7 = new RdpVersion(0x0008000C);
  public static final RdpVersion RDP_10_12 = new RdpVersion(0x00080011);

  /** The name, e.g. {@code RDP 10.12}, or {@code unknown (0x..)}. */
  public String name() {
    if (value == RDP_4_0.value) {
      return "RDP 4.0";
    } else if (value == RDP_5_0_TO_8_1.value) {
      return "RDP 5.0 to 8.1";
    } else if (value >= RDP_10_0.value && value <= RDP_10_12.value) {
      return "RDP 10." + (value - RDP_10_0.value);
    }
    return String.format("unknown (0x%08x)", value);
  }

  /** Whether the name is one of the specification's. */
  public boolean isKnown() {
    return !name().startsWith("unknown");
  }

  @Override
  public String toString() {
    return name();
  }
}
