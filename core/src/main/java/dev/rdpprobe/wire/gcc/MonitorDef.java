package dev.rdpprobe.wire.gcc;

import io.netty.buffer.ByteBuf;

/**
 * Monitor Definition, TS_MONITOR_DEF (MS-RDPBCGR 2.2.1.3.6.1): one monitor's rectangle in the
 * virtual desktop, edges inclusive.
 *
 * @param left left
 * @param top top
 * @param right right
 * @param bottom bottom
 * @param flags flags ({@link #TS_MONITOR_PRIMARY})
 */
public record MonitorDef(int left, int top, int right, int bottom, int flags) {
  public static final int TS_MONITOR_PRIMARY = 0x1;

  public static final int SIZE =
      4 // left
          + 4 // top
          + 4 // right
          + 4 // bottom
          + 4; // flags

  /** Whether this is the primary monitor. */
  public boolean isPrimary() {
    return (flags & TS_MONITOR_PRIMARY) != 0;
  }

  static MonitorDef decode(ByteBuf in) {
    return new MonitorDef(
        in.readIntLE(), in.readIntLE(), in.readIntLE(), in.readIntLE(), in.readIntLE());
  }

  void encode(ByteBuf out) {
    out.writeIntLE(left);
    out.writeIntLE(top);
    out.writeIntLE(right);
    out.writeIntLE(bottom);
    out.writeIntLE(flags);
  }
}
