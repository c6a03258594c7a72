package dev.rdpprobe.fuzz;

import dev.rdpprobe.wire.Octets;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The fields of one of the project's PDU records, found by walking its record components: every
 * component (and every element of a list component) is a {@link Slot} that knows its value and how
 * to rebuild the whole PDU with another value there, through the records' own canonical
 * constructors. A constructor that rejects the value (its checks are the project's) makes the
 * rebuild answer {@code null}: that mutation is not expressible as a record.
 */
final class Slots {
  /** Nesting followed at most: PDU records are a few levels deep. */
  static final int MAX_DEPTH = 8;

  /** Slots kept per PDU at most: a capability set list is long, a mutation needs a few. */
  static final int MAX_SLOTS = 512;

  private Slots() {}

  /** What a slot holds, for the mutators that fit it. */
  enum Kind {
    /** A plain integer field. */
    INT,
    /** A bit set: a record of one {@code int bits}. */
    FLAGS,
    /** A code: a record of one {@code int value} (or another single integer), or a Java enum. */
    CODE,
    /** A boolean. */
    BOOL,
    /** A string. */
    STRING,
    /** Octets or a byte array. */
    BLOB,
    /** A list of blocks or values. */
    LIST,
    /** A nested record (a block, a header, a structure). */
    BLOCK
  }

  /**
   * One field of a PDU.
   *
   * @param path where it is, e.g. {@code negotiationRequest.flags}
   * @param kind what it holds
   * @param value its value (never null)
   * @param rebuild the PDU with another value here, or {@code null} if a constructor rejects it
   */
  record Slot(String path, Kind kind, Object value, Function<Object, Object> rebuild) {
    /** The integer of an INT, FLAGS or CODE slot (an enum's ordinal). */
    long number() {
      return Slots.number(value);
    }

    /** The same kind of value holding {@code n}, or null when it cannot. */
    Object withNumber(long n) {
      return Slots.withNumber(value, n);
    }

    /** The width in bits of an integer slot's Java type. */
    int bits() {
      return Slots.bits(value);
    }
  }

  /** Every slot of {@code pdu}, depth first, the PDU itself not included. */
  static List<Slot> of(Object pdu) {
    List<Slot> out = new ArrayList<>();
    if (pdu instanceof Record r && !isValueRecord(r)) {
      walkComponents(r, "", v -> v, out, 0);
    }
    return out;
  }

  private static void walk(
      Object value, String path, Function<Object, Object> rebuild, List<Slot> out, int depth) {
    if (value == null || out.size() >= MAX_SLOTS || depth > MAX_DEPTH) {
      return;
    }
    Kind kind = kind(value);
    if (kind == null) {
      return;
    }
    out.add(new Slot(path, kind, value, rebuild));
    if (kind == Kind.BLOB && value instanceof Octets octets) {
      Object inner = Carried.open(path, octets);
      if (inner != null) {
        // a record the blob carries: its fields, each rebuilt into the blob's bytes
        walk(
            inner,
            path + "{" + ((dev.rdpprobe.wire.Pdu) inner).name() + "}",
            v -> {
              byte[] b = FieldMap.encode(v);
              return b == null ? null : rebuild.apply(Octets.of(b));
            },
            out,
            depth + 1);
      }
      return;
    }
    if (kind == Kind.BLOCK) {
      walkComponents((Record) value, path, rebuild, out, depth + 1);
    } else if (kind == Kind.LIST) {
      List<?> list = (List<?>) value;
      for (int j = 0; j < list.size() && out.size() < MAX_SLOTS; j++) {
        int at = j;
        walk(
            list.get(j),
            path + "[" + j + "]",
            v -> {
              List<Object> copy = new ArrayList<>(list);
              copy.set(at, v);
              return rebuild.apply(copy);
            },
            out,
            depth + 1);
      }
    }
  }

  private static void walkComponents(
      Record r, String path, Function<Object, Object> rebuild, List<Slot> out, int depth) {
    RecordComponent[] components = r.getClass().getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      Object v = component(r, components[i]);
      int at = i;
      String name = path.isEmpty() ? components[i].getName() : path + "." + components[i].getName();
      walk(
          v,
          name,
          nv -> {
            Record changed = with(r, at, nv);
            return changed == null ? null : rebuild.apply(changed);
          },
          out,
          depth);
    }
  }

  private static Kind kind(Object v) {
    if (v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof Long) {
      return Kind.INT;
    }
    if (v instanceof Boolean) {
      return Kind.BOOL;
    }
    if (v instanceof Enum<?>) {
      return Kind.CODE;
    }
    if (v instanceof String) {
      return Kind.STRING;
    }
    if (v instanceof Octets || v instanceof byte[]) {
      return Kind.BLOB;
    }
    if (v instanceof List<?>) {
      return Kind.LIST;
    }
    if (v instanceof Record r) {
      if (isValueRecord(r)) {
        return r.getClass().getRecordComponents()[0].getName().equals("bits")
                || r.getClass().getSimpleName().endsWith("Flags")
            ? Kind.FLAGS
            : Kind.CODE;
      }
      return Kind.BLOCK;
    }
    return null;
  }

  /** A record of exactly one integer component: a code or a bit set. */
  static boolean isValueRecord(Object o) {
    if (!(o instanceof Record r)) {
      return false;
    }
    RecordComponent[] c = r.getClass().getRecordComponents();
    if (c.length != 1) {
      return false;
    }
    Class<?> t = c[0].getType();
    return t == int.class || t == short.class || t == byte.class || t == long.class;
  }

  static long number(Object v) {
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v instanceof Enum<?> e) {
      return e.ordinal();
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (isValueRecord(v)) {
      Record r = (Record) v;
      return ((Number) component(r, r.getClass().getRecordComponents()[0])).longValue();
    }
    throw new IllegalArgumentException("not a number: " + v);
  }

  static int bits(Object v) {
    if (v instanceof Byte) {
      return 8;
    }
    if (v instanceof Short) {
      return 16;
    }
    if (v instanceof Long) {
      return 64;
    }
    if (isValueRecord(v)) {
      Class<?> t = ((Record) v).getClass().getRecordComponents()[0].getType();
      return t == byte.class ? 8 : t == short.class ? 16 : t == long.class ? 64 : 32;
    }
    return 32;
  }

  /** {@code like}'s type holding {@code n}; an enum's constant of that ordinal; null if none. */
  static Object withNumber(Object like, long n) {
    if (like instanceof Integer) {
      return (int) n;
    }
    if (like instanceof Short) {
      return (short) n;
    }
    if (like instanceof Byte) {
      return (byte) n;
    }
    if (like instanceof Long) {
      return n;
    }
    if (like instanceof Boolean) {
      return n != 0;
    }
    if (like instanceof Enum<?> e) {
      Object[] all = e.getDeclaringClass().getEnumConstants();
      return n >= 0 && n < all.length ? all[(int) n] : null;
    }
    if (isValueRecord(like)) {
      Record r = (Record) like;
      Class<?> t = r.getClass().getRecordComponents()[0].getType();
      Object v =
          t == byte.class
              ? (Object) (byte) n
              : t == short.class ? (Object) (short) n : t == long.class ? (Object) n : (int) n;
      return with(r, 0, v);
    }
    return null;
  }

  private static Object component(Record r, RecordComponent c) {
    try {
      var accessor = c.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(r);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /**
   * {@code r} with component {@code index} replaced, built by its canonical constructor; null when
   * the constructor rejects the value (or the value does not fit the component's type).
   */
  static Record with(Record r, int index, Object value) {
    RecordComponent[] c = r.getClass().getRecordComponents();
    Class<?>[] types = new Class<?>[c.length];
    Object[] args = new Object[c.length];
    for (int i = 0; i < c.length; i++) {
      types[i] = c[i].getType();
      args[i] = i == index ? value : component(r, c[i]);
    }
    if (value != null && !box(types[index]).isInstance(value)) {
      return null;
    }
    if (value == null && types[index].isPrimitive()) {
      return null;
    }
    try {
      Constructor<?> k = r.getClass().getDeclaredConstructor(types);
      k.setAccessible(true);
      return (Record) k.newInstance(args);
    } catch (InvocationTargetException e) {
      return null; // the record's own checks refused the value
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static Class<?> box(Class<?> t) {
    if (!t.isPrimitive()) {
      return t;
    }
    if (t == int.class) {
      return Integer.class;
    }
    if (t == long.class) {
      return Long.class;
    }
    if (t == short.class) {
      return Short.class;
    }
    if (t == byte.class) {
      return Byte.class;
    }
    if (t == boolean.class) {
      return Boolean.class;
    }
    return t;
  }
}
