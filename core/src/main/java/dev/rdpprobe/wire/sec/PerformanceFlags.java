package dev.rdpprobe.wire.sec;

import dev.rdpprobe.wire.NamedBits;

/**
 * performanceFlags of the Extended Info Packet (MS-RDPBCGR 2.2.1.11.1.1.1): desktop features the
 * client asks the server to turn off or on. Unknown bits are kept and shown as {@code unknown
 * (0x..)}.
 *
 * @param bits the 32-bit field
 */
public record PerformanceFlags(int bits) {
  public static final int PERF_DISABLE_WALLPAPER = 0x00000001;
  public static final int PERF_DISABLE_FULLWINDOWDRAG = 0x00000002;
  public static final int PERF_DISABLE_MENUANIMATIONS = 0x00000004;
  public static final int PERF_DISABLE_THEMING = 0x00000008;
  public static final int PERF_RESERVED1 = 0x00000010;
  public static final int PERF_DISABLE_CURSOR_SHADOW = 0x00000020;
  public static final int PERF_DISABLE_CURSORSETTINGS = 0x00000040;
  public static final int PERF_ENABLE_FONT_SMOOTHING = 0x00000080;
  public static final int PERF_ENABLE_DESKTOP_COMPOSITION = 0x00000100;
  public static final int PERF_RESERVED2 = 0x80000000;

  private static final NamedBits NAMES =
      NamedBits.of(
          PERF_DISABLE_WALLPAPER, "PERF_DISABLE_WALLPAPER",
          PERF_DISABLE_FULLWINDOWDRAG, "PERF_DISABLE_FULLWINDOWDRAG",
          PERF_DISABLE_MENUANIMATIONS, "PERF_DISABLE_MENUANIMATIONS",
          PERF_DISABLE_THEMING, "PERF_DISABLE_THEMING",
          PERF_RESERVED1, "PERF_RESERVED1",
          PERF_DISABLE_CURSOR_SHADOW, "PERF_DISABLE_CURSOR_SHADOW",
          PERF_DISABLE_CURSORSETTINGS, "PERF_DISABLE_CURSORSETTINGS",
          PERF_ENABLE_FONT_SMOOTHING, "PERF_ENABLE_FONT_SMOOTHING",
          PERF_ENABLE_DESKTOP_COMPOSITION, "PERF_ENABLE_DESKTOP_COMPOSITION",
          PERF_RESERVED2, "PERF_RESERVED2");

  /** Whether every bit of {@code flag} is set. */
  public boolean has(int flag) {
    return (bits & flag) == flag;
  }

  @Override
  public String toString() {
    return NAMES.format(bits & 0xFFFFFFFFL, "none");
  }
}
