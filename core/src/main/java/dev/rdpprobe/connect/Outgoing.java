package dev.rdpprobe.connect;

import java.util.Objects;

/**
 * Bytes a connector wants written, and what they are: the driver writes them and then tells the
 * connector whether the write went through ({@link Connector#written}) or failed ({@link
 * Connector#notWritten}). Only then does the trace record them, at the time the bytes reached the
 * kernel, so that what the trace calls sent is what left, stamped when it left.
 */
public final class Outgoing {
  private final byte[] bytes;
  private final String what;
  private final Runnable record;

  Outgoing(byte[] bytes, String what, Runnable record) {
    this.bytes = Objects.requireNonNull(bytes, "bytes");
    this.what = Objects.requireNonNull(what, "what");
    this.record = Objects.requireNonNull(record, "record");
  }

  /** The bytes to write; the array is the connector's, do not change it. */
  public byte[] bytes() {
    return bytes;
  }

  /** What the bytes are, in words (the PDU's name), for a trace line or a log. */
  public String what() {
    return what;
  }

  /** Records the events these bytes carry; the trace's clock is set to the write's time. */
  void record() {
    record.run();
  }

  @Override
  public String toString() {
    return what + " (" + bytes.length + " bytes)";
  }
}
