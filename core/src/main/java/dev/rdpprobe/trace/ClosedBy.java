package dev.rdpprobe.trace;

/** Who ended the connection. */
public enum ClosedBy {
  /** The server, or a middlebox on its behalf. */
  PEER,
  /** The probe. */
  LOCAL,
  /** Nobody: the connection never came up. */
  NONE
}
