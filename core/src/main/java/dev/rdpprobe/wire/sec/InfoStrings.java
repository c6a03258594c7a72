package dev.rdpprobe.wire.sec;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Utf16;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The strings of the Info Packet: UTF-16LE with INFO_UNICODE, else one byte per character
 * (ISO-8859-1 here, so that every byte value survives a round trip).
 */
final class InfoStrings {
  private InfoStrings() {}

  /** The bytes of {@code s} in this encoding. */
  static int byteLength(String s, boolean unicode) {
    return unicode ? 2 * s.length() : s.length();
  }

  /** The bytes of the NUL terminator in this encoding. */
  static int terminatorSize(boolean unicode) {
    return unicode ? 2 : 1;
  }

  /** Whether {@code s} can be written in this encoding. */
  static boolean encodable(String s, boolean unicode) {
    if (unicode) {
      return true;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads a length field of 16 bits and checks it against {@code max} and, for UTF-16, that it is
   * even.
   */
  static int readLength(ByteBuf in, int max, boolean unicode, String pdu, String field) {
    int offset = in.readerIndex();
    Wire.ensure(in, 2, pdu, field);
    int cb = in.readUnsignedShortLE();
    if (cb > max) {
      throw new DecodeException(
          DecodeException.Kind.TOO_LARGE, pdu, field, offset, cb, "at most " + max);
    }
    if (unicode && cb % 2 != 0) {
      throw Wire.invalid(pdu, field, offset, cb, "an even number (UTF-16)");
    }
    return cb;
  }

  /** Reads {@code cb} bytes of text. */
  static String read(ByteBuf in, int cb, boolean unicode, String pdu, String field) {
    if (unicode) {
      return Utf16.read(in, cb / 2, pdu, field);
    }
    Wire.ensure(in, cb, pdu, field);
    return in.readCharSequence(cb, StandardCharsets.ISO_8859_1).toString();
  }

  /** Reads the NUL terminator after a string and checks it is NUL. */
  static void readTerminator(ByteBuf in, boolean unicode, String pdu, String field) {
    int size = terminatorSize(unicode);
    int offset = in.readerIndex();
    if (!in.isReadable(size)) {
      Wire.ensure(in, size, pdu, field + " terminator");
    }
    int got = unicode ? in.readUnsignedShortLE() : in.readUnsignedByte();
    if (got != 0) {
      throw Wire.invalid(pdu, field + " terminator", offset, got, "0 (NUL)");
    }
  }

  /** Writes the text of {@code s}, without a terminator. */
  static void write(ByteBuf out, String s, boolean unicode) {
    if (unicode) {
      Utf16.write(out, s);
    } else {
      out.writeCharSequence(s, StandardCharsets.ISO_8859_1);
    }
  }

  /** Writes the NUL terminator. */
  static void writeTerminator(ByteBuf out, boolean unicode) {
    out.writeZero(terminatorSize(unicode));
  }
}
