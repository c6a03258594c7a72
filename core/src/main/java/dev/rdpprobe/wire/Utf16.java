package dev.rdpprobe.wire;

import io.netty.buffer.ByteBuf;

/**
 * UTF-16LE text as RDP sends it (client name, user name, directories): one Java {@code char} per
 * 16-bit code unit, with no charset decoding, so that unpaired surrogates and other ill-formed text
 * survive a decode and encode unchanged and nothing is replaced by U+FFFD.
 */
public final class Utf16 {
  private Utf16() {}

  /** Reads {@code units} code units after checking {@code 2 * units} bytes are there. */
  public static String read(ByteBuf in, int units, String pdu, String field) {
    Wire.ensure(in, 2 * units, pdu, field);
    char[] chars = new char[units];
    for (int i = 0; i < units; i++) {
      chars[i] = (char) in.readShortLE();
    }
    return new String(chars);
  }

  /**
   * Reads a fixed-size field of {@code size} bytes holding text up to its first NUL unit; the rest
   * of the field is skipped.
   */
  public static String readFixed(ByteBuf in, int size, String pdu, String field) {
    Wire.ensure(in, size, pdu, field);
    int start = in.readerIndex();
    int units = 0;
    while (units < size / 2 && in.getShortLE(start + 2 * units) != 0) {
      units++;
    }
    String s = read(in, units, pdu, field);
    in.readerIndex(start + size);
    return s;
  }

  /** Writes the code units of {@code s}: {@code 2 * s.length()} bytes. */
  public static void write(ByteBuf out, CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      out.writeShortLE(s.charAt(i));
    }
  }

  /** Writes {@code s} into a fixed-size field of {@code size} bytes, padded with NULs. */
  public static void writeFixed(ByteBuf out, CharSequence s, int size) {
    write(out, s);
    out.writeZero(size - 2 * s.length());
  }
}
