package dev.rdpprobe.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Names the bits of a flag field. Bits the table does not know are kept and shown as {@code unknown
 * (0x..)}, never rejected (ARCHITECTURE.md, Rules: unknown values survive).
 */
public final class NamedBits {
  private final long[] bits;
  private final String[] names;

  private NamedBits(long[] bits, String[] names) {
    this.bits = bits;
    this.names = names;
  }

  /** A table from alternating bit values and names: {@code of(0x1, "A", 0x2, "B")}. */
  public static NamedBits of(Object... pairs) {
    if (pairs.length % 2 != 0) {
      throw new IllegalArgumentException("pairs of value and name expected");
    }
    long[] bits = new long[pairs.length / 2];
    String[] names = new String[pairs.length / 2];
    for (int i = 0; i < bits.length; i++) {
      Object value = pairs[2 * i];
      // an int constant such as 0x80000000 names the unsigned 32-bit value, not a negative long
      bits[i] = value instanceof Integer v ? v & 0xFFFFFFFFL : ((Number) value).longValue();
      names[i] = (String) pairs[2 * i + 1];
    }
    return new NamedBits(bits, names);
  }

  /** The names of the set bits in table order, then {@code unknown (0x..)} for the rest. */
  public List<String> names(long value) {
    List<String> out = new ArrayList<>();
    long rest = value;
    for (int i = 0; i < bits.length; i++) {
      if ((value & bits[i]) == bits[i] && bits[i] != 0) {
        out.add(names[i]);
        rest &= ~bits[i];
      }
    }
    if (rest != 0) {
      out.add("unknown (" + Wire.hex(rest) + ")");
    }
    return out;
  }

  /** The set names joined with {@code |}, or {@code none} for zero. */
  public String format(long value, String none) {
    List<String> n = names(value);
    return n.isEmpty() ? none : String.join("|", n);
  }

  /** The name of a single code value, or {@code unknown (0x..)}. */
  public String code(long value) {
    for (int i = 0; i < bits.length; i++) {
      if (bits[i] == value) {
        return names[i];
      }
    }
    return "unknown (" + Wire.hex(value) + ")";
  }

  /** Whether the table names this value as a code. */
  public boolean knowsCode(long value) {
    for (long b : bits) {
      if (b == value) {
        return true;
      }
    }
    return false;
  }
}
