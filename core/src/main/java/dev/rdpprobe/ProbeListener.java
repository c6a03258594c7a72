package dev.rdpprobe;

import dev.rdpprobe.trace.TraceEvent;

/**
 * Observes probes as they run. Every method has an empty default, so a listener overrides only what
 * it needs.
 *
 * <p>For each probe: {@link #probeStart} first, then {@link #event} for every trace event in order
 * (the {@link TraceEvent.Closed} event last), then {@link #probeEnd} exactly once.
 *
 * <p>Methods run on the probe's event loop: they must be fast, must not block, and must not call
 * back into the probe. A listener that throws is logged and ignored; it cannot break a probe.
 */
public interface ProbeListener {
  /** The listener that does nothing, the default. */
  ProbeListener NONE = new ProbeListener() {};

  /** The probe starts, before name resolution. */
  default void probeStart(ProbeSpec spec) {}

  /** An event was recorded. */
  default void event(ProbeSpec spec, TraceEvent event) {}

  /** The probe is over; {@code result} is what the future completes with. */
  default void probeEnd(ProbeResult result) {}

  /** Makes one listener per probe, for per-probe state in scanners. */
  @FunctionalInterface
  interface Factory {
    /** The listener for this probe. */
    ProbeListener create(ProbeSpec spec);
  }
}
