package dev.rdpprobe.trace;

/**
 * Which way the bytes of an event went on the connection: from the client to the server, or back.
 * The same for every trace, whoever recorded it (a probe, the emulator, a capture).
 */
public enum Direction {
  /** Client to server (for a probe: what the probe sent). */
  CLIENT_TO_SERVER("->"),
  /** Server to client (for a probe: what the server sent). */
  SERVER_TO_CLIENT("<-"),
  /** No bytes: a local fact such as a timer, a resolution or the close. */
  NONE("--");

  private final String arrow;

  Direction(String arrow) {
    this.arrow = arrow;
  }

  /** A two-character arrow for packet-trace output, the client on the left. */
  public String arrow() {
    return arrow;
  }

  /**
   * The direction as the recording side names it: {@code sent} for its own bytes, {@code received}
   * for the other side's, {@code none}; a trace recorded by neither side (a capture) is named from
   * the client's side. A probe's reports say {@code sent} and {@code received}.
   */
  public String seenFrom(ClosedBy recorder) {
    if (this == NONE) {
      return "none";
    }
    ClosedBy side = recorder == ClosedBy.NONE ? ClosedBy.CLIENT : recorder;
    return sender() == side ? "sent" : "received";
  }

  /** The other way; {@link #NONE} stays. */
  public Direction reverse() {
    return switch (this) {
      case CLIENT_TO_SERVER -> SERVER_TO_CLIENT;
      case SERVER_TO_CLIENT -> CLIENT_TO_SERVER;
      case NONE -> NONE;
    };
  }

  /** The side whose bytes go this way, or {@link ClosedBy#NONE}. */
  public ClosedBy sender() {
    return switch (this) {
      case CLIENT_TO_SERVER -> ClosedBy.CLIENT;
      case SERVER_TO_CLIENT -> ClosedBy.SERVER;
      case NONE -> ClosedBy.NONE;
    };
  }
}
