package dev.rdpprobe.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The pcap format (draft-ietf-opsawg-pcap): a 24-byte file header whose magic number gives the byte
 * order and the timestamp unit (microseconds {@code A1B2C3D4}, nanoseconds {@code A1B23C4D}), then
 * records of a 16-byte header and the captured bytes.
 */
final class PcapReader implements CaptureReader {
  static final int MAGIC_MICROS = 0xA1B2C3D4;
  static final int MAGIC_NANOS = 0xA1B23C4D;
  private static final int FILE_HEADER = 24;
  private static final int RECORD_HEADER = 16;

  private final FileInput file;
  private final ByteOrder order;
  private final boolean nanos;
  private final int linkType;
  private final byte[] header = new byte[RECORD_HEADER];
  private long number;

  private PcapReader(FileInput file, ByteOrder order, boolean nanos) throws IOException {
    this.file = file;
    this.order = order;
    this.nanos = nanos;
    byte[] rest = new byte[FILE_HEADER - 4];
    file.readFully(rest, 0, rest.length, "pcap file header", 0);
    ByteBuffer h = ByteBuffer.wrap(rest).order(order);
    int major = h.getShort(0) & 0xFFFF;
    if (major != 2) {
      throw new CaptureException(
          CaptureException.Kind.UNSUPPORTED,
          "pcap major version " + major + " (only version 2 is defined)",
          4,
          0);
    }
    // LinkType and an optional FCS length share the last field; the link type is its low 16 bits
    this.linkType = h.getInt(16) & 0xFFFF;
  }

  /** The reader for a pcap magic read big-endian, or {@code null} when it is none. */
  static PcapReader forMagic(int magic, FileInput file) throws IOException {
    return switch (magic) {
      case MAGIC_MICROS -> new PcapReader(file, ByteOrder.BIG_ENDIAN, false);
      case MAGIC_NANOS -> new PcapReader(file, ByteOrder.BIG_ENDIAN, true);
      default -> {
        int swapped = Integer.reverseBytes(magic);
        if (swapped == MAGIC_MICROS) {
          yield new PcapReader(file, ByteOrder.LITTLE_ENDIAN, false);
        }
        if (swapped == MAGIC_NANOS) {
          yield new PcapReader(file, ByteOrder.LITTLE_ENDIAN, true);
        }
        yield null;
      }
    };
  }

  @Override
  public CapturedPacket next() throws IOException {
    long at = file.offset();
    if (!file.readOrEnd(header, 0, RECORD_HEADER, "pcap record header", number + 1)) {
      return null;
    }
    number++;
    ByteBuffer h = ByteBuffer.wrap(header).order(order);
    long seconds = h.getInt(0) & 0xFFFFFFFFL;
    long fraction = h.getInt(4) & 0xFFFFFFFFL;
    long captured = h.getInt(8) & 0xFFFFFFFFL;
    long original = h.getInt(12) & 0xFFFFFFFFL;
    if (fraction >= (nanos ? 1_000_000_000L : 1_000_000L)) {
      throw new CaptureException(
          CaptureException.Kind.INVALID_FIELD,
          "the timestamp's fraction " + fraction + " is not below one second",
          at,
          number);
    }
    if (captured > CaptureLimits.PACKET_BYTES) {
      throw new CaptureException(
          CaptureException.Kind.TOO_LARGE,
          "a record of "
              + captured
              + " captured bytes (at most "
              + CaptureLimits.PACKET_BYTES
              + ")",
          at,
          number);
    }
    byte[] data = new byte[(int) captured];
    file.readFully(data, 0, data.length, "packet", number);
    long epochNanos = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1000);
    return new CapturedPacket(
        number,
        at,
        epochNanos,
        linkType,
        (int) Math.min(Math.max(original, captured), Integer.MAX_VALUE),
        data);
  }

  @Override
  public List<String> takeKeyLogLines() {
    return List.of();
  }

  @Override
  public String format() {
    return "pcap ("
        + (nanos ? "nanosecond" : "microsecond")
        + ", "
        + (order == ByteOrder.BIG_ENDIAN ? "big-endian" : "little-endian")
        + ")";
  }
}
