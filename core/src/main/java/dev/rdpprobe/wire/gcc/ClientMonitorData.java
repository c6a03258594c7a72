package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Client Monitor Data, TS_UD_CS_MONITOR (MS-RDPBCGR 2.2.1.3.6): the client's monitor layout, at
 * most 16 monitors.
 *
 * @param flags flags (unused, 0)
 * @param monitorDefArray monitorDefArray
 */
public record ClientMonitorData(int flags, List<MonitorDef> monitorDefArray)
    implements ClientDataBlock {
  public static final String NAME = "TS_UD_CS_MONITOR";

  /** The most monitors a client may describe. */
  public static final int MAX_MONITORS = 16;

  public static final int FIXED_PART_SIZE =
      4 // flags
          + 4; // monitorCount

  public ClientMonitorData {
    monitorDefArray = List.copyOf(monitorDefArray);
    if (monitorDefArray.size() > MAX_MONITORS) {
      throw new IllegalArgumentException("more than 16 monitors: " + monitorDefArray.size());
    }
  }

  /** Reads the block. */
  public static ClientMonitorData decode(ByteBuf in) {
    return DataBlocks.decode(in, CS_MONITOR, NAME, FIXED_PART_SIZE, ClientMonitorData::decodeBody);
  }

  private static ClientMonitorData decodeBody(ByteBuf in) {
    int flags = in.readIntLE();
    int offset = in.readerIndex();
    long count = in.readUnsignedIntLE();
    if (count > MAX_MONITORS) {
      throw new DecodeException(
          DecodeException.Kind.TOO_LARGE, NAME, "monitorCount", offset, count, "at most 16");
    }
    Wire.ensure(in, (int) count * MonitorDef.SIZE, NAME, "monitorDefArray");
    List<MonitorDef> monitors = new ArrayList<>((int) count);
    for (int i = 0; i < count; i++) {
      monitors.add(MonitorDef.decode(in));
    }
    return new ClientMonitorData(flags, monitors);
  }

  @Override
  public int type() {
    return CS_MONITOR;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return UserDataHeader.FIXED_PART_SIZE
        + FIXED_PART_SIZE
        + MonitorDef.SIZE * monitorDefArray.size();
  }

  @Override
  public void encode(ByteBuf out) {
    DataBlocks.writeHeader(out, CS_MONITOR, size());
    out.writeIntLE(flags);
    out.writeIntLE(monitorDefArray.size());
    for (MonitorDef monitor : monitorDefArray) {
      monitor.encode(out);
    }
  }

  @Override
  public String summary() {
    return monitorDefArray.size() + " monitors";
  }
}
