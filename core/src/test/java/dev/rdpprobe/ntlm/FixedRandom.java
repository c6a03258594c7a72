package dev.rdpprobe.ntlm;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.random.RandomGenerator;

/**
 * A "random" source that hands out the given byte strings in order, one per {@code nextBytes} call
 * (each must have the requested length), then fails: for reproducing documented exchanges.
 */
final class FixedRandom implements RandomGenerator {
  private final Deque<byte[]> values = new ArrayDeque<>();

  FixedRandom(byte[]... values) {
    for (byte[] v : values) {
      this.values.add(v.clone());
    }
  }

  @Override
  public void nextBytes(byte[] bytes) {
    byte[] next = values.poll();
    if (next == null || next.length != bytes.length) {
      throw new IllegalStateException(
          "no value of "
              + bytes.length
              + " bytes left (next: "
              + (next == null ? "none" : next.length)
              + ")");
    }
    System.arraycopy(next, 0, bytes, 0, bytes.length);
  }

  @Override
  public long nextLong() {
    throw new UnsupportedOperationException("only nextBytes");
  }
}
