package dev.rdpprobe.fuzz;

/**
 * The seed of each case of a campaign: a SplitMix64 step from the campaign seed and the case
 * number, so that case {@code n} of seed {@code s} is the same on every run and machine, and a case
 * is reproduced from its own seed alone.
 */
public final class CaseSeeds {
  private CaseSeeds() {}

  /** The seed of case {@code number} (from 1) of a campaign seeded with {@code campaign}. */
  public static long of(long campaign, int number) {
    long z = campaign + 0x9E3779B97F4A7C15L * number;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A case seed as written in file names and reports: 16 hex digits. */
  public static String text(long seed) {
    return String.format("%016x", seed);
  }

  /**
   * A case seed from its text.
   *
   * @throws IllegalArgumentException naming the text when it is not 1 to 16 hex digits
   */
  public static long parse(String text) {
    String t = text.trim();
    if (t.startsWith("0x") || t.startsWith("0X")) {
      t = t.substring(2);
    }
    if (t.isEmpty() || t.length() > 16 || !t.matches("[0-9a-fA-F]+")) {
      throw new IllegalArgumentException("'" + text + "' is not a case seed (1 to 16 hex digits)");
    }
    return Long.parseUnsignedLong(t, 16);
  }
}
