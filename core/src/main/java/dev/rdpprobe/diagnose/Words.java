package dev.rdpprobe.diagnose;

import java.util.Locale;

/**
 * Quantities as the diagnosis and the doctor write them for people: {@code 12 ms}, {@code 1 byte}.
 */
public final class Words {
  private Words() {}

  /** A duration: {@code 0.4 ms}, {@code 12 ms}, {@code 45.0 s}; negative is an unknown time. */
  public static String duration(long nanos) {
    if (nanos < 0) {
      return "an unknown time";
    }
    if (nanos < 10_000_000L) {
      return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
    if (nanos < 10_000_000_000L) {
      return nanos / 1_000_000L + " ms";
    }
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }

  /** A count of bytes: {@code 1 byte}, {@code 0 bytes}. */
  public static String bytes(long n) {
    return n == 1 ? "1 byte" : n + " bytes";
  }
}
