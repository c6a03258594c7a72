package dev.rdpprobe.capture;

import java.io.IOException;
import java.util.Objects;

/**
 * A capture file that cannot be read on: what is wrong and where, as a file offset and, once
 * packets have been read, the number of the packet (1-based, as Wireshark counts them).
 */
public final class CaptureException extends IOException {
  /** What kind of problem the file has. */
  public enum Kind {
    /** The file does not start like a pcap or pcapng file. */
    NOT_A_CAPTURE,
    /** The file ends in the middle of a header or a block. */
    TRUNCATED,
    /** A length is larger than the reader accepts ({@link CaptureLimits}). */
    TOO_LARGE,
    /** A field has a value the format does not allow. */
    INVALID_FIELD,
    /** The file is valid but uses something the reader does not read (a link type, a version). */
    UNSUPPORTED
  }

  private final Kind kind;
  private final long fileOffset;
  private final long packet;

  /**
   * @param kind what is wrong
   * @param what the problem in words
   * @param fileOffset the file offset of the header or block at fault
   * @param packet the number of the packet at fault, or 0 when none is
   */
  public CaptureException(Kind kind, String what, long fileOffset, long packet) {
    super(what + " (at file offset " + fileOffset + (packet > 0 ? ", packet " + packet : "") + ")");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.fileOffset = fileOffset;
    this.packet = packet;
  }

  public Kind kind() {
    return kind;
  }

  /** The file offset of the header or block at fault. */
  public long fileOffset() {
    return fileOffset;
  }

  /** The number of the packet at fault, or 0. */
  public long packet() {
    return packet;
  }
}
