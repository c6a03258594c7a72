package dev.rdpprobe.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Durations read as {@code %.1f} and {@code %.3f} write them, without {@code String.format}. */
class WordsTest {
  static String byFormat(long nanos) {
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

  @Test
  void durationsAreRoundedAsPercentFormatRoundsThem() {
    long[] edges = {
      -1,
      0,
      1,
      49_999,
      50_000,
      99_999,
      100_000,
      149_999,
      150_000,
      1_250_000,
      1_150_000,
      9_949_999,
      9_950_000,
      9_999_999,
      10_000_000,
      9_999_999_999L,
      10_000_000_000L,
      10_049_999_999L,
      10_050_000_000L,
      999_999_999_999_999L,
      1_000_000_000_000_000L,
      Long.MAX_VALUE
    };
    for (long n : edges) {
      assertEquals(byFormat(n), Words.duration(n), "nanos " + n);
    }
    SplittableRandom random = new SplittableRandom(13);
    for (int i = 0; i < 200_000; i++) {
      long n = random.nextLong(1L << random.nextInt(1, 63));
      assertEquals(byFormat(n), Words.duration(n), "nanos " + n);
    }
  }

  @Test
  void millisecondsAreWrittenAsPercentThreeFWritesThem() {
    long[] edges = {
      0,
      1,
      499,
      500,
      999,
      1_000,
      1_499,
      1_500,
      2_500,
      999_499,
      999_500,
      1_000_000,
      -1,
      -499,
      -500,
      -1_500,
      -999_500,
      86_400_000_000_000L,
      999_999_999_999_999L,
      1_000_000_000_000_000L,
      -999_999_999_999_999L,
      -1_000_000_000_000_000L,
      Long.MAX_VALUE,
      Long.MIN_VALUE
    };
    for (long n : edges) {
      assertEquals(String.format(Locale.ROOT, "%.3f", n / 1e6), Words.millis(n), "nanos " + n);
    }
    SplittableRandom random = new SplittableRandom(17);
    for (int i = 0; i < 200_000; i++) {
      long n = random.nextLong(1L << random.nextInt(1, 50));
      assertEquals(String.format(Locale.ROOT, "%.3f", n / 1e6), Words.millis(n), "nanos " + n);
    }
  }
}
