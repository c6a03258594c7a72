package dev.rdpprobe.scan;

/**
 * A keyed bijection of the indices {@code [0, n)}: a balanced Feistel network over the smallest
 * power of four at least {@code n}, walked along its cycle until it lands back in range (a
 * permutation of a larger set restricted to a subset stays a permutation of that subset). The same
 * {@code n} and seed give the same permutation on every machine: only 64-bit integer arithmetic, no
 * platform randomness. It holds no table, so it permutes a stream of any length in constant memory.
 */
public final class IndexPermutation {
  private static final int ROUNDS = 6;

  private final long n;
  private final int halfBits;
  private final long halfMask;
  private final long[] roundKeys = new long[ROUNDS];

  /**
   * The permutation of {@code [0, n)} for this seed.
   *
   * @param n the number of indices, 0 to 2<sup>62</sup>
   */
  public IndexPermutation(long n, long seed) {
    if (n < 0 || n > 1L << 62) {
      throw new IllegalArgumentException("n " + n + " is outside 0..2^62");
    }
    this.n = n;
    int bits = n <= 1 ? 1 : 64 - Long.numberOfLeadingZeros(n - 1);
    this.halfBits = Math.max(1, (bits + 1) / 2);
    this.halfMask = (1L << halfBits) - 1;
    long state = seed;
    for (int i = 0; i < ROUNDS; i++) {
      state += 0x9E3779B97F4A7C15L; // SplitMix64's sequence of round keys
      roundKeys[i] = mix(state);
    }
  }

  /** The number of indices permuted. */
  public long size() {
    return n;
  }

  /** Where index {@code i} goes: a distinct value of {@code [0, n)} for each {@code i} there. */
  public long apply(long i) {
    if (i < 0 || i >= n) {
      throw new IndexOutOfBoundsException("index " + i + " is outside 0.." + (n - 1));
    }
    long x = i;
    do {
      x = encrypt(x);
    } while (x >= n); // at most a few steps: the domain is less than 4n
    return x;
  }

  private long encrypt(long x) {
    long left = x >>> halfBits;
    long right = x & halfMask;
    for (long key : roundKeys) {
      long next = left ^ (mix(right ^ key) & halfMask);
      left = right;
      right = next;
    }
    return (left << halfBits) | right;
  }

  /** SplitMix64's finaliser: every input bit reaches every output bit. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
