package dev.rdpprobe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON writer: RFC 8259 text, compact, strings escaped as its section 7 requires. */
class JsonWriterTest {
  private static String string(String s) {
    return new JsonString(s).toJson();
  }

  @Test
  void escapesWhatSection7RequiresInTheShortFormWhereThereIsOne() {
    assertEquals("\"a\\\"b\\\\c\"", string("a\"b\\c"));
    assertEquals("\"\\b\\f\\n\\r\\t\"", string("\b\f\n\r\t"));
    assertEquals("\"\\u0000\\u0001\\u001F\\u000B\\u001B\"", string("\0\u0001\u001f\u000b\u001b"));
  }

  @Test
  void escapesNothingElse() {
    String plain = "/ \u007f é € \u2028 \ud83d\ude00 \ud800 <>&'";
    assertEquals("\"" + plain + "\"", string(plain));
    assertEquals("\"\"", string(""));
  }

  /**
   * Every UTF-16 code unit: the written string reads back as the same characters (by section 7's
   * grammar), holds no raw control character, and escapes exactly the characters below U+0020, the
   * quotation mark and the reverse solidus.
   */
  @Test
  void everyCharacterReadsBack() {
    for (int c = 0; c <= 0xFFFF; c++) {
      String s = "x" + (char) c + "y";
      String json = string(s);
      assertEquals(s, unescape(json), "U+" + Integer.toHexString(c));
      assertTrue(json.chars().noneMatch(ch -> ch < 0x20), "U+" + Integer.toHexString(c));
      boolean escaped = c < 0x20 || c == '"' || c == '\\';
      assertEquals(escaped, json.length() > s.length() + 2, "U+" + Integer.toHexString(c));
    }
  }

  @Test
  void numbersAreIntegersOrFiniteDoubles() {
    assertEquals("0", JsonNumber.of(0).toJson());
    assertEquals("-9223372036854775808", JsonNumber.of(Long.MIN_VALUE).toJson());
    assertEquals("4294967295", JsonNumber.of(0xFFFFFFFFL).toJson());
    assertEquals("12.345", JsonNumber.of(12.345).toJson());
    assertEquals("0.0", JsonNumber.of(0.0).toJson());
    assertEquals("1.0E7", JsonNumber.of(1e7).toJson());
    assertEquals("1.0E-4", JsonNumber.of(0.0001).toJson());
    assertEquals(JsonNumber.of(7), new JsonNumber(Integer.valueOf(7)), "an int is a long");
    assertTrue(JsonNumber.of(7).isIntegral());
    assertFalse(JsonNumber.of(7.0).isIntegral());
    for (double bad :
        new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      assertThrows(IllegalArgumentException.class, () -> JsonNumber.of(bad));
    }
    assertThrows(IllegalArgumentException.class, () -> new JsonNumber(1.5f));
    assertThrows(
        IllegalArgumentException.class, () -> new JsonNumber(java.math.BigInteger.valueOf(1)));
  }

  @Test
  void objectsKeepTheirMembersInOrderAndWriteCompactly() {
    JsonObject o =
        JsonObject.builder()
            .put("z", 1)
            .put("a", "x")
            .put("m", true)
            .put("n", (String) null)
            .put("k", (Number) null)
            .put("d", 0.5)
            .put("arr", JsonArray.builder().add(1).add("s").add(false).add((Number) null).build())
            .put("empty", JsonObject.EMPTY)
            .put("none", JsonArray.EMPTY)
            .build();
    assertEquals(
        "{\"z\":1,\"a\":\"x\",\"m\":true,\"n\":null,\"k\":null,\"d\":0.5,"
            + "\"arr\":[1,\"s\",false,null],\"empty\":{},\"none\":[]}",
        o.toJson());
    assertEquals(List.of("z", "a", "m", "n", "k", "d", "arr", "empty", "none"), keys(o));
    assertEquals(JsonNull.NULL, o.get("n"));
    assertTrue(o.has("n"));
    assertFalse(o.has("missing"));
    assertEquals(o.toJson(), o.toString());
  }

  @Test
  void namesAreEscapedAndUnique() {
    assertEquals("{\"a\\\"\\n\":0}", JsonObject.builder().put("a\"\n", 0).build().toJson());
    JsonObject.Builder b = JsonObject.builder().put("a", 1);
    assertThrows(IllegalArgumentException.class, () -> b.put("a", 2));
  }

  @Test
  void aBuilderStartsOverAfterBuild() {
    JsonObject.Builder b = JsonObject.builder().put("a", 1);
    JsonObject first = b.build();
    JsonObject second = b.put("a", 2).build();
    assertEquals("{\"a\":1}", first.toJson());
    assertEquals("{\"a\":2}", second.toJson());
  }

  @Test
  void valuesAreImmutable() {
    JsonArray a = JsonArray.ofStrings(Arrays.asList("x", null));
    assertEquals("[\"x\",null]", a.toJson());
    assertThrows(UnsupportedOperationException.class, () -> a.elements().add(JsonNull.NULL));
    JsonObject o = JsonObject.builder().put("a", 1).build();
    assertThrows(UnsupportedOperationException.class, () -> o.members().put("b", JsonNull.NULL));
  }

  private static List<String> keys(JsonObject o) {
    return List.copyOf(o.members().keySet());
  }

  /** Reads a JSON string token back (RFC 8259 section 7), refusing anything else. */
  static String unescape(String json) {
    assertTrue(json.length() >= 2 && json.startsWith("\"") && json.endsWith("\""), json);
    StringBuilder b = new StringBuilder();
    for (int i = 1; i < json.length() - 1; i++) {
      char c = json.charAt(i);
      assertFalse(c == '"', "an unescaped quotation mark in " + json);
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = json.charAt(++i);
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          b.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> throw new AssertionError("bad escape \\" + e + " in " + json);
      }
    }
    return b.toString();
  }
}
