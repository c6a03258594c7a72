package dev.rdpprobe.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;

/**
 * An immutable byte string with value equality, for PDU fields that are opaque bytes (routing
 * tokens, correlation ids, user data). Records hold {@code Octets} instead of {@code byte[]} so
 * that {@code equals} compares contents and round-trip tests mean something.
 */
public final class Octets {
  /** The empty byte string. */
  public static final Octets EMPTY = new Octets(new byte[0]);

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final byte[] bytes;

  private Octets(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of {@code bytes}. */
  /** {@code n} zero octets. */
  public static Octets zeros(int n) {
    return n == 0 ? EMPTY : new Octets(new byte[n]);
  }

  public static Octets of(byte... bytes) {
    return bytes.length == 0 ? EMPTY : new Octets(bytes.clone());
  }

  /** Takes ownership of {@code bytes}; the caller must not change them afterwards. */
  static Octets wrap(byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new Octets(bytes);
  }

  /**
   * The encoding of {@code pdu}: exactly {@link Pdu#size()} bytes.
   *
   * @throws IllegalStateException if the PDU writes another number of bytes than its size
   */
  public static Octets encode(Pdu pdu) {
    byte[] bytes = new byte[pdu.size()];
    ByteBuf out = Unpooled.wrappedBuffer(bytes);
    out.writerIndex(0);
    pdu.encode(out);
    if (out.writerIndex() != bytes.length) {
      throw new IllegalStateException(
          pdu.name() + ": size() is " + bytes.length + " but encode wrote " + out.writerIndex());
    }
    return wrap(bytes);
  }

  /** Reads {@code n} bytes after checking they are there. */
  public static Octets read(ByteBuf buf, int n, String pdu, String field) {
    return n == 0 ? EMPTY : wrap(Wire.readBytes(buf, n, pdu, field));
  }

  /** Parses hex digits; whitespace is ignored. */
  public static Octets fromHex(CharSequence hex) {
    StringBuilder digits = new StringBuilder(hex.length());
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (!Character.isWhitespace(c)) {
        digits.append(c);
      }
    }
    if (digits.length() % 2 != 0) {
      throw new IllegalArgumentException("odd number of hex digits: " + digits.length());
    }
    byte[] out = new byte[digits.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(digits.charAt(2 * i), 16);
      int lo = Character.digit(digits.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException("not a hex digit at " + (2 * i));
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return wrap(out);
  }

  /** The number of bytes. */
  public int length() {
    return bytes.length;
  }

  /** The little-endian 32-bit value of the four bytes from {@code index}. */
  public int getIntLE(int index) {
    return get(index) | get(index + 1) << 8 | get(index + 2) << 16 | get(index + 3) << 24;
  }

  /** The byte at {@code index}, 0 to 255. */
  public int get(int index) {
    return bytes[index] & 0xFF;
  }

  /** A copy of the bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /**
   * A read-only buffer over the bytes, without copying them: for decoding a field that holds an
   * encoded structure (the GCC data inside an MCS Connect PDU). It needs no release.
   */
  public ByteBuf asByteBuf() {
    return Unpooled.wrappedBuffer(bytes).asReadOnly();
  }

  /** Writes the bytes at the buffer's writer index. */
  public void writeTo(ByteBuf out) {
    out.writeBytes(bytes);
  }

  /** Lower-case hex, no separators. */
  public String toHex() {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
      out[2 * i + 1] = HEX[bytes[i] & 0xF];
    }
    return new String(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Octets other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
