package dev.rdpprobe.scan;

import io.netty.util.NetUtil;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Addresses a scan must never connect to: IPv4 and IPv6 addresses and CIDR ranges, one a line,
 * {@code #} starting a comment (the format of ZMap's and masscan's exclude files). Ranges are kept
 * merged and sorted, so a lookup is a binary search whatever the list's length. Immutable.
 */
public final class Blocklist {
  /** Blocks nothing. */
  public static final Blocklist EMPTY = new Blocklist(new Ranges(), new Ranges(), 0);

  /** Longest line read; a longer one is an error, not a buffer sized by the file. */
  static final int MAX_LINE = 1024;

  private final Ranges v4;
  private final Ranges v6;
  private final int entries;

  private Blocklist(Ranges v4, Ranges v6, int entries) {
    this.v4 = v4;
    this.v6 = v6;
    this.entries = entries;
  }

  /** Reads a blocklist file. */
  public static Blocklist read(Path file) throws IOException, BlocklistException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(in, file.toString());
    }
  }

  /**
   * Parses a blocklist.
   *
   * @param source the name errors give (a file name)
   * @throws BlocklistException at the first line that is not an address or a range
   */
  public static Blocklist parse(Reader text, String source) throws IOException, BlocklistException {
    BoundedLines in = new BoundedLines(text, MAX_LINE);
    Ranges v4 = new Ranges();
    Ranges v6 = new Ranges();
    int entries = 0;
    long lineNo = 0;
    String line;
    while ((line = in.next()) != null) {
      lineNo++;
      if (line.length() > MAX_LINE) {
        throw new BlocklistException(source, lineNo, "longer than " + MAX_LINE + " characters");
      }
      int hash = line.indexOf('#');
      String entry = (hash >= 0 ? line.substring(0, hash) : line).trim();
      if (entry.isEmpty()) {
        continue;
      }
      addEntry(entry, v4, v6, source, lineNo);
      entries++;
    }
    v4.seal();
    v6.seal();
    return new Blocklist(v4, v6, entries);
  }

  private static void addEntry(String entry, Ranges v4, Ranges v6, String source, long lineNo)
      throws BlocklistException {
    int slash = entry.indexOf('/');
    String addressText = slash < 0 ? entry : entry.substring(0, slash);
    byte[] address = literal(addressText);
    if (address == null) {
      throw new BlocklistException(
          source, lineNo, "'" + addressText + "' is not an IPv4 or IPv6 address");
    }
    int bits = address.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String p = entry.substring(slash + 1);
      try {
        prefix = Integer.parseInt(p);
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > bits || p.startsWith("+")) {
        throw new BlocklistException(
            source, lineNo, "prefix length '" + p + "' is not 0 to " + bits);
      }
    }
    if (bits == 128 && isMappedV4(address)) { // Java sees ::ffff:a.b.c.d as IPv4 a.b.c.d
      if (prefix < 96) {
        throw new BlocklistException(
            source, lineNo, "'" + entry + "' reaches beyond the IPv4-mapped addresses");
      }
      address = Arrays.copyOfRange(address, 12, 16);
      prefix -= 96;
      bits = 32;
    }
    long[] value = toLongs(address);
    long[] low = mask(value, prefix, bits, false);
    long[] high = mask(value, prefix, bits, true);
    if (!Arrays.equals(low, value)) {
      throw new BlocklistException(
          source, lineNo, "'" + entry + "' has host bits set beyond its /" + prefix + " prefix");
    }
    (bits == 32 ? v4 : v6).add(low, high);
  }

  /** Whether {@code address} is blocked. */
  public boolean blocks(InetAddress address) {
    Objects.requireNonNull(address, "address");
    long[] value = toLongs(address.getAddress());
    return (address instanceof Inet4Address ? v4 : v6).contains(value);
  }

  /** The number of entries (lines with an address or range) read. */
  public int entries() {
    return entries;
  }

  /** The address a literal names, without DNS; {@code null} when it is not a literal. */
  static byte[] literal(String text) {
    if (NetUtil.isValidIpV4Address(text) || NetUtil.isValidIpV6Address(text)) {
      return NetUtil.createByteArrayFromIpAddressString(text);
    }
    return null;
  }

  private static boolean isMappedV4(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
  }

  /** An address as an unsigned number of two longs (high, low); IPv4 in the low one. */
  private static long[] toLongs(byte[] a) {
    long hi = 0;
    long lo = 0;
    int split = a.length - 8;
    for (int i = 0; i < a.length; i++) {
      if (i < split) {
        hi = (hi << 8) | (a[i] & 0xFF);
      } else {
        lo = (lo << 8) | (a[i] & 0xFF);
      }
    }
    if (a.length == 4) {
      return new long[] {0, lo & 0xFFFFFFFFL};
    }
    return new long[] {hi, lo};
  }

  /** The lowest (host bits cleared) or highest (host bits set) address of a prefix. */
  private static long[] mask(long[] v, int prefix, int bits, boolean high) {
    int hostBits = bits - prefix;
    long hiMask = hostBits > 64 ? (hostBits >= 128 ? -1L : (1L << (hostBits - 64)) - 1) : 0;
    long loMask = hostBits >= 64 ? -1L : (1L << hostBits) - 1;
    if (high) {
      return new long[] {v[0] | hiMask, v[1] | loMask};
    }
    return new long[] {v[0] & ~hiMask, v[1] & ~loMask};
  }

  private static int compare(long[] a, long[] b) {
    int c = Long.compareUnsigned(a[0], b[0]);
    return c != 0 ? c : Long.compareUnsigned(a[1], b[1]);
  }

  /** Closed ranges [low, high], merged and sorted by {@link #seal()}. */
  private static final class Ranges {
    private List<long[][]> pending = new ArrayList<>();
    private long[][] lows = new long[0][];
    private long[][] highs = new long[0][];

    void add(long[] low, long[] high) {
      pending.add(new long[][] {low, high});
    }

    void seal() {
      pending.sort((x, y) -> compare(x[0], y[0]));
      List<long[][]> merged = new ArrayList<>();
      for (long[][] r : pending) {
        long[][] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
        if (last != null && (compare(r[0], last[1]) <= 0 || isNext(last[1], r[0]))) {
          if (compare(r[1], last[1]) > 0) {
            last[1] = r[1];
          }
        } else {
          merged.add(new long[][] {r[0], r[1]});
        }
      }
      lows = new long[merged.size()][];
      highs = new long[merged.size()][];
      for (int i = 0; i < merged.size(); i++) {
        lows[i] = merged.get(i)[0];
        highs[i] = merged.get(i)[1];
      }
      pending = List.of();
    }

    private static boolean isNext(long[] a, long[] b) {
      long lo = a[1] + 1;
      long hi = lo == 0 ? a[0] + 1 : a[0];
      return !(lo == 0 && hi == 0) && hi == b[0] && lo == b[1];
    }

    boolean contains(long[] v) {
      int lo = 0;
      int hi = lows.length - 1;
      while (lo <= hi) { // the last range starting at or below v
        int mid = (lo + hi) >>> 1;
        if (compare(lows[mid], v) <= 0) {
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      return hi >= 0 && compare(v, highs[hi]) <= 0;
    }
  }
}
