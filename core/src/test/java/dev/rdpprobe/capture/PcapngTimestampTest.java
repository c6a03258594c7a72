package dev.rdpprobe.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * if_tsresol (pcapng 4.2): every decimal and binary resolution the reader takes, in nanoseconds.
 */
class PcapngTimestampTest {
  /** ts x 10^9 / base^exponent, rounded down, capped at Long.MAX_VALUE: the definition. */
  static long reference(long ts, int resolution) {
    BigInteger base = BigInteger.valueOf((resolution & 0x80) == 0 ? 10 : 2);
    BigInteger n =
        new BigInteger(Long.toUnsignedString(ts))
            .multiply(BigInteger.valueOf(1_000_000_000L))
            .divide(base.pow(resolution & 0x7F));
    return n.bitLength() > 63 ? Long.MAX_VALUE : n.longValue();
  }

  @Test
  void timestampsAreScaledAsTheirResolutionSays() {
    SplittableRandom random = new SplittableRandom(5);
    long[] edges = {0, 1, 999, 1_000_000_000L, 9_223_372_036L, Long.MAX_VALUE, -1L};
    for (int resolution = 0; resolution <= 18; resolution++) {
      for (int binary : new int[] {0, 0x80}) {
        int r = resolution | binary;
        for (long ts : edges) {
          assertEquals(reference(ts, r), PcapngReader.toNanos(ts, r), "ts " + ts + " resol " + r);
        }
        for (int i = 0; i < 2_000; i++) {
          long ts = random.nextLong() >>> random.nextInt(64);
          assertEquals(reference(ts, r), PcapngReader.toNanos(ts, r), "ts " + ts + " resol " + r);
        }
      }
    }
  }
}
