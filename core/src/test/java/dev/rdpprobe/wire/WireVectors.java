package dev.rdpprobe.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Test vectors for the wire codecs: one (value, bytes) pair gives the encode, decode and size
 * checks (ARCHITECTURE.md, Rules: every decoder is tested three ways), with a hex diff when bytes
 * differ.
 *
 * <p>Use {@link #vector} in a {@code @MethodSource} and {@link #assertVector} in a
 * {@code @ParameterizedTest}, or the single checks on their own. Every buffer comes from {@link
 * #ALLOC}, a pooled allocator, so Netty's leak detector (paranoid in the test run) sees every one;
 * the helpers release what they allocate, and callers release what {@link #hex} and {@link #buffer}
 * return.
 */
public final class WireVectors {
  private WireVectors() {}

  /** The allocator of every test buffer: pooled, so the leak detector tracks each one. */
  public static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;

  /**
   * The repository's {@code testdata/} directory. Surefire runs in the module directory ({@code
   * core/}), so it is one level up.
   */
  public static final Path TESTDATA = Path.of("..", "testdata");

  /** Bytes that stand for the start of the next packet in a stream, e.g. a TPKT header. */
  public static final byte[] NEXT_PACKET = bytes("03 00 00 0c 02 f0 80");

  /**
   * A value and its encoding.
   *
   * @param source where the bytes come from (a specification section, a capture, a tool); shown as
   *     the parameterized test's name
   * @param value the decoded value
   * @param bytes the encoding
   * @param decoder the static {@code decode} of the value's type
   */
  public record Vector<T extends Pdu>(
      String source, T value, byte[] bytes, Function<ByteBuf, ? extends T> decoder) {
    public Vector {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(value, "value");
      bytes = bytes.clone();
      Objects.requireNonNull(decoder, "decoder");
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public String toString() {
      return source;
    }
  }

  /** A vector from hex text (pairs of hex digits, whitespace ignored). */
  public static <T extends Pdu> Vector<T> vector(
      String source, T value, String hex, Function<ByteBuf, ? extends T> decoder) {
    return new Vector<>(source, value, bytes(hex), decoder);
  }

  /** A vector from raw bytes, e.g. read with {@link #loadHexFile}. */
  public static <T extends Pdu> Vector<T> vector(
      String source, T value, byte[] bytes, Function<ByteBuf, ? extends T> decoder) {
    return new Vector<>(source, value, bytes, decoder);
  }

  // --- hex input ------------------------------------------------------------------------------

  /**
   * A new buffer holding the bytes the hex text spells; the caller releases it.
   *
   * @param hex pairs of hex digits; whitespace is ignored
   */
  public static ByteBuf hex(String hex) {
    return buffer(bytes(hex));
  }

  /** A new buffer holding a copy of {@code bytes}; the caller releases it. */
  public static ByteBuf buffer(byte[] bytes) {
    ByteBuf buf = ALLOC.buffer(bytes.length);
    buf.writeBytes(bytes);
    return buf;
  }

  /** The bytes the hex text spells: pairs of hex digits, whitespace ignored. */
  public static byte[] bytes(String hex) {
    StringBuilder digits = new StringBuilder(hex.length());
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (!Character.isWhitespace(c)) {
        digits.append(c);
      }
    }
    return parseDigits(digits, "hex text");
  }

  /**
   * Reads a test data file: lines whose first non-blank character is {@code #} are comments, the
   * others hold pairs of hex digits separated by whitespace.
   *
   * @throws IllegalArgumentException naming the line of a token that is not two hex digits
   */
  public static byte[] loadHexFile(Path path) {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read test data " + path.toAbsolutePath(), e);
    }
    StringBuilder digits = new StringBuilder();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      for (String token : line.split("\\s+")) {
        if (token.length() != 2) {
          throw new IllegalArgumentException(
              path + ":" + (n + 1) + ": expected a pair of hex digits, got '" + token + "'");
        }
        digits.append(token);
      }
    }
    return parseDigits(digits, path.toString());
  }

  /** Reads {@code testdata/<relative>} with {@link #loadHexFile}. */
  public static byte[] testdata(String relative) {
    return loadHexFile(TESTDATA.resolve(relative));
  }

  private static byte[] parseDigits(CharSequence digits, String what) {
    if (digits.length() % 2 != 0) {
      throw new IllegalArgumentException(what + ": odd number of hex digits: " + digits.length());
    }
    byte[] out = new byte[digits.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(digits.charAt(2 * i), 16);
      int lo = Character.digit(digits.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException(
            what + ": not a hex digit in '" + digits.subSequence(2 * i, 2 * i + 2) + "'");
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return out;
  }

  /** {@code a} followed by {@code b}. */
  public static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  // --- the three checks of a vector -----------------------------------------------------------

  /** Encode, decode (alone and followed by the next packet) and size. */
  public static <T extends Pdu> void assertVector(Vector<T> v) {
    assertEncodes(v);
    assertDecodes(v);
    assertDecodesFromStream(v);
    assertSize(v);
  }

  /** {@code encode} writes exactly the vector's bytes. */
  public static <T extends Pdu> void assertEncodes(Vector<T> v) {
    assertBytes(v.bytes(), encode(v.value()), v.source() + ": encode");
  }

  /** {@code decode} of exactly the vector's bytes gives the value and consumes every byte. */
  public static <T extends Pdu> void assertDecodes(Vector<T> v) {
    assertEquals(v.value(), decodeAll(v.decoder(), v.bytes()), v.source() + ": decode");
  }

  /**
   * {@code decode} of a buffer that holds the vector and then the first bytes of the next packet
   * gives the value, consumes exactly the vector and leaves the next packet alone.
   */
  public static <T extends Pdu> void assertDecodesFromStream(Vector<T> v) {
    byte[] bytes = v.bytes();
    ByteBuf in = buffer(concat(bytes, NEXT_PACKET));
    try {
      T decoded = v.decoder().apply(in);
      assertEquals(v.value(), decoded, v.source() + ": decode with the next packet behind");
      assertEquals(
          bytes.length, in.readerIndex(), v.source() + ": bytes consumed with the next packet");
    } finally {
      in.release();
    }
  }

  /** {@code size()} equals the vector's length. */
  public static <T extends Pdu> void assertSize(Vector<T> v) {
    assertEquals(v.bytes().length, v.value().size(), v.source() + ": size()");
  }

  // --- round trips and failures ---------------------------------------------------------------

  /**
   * {@code decode(encode(value))} equals the value, and {@code size()} equals the bytes written.
   *
   * @return the encoding, for further checks
   */
  public static <T extends Pdu> byte[] assertRoundTrip(
      T value, Function<ByteBuf, ? extends T> decoder) {
    byte[] encoded = encode(value);
    assertEquals(value, decodeAll(decoder, encoded), () -> "round trip of " + value);
    return encoded;
  }

  /**
   * Encodes into a buffer of exactly {@code size()} bytes and checks that many were written.
   *
   * @return the bytes written
   */
  public static byte[] encode(Pdu pdu) {
    int size = pdu.size();
    ByteBuf out = ALLOC.buffer(size, size);
    try {
      pdu.encode(out);
      assertEquals(size, out.readableBytes(), () -> pdu.name() + ": size() against bytes written");
      byte[] bytes = new byte[out.readableBytes()];
      out.readBytes(bytes);
      return bytes;
    } finally {
      out.release();
    }
  }

  /** Decodes {@code bytes} and checks the decoder consumed every one. */
  public static <T> T decodeAll(Function<ByteBuf, ? extends T> decoder, byte[] bytes) {
    ByteBuf in = buffer(bytes);
    try {
      T value = decoder.apply(in);
      assertEquals(bytes.length, in.readerIndex(), () -> "bytes consumed decoding " + toHex(bytes));
      return value;
    } finally {
      in.release();
    }
  }

  /** Decoding {@code bytes} raises a {@link DecodeException} (and nothing else), returned. */
  public static DecodeException assertDecodeFails(
      Function<ByteBuf, ?> decoder, byte[] bytes, String what) {
    ByteBuf in = buffer(bytes);
    try {
      return assertThrows(DecodeException.class, () -> decoder.apply(in), what);
    } finally {
      in.release();
    }
  }

  /** Like {@link #assertDecodeFails(Function, byte[], String)} on hex text. */
  public static DecodeException assertDecodeFails(Function<ByteBuf, ?> decoder, String hex) {
    return assertDecodeFails(decoder, bytes(hex), hex);
  }

  /**
   * Every proper prefix of {@code bytes} (lengths 0 to n-1) fails with {@link
   * DecodeException.Kind#NOT_ENOUGH_BYTES}: a truncated PDU is never mistaken for a malformed one,
   * and never throws anything else.
   */
  public static void assertEveryPrefixNeedsMoreBytes(Function<ByteBuf, ?> decoder, byte[] bytes) {
    for (int n = 0; n < bytes.length; n++) {
      byte[] prefix = Arrays.copyOf(bytes, n);
      DecodeException e = assertDecodeFails(decoder, prefix, "prefix of " + n + " bytes");
      assertEquals(
          DecodeException.Kind.NOT_ENOUGH_BYTES,
          e.kind(),
          "prefix of " + n + " bytes: " + e.getMessage());
    }
  }

  /** Checks what and where of an error. */
  public static void assertError(
      DecodeException e, DecodeException.Kind kind, String pdu, String field, int offset) {
    String message = e.getMessage();
    assertEquals(kind, e.kind(), () -> "kind of: " + message);
    assertEquals(pdu, e.pdu(), () -> "pdu of: " + message);
    assertEquals(field, e.field(), () -> "field of: " + message);
    assertEquals(offset, e.offset(), () -> "offset of: " + message);
  }

  // --- hex output -----------------------------------------------------------------------------

  /** Lower-case hex, bytes separated by a space. */
  public static String toHex(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length * 3);
    for (int i = 0; i < bytes.length; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(String.format("%02x", bytes[i] & 0xFF));
    }
    return sb.toString();
  }

  /** Fails with a side-by-side hex dump, 16 bytes a line, if the arrays differ. */
  public static void assertBytes(byte[] expected, byte[] actual, String what) {
    if (!Arrays.equals(expected, actual)) {
      fail(what + ": " + hexDiff(expected, actual));
    }
  }

  /**
   * A side-by-side dump of two byte strings, 16 bytes a line, lines that differ marked with {@code
   * <<}, headed by the first offset that differs.
   */
  public static String hexDiff(byte[] expected, byte[] actual) {
    int first = Arrays.mismatch(expected, actual);
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            "bytes differ at offset %d (0x%x); expected %d bytes, got %d%n",
            first, first, expected.length, actual.length));
    sb.append(String.format("%-6s %-48s  %s%n", "offset", "expected", "actual"));
    int lines = (Math.max(expected.length, actual.length) + 15) / 16;
    for (int line = 0; line < lines; line++) {
      int from = line * 16;
      String e = row(expected, from);
      String a = row(actual, from);
      String text = String.format("%04x   %-48s  %-48s%s", from, e, a, e.equals(a) ? "" : "  <<");
      sb.append(text.stripTrailing()).append(System.lineSeparator());
    }
    return sb.toString();
  }

  private static String row(byte[] bytes, int from) {
    if (from >= bytes.length) {
      return "";
    }
    return toHex(Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + 16)));
  }
}
