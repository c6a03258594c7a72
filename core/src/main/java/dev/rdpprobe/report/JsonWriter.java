package dev.rdpprobe.report;

import java.util.Map;

/**
 * Writes {@link JsonValue}s as compact JSON text (RFC 8259): no whitespace between tokens, members
 * in their order. Strings escape exactly what section 7 requires, and in the short form where there
 * is one: {@code \"}, {@code \\}, {@code \b}, {@code \f}, {@code \n}, {@code \r}, {@code \t}, and
 * every other control character U+0000 to U+001F as {@code \}{@code u00XX} with upper-case hex.
 * Nothing else is escaped: not {@code /}, not U+007F, not non-ASCII characters (the text is
 * Unicode; encode it as UTF-8 per section 8.1).
 */
public final class JsonWriter {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private JsonWriter() {}

  /** {@code value} as compact JSON text. */
  public static String write(JsonValue value) {
    StringBuilder out = new StringBuilder(256);
    write(value, out);
    return out.toString();
  }

  /** Appends {@code value} as compact JSON text to {@code out}. */
  public static void write(JsonValue value, StringBuilder out) {
    if (value instanceof JsonObject o) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonValue> m : o.members().entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(m.getKey(), out);
        out.append(':');
        write(m.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof JsonArray a) {
      out.append('[');
      for (int i = 0; i < a.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(a.get(i), out);
      }
      out.append(']');
    } else if (value instanceof JsonString s) {
      string(s.value(), out);
    } else if (value instanceof JsonNumber n) {
      out.append(n.value() instanceof Double d ? Double.toString(d) : n.value().toString());
    } else if (value instanceof JsonBoolean b) {
      out.append(b.value() ? "true" : "false");
    } else {
      out.append("null");
    }
  }

  /** Appends {@code s} as a JSON string: quoted, escaped as the class says. */
  public static void string(String s, StringBuilder out) {
    out.append('"');
    int plain = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      out.append(s, plain, i);
      plain = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    out.append(s, plain, s.length()).append('"');
  }
}
