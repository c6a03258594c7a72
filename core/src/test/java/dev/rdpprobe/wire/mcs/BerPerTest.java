package dev.rdpprobe.wire.mcs;

import static dev.rdpprobe.wire.WireVectors.assertError;
import static dev.rdpprobe.wire.WireVectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.DecodeException.Kind;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.WireVectors;
import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The BER and ALIGNED PER helpers of the MCS and GCC codecs. */
class BerPerTest {

  private static String written(Consumer<ByteBuf> writer) {
    ByteBuf out = WireVectors.ALLOC.buffer();
    try {
      writer.accept(out);
      byte[] bytes = new byte[out.readableBytes()];
      out.readBytes(bytes);
      return WireVectors.toHex(bytes);
    } finally {
      out.release();
    }
  }

  private static <T> T read(String hex, Function<ByteBuf, T> reader) {
    ByteBuf in = hex(hex);
    try {
      T value = reader.apply(in);
      assertFalse(in.isReadable(), "bytes left reading " + hex);
      return value;
    } finally {
      in.release();
    }
  }

  private static DecodeException fails(String hex, Function<ByteBuf, ?> reader) {
    ByteBuf in = hex(hex);
    try {
      return assertThrows(DecodeException.class, () -> reader.apply(in));
    } finally {
      in.release();
    }
  }

  // --- BER ------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} in {1}: {2}")
  @CsvSource({
    "0, X690, 00",
    "127, X690, 7f",
    "128, X690, 81 80",
    "255, X690, 81 ff",
    "256, X690, 82 01 00",
    "65535, X690, 82 ff ff",
    "127, LONG_LENGTHS, 7f",
    "128, LONG_LENGTHS, 82 00 80",
    "255, LONG_LENGTHS, 82 00 ff",
    "256, LONG_LENGTHS, 82 01 00"
  })
  void berLengthForms(int length, BerStyle style, String hex) {
    assertEquals(hex, written(out -> Ber.writeLength(out, length, style)));
    assertEquals(hex.split(" ").length, Ber.lengthSize(length, style));
  }

  @ParameterizedTest(name = "{0} in {1}: {2}")
  @CsvSource({
    "0, X690, 02 01 00",
    "127, X690, 02 01 7f",
    "128, X690, 02 02 00 80",
    "128, UNSIGNED_INTEGERS, 02 01 80",
    "1056, X690, 02 02 04 20",
    "65535, X690, 02 03 00 ff ff",
    "65535, UNSIGNED_INTEGERS, 02 02 ff ff",
    "64535, UNSIGNED_INTEGERS, 02 02 fc 17",
    "65528, X690, 02 03 00 ff f8",
    "2147483647, X690, 02 04 7f ff ff ff"
  })
  void berIntegerForms(int value, BerStyle style, String hex) {
    assertEquals(hex, written(out -> Ber.writeInteger(out, Ber.TAG_INTEGER, value, style)));
    assertEquals(hex.split(" ").length, Ber.integerSize(value, style));
    // read back: the reader notes the unsigned form only where it shows
    ByteBuf in = hex(hex);
    try {
      Ber.Reader r = new Ber.Reader(in, "test");
      assertEquals(value, r.readInteger(Ber.TAG_INTEGER, "value"));
      boolean styleMatters = Ber.integerDependsOnStyle(value);
      assertEquals(
          styleMatters && style.unsignedIntegers(), r.style().unsignedIntegers(), "style seen");
    } finally {
      in.release();
    }
  }

  @Test
  void berReaderSeesLongLengths() {
    Ber.Reader r =
        read(
            "04 82 00 80 " + "00 ".repeat(128),
            in -> {
              Ber.Reader reader = new Ber.Reader(in, "test");
              assertEquals(Octets.of(new byte[128]), reader.readOctetString("s", 255));
              return reader;
            });
    assertEquals(BerStyle.LONG_LENGTHS, r.style());
  }

  @Test
  void berLengthErrors() {
    DecodeException indefinite =
        fails("04 80 00 00", in -> new Ber.Reader(in, "test").readOctetString("s", 10));
    assertError(indefinite, Kind.INVALID_FIELD, "test", "s length", 1);
    DecodeException fourOctets =
        fails("04 83 00 00 01 00", in -> new Ber.Reader(in, "test").readOctetString("s", 10));
    assertError(fourOctets, Kind.INVALID_FIELD, "test", "s length", 1);
    DecodeException short_ =
        fails("04 05 00 00", in -> new Ber.Reader(in, "test").readOctetString("s", 10));
    assertError(short_, Kind.NOT_ENOUGH_BYTES, "test", "s", 2);
    assertEquals(2, short_.received());
    DecodeException capped =
        fails("04 03 00 00 00", in -> new Ber.Reader(in, "test").readOctetString("s", 2));
    assertError(capped, Kind.TOO_LARGE, "test", "s length", 1);
  }

  @Test
  void berNestedLengthsStayInsideTheirSequence() {
    // a SEQUENCE of 3 content bytes holding an OCTET STRING that claims 4
    DecodeException e =
        fails(
            "30 03 04 04 00 00 00 00",
            in -> {
              Ber.Reader r = new Ber.Reader(in, "test");
              r.enter(Ber.TAG_SEQUENCE, "seq", Kind.INVALID_FIELD);
              return r.readOctetString("s", 10);
            });
    assertError(e, Kind.INVALID_FIELD, "test", "s length", 3);
    assertEquals("at most 1 (the enclosing value)", e.expected());
  }

  @Test
  void berIntegerErrors() {
    assertError(
        fails("02 00", in -> new Ber.Reader(in, "t").readInteger(Ber.TAG_INTEGER, "v")),
        Kind.INVALID_FIELD,
        "t",
        "v length",
        1);
    assertError(
        fails(
            "02 05 00 ff ff ff ff",
            in -> new Ber.Reader(in, "t").readInteger(Ber.TAG_INTEGER, "v")),
        Kind.TOO_LARGE,
        "t",
        "v length",
        1);
    assertError(
        fails("02 04 ff ff ff ff", in -> new Ber.Reader(in, "t").readInteger(Ber.TAG_INTEGER, "v")),
        Kind.TOO_LARGE,
        "t",
        "v",
        2);
    assertError(
        fails("0a 01 00", in -> new Ber.Reader(in, "t").readInteger(Ber.TAG_INTEGER, "v")),
        Kind.INVALID_FIELD,
        "t",
        "v",
        0);
  }

  @Test
  void berBooleanIsTrueForAnyNonZeroOctet() {
    assertEquals(true, read("01 01 01", in -> new Ber.Reader(in, "t").readBoolean("b")));
    assertEquals(false, read("01 01 00", in -> new Ber.Reader(in, "t").readBoolean("b")));
    assertError(
        fails("01 02 ff ff", in -> new Ber.Reader(in, "t").readBoolean("b")),
        Kind.INVALID_FIELD,
        "t",
        "b length",
        1);
  }

  @Test
  void berNestingIsCapped() {
    String deep = "30 0a 30 08 30 06 30 04 30 02 30 00";
    DecodeException e =
        fails(
            deep,
            in -> {
              Ber.Reader r = new Ber.Reader(in, "t");
              for (int i = 0; i < 6; i++) {
                r.enter(Ber.TAG_SEQUENCE, "s" + i, Kind.INVALID_FIELD);
              }
              return r;
            });
    assertEquals(Kind.TOO_LARGE, e.kind());
    assertEquals("s4", e.field());
  }

  // --- PER ------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource({
    "0, SHORTEST, 00",
    "127, SHORTEST, 7f",
    "128, SHORTEST, 80 80",
    "16383, SHORTEST, bf ff",
    "36, TWO_OCTETS, 80 24",
    "0, TWO_OCTETS, 80 00"
  })
  void perLengths(int length, LengthForm form, String hex) {
    assertEquals(hex, written(out -> Per.writeLength(out, length, form)));
    assertEquals(length, (int) read(hex, in -> Per.readLength(in, "t", "len")));
    ByteBuf in = hex(hex);
    try {
      assertEquals(
          hex.length() > 2 ? LengthForm.TWO_OCTETS : LengthForm.SHORTEST, Per.peekLengthForm(in));
    } finally {
      in.release();
    }
  }

  @Test
  void perFragmentedLengthIsRejected() {
    assertError(
        fails("c1 00", in -> Per.readLength(in, "t", "len")), Kind.INVALID_FIELD, "t", "len", 0);
    assertThrows(IllegalArgumentException.class, () -> Per.lengthSize(16384, LengthForm.SHORTEST));
  }

  @Test
  void perIntegers() {
    assertEquals("00 06", written(out -> Per.writeInteger16(out, 1007, 1001)));
    assertEquals(1007, (int) read("00 06", in -> Per.readInteger16(in, 1001, "t", "id")));
    assertEquals("01 00", written(out -> Per.writeInteger(out, 0)));
    assertEquals("02 01 00", written(out -> Per.writeInteger(out, 256)));
    assertEquals(0x10000, (int) read("03 01 00 00", in -> Per.readInteger(in, "t", "i")));
    assertError(
        fails("00", in -> Per.readInteger(in, "t", "i")), Kind.INVALID_FIELD, "t", "i length", 0);
    assertError(
        fails("05 00 00 00 00 01", in -> Per.readInteger(in, "t", "i")),
        Kind.TOO_LARGE,
        "t",
        "i length",
        0);
  }

  @Test
  void perObjectIdentifierOfT124() {
    int[] t124 = {0, 0, 20, 124, 0, 1};
    assertEquals("05 00 14 7c 00 01", written(out -> Per.writeObjectIdentifier(out, t124)));
    assertArrayEquals(
        t124, read("05 00 14 7c 00 01", in -> Per.readObjectIdentifier(in, "t", "oid")));
    // arcs above 127 take several octets
    int[] big = {1, 2, 840, 113549};
    String hex = written(out -> Per.writeObjectIdentifier(out, big));
    assertEquals("06 2a 86 48 86 f7 0d", hex);
    assertArrayEquals(big, read(hex, in -> Per.readObjectIdentifier(in, "t", "oid")));
    assertError(
        fails("02 00 86", in -> Per.readObjectIdentifier(in, "t", "oid")),
        Kind.INVALID_FIELD,
        "t",
        "oid",
        2);
  }

  @Test
  void perNumericStrings() {
    assertEquals("00 10", written(out -> Per.writeNumericString(out, "1", 1)));
    assertEquals("1", read("00 10", in -> Per.readNumericString(in, 1, "t", "name")));
    assertEquals("01 12", written(out -> Per.writeNumericString(out, "12", 1)));
    assertEquals("12", read("01 12", in -> Per.readNumericString(in, 1, "t", "name")));
    assertError(
        fails("00 a0", in -> Per.readNumericString(in, 1, "t", "name")),
        Kind.INVALID_FIELD,
        "t",
        "name",
        1);
    assertError(
        fails("00 11", in -> Per.readNumericString(in, 1, "t", "name")),
        Kind.INVALID_FIELD,
        "t",
        "name padding",
        1);
  }

  @Test
  void perConstrainedOctetString() {
    assertEquals(
        "00 44 75 63 61",
        written(out -> Per.writeOctetString(out, Octets.fromHex("44756361"), 4, 255)));
    assertEquals(
        Octets.fromHex("44756361"),
        read("00 44 75 63 61", in -> Per.readOctetString(in, 4, 255, "t", "key")));
    assertError(
        fails("fd 00", in -> Per.readOctetString(in, 4, 255, "t", "key")),
        Kind.INVALID_FIELD,
        "t",
        "key length",
        0);
  }
}
