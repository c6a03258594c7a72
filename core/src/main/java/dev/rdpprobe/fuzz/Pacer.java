package dev.rdpprobe.fuzz;

/**
 * Caps the connections a campaign opens per second: each waits until its turn. The fuzzer is a
 * guest on the target; a cap of 0 is for the emulator and benchmarks.
 */
final class Pacer {
  private final long intervalNanos;
  private long next = System.nanoTime();
  private int connections;

  Pacer(double perSecond) {
    this.intervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
  }

  /** Waits for the next connection's turn and counts it. */
  void await() {
    connections++;
    if (intervalNanos == 0) {
      return;
    }
    long now = System.nanoTime();
    if (now < next) {
      try {
        Thread.sleep((next - now) / 1_000_000, (int) ((next - now) % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      now = next;
    }
    next = now + intervalNanos;
  }

  /** Connections opened so far. */
  int connections() {
    return connections;
  }
}
