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
      return tenths(nanos, 1_000_000L) + " ms";
    }
    if (nanos < 10_000_000_000L) {
      return nanos / 1_000_000L + " ms";
    }
    if (nanos < 1_000_000_000_000_000L) {
      return tenths(nanos, 1_000_000_000L) + " s";
    }
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }

  /**
   * Nanoseconds as milliseconds with three decimals and no unit, {@code 12.345}: what {@code %.3f}
   * writes of {@code nanos / 1e6}, the times of a trace's lines (formatting them was most of a cold
   * report's rendering).
   */
  public static String millis(long nanos) {
    if (nanos <= -1_000_000_000_000_000L || nanos >= 1_000_000_000_000_000L) {
      return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }
    long micros = (Math.abs(nanos) + 500) / 1000;
    String fraction = Long.toString(1000 + micros % 1000).substring(1);
    return (nanos < 0 ? "-" : "") + micros / 1000 + "." + fraction;
  }

  /**
   * {@code n / unit} with one decimal, rounded half up as {@code %.1f} rounds it (a diagnosis of
   * every flow of a capture formats its times: {@code String.format} was a tenth of the cost);
   * exact while {@code n / unit} as a double is, which holds below 10^15.
   */
  private static String tenths(long n, long unit) {
    long t = (n + unit / 20) / (unit / 10);
    return t / 10 + "." + t % 10;
  }

  /** A count of bytes: {@code 1 byte}, {@code 0 bytes}. */
  public static String bytes(long n) {
    return n == 1 ? "1 byte" : n + " bytes";
  }
}
