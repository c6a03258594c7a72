package dev.rdpprobe.capture;

import dev.rdpprobe.connect.Connector;
import dev.rdpprobe.connect.Outgoing;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Direction;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A connector that keeps a copy of every byte its driver wrote and read, with the trace's time, and
 * otherwise does what the connector it wraps does: the wire of a probe, for {@link ProbePcap}. At
 * most {@link CaptureLimits#TAPPED_BYTES} are kept; what is beyond is counted.
 */
public final class WireTap implements Connector {
  /**
   * Bytes that went one way at one time.
   *
   * @param direction which way
   * @param nanos the trace's time of the write or the read
   * @param bytes the bytes
   */
  public record Chunk(Direction direction, long nanos, byte[] bytes) {}

  private final Connector inner;
  private final List<Chunk> chunks = new ArrayList<>();
  private long kept;
  private long dropped;

  public WireTap(Connector inner) {
    this.inner = Objects.requireNonNull(inner, "inner");
  }

  /** What went over the wire, in the order the driver saw it. */
  public List<Chunk> chunks() {
    return List.copyOf(chunks);
  }

  /** Bytes not kept past {@link CaptureLimits#TAPPED_BYTES}. */
  public long dropped() {
    return dropped;
  }

  private void keep(Direction d, long nanos, byte[] bytes) {
    if (bytes.length == 0) {
      return;
    }
    if (kept + bytes.length > CaptureLimits.TAPPED_BYTES) {
      dropped += bytes.length;
      return;
    }
    kept += bytes.length;
    chunks.add(new Chunk(d, nanos, bytes));
  }

  @Override
  public void start(long nanos) {
    inner.start(nanos);
  }

  @Override
  public void receive(ByteBuf data, long nanos) {
    keep(
        Direction.SERVER_TO_CLIENT,
        nanos,
        ByteBufUtil.getBytes(data, data.readerIndex(), data.readableBytes()));
    inner.receive(data, nanos);
  }

  @Override
  public List<Outgoing> takeOutput() {
    return inner.takeOutput();
  }

  @Override
  public void written(Outgoing out, long nanos) {
    keep(Direction.CLIENT_TO_SERVER, nanos, out.bytes());
    inner.written(out, nanos);
  }

  @Override
  public void notWritten(Outgoing out, long nanos, String why) {
    inner.notWritten(out, nanos, why);
  }

  @Override
  public List<byte[]> takeDatagrams() {
    return inner.takeDatagrams();
  }

  @Override
  public void receiveDatagram(ByteBuf data, long nanos) {
    inner.receiveDatagram(data, nanos);
  }

  @Override
  public void datagramsEnded(String why, long nanos) {
    inner.datagramsEnded(why, nanos);
  }

  @Override
  public boolean isFinished() {
    return inner.isFinished();
  }

  @Override
  public boolean awaitsPeerClose() {
    return inner.awaitsPeerClose();
  }

  @Override
  public String finishDetail() {
    return inner.finishDetail();
  }

  @Override
  public void closeFinished(long nanos) {
    inner.closeFinished(nanos);
  }

  @Override
  public void close(
      CloseKind kind, ClosedBy closedBy, String detail, String exception, long nanos) {
    inner.close(kind, closedBy, detail, exception, nanos);
  }

  @Override
  public String awaiting() {
    return inner.awaiting();
  }

  @Override
  public List<String> keyLog() {
    return inner.keyLog();
  }
}
