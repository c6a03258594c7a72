package dev.rdpprobe.trace;

/** Who ended the connection: one side of it, or nobody. */
public enum ClosedBy {
  /** The server, or a middlebox on its behalf. */
  SERVER,
  /** The client (for a probe: the probe itself). */
  CLIENT,
  /** Nobody: the connection never came up, or a capture ended before it did. */
  NONE;

  /**
   * The side as the recording side names it: {@code LOCAL} for itself, {@code PEER} for the other,
   * {@code NONE} for nobody; a trace recorded by neither side (a capture) names {@code SERVER} and
   * {@code CLIENT}. A probe's reports say {@code PEER} and {@code LOCAL}.
   */
  public String seenFrom(ClosedBy recorder) {
    if (this == NONE || recorder == NONE) {
      return name();
    }
    return this == recorder ? "LOCAL" : "PEER";
  }

  /** The direction this side sends in; {@link Direction#NONE} for nobody. */
  public Direction sends() {
    return switch (this) {
      case SERVER -> Direction.SERVER_TO_CLIENT;
      case CLIENT -> Direction.CLIENT_TO_SERVER;
      case NONE -> Direction.NONE;
    };
  }
}
