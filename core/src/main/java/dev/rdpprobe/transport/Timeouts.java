package dev.rdpprobe.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of every wait of a probe: each positive and at most 24 hours.
 *
 * @param connect bound of the TCP connect (at most the deadline)
 * @param idle bound of the server's silence while a PDU is awaited
 * @param deadline bound of the whole probe
 */
public record Timeouts(Duration connect, Duration idle, Duration deadline) {
  /** What a probe waits unless told otherwise: 10 s to connect, 10 s of silence, 30 s in all. */
  public static final Timeouts DEFAULT =
      new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30));

  public Timeouts {
    check(connect, "connectTimeout");
    check(idle, "idleTimeout");
    check(deadline, "deadline");
    if (connect.compareTo(deadline) > 0) {
      connect = deadline;
    }
  }

  /** {@code d} if it is a valid bound named {@code name}. */
  public static Duration check(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
    if (d.compareTo(Duration.ofHours(24)) > 0) {
      throw new IllegalArgumentException(name + " must be at most 24 hours, got " + d);
    }
    return d;
  }
}
