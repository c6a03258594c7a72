package dev.rdpprobe.trace;

/** Which way the bytes of an event went, seen from the side that recorded the trace. */
public enum Direction {
  /** We sent it (for a probe: client to server). */
  SENT("->"),
  /** We received it (for a probe: server to client). */
  RECEIVED("<-"),
  /** No bytes: a local fact such as a timer, a resolution or the close. */
  NONE("--");

  private final String arrow;

  Direction(String arrow) {
    this.arrow = arrow;
  }

  /** A two-character arrow for packet-trace output. */
  public String arrow() {
    return arrow;
  }
}
