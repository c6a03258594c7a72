package dev.rdpprobe.scan;

import java.util.Objects;

/**
 * One of {@code count} disjoint parts of a list of targets, the way ZMap and masscan split a scan
 * over machines: the targets' indices are permuted by a keyed bijection ({@link IndexPermutation}
 * of the list's length and the seed) and shard {@code index} takes the targets whose permuted index
 * is {@code index - 1} modulo {@code count}. Every machine given the same list, count and seed
 * computes the same parts; together they are the whole list, each target in exactly one, their
 * sizes differing by at most one.
 *
 * @param index which part, 1 to {@code count}
 * @param count the number of parts, at least 1
 * @param seed the permutation's key, the same on every machine
 */
public record Shard(int index, int count, long seed) {
  /** The whole list: one part of one. */
  public static final Shard ALL = new Shard(1, 1, 0);

  public Shard {
    if (count < 1) {
      throw new IllegalArgumentException("shard count " + count + " is not positive");
    }
    if (index < 1 || index > count) {
      throw new IllegalArgumentException("shard " + index + " is outside 1.." + count);
    }
  }

  /**
   * Parses {@code N/M} (shard N of M, from 1).
   *
   * @throws IllegalArgumentException naming what is wrong with {@code text}
   */
  public static Shard parse(String text, long seed) {
    Objects.requireNonNull(text, "text");
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("shard '" + text + "' is not N/M");
    }
    int index;
    int count;
    try {
      index = Integer.parseInt(text.substring(0, slash).trim());
      count = Integer.parseInt(text.substring(slash + 1).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("shard '" + text + "' is not N/M with whole numbers");
    }
    if (count < 1 || index < 1 || index > count) {
      throw new IllegalArgumentException(
          "shard '" + text + "': N must be 1 to M, and M at least 1");
    }
    return new Shard(index, count, seed);
  }

  /** Which targets of a list of {@code size} belong to this shard. */
  public Selector selector(long size) {
    return new Selector(this, new IndexPermutation(size, seed));
  }

  /** {@code N/M}. */
  public String text() {
    return index + "/" + count;
  }

  /** Tells the indices of one shard. Immutable. */
  public static final class Selector {
    private final Shard shard;
    private final IndexPermutation permutation;

    private Selector(Shard shard, IndexPermutation permutation) {
      this.shard = shard;
      this.permutation = permutation;
    }

    /** Whether the target at {@code index} (from 0, in the list's order) is in this shard. */
    public boolean contains(long index) {
      return shard.count == 1 || permutation.apply(index) % shard.count == shard.index - 1;
    }
  }
}
