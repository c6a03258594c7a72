package dev.rdpprobe.testing;

import dev.rdpprobe.RdpProbe;

/**
 * One {@link RdpProbe} for every test class of a test JVM that only probes with it (a test of the
 * instance's own life, close or cancellation, makes its own): one event loop group instead of one
 * per class, closed when the JVM ends.
 */
public final class SharedProbe {
  private SharedProbe() {}

  private static final class Holder {
    static final RdpProbe PROBE = RdpProbe.create();

    static {
      Runtime.getRuntime().addShutdownHook(new Thread(PROBE::close, "shared-probe-close"));
    }
  }

  /** The shared instance, made at the first call. */
  public static RdpProbe get() {
    return Holder.PROBE;
  }
}
