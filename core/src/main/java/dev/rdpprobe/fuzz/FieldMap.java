package dev.rdpprobe.fuzz;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the fields of a PDU record lie in its encoding, found by the project's own encoders rather
 * than written down a second time: a field is the bytes that change when one record component
 * changes ({@code v ^ 1}, {@code v ^ 0x100}, ... show an integer's width and byte order), a string
 * or blob is the run that changes when its content does, a nested block is where its own encoding
 * sits, and a length or count is a number before the content that grows with it when a string, blob
 * or list grows (by one unit and, where the record allows, by a few hundred, which shows the width
 * through the carry).
 */
final class FieldMap {
  /** Growth by this many units shows a multi-byte length's width (a carry into its next byte). */
  private static final int BIG_GROWTH = 300;

  /** Length fields found per growing component at most (one per enclosing structure). */
  private static final int MAX_LENGTHS_PER_GROWTH = 8;

  /** What a located field is, for the mutators that fit it. */
  enum Kind {
    INT,
    FLAGS,
    CODE,
    LENGTH,
    COUNT,
    STRING,
    BLOB,
    BLOCK
  }

  /**
   * One located field.
   *
   * @param path the record component it belongs to, e.g. {@code infoPacket.domain}
   * @param kind what it is
   * @param offset its first byte in the PDU's encoding
   * @param width its size in bytes (the region's, for strings, blobs and blocks)
   * @param littleEndian the byte order of a number (a one-byte number is little-endian)
   */
  record Field(String path, Kind kind, int offset, int width, boolean littleEndian) {
    int end() {
      return offset + width;
    }

    boolean isNumber() {
      return kind != Kind.STRING && kind != Kind.BLOB && kind != Kind.BLOCK;
    }

    /** The field's value in {@code bytes}. */
    long read(byte[] bytes) {
      return FieldMap.read(bytes, offset, width, littleEndian);
    }

    /** Writes {@code value} (its low {@code width} bytes) into {@code bytes}. */
    void write(byte[] bytes, long value) {
      for (int k = 0; k < width; k++) {
        int at = littleEndian ? offset + k : offset + width - 1 - k;
        bytes[at] = (byte) (value >>> (8 * k));
      }
    }
  }

  private final byte[] encoding;
  private final List<Field> fields;
  private final List<Slots.Slot> slots;

  private FieldMap(byte[] encoding, List<Field> fields, List<Slots.Slot> slots) {
    this.encoding = encoding;
    this.fields = fields;
    this.slots = slots;
  }

  /** An empty map of bytes that are no record. */
  static FieldMap none(byte[] bytes) {
    return new FieldMap(bytes, List.of(), List.of());
  }

  /** The located fields of {@code pdu}, sorted by offset; an empty map if it does not encode. */
  static FieldMap of(Object pdu) {
    byte[] e = encode(pdu);
    if (e == null) {
      return new FieldMap(new byte[0], List.of(), List.of());
    }
    List<Slots.Slot> slots = Slots.of(pdu);
    Map<String, Field> found = new LinkedHashMap<>();
    ownLength(e, 0, e.length, pdu instanceof Pdu p ? p.name() : "", found);
    for (Slots.Slot s : slots) {
      switch (s.kind()) {
        case INT, FLAGS, CODE -> locateNumber(e, s, found);
        case STRING, BLOB -> {
          locateContent(e, s, found);
          locateLengths(e, s, found);
        }
        case LIST -> locateLengths(e, s, found);
        case BLOCK -> locateBlock(e, s, found);
        default -> {}
      }
    }
    List<Field> list = new ArrayList<>(found.values());
    list.sort((a, b) -> a.offset() != b.offset() ? a.offset() - b.offset() : b.width() - a.width());
    return new FieldMap(e, Collections.unmodifiableList(list), slots);
  }

  /** The PDU's encoding. */
  byte[] encoding() {
    return encoding.clone();
  }

  /** The located fields. */
  List<Field> fields() {
    return fields;
  }

  /** The record components, for mutations through the records. */
  List<Slots.Slot> slots() {
    return slots;
  }

  /** The located fields of one kind. */
  List<Field> fields(Kind kind) {
    return fields.stream().filter(f -> f.kind() == kind).toList();
  }

  static byte[] encode(Object pdu) {
    if (!(pdu instanceof Pdu p)) {
      return null;
    }
    try {
      return Octets.encode(p).toByteArray();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static byte[] encodeRebuilt(Slots.Slot s, Object value) {
    if (value == null) {
      return null;
    }
    Object top;
    try {
      top = s.rebuild().apply(value);
    } catch (RuntimeException e) {
      return null;
    }
    return top == null ? null : encode(top);
  }

  /** An integer, flag set or code: the bytes that change when one bit of each byte flips. */
  private static void locateNumber(byte[] e, Slots.Slot s, Map<String, Field> found) {
    List<Integer> positions = new ArrayList<>();
    int lowest = -1;
    if (s.value() instanceof Enum<?> en) {
      Object[] all = en.getDeclaringClass().getEnumConstants();
      for (Object other : all) {
        if (other != en) {
          byte[] v = encodeRebuilt(s, other);
          if (v != null && v.length == e.length) {
            for (int i = 0; i < e.length; i++) {
              if (e[i] != v[i] && !positions.contains(i)) {
                positions.add(i);
              }
            }
          }
        }
      }
      Collections.sort(positions);
      if (!positions.isEmpty() && contiguous(positions) && positions.size() <= 4) {
        put(found, new Field(s.path(), Kind.CODE, positions.get(0), positions.size(), true));
      }
      return;
    }
    if (s.kind() == Slots.Kind.BOOL) {
      return;
    }
    long v = s.number();
    int bytes = Math.min(4, s.bits() / 8);
    for (int k = 0; k < bytes; k++) {
      byte[] changed = encodeRebuilt(s, s.withNumber(v ^ (1L << (8 * k))));
      if (changed == null || changed.length != e.length) {
        continue;
      }
      int diff = -1;
      int count = 0;
      for (int i = 0; i < e.length; i++) {
        if (e[i] != changed[i]) {
          diff = i;
          count++;
        }
      }
      if (count != 1) {
        continue; // a number encoded with others (a BER or PER form): not one field
      }
      if (k == 0) {
        lowest = diff;
      }
      positions.add(diff);
    }
    if (lowest < 0) {
      return;
    }
    List<Integer> sorted = new ArrayList<>(positions);
    Collections.sort(sorted);
    if (!contiguous(sorted)) {
      sorted = List.of(lowest);
    }
    boolean le = sorted.get(0) == lowest;
    Kind kind =
        s.kind() == Slots.Kind.FLAGS
            ? Kind.FLAGS
            : s.kind() == Slots.Kind.CODE ? Kind.CODE : Kind.INT;
    put(found, new Field(s.path(), kind, sorted.get(0), sorted.size(), le));
  }

  /** A string or blob: the run that changes when its content changes, at the same length. */
  private static void locateContent(byte[] e, Slots.Slot s, Map<String, Field> found) {
    Object other;
    if (s.value() instanceof String str) {
      if (str.isEmpty()) {
        return;
      }
      char[] c = str.toCharArray();
      for (int i = 0; i < c.length; i++) {
        c[i] = c[i] == 'Q' ? 'R' : 'Q';
      }
      other = new String(c);
    } else {
      byte[] b = blob(s.value());
      if (b.length == 0) {
        return;
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) ~b[i];
      }
      other = s.value() instanceof Octets ? Octets.of(b) : b;
    }
    byte[] v = encodeRebuilt(s, other);
    if (v == null || v.length != e.length) {
      return;
    }
    int first = -1;
    int last = -1;
    for (int i = 0; i < e.length; i++) {
      if (e[i] != v[i]) {
        first = first < 0 ? i : first;
        last = i;
      }
    }
    if (first >= 0) {
      Kind kind = s.kind() == Slots.Kind.STRING ? Kind.STRING : Kind.BLOB;
      put(found, new Field(s.path(), kind, first, last - first + 1, true));
    }
  }

  /** A nested block: where its own encoding sits (the first place after its parent's start). */
  private static void locateBlock(byte[] e, Slots.Slot s, Map<String, Field> found) {
    byte[] b = encode(s.value());
    if (b == null || b.length == 0 || b.length == e.length) {
      return;
    }
    int at = indexOf(e, b, 0);
    if (at >= 0 && indexOf(e, b, at + 1) < 0) {
      put(found, new Field(s.path(), Kind.BLOCK, at, b.length, true));
      ownLength(e, at, b.length, s.path(), found);
    }
  }

  /** Bytes a structure's own length may start at, from its start (a header of a few fields). */
  private static final int HEADER_REACH = 8;

  /**
   * A structure's own length: a number in its first bytes (or just before it) that equals its size
   * or what follows the number, as TPKT, the X.224 LI, RDP_NEG_REQ and TS_UD_HEADER carry. Such a
   * length does not grow with any component, so growth does not find it.
   */
  private static void ownLength(byte[] e, int at, int size, String path, Map<String, Field> found) {
    int[][] candidates = {{2, 1}, {2, 0}, {4, 1}, {1, 1}};
    int kept = 0;
    for (int p = Math.max(0, at - 4); p < Math.min(at + HEADER_REACH, at + size) && kept < 2; p++) {
      for (int[] c : candidates) {
        int w = c[0];
        boolean le = c[1] == 1;
        if (p + w > e.length || p + w > at + size + 4) {
          continue;
        }
        long v = read(e, p, w, le);
        long after = (long) at + size - p - w;
        boolean own = v == size || (v == after && after > 0);
        if (own && !le && e[p] == 0 && p + 2 < e.length && read(e, p + 1, 2, true) == v) {
          continue; // the little-endian reading one byte later: a zero high byte belongs before
        }
        if (own && v >= (w == 1 ? 2 : 4)) {
          put(found, new Field(path + " (own length)", Kind.LENGTH, p, w, le));
          kept++;
          p += w - 1;
          break;
        }
      }
    }
  }

  /**
   * The lengths and counts that grow with a string, blob or list: grow it by one unit and by {@link
   * #BIG_GROWTH}, then read the changed numbers before the content, outermost first.
   */
  private static void locateLengths(byte[] e, Slots.Slot s, Map<String, Field> found) {
    byte[] small = encodeRebuilt(s, grown(s.value(), 1));
    if (small == null || small.length <= e.length) {
      return;
    }
    byte[] big = encodeRebuilt(s, grown(s.value(), BIG_GROWTH));
    int delta = small.length - e.length;
    int bigDelta = big == null ? 0 : big.length - e.length;
    boolean list = s.value() instanceof List<?>;
    int i = 0;
    for (int n = 0; n < MAX_LENGTHS_PER_GROWTH; n++) {
      i = firstDifference(e, small, i);
      if (i < 0) {
        return;
      }
      Field f = lengthAt(e, small, big, i, delta, bigDelta, list, s.path());
      if (f == null) {
        return; // the content itself: no more lengths before it
      }
      put(found, f);
      i = f.end();
    }
  }

  private static Field lengthAt(
      byte[] e,
      byte[] small,
      byte[] big,
      int i,
      int delta,
      int bigDelta,
      boolean list,
      String path) {
    // widest first, so a two-byte length is not taken for its low byte
    int[][] candidates = {{4, 1, 0}, {4, 0, -3}, {2, 1, 0}, {2, 0, -1}, {1, 1, 0}};
    for (int[] c : candidates) {
      int w = c[0];
      boolean le = c[1] == 1;
      int q = i + c[2];
      if (q < 0 || q + w > e.length || q + w > small.length) {
        continue;
      }
      long d = read(small, q, w, le) - read(e, q, w, le);
      boolean counts = d == 1 && list;
      boolean measures = d == delta || (delta % 2 == 0 && d == delta / 2);
      if (!counts && !measures) {
        continue;
      }
      if (w > 1) {
        // a wide reading must be confirmed by the carry of the big growth
        if (big == null || q + w > big.length) {
          continue;
        }
        long dBig = read(big, q, w, le) - read(e, q, w, le);
        if (dBig != d * BIG_GROWTH && !(measures && dBig == bigDelta)) {
          continue;
        }
        if (dBig < 256 && w > 1) {
          continue;
        }
        if (w == 4 && dBig < 65536 && read(e, q + (le ? 2 : 0), 2, le) != 0) {
          continue; // a two-byte length followed by another field, not a four-byte one
        }
      }
      return new Field(path, counts ? Kind.COUNT : Kind.LENGTH, q, w, le);
    }
    return null;
  }

  private static Object grown(Object value, int units) {
    if (value instanceof String s) {
      return s + "A".repeat(units);
    }
    if (value instanceof Octets || value instanceof byte[]) {
      byte[] b = blob(value);
      byte[] g = Arrays.copyOf(b, b.length + units);
      Arrays.fill(g, b.length, g.length, (byte) 0x41);
      return value instanceof Octets ? Octets.of(g) : g;
    }
    if (value instanceof List<?> l && !l.isEmpty()) {
      List<Object> g = new ArrayList<>(l);
      for (int k = 0; k < units; k++) {
        g.add(l.get(l.size() - 1));
      }
      return g;
    }
    return null;
  }

  static byte[] blob(Object v) {
    return v instanceof Octets o ? o.toByteArray() : ((byte[]) v).clone();
  }

  /** Keeps {@code f} unless a field of its kind already covers any of its bytes. */
  private static void put(Map<String, Field> found, Field f) {
    for (Field g : found.values()) {
      if (g.kind() == f.kind() && g.offset() < f.end() && f.offset() < g.end()) {
        return;
      }
    }
    found.put(f.offset() + ":" + f.kind(), f);
  }

  private static boolean contiguous(List<Integer> sorted) {
    for (int k = 1; k < sorted.size(); k++) {
      if (sorted.get(k) != sorted.get(k - 1) + 1) {
        return false;
      }
    }
    return true;
  }

  private static int firstDifference(byte[] a, byte[] b, int from) {
    for (int i = from; i < Math.min(a.length, b.length); i++) {
      if (a[i] != b[i]) {
        return i;
      }
    }
    return -1;
  }

  static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i + needle.length <= hay.length; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (hay[i + k] != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static long read(byte[] b, int offset, int width, boolean le) {
    long v = 0;
    for (int k = 0; k < width; k++) {
      int at = le ? offset + width - 1 - k : offset + k;
      v = (v << 8) | (b[at] & 0xFF);
    }
    return v;
  }
}
