package dev.rdpprobe.diagnose;

/** How well a cause fits the evidence; causes are ranked by it, highest first. */
public enum Confidence {
  /** The evidence points at this cause and hardly at anything else. */
  HIGH,
  /** The evidence fits this cause and others. */
  MEDIUM,
  /** The evidence is compatible with this cause; worth ruling out. */
  LOW
}
