package dev.rdpprobe.cli;

import dev.rdpprobe.wire.Octets;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A decoded PDU as an indented tree of its fields, for {@code -v}: one line per field, named as the
 * record names it (the specifications' field names), numbers in decimal and hex, a code or a flag
 * set by its names and its value, bytes in hex. What a record does not hold as a field (a constant,
 * a derived value) is not shown.
 */
final class FieldTree {
  /** Deeper than this, a value is shown on one line. */
  private static final int MAX_DEPTH = 10;

  /** Of a longer list, the first elements are shown and the rest counted. */
  private static final int MAX_ELEMENTS = 64;

  /** Of longer bytes, the first are shown and the rest counted ({@code -x} shows them all). */
  private static final int MAX_BYTES = 64;

  private final StringBuilder out = new StringBuilder();

  private FieldTree() {}

  /** The tree of {@code value}, each line starting with {@code indent}. */
  static String render(Object value, String indent) {
    FieldTree t = new FieldTree();
    t.fields(value, indent, 0);
    return t.out.toString();
  }

  private void fields(Object value, String indent, int depth) {
    if (value instanceof Record r && depth < MAX_DEPTH) {
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        Object v;
        try {
          c.getAccessor().setAccessible(true);
          v = c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException | RuntimeException e) {
          v = "(unreadable: " + e + ")";
        }
        field(c.getName(), v, indent, depth);
      }
    } else {
      line(indent, oneLine(value));
    }
  }

  private void field(String name, Object v, String indent, int depth) {
    if (v instanceof Optional<?> o) {
      v = o.orElse(null);
    }
    if (isComposite(v) && depth + 1 < MAX_DEPTH) {
      line(indent, name + ": " + head(v));
      children(v, indent + "  ", depth + 1);
    } else {
      line(indent, name + ": " + oneLine(v));
    }
  }

  private void children(Object v, String indent, int depth) {
    if (v instanceof Record) {
      fields(v, indent, depth);
    } else if (v instanceof Collection<?> c) {
      int i = 0;
      for (Object e : c) {
        if (i == MAX_ELEMENTS) {
          line(indent, "... " + (c.size() - MAX_ELEMENTS) + " more");
          break;
        }
        field("[" + i++ + "]", e, indent, depth);
      }
    } else if (v instanceof Map<?, ?> m) {
      int i = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (i++ == MAX_ELEMENTS) {
          line(indent, "... " + (m.size() - MAX_ELEMENTS) + " more");
          break;
        }
        field(String.valueOf(e.getKey()), e.getValue(), indent, depth);
      }
    }
  }

  /** A record with more than its one number, or a non-empty list: shown as a subtree. */
  private static boolean isComposite(Object v) {
    if (v instanceof Record r) {
      return wrappedNumber(r) == null;
    }
    return (v instanceof Collection<?> c && !c.isEmpty())
        || (v instanceof Map<?, ?> m && !m.isEmpty());
  }

  /** What a subtree's own line says after its name. */
  private static String head(Object v) {
    if (v instanceof Collection<?> c) {
      return c.size() + (c.size() == 1 ? " element" : " elements");
    }
    if (v instanceof Map<?, ?> m) {
      return m.size() + (m.size() == 1 ? " entry" : " entries");
    }
    String type = v.getClass().getSimpleName();
    return v instanceof dev.rdpprobe.wire.Pdu p ? type + " (" + p.name() + ")" : type;
  }

  /**
   * The number a code or flag record wraps ({@code SecurityProtocols(int bits)}, {@code
   * ErrorInfo(int value)}), or null for any other record.
   */
  private static Number wrappedNumber(Record r) {
    RecordComponent[] cs = r.getClass().getRecordComponents();
    if (cs.length != 1 || !isIntegral(cs[0].getType())) {
      return null;
    }
    try {
      cs[0].getAccessor().setAccessible(true);
      return (Number) cs[0].getAccessor().invoke(r);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static boolean isIntegral(Class<?> t) {
    return t == int.class || t == long.class || t == short.class || t == byte.class;
  }

  /** A value on one line: decimal and hex for numbers of 10 and up. */
  private static String oneLine(Object v) {
    if (v == null) {
      return "(absent)";
    }
    if (v instanceof Record r) {
      Number n = wrappedNumber(r);
      if (n != null) {
        // a code or a flag set: its names, then its value
        long u = unsigned(n);
        return r + " (" + (u >= 0 && u < 10 ? Long.toString(u) : hex(u) + " = " + u) + ")";
      }
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      long u = unsigned((Number) v);
      return u >= 0 && u < 10 ? Long.toString(u) : u + " (" + hex(u) + ")";
    }
    if (v instanceof byte[] b) {
      return bytes(b);
    }
    if (v instanceof Octets o) {
      return bytes(o.toByteArray());
    }
    if (v instanceof String s) {
      return "\"" + s + "\"";
    }
    if (v instanceof Enum<?> e) {
      return e.name();
    }
    if (v instanceof char[] c) {
      return "(" + c.length + " characters, not shown)";
    }
    return String.valueOf(v);
  }

  /** A field's value as the unsigned number the wire carries. */
  private static long unsigned(Number n) {
    long v = n.longValue();
    return n instanceof Byte
        ? v & 0xFF
        : n instanceof Short ? v & 0xFFFF : n instanceof Integer ? v & 0xFFFFFFFFL : v;
  }

  private static String hex(long v) {
    return "0x" + Long.toHexString(v).toUpperCase(Locale.ROOT);
  }

  private static String bytes(byte[] b) {
    if (b.length == 0) {
      return "(0 bytes)";
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(b.length, MAX_BYTES); i++) {
      s.append(String.format(Locale.ROOT, "%02x", b[i] & 0xFF));
    }
    return s
        + " ("
        + b.length
        + " bytes"
        + (b.length > MAX_BYTES ? ", the first " + MAX_BYTES + " shown" : "")
        + ")";
  }

  private void line(String indent, String text) {
    out.append(indent).append(text).append(System.lineSeparator());
  }

  /** For tests: the lines of a tree. */
  static List<String> lines(Object value) {
    return render(value, "").lines().toList();
  }
}
